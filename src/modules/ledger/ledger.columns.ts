// The columns of each ledger sheet as a table: header (from LEDGER_HEADERS in contracts/ledger.ts),
// how its cell is read, and whether it is required (LEDGER_REQUIRED). A column whose reader depends on
// another column of the row (设置.值, 目标.确保/力争) has `read: null` and is read by its sheet.
import { LEDGER_HEADERS, LEDGER_REQUIRED, type LedgerSheetKey } from '../../contracts/ledger';
import { ACTIVITY_KIND_LABELS, TARGET_INDICATOR_LABELS, UNIT_KIND_LABELS } from '../../domain/labels';
import { STAGE_LEDGER_LABELS } from '../../domain/stages';
import { readCode, readCount, readDate, readPeriod, readText, readWan, type Read } from './ledger.cells';
import type { Checker } from './ledger.plan';
import type { Cell, RawRow, RawSheet } from './ledger.read';

/** "线索/在谈/…": the labels a coded column accepts, as the messages list them. */
export const choices = (labels: Readonly<Record<string, string>>): string => Object.values(labels).join('/');

export interface Column<T> {
  /** null: read by the sheet itself (the reader depends on another column) */
  read: ((c: Cell) => Read<T>) | null;
  /** added to 「不能为空」 of a required column */
  hint?: string;
}
const col = <T>(read: ((c: Cell) => Read<T>) | null, hint?: string): Column<T> => ({ read, hint });
const text = (max?: number, hint?: string) => col((c) => readText(c, max), hint);
const code = (max: number) => col((c) => readCode(c, max));
const wan = (unit: string) => col((c) => readWan(c, unit));

type Headers<K extends LedgerSheetKey> = (typeof LEDGER_HEADERS)[K][number];
type Spec<K extends LedgerSheetKey> = { [H in Headers<K>]: Column<unknown> };

export const LEDGER_COLUMNS = {
  settings: { 键: text(64), 值: col(null) },
  units: { 单位代码: code(32), 单位名称: text(100), 类型: text(undefined, `请填写 ${choices(UNIT_KIND_LABELS)}`) },
  targets: {
    年度: col((c) => readCount(c, '年度（如 2026）')),
    单位代码: code(32),
    指标: text(undefined, `请填写 ${choices(TARGET_INDICATOR_LABELS)}`),
    确保: col(null),
    力争: col(null),
  },
  projects: {
    项目编号: code(64),
    项目名称: text(200),
    承办单位代码: code(32),
    责任人: text(100),
    投资方: text(200),
    统一社会信用代码: text(40),
    投资方所在地: text(100),
    行业: text(100),
    项目类型: text(),
    '总投资(万元)': wan('万元'),
    '其中外资(万美元)': wan('万美元'),
    阶段: text(undefined, `请填写 ${choices(STAGE_LEDGER_LABELS)}`),
    签约日期: col(readDate),
    开工日期: col(readDate),
    投产日期: col(readDate),
  },
  funds: {
    项目编号: code(64),
    月份: col(readPeriod, '请按 YYYY-MM 填写，例如 2026-05'),
    '到位金额(万元)': wan('万元'),
    '其中外资(万美元)': wan('万美元'),
    状态: text(),
  },
  activities: {
    活动名称: text(200),
    类型: text(undefined, `请填写 ${choices(ACTIVITY_KIND_LABELS)}`),
    开始日期: col(readDate, '请按 YYYY-MM-DD 填写'),
    结束日期: col(readDate),
    目的地: text(200),
    组织单位代码: code(32),
    参加人次: col((c) => readCount(c, '参加人次')),
    签约项目编号: text(4000),
  },
  reserve: { 项目名称: text(200), 所在单位代码: code(32), 行业: text(100), '总投资(万元)': wan('万元'), 状态: text() },
} as const satisfies { [K in LedgerSheetKey]: Spec<K> };

type ValueOf<C> = C extends Column<infer T> ? T : never;
/** The values of one row: undefined when the column is absent, blank-and-required, or in error. */
export type RowValues<K extends LedgerSheetKey> = {
  [H in keyof (typeof LEDGER_COLUMNS)[K]]:
    | (H extends (typeof LEDGER_REQUIRED)[K][number]
        ? Exclude<ValueOf<(typeof LEDGER_COLUMNS)[K][H]>, null | ''>
        : ValueOf<(typeof LEDGER_COLUMNS)[K][H]>)
    | undefined;
};

export function isRequired(key: LedgerSheetKey, header: string): boolean {
  return (LEDGER_REQUIRED[key] as readonly string[]).includes(header);
}

/**
 * Reads every column of a row that has a reader, in header order: a required column that is
 * blank gets 「不能为空」, a cell that cannot be read gets its reader's message; both set `st.bad`.
 */
export function readRow<K extends LedgerSheetKey>(ck: Checker, sheet: RawSheet, r: RawRow, key: K, st: { bad: boolean }): RowValues<K> {
  const out: Record<string, unknown> = {};
  for (const [header, c] of Object.entries(LEDGER_COLUMNS[key]) as [string, Column<unknown>][]) {
    if (!c.read) continue;
    out[header] = isRequired(key, header)
      ? ck.required(sheet, r, header, c.read as (c: Cell) => Read<unknown>, st, c.hint)
      : ck.get(sheet, r, header, c.read, st);
  }
  return out as RowValues<K>;
}
