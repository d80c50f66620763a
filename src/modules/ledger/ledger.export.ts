// Ledger export (台账导出) and the empty template: the same layout the importer reads, so
// export → import into an empty database → export gives the same rows.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import {
  LEDGER_HEADERS,
  LEDGER_ORDER,
  LEDGER_REQUIRED,
  LEDGER_SETTING_KEYS,
  LEDGER_SHEETS,
  type LedgerSheetKey,
} from '../../contracts/ledger';
import { yuanToWanText } from '../../domain/money';
import { STAGE_LEDGER_LABELS, type Stage } from '../../domain/stages';
import {
  ACTIVITY_KIND_LABELS,
  FUND_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
  RESERVE_STATUS_LABELS,
  TARGET_INDICATOR_LABELS,
  UNIT_KIND_LABELS,
  labelOf,
} from '../../domain/labels';
import { requirePermission, type Actor } from '../auth/actor';
import { scoped } from '../auth/scope';
import { getSettings } from '../settings/settings.service';

type Value = string | number | null;
const wan = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Number(yuanToWanText(v)));
const INDICATOR_ORDER: Record<string, number> = { funds: 0, foreign: 1, contracts: 2 };
const KIND_ORDER: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };

const list = (labels: readonly string[]) => `"${labels.join(',')}"`;
/** Drop-downs for the coded columns: sheet → header → allowed labels. */
const CHOICES: Partial<Record<LedgerSheetKey, Record<string, string[]>>> = {
  settings: { 键: [...LEDGER_SETTING_KEYS] },
  units: { 类型: Object.values(UNIT_KIND_LABELS) },
  targets: { 指标: Object.values(TARGET_INDICATOR_LABELS) },
  projects: { 项目类型: Object.values(PROJECT_TYPE_LABELS), 阶段: Object.values(STAGE_LEDGER_LABELS) },
  funds: { 状态: [FUND_STATUS_LABELS.submitted, FUND_STATUS_LABELS.verified] },
  activities: { 类型: Object.values(ACTIVITY_KIND_LABELS) },
  reserve: { 状态: Object.values(RESERVE_STATUS_LABELS) },
};

const WIDTH: Record<string, number> = {
  项目名称: 28,
  投资方: 26,
  统一社会信用代码: 22,
  投资方所在地: 20,
  活动名称: 24,
  单位名称: 20,
  签约项目编号: 24,
  目的地: 16,
  '总投资(万元)': 14,
  '其中外资(万美元)': 16,
  '到位金额(万元)': 15,
  承办单位代码: 13,
  组织单位代码: 13,
  所在单位代码: 13,
};

const INSTRUCTIONS: [string, string][] = [
  ['台账导入说明', ''],
  [
    '总则',
    '每个工作表都可省略；第1行为列名，请勿修改列名；多余的列和本“说明”表会被忽略。导入为“全部成功才写入”：任何一处错误都不会写入，并列出所有错误（工作表、行号、列名）。',
  ],
  [
    '重复导入',
    '按关键列匹配已有记录：单位代码；项目编号；项目编号+月份；年度+单位代码+指标；活动名称+开始日期；储备项目名称+所在单位代码。匹配到的记录会被更新，不会重复新增。',
  ],
  [
    '设置',
    '键：homeRegionCode（本市6位行政区划代码，如 220200）、largeProjectThresholdWan（大项目门槛，万元）、reserveThresholdWan（储备项目门槛，万元）。',
  ],
  ['单位', '类型：市/县市区/开发区/市直部门；全市只能有一个“市”级单位。'],
  ['目标', '指标：到位资金（万元）、利用外资（万美元）、签约项目数（个）；确保必填，力争可空。'],
  [
    '项目',
    '承办单位代码须在“单位”表或系统中存在；阶段：线索/在谈/意向/协议/合同/开工/投产/终止；合同须填签约日期，开工须填开工日期，投产须填投产日期。统一社会信用代码须为18位且校验位正确。投资方所在地可填省市名称（浙江省杭州市）、6位行政区划代码或国家/地区（香港、美国）。',
  ],
  ['到位资金', '每个项目每月一行；月份按 YYYY-MM 填写（如 2026-05）；状态：待核实/已核实。'],
  ['招商活动', '类型：小分队/代表团/推介会/签约活动；签约项目编号可填多个，用逗号或顿号分隔。'],
  ['储备项目', '状态：储备/已推介/已转化/撤销。'],
  ['格式', '金额单位为万元或万美元，最多4位小数；日期按 YYYY-MM-DD 填写（Excel 日期单元格也可）。'],
];

interface SheetData {
  key: LedgerSheetKey;
  rows: AsyncIterable<Value[]> | Value[][];
}

async function writeWorkbook(target: string | Writable, sheets: SheetData[]): Promise<Record<string, number>> {
  const options =
    typeof target === 'string'
      ? { filename: target, useStyles: true, useSharedStrings: false }
      : { stream: target, useStyles: true, useSharedStrings: false };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter(options);
  /** Where the zip goes (the file or the caller's stream): the loop below waits when it is full. */
  const out = (wb as unknown as { stream: Writable }).stream;
  wb.creator = '招商引资调度平台';
  const help = wb.addWorksheet('说明', { views: [{ state: 'normal' }] });
  help.columns = [{ width: 12 }, { width: 110 }];
  for (const [a, b] of INSTRUCTIONS) {
    const row = help.addRow([a, b]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  help.commit();
  const counts: Record<string, number> = {};
  for (const s of sheets) {
    const headers = LEDGER_HEADERS[s.key] as readonly string[];
    const ws = wb.addWorksheet(LEDGER_SHEETS[s.key], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = headers.map((h) => ({ width: WIDTH[h] ?? Math.max(10, h.length * 2 + 2) }));
    const required = new Set(LEDGER_REQUIRED[s.key] as readonly string[]);
    const choices = CHOICES[s.key] ?? {};
    headers.forEach((h, i) => {
      const col = String.fromCharCode(65 + i);
      const allowed = choices[h];
      if (allowed) {
        (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(
          `${col}2:${col}100000`,
          {
            type: 'list',
            allowBlank: !required.has(h),
            formulae: [list(allowed)],
            showErrorMessage: true,
            errorStyle: 'warning',
            errorTitle: '请从下拉列表中选择',
            error: `可选：${allowed.join('、')}`,
          },
        );
      }
    });
    const head = ws.addRow([...headers]);
    head.eachCell((c, n) => {
      c.font = { bold: true, color: required.has(headers[n - 1] ?? '') ? { argb: 'FFC00000' } : undefined };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    });
    head.commit();
    let n = 0;
    for await (const values of s.rows as AsyncIterable<Value[]>) {
      ws.addRow(values.map((v) => (v === null || v === '' ? null : v))).commit();
      n++;
      // SQLite answers synchronously, so without a turn of the event loop the zip and file streams never
      // run and every committed row stays in memory until the end (1.6 GB for a province). Let them write.
      if (n % 2000 === 0) {
        await new Promise((r) => setImmediate(r));
        if (out.writableNeedDrain) await once(out, 'drain');
      }
    }
    counts[LEDGER_SHEETS[s.key]] = n;
    ws.commit();
  }
  await wb.commit();
  return counts;
}

/** The empty template: headers, drop-downs, instructions. */
export async function writeLedgerTemplate(target: string | Writable): Promise<void> {
  await writeWorkbook(
    target,
    LEDGER_ORDER.map((key) => ({ key, rows: [] })),
  );
}

/**
 * Pages through a query so memory stays flat for big ledgers: each page starts after the last row
 * of the one before (keyset), so a page costs the same at the end of 200,000 projects as at the start.
 */
async function* paged<T>(
  fetch: (after: T | undefined, limit: number) => Promise<T[]>,
  map: (r: T) => Value[],
  size = 5000,
): AsyncIterable<Value[]> {
  let after: T | undefined;
  for (;;) {
    const rows = await fetch(after, size);
    for (const r of rows) yield map(r);
    if (rows.length < size) return;
    after = rows[rows.length - 1];
  }
}

/**
 * The 到位资金 sheet in project-code order, a page of projects at a time: their entries come by the
 * (project, period, kind) key, so no page sorts the province's two million entries (a keyset on the
 * joined code did, once per page: 400 sorts). Entries are scoped by their own unit, as the statistics
 * count them (a moved project's earlier entries stay with the unit that reported them).
 */
async function* fundRows(db: Db, actor: Actor, size = 2000): AsyncIterable<Value[]> {
  let after: string | undefined;
  for (;;) {
    const page = await db
      .selectFrom('projects')
      .select(['id', 'code'])
      .$if(after !== undefined, (qb) => qb.where('code', '>', after!))
      .orderBy('code')
      .limit(size)
      .execute();
    if (page.length === 0) return;
    const entries = await scoped(
      db
        .selectFrom('fund_entries')
        .select(['project_id', 'period', 'amount_yuan', 'foreign_usd', 'status'])
        .where(
          'project_id',
          'in',
          page.map((p) => p.id),
        )
        .where('kind', '=', 'regular'),
      'fund_entries.unit_code',
      actor,
    )
      .orderBy('project_id')
      .orderBy('period')
      .execute();
    const byProject = new Map<number, typeof entries>();
    for (const e of entries) {
      const list = byProject.get(Number(e.project_id));
      if (list) list.push(e);
      else byProject.set(Number(e.project_id), [e]);
    }
    for (const p of page) {
      for (const f of byProject.get(Number(p.id)) ?? []) {
        yield [
          p.code,
          f.period,
          wan(f.amount_yuan),
          wan(f.foreign_usd),
          FUND_STATUS_LABELS[f.status === 'verified' ? 'verified' : 'submitted'],
        ];
      }
    }
    if (page.length < size) return;
    after = page[page.length - 1]!.code;
  }
}

/**
 * Writes the ledger of the actor's scope (unit users: their unit's rows only) to a file path or a
 * stream. Returns the row count per sheet.
 */
export async function exportLedger(db: Db, actor: Actor, target: string | Writable): Promise<Record<string, number>> {
  requirePermission(actor, 'ledger.export');
  const settings = await getSettings(db);

  const settingsRows: Value[][] = [
    ['homeRegionCode', settings.homeRegionCode],
    ['largeProjectThresholdWan', settings.largeProjectThresholdWan],
    ['reserveThresholdWan', settings.reserveThresholdWan],
  ];

  const units = await scoped(db.selectFrom('units').select(['code', 'name', 'kind', 'sort']), 'units.code', actor).execute();
  units.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.sort - b.sort || a.code.localeCompare(b.code));
  const unitRows: Value[][] = units.map((u) => [u.code, u.name, labelOf(UNIT_KIND_LABELS, u.kind)]);

  const targets = await scoped(
    db.selectFrom('targets').select(['year', 'unit_code', 'indicator', 'base_value', 'stretch_value']),
    'targets.unit_code',
    actor,
  ).execute();
  targets.sort(
    (a, b) =>
      b.year - a.year ||
      a.unit_code.localeCompare(b.unit_code) ||
      (INDICATOR_ORDER[a.indicator] ?? 9) - (INDICATOR_ORDER[b.indicator] ?? 9),
  );
  const targetRows: Value[][] = targets.map((t) => {
    const conv = t.indicator === 'contracts' ? (v: number | null) => v : wan;
    return [t.year, t.unit_code, labelOf(TARGET_INDICATOR_LABELS, t.indicator), conv(t.base_value), conv(t.stretch_value)];
  });

  const projects = paged(
    (after: { code: string } | undefined, limit: number) =>
      scoped(
        db
          .selectFrom('projects')
          .leftJoin('investors', 'investors.id', 'projects.investor_id')
          .select([
            'projects.code',
            'projects.name',
            'projects.unit_code',
            'projects.owner',
            'investors.name as investor_name',
            'investors.credit_code',
            'investors.origin_input',
            'investors.origin_name',
            'projects.industry',
            'projects.project_type',
            'projects.total_investment_yuan',
            'projects.foreign_usd',
            'projects.stage',
            'projects.contract_date',
            'projects.start_date',
            'projects.operating_date',
          ]),
        'projects.unit_code',
        actor,
      )
        .$if(!!after, (qb) => qb.where('projects.code', '>', after!.code))
        .orderBy('projects.code')
        .limit(limit)
        .execute(),
    (p) => [
      p.code,
      p.name,
      p.unit_code,
      p.owner,
      p.investor_name,
      p.credit_code,
      p.origin_input ?? p.origin_name,
      p.industry,
      p.project_type ? labelOf(PROJECT_TYPE_LABELS, p.project_type) : null,
      wan(p.total_investment_yuan),
      wan(p.foreign_usd),
      STAGE_LEDGER_LABELS[p.stage as Stage] ?? p.stage,
      p.contract_date,
      p.start_date,
      p.operating_date,
    ],
  );

  const funds = fundRows(db, actor);

  const acts = await scoped(
    db.selectFrom('activities').select(['id', 'name', 'kind', 'start_date', 'end_date', 'destination', 'unit_code', 'person_times']),
    'activities.unit_code',
    actor,
  )
    .orderBy('start_date')
    .orderBy('name')
    .execute();
  const links = await scoped(
    db
      .selectFrom('activity_projects')
      .innerJoin('projects', 'projects.id', 'activity_projects.project_id')
      .select(['activity_projects.activity_id', 'activity_projects.sort', 'projects.code']),
    'projects.unit_code',
    actor,
  )
    .orderBy('activity_projects.activity_id')
    .orderBy('activity_projects.sort')
    .execute();
  const codes = new Map<number, string[]>();
  for (const l of links) codes.set(l.activity_id, [...(codes.get(l.activity_id) ?? []), l.code]);
  const actRows: Value[][] = acts.map((a) => [
    a.name,
    labelOf(ACTIVITY_KIND_LABELS, a.kind),
    a.start_date,
    a.end_date,
    a.destination,
    a.unit_code,
    a.person_times,
    (codes.get(a.id) ?? []).join(','),
  ]);

  const reserve = await scoped(
    db.selectFrom('reserve_projects').select(['name', 'unit_code', 'industry', 'total_investment_yuan', 'status']),
    'reserve_projects.unit_code',
    actor,
  )
    .orderBy('unit_code')
    .orderBy('name')
    .execute();
  const reserveRows: Value[][] = reserve.map((r) => [
    r.name,
    r.unit_code,
    r.industry,
    wan(r.total_investment_yuan),
    labelOf(RESERVE_STATUS_LABELS, r.status),
  ]);

  return writeWorkbook(target, [
    { key: 'settings', rows: settingsRows },
    { key: 'units', rows: unitRows },
    { key: 'targets', rows: targetRows },
    { key: 'projects', rows: projects },
    { key: 'funds', rows: funds },
    { key: 'activities', rows: actRows },
    { key: 'reserve', rows: reserveRows },
  ]);
}
