// Assessment (考核): gathers each unit's values, targets and the facts behind deductions, and
// scores them with src/domain/assessment.ts. Unit users see their own sheet only.
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { currentPeriod, daysBetween, formatPeriod, todayIso } from '../../domain/period';
import {
  ASSESSMENT_INDICATORS,
  roundPoints,
  scoreUnits,
  type AssessmentIndicator,
  type AssessmentUnitInput,
  type DeductionFact,
} from '../../domain/assessment';
import { TARGET_INDICATOR_LABELS } from '../../domain/labels';
import { formatPercent, formatWan, formatWanUsd } from '../../domain/money';
import type { AssessmentDto } from '../../contracts/assessment';
import type { Actor } from '../auth/actor';
import { scopeUnit } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { dispatchSummary, requirePeriod } from '../stats/stats.service';
import { periodRange } from '../../domain/stats.definitions';

const UNIT_LABEL: Record<AssessmentIndicator, string> = { funds: '元', foreign: '美元', contracts: '个' };

export async function assessment(
  db: Tx,
  actor: Actor,
  q: { year?: number | undefined; period?: string | undefined },
  today = todayIso(),
): Promise<AssessmentDto> {
  const now = currentPeriod();
  let year: number;
  let month: number;
  if (q.period) {
    const p = requirePeriod(q.period);
    if (q.year !== undefined && q.year !== p.year)
      throw new AppError('validation', `报告期 ${q.period} 不在 ${q.year} 年内`, { period: '应与年度一致' });
    ({ year, month } = p);
  } else {
    year = q.year ?? now.year;
    month = year < now.year ? 12 : year > now.year ? 1 : now.month;
  }
  const settings = await getSettings(db);
  const periodEnd = periodRange({ year, month }).end;
  const asOf = periodEnd < today ? periodEnd : today;

  // Values per unit come from the dispatch statistics of the period (one read model): the same
  // figures, unit list and unit order as the dashboard and the reports.
  const [stats, targets, subs, notStarted] = await Promise.all([
    dispatchSummary(db, { period: { year, month }, unitCode: null, basis: 'verified' }),
    db.selectFrom('targets').select(['unit_code', 'indicator', 'base_value']).where('year', '=', year).execute(),
    db
      .selectFrom('submissions')
      .select(['unit_code', 'period', 'status'])
      .where('period', '>=', `${year}-01`)
      .where('period', '<=', formatPeriod({ year, month }))
      .execute(),
    db
      .selectFrom('projects')
      .select(['unit_code', 'code', 'name', 'contract_date'])
      .where('stage', '=', 'contract')
      .where('contract_date', 'is not', null)
      .execute(),
  ]);
  const units = stats.units;
  const targetOf = (code: string, ind: string) => {
    const t = targets.find((x) => x.unit_code === code && x.indicator === ind);
    return t ? Number(t.base_value) : null;
  };
  const submitted = new Set(
    subs.filter((s) => s.status === 'submitted' || s.status === 'approved').map((s) => `${s.unit_code}|${s.period}`),
  );
  const dueDay = String(settings.assessmentSubmissionDueDay).padStart(2, '0');
  const startDays = settings.assessmentContractStartDays;

  const notStartedOf = new Map<string, typeof notStarted>();
  for (const p of notStarted) {
    const list = notStartedOf.get(p.unit_code);
    if (list) list.push(p);
    else notStartedOf.set(p.unit_code, [p]);
  }
  const inputs: AssessmentUnitInput[] = units.map((u) => {
    const facts: DeductionFact[] = [];
    for (let m = 1; m <= month; m++) {
      const period = formatPeriod({ year, month: m });
      const due = m === 12 ? `${year + 1}-01-${dueDay}` : `${year}-${String(m + 1).padStart(2, '0')}-${dueDay}`;
      if (due < asOf && !submitted.has(`${u.code}|${period}`)) facts.push({ kind: 'missing_submission', period });
    }
    for (const p of notStartedOf.get(u.code) ?? []) {
      if (!p.contract_date) continue;
      const days = daysBetween(p.contract_date, asOf);
      if (days > startDays)
        facts.push({ kind: 'contract_not_started', projectCode: p.code, projectName: p.name, contractDate: p.contract_date, days });
    }
    return {
      code: u.code,
      name: u.name,
      facts,
      indicators: {
        funds: { value: u.headlineYtdYuan, target: targetOf(u.code, 'funds') },
        foreign: { value: u.foreignUsdYtd, target: targetOf(u.code, 'foreign') },
        contracts: { value: u.contractsYtd.count, target: targetOf(u.code, 'contracts') },
      },
    };
  });
  const scored = scoreUnits(inputs, {
    method: settings.assessmentMethod,
    weights: {
      funds: settings.assessmentWeightFunds,
      foreign: settings.assessmentWeightForeign,
      contracts: settings.assessmentWeightContracts,
    },
    cap: settings.assessmentCap,
    deductMissingSubmission: settings.assessmentDeductMissingSubmission,
    deductContractNotStarted: settings.assessmentDeductContractNotStarted,
  });
  const own = scopeUnit(actor);
  return {
    year,
    month,
    asOf,
    method: settings.assessmentMethod,
    methodText:
      settings.assessmentMethod === 'weighted'
        ? `完成率加权法：得分 = Σ 权重 × min(完成率, ${formatPercent(settings.assessmentCap)})，未下达目标的指标权重按比例分给其他指标`
        : '功效系数法：单项得分 = 60 + 40 × (完成率 − 最低) / (最高 − 最低)，按权重加权平均',
    weights: {
      funds: settings.assessmentWeightFunds,
      foreign: settings.assessmentWeightForeign,
      contracts: settings.assessmentWeightContracts,
    },
    cap: settings.assessmentCap,
    deductMissingSubmission: settings.assessmentDeductMissingSubmission,
    deductContractNotStarted: settings.assessmentDeductContractNotStarted,
    contractStartDays: startDays,
    units: scored
      .filter((s) => own === null || s.code === own)
      .map((s) => ({
        ...s,
        indicators: s.indicators.map((i) => ({ ...i, label: TARGET_INDICATOR_LABELS[i.indicator], unitLabel: UNIT_LABEL[i.indicator] })),
      })),
  };
}

const showValue = (ind: AssessmentIndicator, v: number | null) =>
  v === null ? '—' : ind === 'funds' ? formatWan(v) : ind === 'foreign' ? formatWanUsd(v) : `${v}个`;

/** The score sheets as Excel: a summary sheet and one row per indicator/deduction in the detail. */
export async function assessmentXlsx(
  db: Tx,
  actor: Actor,
  q: { year?: number | undefined; period?: string | undefined },
): Promise<{ buffer: Buffer; filename: string }> {
  const a = await assessment(db, actor, q);
  const settings = await getSettings(db);
  const wb = new ExcelJS.Workbook();
  const title = `${settings.cityName}${a.year}年1-${a.month}月招商引资考核得分表`;
  const ws = wb.addWorksheet('考核得分');
  const cols = ['名次', '单位', ...ASSESSMENT_INDICATORS.map((k) => `${TARGET_INDICATOR_LABELS[k]}得分`), '小计', '扣分', '总分'];
  ws.columns = cols.map((_, i) => ({ width: i === 1 ? 16 : 12 }));
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: '黑体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, cols.length);
  ws.getCell(2, 1).value = `${a.methodText}；截至 ${a.asOf}`;
  ws.getCell(2, 1).alignment = { wrapText: true };
  ws.getRow(2).height = 32;
  const header = ws.addRow(cols);
  header.font = { bold: true };
  const thin = { style: 'thin' as const };
  for (const u of [...a.units].sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9))) {
    ws.addRow([
      u.rank ?? '—',
      u.name,
      ...u.indicators.map((i) => roundPoints(i.points)),
      roundPoints(u.subtotal),
      roundPoints(u.deductionTotal),
      roundPoints(u.score),
    ]);
  }
  ws.eachRow((row, n) => {
    if (n >= 3)
      row.eachCell({ includeEmpty: true }, (c) => {
        c.border = { top: thin, left: thin, bottom: thin, right: thin };
      });
  });
  const d = wb.addWorksheet('得分明细');
  d.columns = [{ width: 14 }, { width: 14 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 40 }];
  d.addRow(['单位', '项目', '完成值', '目标', '完成率', '权重', '得分', '说明']).font = { bold: true };
  for (const u of a.units) {
    for (const i of u.indicators)
      d.addRow([
        u.name,
        i.label,
        showValue(i.indicator, i.value),
        showValue(i.indicator, i.target),
        formatPercent(i.completion),
        roundPoints(i.effectiveWeight),
        roundPoints(i.points),
        i.note,
      ]);
    for (const x of u.deductions) d.addRow([u.name, '扣分', '', '', '', '', -x.points, x.reason]);
  }
  for (const s of [ws, d])
    s.pageSetup = {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: s === ws ? '3:3' : '1:1',
    };
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${title}.xlsx` };
}
