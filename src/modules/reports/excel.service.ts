// Standard Excel reports (ExcelJS): merged Chinese headers, a totals row, landscape print layout
// fitted to the page width with the header rows repeated. Figures come from the statistics module;
// ratios through src/domain.
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/database';
import { ratio, yoy, behindPoints } from '../../domain/stats';
import { formatPercent } from '../../domain/money';
import { STAGE_LABELS, type Stage } from '../../domain/stages';
import { ORIGIN_SCOPE_LABELS, type OriginScope } from '../../domain/origin';
import { REPORT_TITLES, type ReportName } from '../../contracts/reports';
import { countedStatuses, loadDispatchInput, dispatchStats, type StatsScope } from '../stats/stats.service';
import { getSettings } from '../settings/settings.service';

import { XLSX_MIME } from '../../contracts/files';

type Col = { header: string; group?: string; width: number; kind: 'text' | 'wan' | 'usdwan' | 'pct' | 'int' | 'date' };
type Cell = string | number | null;

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const wan = (yuan: number) => yuan / 10000;

function periodText(s: StatsScope) {
  return s.period.month === 1 ? `${s.period.year}年1月` : `${s.period.year}年1-${s.period.month}月`;
}

/** Lays out one sheet: title, subtitle, two header rows (merged groups), body, totals, print setup. */
function sheet(wb: ExcelJS.Workbook, name: string, title: string, subtitle: string, cols: Col[], rows: Cell[][], totals: Cell[] | null) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 4 }] });
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
    row.height = 22;
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
    cols.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      cell.border = box;
      cell.font = { name: '宋体', size: 11, bold };
      if (c.kind !== 'text' && c.kind !== 'date') cell.numFmt = fmt(c.kind);
      cell.alignment = { horizontal: c.kind === 'text' ? 'left' : c.kind === 'date' ? 'center' : 'right', vertical: 'middle', wrapText: c.kind === 'text' };
    });
  };
  for (const r of rows) put(r, false);
  if (totals) put(totals, true);
  if (!rows.length) {
    const row = ws.addRow(['（本期无数据）']);
    ws.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).alignment = { horizontal: 'center' };
  }
  ws.pageSetup = {
    orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: '3:4', horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
  return ws;
}

async function fundsByUnit(db: Tx, s: StatsScope, wb: ExcelJS.Workbook, title: string) {
  const input = await loadDispatchInput(db, s);
  const stats = await dispatchStats(db, { ...s, unitCode: null });
  const targets = await db.selectFrom('targets').select(['unit_code', 'base_value', 'stretch_value']).where('year', '=', s.period.year).where('indicator', '=', 'funds').execute();
  const stretch = new Map(targets.map((t) => [t.unit_code, t.stretch_value === null ? null : n(t.stretch_value)]));
  const rank = new Map(stats.units.map((u) => [u.code, u.rank]));
  const units = input.units.filter((u) => s.unitCode === null || u.code === s.unitCode);
  const tp = s.period.month / 12;
  const rows: Cell[][] = units.map((u, i) => {
    const completion = ratio(u.fundsYtdYuan, u.targetBaseYuan);
    const gap = behindPoints(completion, tp);
    return [
      i + 1, u.name, u.targetBaseYuan === null ? null : wan(u.targetBaseYuan), stretch.get(u.code) == null ? null : wan(stretch.get(u.code)!),
      wan(u.fundsYtdYuan), wan(u.fundsYtdLastYearYuan), yoy(u.fundsYtdYuan, u.fundsYtdLastYearYuan), completion,
      ratio(u.fundsYtdYuan, stretch.get(u.code) ?? null), gap === null ? '—' : gap > 0 ? `落后${formatPercent(gap / 100).replace('%', '')}` : `超前${formatPercent(-gap / 100).replace('%', '')}`, rank.get(u.code) ?? '—',
    ];
  });
  const sum = (f: (u: (typeof units)[number]) => number) => units.reduce((a, u) => a + f(u), 0);
  const ytd = sum((u) => u.fundsYtdYuan);
  const last = sum((u) => u.fundsYtdLastYearYuan);
  const cityTarget = s.unitCode === null ? stats.targetBaseYuan : units[0]?.targetBaseYuan ?? null;
  const cityStretch = s.unitCode === null ? stats.targetStretchYuan : stretch.get(s.unitCode) ?? null;
  const totals: Cell[] | null = s.unitCode === null
    ? ['', '全市', cityTarget === null ? null : wan(cityTarget), cityStretch === null ? null : wan(cityStretch), wan(ytd), wan(last), yoy(ytd, last), ratio(ytd, cityTarget), ratio(ytd, cityStretch), '', '']
    : null;
  sheet(wb, '到位资金完成情况', title, `报告期：${periodText(s)}　时间进度：${(tp * 100).toFixed(1)}%　单位：万元`, [
    { header: '序号', width: 6, kind: 'int' },
    { header: '单位', width: 24, kind: 'text' },
    { header: '确保', group: '全年目标', width: 13, kind: 'wan' },
    { header: '力争', group: '全年目标', width: 13, kind: 'wan' },
    { header: '本年累计', group: '到位资金', width: 14, kind: 'wan' },
    { header: '上年同期', group: '到位资金', width: 14, kind: 'wan' },
    { header: '同比', group: '到位资金', width: 10, kind: 'pct' },
    { header: '确保目标', group: '完成率', width: 10, kind: 'pct' },
    { header: '力争目标', group: '完成率', width: 10, kind: 'pct' },
    { header: '与时间进度比（百分点）', width: 14, kind: 'text' },
    { header: '名次', width: 7, kind: 'int' },
  ], rows, totals);
}

async function contractsReport(db: Tx, s: StatsScope, wb: ExcelJS.Workbook, title: string) {
  const to = s.period.month === 12 ? `${s.period.year + 1}-01-01` : `${s.period.year}-${String(s.period.month + 1).padStart(2, '0')}-01`;
  let q = db.selectFrom('projects as p').innerJoin('units as u', 'u.code', 'p.unit_code').leftJoin('investors as i', 'i.id', 'p.investor_id')
    .select(['p.code', 'p.name', 'u.name as unit', 'i.name as investor', 'i.origin_name', 'i.origin_scope', 'p.industry', 'p.total_investment_yuan', 'p.foreign_usd', 'p.contract_date', 'p.stage', 'p.owner'])
    .where('p.contract_date', '>=', `${s.period.year}-01-01`).where('p.contract_date', '<', to)
    .orderBy('p.contract_date').orderBy('p.code');
  if (s.unitCode) q = q.where('p.unit_code', '=', s.unitCode);
  const list = await q.execute();
  const rows: Cell[][] = list.map((p, i) => [
    i + 1, p.code, p.name, p.unit, p.investor ?? '', p.origin_name ?? '', p.origin_scope ? ORIGIN_SCOPE_LABELS[p.origin_scope as OriginScope] ?? '' : '',
    p.industry ?? '', wan(n(p.total_investment_yuan)), wan(n(p.foreign_usd)), p.contract_date ?? '', STAGE_LABELS[p.stage as Stage] ?? p.stage, p.owner ?? '',
  ]);
  const totals: Cell[] = ['', `合计 ${list.length} 个`, '', '', '', '', '', '', wan(list.reduce((a, p) => a + n(p.total_investment_yuan), 0)), wan(list.reduce((a, p) => a + n(p.foreign_usd), 0)), '', '', ''];
  sheet(wb, '签约项目明细', title, `签约日期：${s.period.year}年1月1日至${s.period.month}月底　单位：万元、万美元`, [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目编号', width: 12, kind: 'text' },
    { header: '项目名称', width: 26, kind: 'text' },
    { header: '承办单位', width: 14, kind: 'text' },
    { header: '名称', group: '投资方', width: 22, kind: 'text' },
    { header: '所在地', group: '投资方', width: 16, kind: 'text' },
    { header: '来源', group: '投资方', width: 9, kind: 'text' },
    { header: '行业', width: 12, kind: 'text' },
    { header: '总投资', group: '投资额', width: 13, kind: 'wan' },
    { header: '其中外资（万美元）', group: '投资额', width: 13, kind: 'usdwan' },
    { header: '签约日期', width: 12, kind: 'date' },
    { header: '当前阶段', width: 10, kind: 'text' },
    { header: '责任人', width: 10, kind: 'text' },
  ], rows, totals);
}

async function largeProjectsReport(db: Tx, s: StatsScope, wb: ExcelJS.Workbook, title: string) {
  const settings = await getSettings(db);
  const threshold = settings.largeProjectThresholdWan * 10000;
  let q = db.selectFrom('projects as p').innerJoin('units as u', 'u.code', 'p.unit_code').innerJoin('investors as i', 'i.id', 'p.investor_id')
    .select(['p.id', 'p.code', 'p.name', 'u.name as unit', 'i.origin_name', 'p.total_investment_yuan', 'p.stage', 'p.contract_date', 'p.start_date', 'p.owner', 'p.sponsor', 'u.kind', 'u.sort'])
    .where('p.total_investment_yuan', '>=', threshold).where('i.origin_scope', '<>', 'local').where('p.stage', '<>', 'dropped')
    .orderBy('p.total_investment_yuan', 'desc').orderBy('p.code');
  if (s.unitCode) q = q.where('p.unit_code', '=', s.unitCode);
  const list = await q.execute();
  const ids = list.map((p) => p.id);
  const ytd = new Map<number, number>();
  const all = new Map<number, number>();
  if (ids.length) {
    const sums = await db.selectFrom('fund_entries').select((eb) => ['project_id', 'year', 'month', eb.fn.sum<number>('amount_yuan').as('y')])
      .where('project_id', 'in', ids).where('status', 'in', countedStatuses(s.basis)).groupBy(['project_id', 'year', 'month']).execute();
    for (const r of sums) {
      const y = n(r.year), m = n(r.month), pid = Number(r.project_id);
      if (y < s.period.year || (y === s.period.year && m <= s.period.month)) all.set(pid, (all.get(pid) ?? 0) + n(r.y));
      if (y === s.period.year && m <= s.period.month) ytd.set(pid, (ytd.get(pid) ?? 0) + n(r.y));
    }
  }
  const rows: Cell[][] = list.map((p, i) => [
    i + 1, p.code, p.name, p.unit, p.origin_name ?? '', wan(n(p.total_investment_yuan)), STAGE_LABELS[p.stage as Stage] ?? p.stage,
    p.contract_date ?? '', p.start_date ?? '', wan(ytd.get(p.id) ?? 0), wan(all.get(p.id) ?? 0), ratio(all.get(p.id) ?? 0, n(p.total_investment_yuan)), p.owner ?? '', p.sponsor ?? '',
  ]);
  const tYtd = list.reduce((a, p) => a + (ytd.get(p.id) ?? 0), 0);
  const tAll = list.reduce((a, p) => a + (all.get(p.id) ?? 0), 0);
  const tInv = list.reduce((a, p) => a + n(p.total_investment_yuan), 0);
  sheet(wb, '重点项目进展', title, `总投资${settings.largeProjectThresholdWan}万元以上域外项目　报告期：${periodText(s)}　单位：万元`, [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目编号', width: 12, kind: 'text' },
    { header: '项目名称', width: 26, kind: 'text' },
    { header: '承办单位', width: 14, kind: 'text' },
    { header: '投资方所在地', width: 16, kind: 'text' },
    { header: '总投资', width: 13, kind: 'wan' },
    { header: '阶段', group: '进展', width: 9, kind: 'text' },
    { header: '签约日期', group: '进展', width: 12, kind: 'date' },
    { header: '开工日期', group: '进展', width: 12, kind: 'date' },
    { header: '本年累计', group: '到位资金', width: 13, kind: 'wan' },
    { header: '开工以来累计', group: '到位资金', width: 13, kind: 'wan' },
    { header: '占总投资', group: '到位资金', width: 10, kind: 'pct' },
    { header: '责任人', width: 10, kind: 'text' },
    { header: '包保领导', width: 10, kind: 'text' },
  ], rows, ['', `合计 ${list.length} 个`, '', '', '', wan(tInv), '', '', '', wan(tYtd), wan(tAll), ratio(tAll, tInv), '', '']);
}

async function foreignReport(db: Tx, s: StatsScope, wb: ExcelJS.Workbook, title: string) {
  const [units, sums, targets] = await Promise.all([
    db.selectFrom('units').select(['code', 'name', 'kind', 'sort']).where('active', '=', 1).execute(),
    db.selectFrom('fund_entries').select((eb) => ['unit_code', 'year', eb.fn.sum<number>('foreign_usd').as('usd')])
      .where('year', 'in', [s.period.year, s.period.year - 1]).where('month', '<=', s.period.month).where('status', 'in', countedStatuses(s.basis))
      .groupBy(['unit_code', 'year']).execute(),
    db.selectFrom('targets').select(['unit_code', 'base_value', 'stretch_value']).where('year', '=', s.period.year).where('indicator', '=', 'foreign').execute(),
  ]);
  const K: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };
  const list = units.filter((u) => u.kind !== 'city' && (s.unitCode === null || u.code === s.unitCode))
    .sort((a, b) => (K[a.kind]! - K[b.kind]!) || a.sort - b.sort || a.code.localeCompare(b.code));
  const cur = new Map<string, number>(), last = new Map<string, number>();
  for (const r of sums) {
    const m = n(r.year) === s.period.year ? cur : last;
    m.set(r.unit_code, (m.get(r.unit_code) ?? 0) + n(r.usd));
  }
  const tgt = new Map(targets.map((t) => [t.unit_code, { base: n(t.base_value), stretch: t.stretch_value === null ? null : n(t.stretch_value) }]));
  const rows: Cell[][] = list.map((u, i) => {
    const c = cur.get(u.code) ?? 0, l = last.get(u.code) ?? 0, t = tgt.get(u.code);
    return [i + 1, u.name, t ? wan(t.base) : null, t?.stretch == null ? null : wan(t.stretch), wan(c), wan(l), yoy(c, l), ratio(c, t?.base ?? null)];
  });
  const city = units.find((u) => u.kind === 'city');
  const ct = s.unitCode === null && city ? tgt.get(city.code) : undefined;
  const tc = list.reduce((a, u) => a + (cur.get(u.code) ?? 0), 0);
  const tl = list.reduce((a, u) => a + (last.get(u.code) ?? 0), 0);
  sheet(wb, '利用外资', title, `报告期：${periodText(s)}　单位：万美元`, [
    { header: '序号', width: 6, kind: 'int' },
    { header: '单位', width: 16, kind: 'text' },
    { header: '确保', group: '全年目标', width: 13, kind: 'usdwan' },
    { header: '力争', group: '全年目标', width: 13, kind: 'usdwan' },
    { header: '本年累计', group: '利用外资', width: 14, kind: 'usdwan' },
    { header: '上年同期', group: '利用外资', width: 14, kind: 'usdwan' },
    { header: '同比', group: '利用外资', width: 10, kind: 'pct' },
    { header: '完成率', width: 10, kind: 'pct' },
  ], rows, s.unitCode === null ? ['', '全市', ct ? wan(ct.base) : null, ct?.stretch == null ? null : wan(ct.stretch), wan(tc), wan(tl), yoy(tc, tl), ratio(tc, ct?.base ?? null)] : null);
}

export async function buildReport(db: Tx, name: ReportName, s: StatsScope): Promise<{ buffer: Buffer; filename: string }> {
  const settings = await getSettings(db);
  const scopeName = s.unitCode
    ? (await db.selectFrom('units').select('name').where('code', '=', s.unitCode).executeTakeFirst())?.name ?? s.unitCode
    : settings.cityName;
  const title = `${scopeName}${periodText(s)}${REPORT_TITLES[name]}`;
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商引资调度平台';
  wb.created = new Date();
  if (name === 'funds-by-unit') await fundsByUnit(db, s, wb, title);
  else if (name === 'contracts') await contractsReport(db, s, wb, title);
  else if (name === 'large-projects') await largeProjectsReport(db, s, wb, title);
  else await foreignReport(db, s, wb, title);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, filename: `${title}.xlsx` };
}
