// Loads what the forecast needs (official basis: verified entries only; nothing after the end of
// the as-of month) and runs the pure methods of src/domain/forecast.ts for the city and each unit,
// replaying them on past years as of the same month to measure their error (the backtest).
import { figuresCacheOf, type Db, type Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import {
  arrivalCurve,
  blendWeight,
  contractConversion,
  forecastScope,
  mape,
  monthIndex,
  pipelinePotential,
  signedPotential,
  remainingRelErrors,
  timeSeriesEstimate,
  type ArrivalObservation,
  type BacktestPoint,
  type ScopeForecast,
  type StageSpell,
} from '../../domain/forecast';
import { formatPercent, formatYi } from '../../domain/money';
import { currentPeriod, formatPeriod, parsePeriod, type Period } from '../../domain/period';
import type { ForecastDto } from '../../contracts/forecast';
import type { Actor } from '../auth/actor';
import { scopeUnit } from '../auth/scope';

const OPEN_STAGES = ['lead', 'negotiating', 'intent', 'agreement'];
const SIGNED_STAGES = ['contract', 'started', 'operating'];
const CITY = '*';
const KIND_ORDER: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

type ProjectFacts = {
  id: number;
  unitCode: string;
  totalInvestmentYuan: number;
  contractIdx: number | null;
  /** Moves in date order: [monthIndex, stage, date]. */
  moves: { idx: number; stage: string; date: string }[];
};
type Data = {
  units: { code: string; name: string; kind: string }[];
  /** unit code → month index → counted funds (the city key '*' holds the whole city). */
  series: Map<string, Map<number, number>>;
  /** project id → month index → counted funds. */
  projectFunds: Map<number, Map<number, number>>;
  projects: ProjectFacts[];
  targets: Map<string, { base: number; stretch: number | null }>;
  firstYear: number | null;
};

const lastDay = (p: Period): string => formatPeriod(p) + '-' + String(new Date(Date.UTC(p.year, p.month, 0)).getUTCDate()).padStart(2, '0');

async function load(db: Tx, asOf: Period): Promise<Data> {
  const end = lastDay(asOf);
  const [units, rollups, pf, projects, moves, targets] = await Promise.all([
    db.selectFrom('units').select(['code', 'name', 'kind', 'sort', 'active']).execute(),
    db
      .selectFrom('fund_rollups')
      .select((eb) => ['year', 'month', 'unit_code', eb.fn.sum<number>('amount_yuan').as('yuan')])
      .where('status', '=', 'verified')
      .where((eb) => eb.or([eb('year', '<', asOf.year), eb.and([eb('year', '=', asOf.year), eb('month', '<=', asOf.month)])]))
      .groupBy(['year', 'month', 'unit_code'])
      .execute(),
    db
      .selectFrom('fund_entries')
      .select((eb) => ['project_id', 'year', 'month', eb.fn.sum<number>('amount_yuan').as('yuan')])
      .where('status', '=', 'verified')
      .where((eb) => eb.or([eb('year', '<', asOf.year), eb.and([eb('year', '=', asOf.year), eb('month', '<=', asOf.month)])]))
      .groupBy(['project_id', 'year', 'month'])
      .execute(),
    db.selectFrom('projects').select(['id', 'unit_code', 'total_investment_yuan', 'contract_date']).execute(),
    db
      .selectFrom('stage_moves')
      .select(['project_id', 'to_stage', 'moved_on', 'id'])
      .where('moved_on', '<=', end)
      .orderBy('moved_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('targets')
      .select(['unit_code', 'base_value', 'stretch_value'])
      .where('year', '=', asOf.year)
      .where('indicator', '=', 'funds')
      .execute(),
  ]);
  const series = new Map<string, Map<number, number>>();
  let firstYear: number | null = null;
  const add = (key: string, idx: number, v: number) => {
    const m = series.get(key) ?? series.set(key, new Map()).get(key)!;
    m.set(idx, (m.get(idx) ?? 0) + v);
  };
  for (const r of rollups) {
    const idx = monthIndex(n(r.year), n(r.month));
    add(r.unit_code, idx, n(r.yuan));
    add(CITY, idx, n(r.yuan));
    if (n(r.yuan) !== 0) firstYear = firstYear === null ? n(r.year) : Math.min(firstYear, n(r.year));
  }
  const projectFunds = new Map<number, Map<number, number>>();
  for (const r of pf) {
    const m = projectFunds.get(Number(r.project_id)) ?? projectFunds.set(Number(r.project_id), new Map()).get(Number(r.project_id))!;
    m.set(monthIndex(n(r.year), n(r.month)), n(r.yuan));
  }
  const movesOf = new Map<number, ProjectFacts['moves']>();
  for (const m of moves) {
    const list = movesOf.get(Number(m.project_id)) ?? movesOf.set(Number(m.project_id), []).get(Number(m.project_id))!;
    list.push({ idx: monthIndex(Number(m.moved_on.slice(0, 4)), Number(m.moved_on.slice(5, 7))), stage: m.to_stage, date: m.moved_on });
  }
  const facts: ProjectFacts[] = [];
  for (const p of projects) {
    const mv = movesOf.get(Number(p.id));
    if (!mv || mv.length === 0) continue; // registered after the as-of month
    const cd = p.contract_date && p.contract_date <= end ? p.contract_date : null;
    facts.push({
      id: Number(p.id),
      unitCode: p.unit_code,
      totalInvestmentYuan: n(p.total_investment_yuan),
      contractIdx: cd ? monthIndex(Number(cd.slice(0, 4)), Number(cd.slice(5, 7))) : null,
      moves: mv,
    });
  }
  return {
    units: units
      .filter((u) => u.active && u.kind !== 'city')
      .sort((a, b) => KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]! || n(a.sort) - n(b.sort) || a.code.localeCompare(b.code))
      .map((u) => ({ code: u.code, name: u.name, kind: u.kind })),
    series,
    projectFunds,
    projects: facts,
    targets: new Map(
      targets.map((t) => [t.unit_code, { base: n(t.base_value), stretch: t.stretch_value === null ? null : n(t.stretch_value) }]),
    ),
    firstYear,
  };
}

type Parts = { ytdMonths: number[]; pastYears: number[][]; signed: number; pipeline: number };

/** Everything each scope's forecast needs as of month M of year Y, using data up to then only. */
function partsAt(data: Data, year: number, month: number, scopes: string[]): Map<string, Parts> {
  const asOfIdx = monthIndex(year, month);
  const monthsLeft = 12 - month;
  const stageAt = (p: ProjectFacts): string | null => {
    let s: string | null = null;
    for (const m of p.moves) if (m.idx <= asOfIdx) s = m.stage;
    return s;
  };
  const fundsUpTo = (id: number): number => {
    let t = 0;
    for (const [idx, v] of data.projectFunds.get(id) ?? []) if (idx <= asOfIdx) t += v;
    return t;
  };
  const contracted = data.projects.filter((p) => p.contractIdx !== null && p.contractIdx <= asOfIdx);
  const obs: ArrivalObservation[] = contracted.map((p) => ({
    totalInvestmentYuan: p.totalInvestmentYuan,
    contractMonthIndex: p.contractIdx!,
    funds: data.projectFunds.get(p.id) ?? new Map(),
  }));
  const curve = arrivalCurve(obs, asOfIdx);
  const spells: StageSpell[] = [];
  for (const p of data.projects) {
    for (const m of p.moves) {
      if (m.idx > asOfIdx || !OPEN_STAGES.includes(m.stage)) continue;
      spells.push({
        stage: m.stage,
        enteredMonthIndex: m.idx,
        contractMonthIndex: p.contractIdx !== null && p.contractIdx <= asOfIdx ? p.contractIdx : null,
      });
    }
  }
  const conversion = contractConversion(spells, asOfIdx, Math.max(1, monthsLeft));
  // Each project classified once (signed with its funds to date, or open in the pipeline) into its unit's
  // lists and the city's, in project order — not once per scope: a province has 100 units × 200,000 projects.
  type Signed = { totalInvestmentYuan: number; fundsToDateYuan: number; ageMonths: number };
  type Open = { stage: string; totalInvestmentYuan: number };
  const wanted = new Set(scopes);
  const lists = new Map<string, { signed: Signed[]; open: Open[] }>();
  const listOf = (key: string) => lists.get(key) ?? lists.set(key, { signed: [], open: [] }).get(key)!;
  for (const p of data.projects) {
    const toCity = wanted.has(CITY);
    const toUnit = wanted.has(p.unitCode);
    if (!toCity && !toUnit) continue;
    const st = stageAt(p);
    let item: { signed?: Signed; open?: Open } | null = null;
    if (st && SIGNED_STAGES.includes(st) && p.contractIdx !== null) {
      item = {
        signed: { totalInvestmentYuan: p.totalInvestmentYuan, fundsToDateYuan: fundsUpTo(p.id), ageMonths: asOfIdx - p.contractIdx },
      };
    } else if (st && OPEN_STAGES.includes(st)) item = { open: { stage: st, totalInvestmentYuan: p.totalInvestmentYuan } };
    if (!item) continue;
    for (const key of [toCity ? CITY : null, toUnit && p.unitCode !== CITY ? p.unitCode : null]) {
      if (key === null) continue;
      if (item.signed) listOf(key).signed.push(item.signed);
      else listOf(key).open.push(item.open!);
    }
  }
  const out = new Map<string, Parts>();
  for (const scope of scopes) {
    const s = data.series.get(scope) ?? new Map<number, number>();
    const ytdMonths = Array.from({ length: month }, (_, k) => s.get(monthIndex(year, k + 1)) ?? 0);
    const pastYears: number[][] = [];
    for (let y = data.firstYear ?? year; y < year; y++)
      pastYears.push(Array.from({ length: 12 }, (_, k) => s.get(monthIndex(y, k + 1)) ?? 0));
    const { signed: signedProjects, open } = lists.get(scope) ?? { signed: [], open: [] };
    out.set(scope, {
      ytdMonths,
      pastYears,
      signed: signedPotential(signedProjects, curve, monthsLeft),
      pipeline: pipelinePotential(open, conversion, curve, monthsLeft),
    });
  }
  return out;
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The latest month with verified funds, or the current month. */
async function defaultAsOf(db: Tx): Promise<Period> {
  const r = await db
    .selectFrom('fund_rollups')
    .select(['year', 'month'])
    .where('status', '=', 'verified')
    .where('entries', '>', 0)
    .orderBy('year', 'desc')
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { year: n(r.year), month: n(r.month) } : currentPeriod();
}

export function forecastSentence(
  f: Pick<ForecastDto, 'expectedYuan' | 'lowYuan' | 'highYuan' | 'probabilityBase' | 'probabilityStretch' | 'backtest'>,
): string {
  let s = `按目前进度预计全年完成${formatYi(f.expectedYuan)}（80%区间${formatYi(f.lowYuan)}至${formatYi(f.highYuan)}）`;
  if (f.probabilityBase !== null) s += `，完成确保目标的概率为${formatPercent(f.probabilityBase)}`;
  if (f.probabilityStretch !== null) s += `，完成力争目标的概率为${formatPercent(f.probabilityStretch)}`;
  s += '。';
  if (f.backtest.mape !== null) s += `（该方法回测往年同期预测，平均误差${formatPercent(f.backtest.mape)}。）`;
  return s;
}

export async function forecast(db: Tx, actor: Actor, q: { asOf?: string | undefined; unit?: string | undefined }): Promise<ForecastDto> {
  const asOf = q.asOf ? parsePeriod(q.asOf) : await defaultAsOf(db);
  if (!asOf || asOf.year < 2000 || asOf.year > 2100)
    throw new AppError('validation', `报告期“${q.asOf}”格式不对，应为 YYYY-MM，例如 2026-05`, { asOf: '应为 YYYY-MM' });
  const own = scopeUnit(actor);
  const unitCode = own ?? q.unit ?? null;
  if (own !== null && q.unit && q.unit !== own) throw new AppError('not_found', `单位 ${q.unit} 不存在或无权查看`);
  // Seconds of work at province scale (ten years of project-months, a backtest per past year): kept in the
  // instance's figures cache until the next write, and computed once for everyone asking meanwhile.
  const compute = () => computeForecast(db, asOf, unitCode);
  // A transaction has no cache of its own (figuresCacheOf answers null): it computes from what it sees.
  const cache = figuresCacheOf(db as Db);
  return cache ? cache.remember(`forecast|${formatPeriod(asOf)}|${unitCode ?? '*'}`, compute) : compute();
}

async function computeForecast(db: Tx, asOf: Period, unitCode: string | null): Promise<ForecastDto> {
  const data = await load(db, asOf);
  let scopeName = '全市';
  if (unitCode !== null) {
    const u = await db.selectFrom('units').select(['code', 'name', 'kind']).where('code', '=', unitCode).executeTakeFirst();
    if (!u) throw new AppError('not_found', `单位 ${unitCode} 不存在或无权查看`);
    scopeName = u.name;
  }
  const cityUnit = await db.selectFrom('units').select('code').where('kind', '=', 'city').executeTakeFirst();
  const headKey = unitCode ?? CITY;
  const unitRows = data.units.filter((u) => unitCode === null || u.code === unitCode);
  const scopes = [...new Set([headKey, ...unitRows.map((u) => u.code)])];
  const monthsLeft = 12 - asOf.month;

  // Backtest: replay on each past year with data, as of the same month, against its actual year.
  const points = new Map<string, BacktestPoint[]>(scopes.map((s) => [s, []]));
  if (data.firstYear !== null) {
    for (let y = data.firstYear; y < asOf.year; y++) {
      const parts = partsAt(data, y, asOf.month, scopes);
      for (const s of scopes) {
        const p = parts.get(s)!;
        const series = data.series.get(s) ?? new Map<number, number>();
        const actual = sumOf(Array.from({ length: 12 }, (_, k) => series.get(monthIndex(y, k + 1)) ?? 0));
        if (actual <= 0 && sumOf(p.ytdMonths) <= 0) continue;
        const ytd = sumOf(p.ytdMonths);
        const ts = ytd + timeSeriesEstimate(p).remaining;
        points.get(s)!.push({
          year: y,
          ytdYuan: ytd,
          timeSeriesYuan: Math.round(ts),
          structuralYuan: Math.round(ytd + p.signed + p.pipeline),
          predictedYuan: 0,
          actualYuan: actual,
        });
      }
    }
  }
  const now = partsAt(data, asOf.year, asOf.month, scopes);
  const result = new Map<
    string,
    ScopeForecast & {
      neededMonthlyBaseYuan: number | null;
      neededMonthlyStretchYuan: number | null;
      gapUncovered: boolean | null;
      targetBaseYuan: number | null;
      targetStretchYuan: number | null;
    }
  >();
  for (const s of scopes) {
    const p = now.get(s)!;
    const pts = points.get(s)!;
    const w = blendWeight(pts);
    const stErrs = pts.filter((x) => x.actualYuan > 0).map((x) => Math.abs((x.structuralYuan ?? 0) - x.actualYuan) / x.actualYuan);
    const target = data.targets.get(s === CITY ? (cityUnit?.code ?? '') : s) ?? null;
    for (const x of pts) x.predictedYuan = Math.round(w * x.timeSeriesYuan + (1 - w) * (x.structuralYuan ?? x.timeSeriesYuan));
    const f = forecastScope({
      ytdMonths: p.ytdMonths,
      pastYears: p.pastYears,
      targetBaseYuan: target?.base ?? null,
      targetStretchYuan: target?.stretch ?? null,
      signedPotentialYuan: p.signed,
      pipelinePotentialYuan: p.pipeline,
      weightTimeSeries: w,
      ...(stErrs.length > 0 ? { structuralRelError: Math.min(1, sumOf(stErrs) / stErrs.length) } : {}),
      backtestRemainingRelErrors: remainingRelErrors(pts),
    });
    const needed = (t: number | null | undefined) =>
      t == null || t <= 0 || monthsLeft === 0 ? null : Math.max(0, Math.ceil((t - f.fundsYtdYuan) / monthsLeft));
    const gap = target && target.base > 0 ? target.base - f.fundsYtdYuan : null;
    result.set(s, {
      ...f,
      targetBaseYuan: target?.base ?? null,
      targetStretchYuan: target?.stretch ?? null,
      neededMonthlyBaseYuan: needed(target?.base),
      neededMonthlyStretchYuan: needed(target?.stretch),
      gapUncovered: gap === null ? null : gap > 0 && p.signed + p.pipeline < gap,
    });
  }
  const head = result.get(headKey)!;
  const pts = points.get(headKey)!;
  const backtest = {
    asOfMonth: asOf.month,
    years: pts.map(({ ytdYuan: _ytd, ...x }) => ({
      ...x,
      errorPct: x.actualYuan > 0 ? (x.predictedYuan - x.actualYuan) / x.actualYuan : null,
    })),
    mape: mape(pts),
    timeSeriesMape: mape(pts.map((x) => ({ predictedYuan: x.timeSeriesYuan, actualYuan: x.actualYuan }))),
    structuralMape: mape(pts.map((x) => ({ predictedYuan: x.structuralYuan ?? 0, actualYuan: x.actualYuan }))),
  };
  const dto = {
    year: asOf.year,
    asOf: formatPeriod(asOf),
    basis: 'verified' as const,
    monthsLeft,
    scope: { unitCode, name: scopeName },
    ...head,
    units: unitRows.map((u) => ({ code: u.code, name: u.name, ...result.get(u.code)! })),
    backtest,
  };
  return { ...dto, sentence: forecastSentence(dto) };
}
