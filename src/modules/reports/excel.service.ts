// Standard Excel reports (ExcelJS): merged Chinese headers, a totals row, landscape print layout
// fitted to the page width with the header rows repeated. Every figure is the dispatch statistics'
// (stats.service + speech.service) formatted — nothing here sums fund entries again — so the
// reports, the dashboard and the briefing cannot disagree.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/database';
import { describeGap, periodRange, periodSpanText, ratio, yoy } from '../../domain/stats';
import { timeProgressGap } from '../../domain/stats.definitions';
import { STAGE_LABELS, type Stage } from '../../domain/stages';
import { ORIGIN_SCOPE_LABELS, type OriginScope } from '../../domain/origin';
import { REPORT_TITLES, type ReportName } from '../../contracts/reports';
import { dispatchStats, type StatsScope } from '../stats/stats.service';
import { withSpeech, type DispatchStatsWithSpeech } from '../stats/speech.service';
import { largeProjectList } from '../stats/large-projects';
import type { LargeProjectRow } from '../../contracts/stats';
import { getSettings } from '../settings/settings.service';

type Col = { header: string; group?: string; width: number; kind: 'text' | 'code' | 'wan' | 'usdwan' | 'pct' | 'int' | 'date' };
type Cell = string | number | null;
/** A body row, or a bold subtotal row inside the body. */
type Row = Cell[] | { subtotal: Cell[] };

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const wan = (yuan: number) => yuan / 10000;
const wanOrNull = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : wan(yuan));
/** The name of the row holding funds booked on the city's own unit. */
export const CITY_OWN_ROW = '市本级';

/** The streaming workbook every report is written to. */
type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/** Code columns never wrap: as wide as their longest value (CJK counts double), at least `min`. */
function codeWidth(values: (string | null)[], min: number): number {
  const len = (v: string) => [...v].reduce((a, ch) => a + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  // A loop, not Math.max(...values): a province's list is longer than the call stack allows arguments.
  let w = min;
  for (const v of values) if (v) w = Math.max(w, len(v) + 2);
  return w;
}

async function readModel(db: Tx, s: StatsScope): Promise<DispatchStatsWithSpeech> {
  return withSpeech(db, s, await dispatchStats(db, s));
}

/** Lays out one sheet: title, subtitle, two header rows (merged groups), body, totals, print setup. */
/**
 * One report sheet, written through ExcelJS's streaming writer: each row is committed as it is added,
 * so a province's 重点项目进展表 (tens of thousands of rows) never holds its cells in memory.
 */
function sheet(wb: Book, name: string, title: string, subtitle: string, cols: Col[], rows: Row[], totals: Cell[] | null) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 4 }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const last = cols.length;
  ws.columns = cols.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, last);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, last);
  const st = ws.getCell(2, 1);
  st.value = subtitle;
  st.alignment = { horizontal: 'right' };
  st.font = { name: '宋体', size: 10 };

  // Header rows 3–4: grouped columns share a merged cell in row 3; others merge vertically.
  let i = 0;
  while (i < cols.length) {
    const c = cols[i]!;
    if (c.group) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1]!.group === c.group) j++;
      ws.mergeCells(3, i + 1, 3, j + 1);
      ws.getCell(3, i + 1).value = c.group;
      for (let k = i; k <= j; k++) ws.getCell(4, k + 1).value = cols[k]!.header;
      i = j + 1;
    } else {
      ws.mergeCells(3, i + 1, 4, i + 1);
      ws.getCell(3, i + 1).value = c.header;
      i++;
    }
  }
  const thin: Partial<ExcelJS.Border> = { style: 'thin' };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  for (const r of [3, 4]) {
    const row = ws.getRow(r);
    // Two lines of header text fit, so a wrapped header never runs into the row below.
    row.height = 30;
    for (let k = 1; k <= last; k++) {
      const cell = row.getCell(k);
      cell.font = { name: '宋体', size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = box;
    }
  }
  const fmt = (k: Col['kind']) => (k === 'wan' || k === 'usdwan' ? '#,##0.00' : k === 'pct' ? '0.0%' : k === 'int' ? '0' : '@');
  const put = (values: Cell[], bold: boolean) => {
    const row = ws.addRow(values);
    // A subtotal's or total's label spans the empty cells after it, so it never runs over its neighbours.
    if (bold && typeof values[1] === 'string') {
      let end = 2;
      while (end < values.length && values[end] === '' && cols[end]!.kind !== 'int') end++;
      if (end > 2) ws.mergeCells(row.number, 2, row.number, end);
    }
    cols.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      cell.border = box;
      cell.font = { name: '宋体', size: 11, bold };
      if (c.kind !== 'text' && c.kind !== 'date' && c.kind !== 'code') cell.numFmt = fmt(c.kind);
      const horizontal = c.kind === 'text' || c.kind === 'code' ? 'left' : c.kind === 'date' ? 'center' : 'right';
      cell.alignment = { horizontal, vertical: 'middle', wrapText: c.kind === 'text' };
    });
    row.commit();
  };
  // The title and header rows are complete: written out before the data rows.
  for (let r = 1; r <= 4; r++) ws.getRow(r).commit();
  for (const r of rows) {
    if (Array.isArray(r)) put(r, false);
    else put(r.subtotal, true);
  }
  if (totals) put(totals, true);
  if (!rows.length) {
    const row = ws.addRow(['（本期无数据）']);
    ws.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.commit();
  }
  ws.commit();
}

function fundsByUnit(st: DispatchStatsWithSpeech, s: StatsScope, wb: Book, title: string) {
  const sp = st.speech;
  const extra = new Map(sp.units.map((u) => [u.code, u]));
  const rows: Row[] = st.units.map((u, i) => {
    const x = extra.get(u.code)!;
    return [
      i + 1,
      u.name,
      wanOrNull(u.targetBaseYuan),
      wanOrNull(x.targetStretchYuan),
      wan(u.fundsYtdYuan),
      wan(x.fundsYtdLastYearYuan),
      u.yoy,
      u.completion,
      x.completionStretch,
      describeGap(timeProgressGap(u.completion, st.timeProgress), 'short'),
      u.rank ?? '—',
      wanOrNull(x.monthlyNeededBaseYuan),
    ];
  });
  let totals: Cell[] | null = null;
  if (s.unitCode === null) {
    // Funds booked on the city's own unit get their own row, so that the units add up to 全市.
    const own = sp.cityOwn;
    rows.push([
      rows.length + 1,
      CITY_OWN_ROW,
      null,
      null,
      wan(own.fundsYtdYuan),
      wan(own.fundsYtdLastYearYuan),
      yoy(own.fundsYtdYuan, own.fundsYtdLastYearYuan),
      null,
      null,
      '—',
      '—',
      null,
    ]);
    totals = [
      '',
      '全市',
      wanOrNull(st.targetBaseYuan),
      wanOrNull(st.targetStretchYuan),
      wan(st.fundsYtdYuan),
      wan(st.fundsYtdLastYearYuan),
      st.yoy,
      st.completion,
      st.completionStretch,
      describeGap(timeProgressGap(st.completion, st.timeProgress), 'short'),
      '',
      wanOrNull(sp.monthlyNeededBaseYuan),
    ];
  }
  sheet(
    wb,
    '到位资金完成情况',
    title,
    `报告期：${periodSpanText(s.period)}　时间进度：${(st.timeProgress * 100).toFixed(1)}%　单位：万元`,
    [
      { header: '序号', width: 6, kind: 'int' },
      { header: '单位', width: 24, kind: 'text' },
      { header: '确保', group: '全年目标', width: 13, kind: 'wan' },
      { header: '力争', group: '全年目标', width: 13, kind: 'wan' },
      { header: '本年累计', group: '到位资金', width: 14, kind: 'wan' },
      { header: '上年同期', group: '到位资金', width: 14, kind: 'wan' },
      { header: '同比', group: '到位资金', width: 10, kind: 'pct' },
      { header: '确保目标', group: '完成率', width: 10, kind: 'pct' },
      { header: '力争目标', group: '完成率', width: 10, kind: 'pct' },
      { header: '与时间进度比', width: 16, kind: 'text' },
      { header: '名次', width: 7, kind: 'int' },
      { header: `距年底${sp.monthsLeft}个月月均需到位（确保）`, width: 16, kind: 'wan' },
    ],
    rows,
    totals,
  );
}

async function contractsReport(db: Tx, st: DispatchStatsWithSpeech, s: StatsScope, wb: Book, title: string) {
  // The projects behind contractsYtd (same definition: contract date in Y up to the end of M).
  const range = periodRange(s.period);
  let q = db
    .selectFrom('projects as p')
    .innerJoin('units as u', 'u.code', 'p.unit_code')
    .leftJoin('investors as i', 'i.id', 'p.investor_id')
    .select([
      'p.code',
      'p.name',
      'u.name as unit',
      'i.name as investor',
      'i.origin_name',
      'i.origin_scope',
      'p.industry',
      'p.total_investment_yuan',
      'p.foreign_usd',
      'p.contract_date',
      'p.stage',
      'p.owner',
    ])
    .where('p.contract_date', '>=', range.yearStart)
    .where('p.contract_date', '<', range.endExclusive)
    .orderBy('p.contract_date')
    .orderBy('p.code');
  if (s.unitCode) q = q.where('p.unit_code', '=', s.unitCode);
  const list = await q.execute();
  const rows: Row[] = list.map((p, i) => [
    i + 1,
    p.code,
    p.name,
    p.unit,
    p.investor ?? '',
    p.origin_name ?? '',
    p.origin_scope ? (ORIGIN_SCOPE_LABELS[p.origin_scope as OriginScope] ?? '') : '',
    p.industry ?? '',
    wan(n(p.total_investment_yuan)),
    wan(n(p.foreign_usd)),
    p.contract_date ?? '',
    STAGE_LABELS[p.stage as Stage] ?? p.stage,
    p.owner ?? '',
  ]);
  const totals: Cell[] = [
    '',
    `合计 ${st.contractsYtd.count} 个`,
    '',
    '',
    '',
    '',
    '',
    '',
    wan(st.contractsYtd.totalInvestmentYuan),
    wan(list.reduce((a, p) => a + n(p.foreign_usd), 0)),
    '',
    '',
    '',
  ];
  sheet(
    wb,
    '签约项目明细',
    title,
    `签约日期：${s.period.year}年1月1日至${s.period.month}月底　单位：万元、万美元`,
    [
      { header: '序号', width: 6, kind: 'int' },
      {
        header: '项目编号',
        width: codeWidth(
          list.map((p) => p.code),
          12,
        ),
        kind: 'code',
      },
      { header: '项目名称', width: 26, kind: 'text' },
      { header: '承办单位', width: 14, kind: 'text' },
      { header: '名称', group: '投资方', width: 22, kind: 'text' },
      { header: '所在地', group: '投资方', width: 16, kind: 'text' },
      { header: '来源', group: '投资方', width: 9, kind: 'text' },
      { header: '行业', width: 12, kind: 'text' },
      { header: '总投资', group: '投资额', width: 13, kind: 'wan' },
      { header: '其中外资（万美元）', group: '投资额', width: 16, kind: 'usdwan' },
      { header: '签约日期', width: 12, kind: 'date' },
      { header: '当前阶段', width: 10, kind: 'text' },
      { header: '责任人', width: 10, kind: 'text' },
    ],
    rows,
    totals,
  );
}

function largeProjectsReport(st: DispatchStatsWithSpeech, s: StatsScope, wb: Book, title: string, list: LargeProjectRow[]) {
  const row = (p: (typeof list)[number], i: number): Cell[] => [
    i + 1,
    p.code,
    p.name,
    p.unitName,
    p.originName ?? '',
    wan(p.totalInvestmentYuan),
    STAGE_LABELS[p.stage as Stage] ?? p.stage,
    p.contractDate ?? '',
    p.startDate ?? '',
    wan(p.fundsYtdYuan),
    wan(p.fundsToDateYuan),
    ratio(p.fundsToDateYuan, p.totalInvestmentYuan),
    p.owner ?? '',
    p.sponsor ?? '',
  ];
  const sum = (l: typeof list, f: (p: (typeof list)[number]) => number) => l.reduce((a, p) => a + f(p), 0);
  const counted = list.filter((p) => p.countedThisYear);
  const others = list.filter((p) => !p.countedThisYear);
  // The subtotal is the dispatch statistics' largeProjects (what the briefing reads out).
  const rows: Row[] = [
    ...counted.map(row),
    {
      subtotal: [
        '',
        `其中本年有到位资金的重大项目 ${st.largeProjects.count} 个`,
        '',
        '',
        '',
        wan(sum(counted, (p) => p.totalInvestmentYuan)),
        '',
        '',
        '',
        wan(st.largeProjects.fundsYtdYuan),
        wan(sum(counted, (p) => p.fundsToDateYuan)),
        null,
        '',
        '',
      ],
    },
    ...others.map((p, i) => row(p, counted.length + i)),
  ];
  const tInv = sum(list, (p) => p.totalInvestmentYuan);
  const tAll = sum(list, (p) => p.fundsToDateYuan);
  const thresholdWan = st.largeProjects.thresholdYuan / 10000;
  sheet(
    wb,
    '重点项目进展',
    title,
    `总投资${thresholdWan}万元以上域外项目（本年有到位资金的计入重大项目，与调度统计一致）　报告期：${periodSpanText(s.period)}　单位：万元`,
    [
      { header: '序号', width: 6, kind: 'int' },
      {
        header: '项目编号',
        width: codeWidth(
          list.map((p) => p.code),
          12,
        ),
        kind: 'code',
      },
      { header: '项目名称', width: 26, kind: 'text' },
      { header: '承办单位', width: 14, kind: 'text' },
      { header: '投资方所在地', width: 16, kind: 'text' },
      { header: '总投资', width: 13, kind: 'wan' },
      { header: '阶段', group: '进展', width: 9, kind: 'text' },
      { header: '签约日期', group: '进展', width: 12, kind: 'date' },
      { header: '开工日期', group: '进展', width: 12, kind: 'date' },
      { header: '本年累计', group: '到位资金', width: 13, kind: 'wan' },
      { header: '累计到位', group: '到位资金', width: 13, kind: 'wan' },
      { header: '占总投资', group: '到位资金', width: 10, kind: 'pct' },
      { header: '责任人', width: 10, kind: 'text' },
      { header: '包保领导', width: 10, kind: 'text' },
    ],
    rows,
    [
      '',
      `合计 ${list.length} 个`,
      '',
      '',
      '',
      wan(tInv),
      '',
      '',
      '',
      wan(sum(list, (p) => p.fundsYtdYuan)),
      wan(tAll),
      ratio(tAll, tInv),
      '',
      '',
    ],
  );
}

function foreignReport(st: DispatchStatsWithSpeech, s: StatsScope, wb: Book, title: string) {
  const sp = st.speech;
  const extra = new Map(sp.units.map((u) => [u.code, u]));
  const rows: Row[] = st.units.map((u, i) => {
    const x = extra.get(u.code)!;
    return [
      i + 1,
      u.name,
      wanOrNull(x.foreignTargetBaseUsd),
      wanOrNull(x.foreignTargetStretchUsd),
      wan(x.foreignUsdYtd),
      wan(x.foreignUsdYtdLastYear),
      yoy(x.foreignUsdYtd, x.foreignUsdYtdLastYear),
      ratio(x.foreignUsdYtd, x.foreignTargetBaseUsd),
    ];
  });
  let totals: Cell[] | null = null;
  if (s.unitCode === null) {
    const own = sp.cityOwn;
    rows.push([
      rows.length + 1,
      CITY_OWN_ROW,
      null,
      null,
      wan(own.foreignUsdYtd),
      wan(own.foreignUsdYtdLastYear),
      yoy(own.foreignUsdYtd, own.foreignUsdYtdLastYear),
      null,
    ]);
    totals = [
      '',
      '全市',
      wanOrNull(sp.foreignTargetBaseUsd),
      wanOrNull(sp.foreignTargetStretchUsd),
      wan(st.foreignUsdYtd),
      wan(sp.foreignUsdYtdLastYear),
      yoy(st.foreignUsdYtd, sp.foreignUsdYtdLastYear),
      ratio(st.foreignUsdYtd, sp.foreignTargetBaseUsd),
    ];
  }
  sheet(
    wb,
    '利用外资',
    title,
    `报告期：${periodSpanText(s.period)}　单位：万美元`,
    [
      { header: '序号', width: 6, kind: 'int' },
      { header: '单位', width: 16, kind: 'text' },
      { header: '确保', group: '全年目标', width: 13, kind: 'usdwan' },
      { header: '力争', group: '全年目标', width: 13, kind: 'usdwan' },
      { header: '本年累计', group: '利用外资', width: 14, kind: 'usdwan' },
      { header: '上年同期', group: '利用外资', width: 14, kind: 'usdwan' },
      { header: '同比', group: '利用外资', width: 10, kind: 'pct' },
      { header: '完成率', width: 10, kind: 'pct' },
    ],
    rows,
    totals,
  );
}

export async function buildReport(db: Tx, name: ReportName, s: StatsScope): Promise<{ buffer: Buffer; filename: string }> {
  const settings = await getSettings(db);
  const scopeName = s.unitCode
    ? ((await db.selectFrom('units').select('name').where('code', '=', s.unitCode).executeTakeFirst())?.name ?? s.unitCode)
    : settings.cityName;
  const title = `${scopeName}${periodSpanText(s.period)}${REPORT_TITLES[name]}`;
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '招商引资调度平台';
  wb.created = new Date();
  const st = await readModel(db, s);
  if (name === 'funds-by-unit') fundsByUnit(st, s, wb, title);
  else if (name === 'contracts') await contractsReport(db, st, s, wb, title);
  else if (name === 'large-projects') largeProjectsReport(st, s, wb, title, await largeProjectList(db, s, st.largeProjects.thresholdYuan));
  else foreignReport(st, s, wb, title);
  await wb.commit();
  const buffer = Buffer.concat(chunks);
  return { buffer, filename: `${title}.xlsx` };
}
