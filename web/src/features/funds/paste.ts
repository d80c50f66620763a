// Rows pasted from Excel into the entry grid: parsed with papaparse (Excel quotes a cell that holds a
// tab or a line break) and compared with what the grid already holds, so a paste never overwrites silently.
import Papa from 'papaparse';
import type { ProjectOption } from '../../../../src/contracts/funds';
import { parseWan, yuanToWanText } from '../../../../src/domain/money';

type TFn = (zh: string, en: string) => string;

export interface PastedRow {
  line: number;
  code: string;
  name: string;
  amount: string;
  foreign: string;
  note: string;
  amountYuan: number | null;
  foreignUsd: number | null;
  errors: string[];
}

/** Tab-separated rows: 项目编号, 到位金额(万元), 其中外资(万美元), 备注 — a header row is skipped. */
export function parsePasted(text: string, projects: Map<string, ProjectOption>, t: TFn = (zh) => zh): PastedRow[] {
  const { data } = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter: '\t', skipEmptyLines: 'greedy', quoteChar: '"' });
  return data
    .map((cells) => cells.map((c) => c.trim()))
    .filter((cells) => cells.some((c) => c !== ''))
    .filter((cells, i) => !(i === 0 && /项目编号/.test(cells[0] ?? '')))
    .map((cells, i) => {
      const [code = '', amount = '', foreign = '', ...rest] = cells;
      const errors: string[] = [];
      const p = projects.get(code);
      if (!code) errors.push(t('缺少项目编号', 'Project code missing'));
      else if (!p) errors.push(t(`项目编号 ${code} 不存在或不属于本单位`, `Project ${code} does not exist or is not in this unit`));
      const a = parseWan(amount);
      if (a === null || a <= 0)
        errors.push(
          t(
            `到位金额“${amount}”应为大于0的万元数（最多4位小数）`,
            `Amount “${amount}” must be a positive number in 10k CNY (up to 4 decimals)`,
          ),
        );
      const f = foreign === '' ? 0 : parseWan(foreign);
      if (f === null || f < 0)
        errors.push(t(`其中外资“${foreign}”应为万美元数`, `Foreign portion “${foreign}” must be a number in 10k USD`));
      return {
        line: i + 1,
        code,
        name: p?.name ?? '',
        amount,
        foreign,
        note: rest.filter((c) => c !== '').join(' '),
        amountYuan: a,
        foreignUsd: f,
        errors,
      };
    });
}

/** What the grid holds for a project now (saved or typed). */
export interface GridValues {
  amount: string;
  foreign: string;
  note: string;
  editable: boolean;
}

export type PasteKind = 'new' | 'change' | 'same' | 'fixed' | 'error';
export interface PastePlanRow extends PastedRow {
  kind: PasteKind;
  changes: string[];
}

/** Marks each pasted row 新增 / 修改 X → Y / 重复 against the grid; rows that cannot change are 'fixed'. */
export function planPaste(rows: PastedRow[], grid: Map<string, GridValues>, t: TFn = (zh) => zh): PastePlanRow[] {
  const seen = new Set<string>();
  return rows.map((r) => {
    const errors = [...r.errors];
    if (r.code && seen.has(r.code)) errors.push(t(`项目编号 ${r.code} 在粘贴内容中重复`, `Project ${r.code} appears twice`));
    seen.add(r.code);
    if (errors.length) return { ...r, errors, kind: 'error' as const, changes: [] };
    const g = grid.get(r.code);
    if (!g) return { ...r, kind: 'new' as const, changes: [] };
    const wan = (s: string) => {
      const n = s.trim() === '' ? 0 : parseWan(s);
      return n === null ? s : n;
    };
    const show = (s: string) => {
      const n = wan(s);
      return typeof n === 'number' ? yuanToWanText(n) : n;
    };
    const changes: string[] = [];
    if (wan(g.amount) !== r.amountYuan) changes.push(`${t('金额', 'Amount')} ${show(g.amount)} → ${yuanToWanText(r.amountYuan!)}`);
    if (wan(g.foreign) !== r.foreignUsd) changes.push(`${t('外资', 'Foreign')} ${show(g.foreign)} → ${yuanToWanText(r.foreignUsd!)}`);
    if (g.note.trim() !== r.note) changes.push(`${t('备注', 'Note')} “${g.note}” → “${r.note}”`);
    if (!changes.length) return { ...r, kind: 'same' as const, changes };
    return { ...r, kind: g.editable ? ('change' as const) : ('fixed' as const), changes };
  });
}
