/**
 * Year-end forecast of funds in place (到位资金), and the pipeline analytics behind it ([J]).
 * Pure functions over plain inputs — the forecast module loads the data, these do the reasoning.
 *
 * The forecast of a scope (the city or one unit) for year Y as of month M is
 *     total = fundsYtd(M) + remaining,
 * where `remaining` (funds of months M+1…12) blends two independent estimates:
 *
 * 1. Time series (run rate × seasonality). Past complete years give each month its usual share of
 *    a year (seasonal index, average 1; shrunk towards a flat year when there are few years, so
 *    one odd December does not dominate). This year's level is ytd / Σ indices of the months
 *    gone, steadied by last year's level as one extra pseudo-month. remaining = level × Σ indices
 *    of the months to come. Its spread comes from how far past months strayed from level × index.
 *    A scope that received the same amount every month is forecast at exactly twelve times it.
 *
 * 2. Structural (the pipeline itself). (a) Projects already signed bring, month by month after
 *    their contract, the share of total investment that signed projects brought historically
 *    (the arrival curve, pooled city-wide), never more than their investment not yet in place;
 *    (b) open projects (线索…协议) reach a contract within the months left with the probability
 *    projects at that stage did in the past, and then start bringing funds along the same curve.
 *
 * The two are blended with weights inversely proportional to each method's squared error when
 * it is replayed on past years as of the same month (the backtest); without a backtest the time
 * series leads (weight 0.7), since it needs the fewest assumptions. The spread is the model's own,
 * widened by how wrong the blend was about the rest of the year in the backtest (its relative
 * error on the remaining months, applied to this year's remaining amount) — so a method that
 * missed by 20% in past years cannot claim a 2% interval now. The interval is an 80% one from a
 * normal approximation, never below funds already in place; the probability of reaching a target
 * is P(total ≥ target) under the same distribution.
 */

export const MONTHS = 12;
/** z for a central 80% interval (10% in each tail). */
export const Z80 = 1.2815515655446004;
/** How many years of pseudo-observations of a flat year the seasonal indices are shrunk with. */
const SEASON_PRIOR_YEARS = 1;
/** How many months of last year's level steady this year's level. */
const LEVEL_PRIOR_MONTHS = 1;
const DEFAULT_TS_WEIGHT = 0.7;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7, ample for odds). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** P(X ≥ target) for X ~ N(mean, sd²); a step when sd is 0. */
export function probabilityAtLeast(mean: number, sd: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  if (!(sd > 0)) return mean >= target ? 1 : 0;
  return 1 - normalCdf((target - mean) / sd);
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Seasonal indices (12 numbers averaging 1) from complete past years, each a 12-month array.
 * Years with no funds say nothing about seasons and are skipped.
 */
export function seasonalIndices(pastYears: readonly (readonly number[])[]): number[] {
  const acc = new Array<number>(MONTHS).fill(SEASON_PRIOR_YEARS);
  let years = SEASON_PRIOR_YEARS;
  for (const y of pastYears) {
    const total = sum(y);
    if (total <= 0) continue;
    for (let m = 0; m < MONTHS; m++) acc[m]! += ((y[m] ?? 0) / total) * MONTHS;
    years += 1;
  }
  return acc.map((v) => v / years);
}

export type TimeSeriesInput = {
  /** Counted funds of this year's months 1…M (length M). */
  ytdMonths: readonly number[];
  /** Complete past years, oldest first, 12 months each. */
  pastYears: readonly (readonly number[])[];
};
export type Estimate = { remaining: number; sd: number };

/** Estimate 1: run rate × seasonality, with its spread. */
export function timeSeriesEstimate(input: TimeSeriesInput): Estimate {
  const m = input.ytdMonths.length;
  if (m >= MONTHS) return { remaining: 0, sd: 0 };
  const idx = seasonalIndices(input.pastYears);
  const sIn = sum(idx.slice(0, m));
  const sOut = sum(idx.slice(m));
  const ytd = sum(input.ytdMonths);
  const last = input.pastYears.at(-1);
  const prior = last && sum(last) > 0 ? sum(last) / MONTHS : null;
  const level = prior === null ? (sIn > 0 ? ytd / sIn : 0) : (ytd + LEVEL_PRIOR_MONTHS * prior) / (sIn + LEVEL_PRIOR_MONTHS);
  // Residuals: each observed month against its year's level × its seasonal index.
  const residuals: number[] = [];
  for (const y of input.pastYears) {
    const yl = sum(y) / MONTHS;
    if (yl <= 0) continue;
    for (let k = 0; k < MONTHS; k++) residuals.push((y[k] ?? 0) - yl * idx[k]!);
  }
  for (let k = 0; k < m; k++) residuals.push((input.ytdMonths[k] ?? 0) - level * idx[k]!);
  const dof = Math.max(1, residuals.length - 1);
  const sigma2 = sum(residuals.map((e) => e * e)) / dof;
  // Months to come vary on their own, and the level itself is uncertain by σ²/(months seen).
  const variance = (MONTHS - m) * sigma2 + (sOut * sOut * sigma2) / Math.max(1, sIn + (prior === null ? 0 : LEVEL_PRIOR_MONTHS));
  return { remaining: Math.max(0, level * sOut), sd: Math.sqrt(variance) };
}

/**
 * The arrival curve: f[k] = the average share of total investment that a signed project brings in
 * the k-th month after the month of its contract (k = 0 is that month), over the projects observed
 * that long. Beyond the longest observed age the curve is 0 (nothing assumed).
 */
export type ArrivalObservation = { totalInvestmentYuan: number; contractMonthIndex: number; funds: ReadonlyMap<number, number> };
export function arrivalCurve(projects: readonly ArrivalObservation[], asOfMonthIndex: number, maxAge = 60): number[] {
  const shares = new Array<number>(maxAge).fill(0);
  const counts = new Array<number>(maxAge).fill(0);
  for (const p of projects) {
    if (p.totalInvestmentYuan <= 0 || p.contractMonthIndex > asOfMonthIndex) continue;
    const age = Math.min(maxAge - 1, asOfMonthIndex - p.contractMonthIndex);
    for (let k = 0; k <= age; k++) {
      shares[k]! += (p.funds.get(p.contractMonthIndex + k) ?? 0) / p.totalInvestmentYuan;
      counts[k]! += 1;
    }
  }
  return shares.map((s, k) => (counts[k]! > 0 ? s / counts[k]! : 0));
}

/** Σ f[from…to], clipped to the curve. */
function curveSum(curve: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let k = Math.max(0, from); k <= to && k < curve.length; k++) s += curve[k]!;
  return s;
}

export type SignedProject = { totalInvestmentYuan: number; fundsToDateYuan: number; ageMonths: number };
/** What signed projects can plausibly bring in the next `monthsLeft` months: the curve, capped by what is not yet in place. */
export function signedPotential(projects: readonly SignedProject[], curve: readonly number[], monthsLeft: number): number {
  let total = 0;
  for (const p of projects) {
    const open = Math.max(0, p.totalInvestmentYuan - p.fundsToDateYuan);
    total += Math.min(open, p.totalInvestmentYuan * curveSum(curve, p.ageMonths + 1, p.ageMonths + monthsLeft));
  }
  return total;
}

export type PipelineProject = { stage: string; totalInvestmentYuan: number };
/**
 * Open pipeline: each project reaches a contract within the months left with its stage's learned
 * probability; signed, say, half-way through what is left, it then brings the curve's first months.
 */
export function pipelinePotential(
  projects: readonly PipelineProject[],
  conversion: Readonly<Record<string, number>>,
  curve: readonly number[],
  monthsLeft: number,
): number {
  if (monthsLeft <= 0) return 0;
  const afterSigning = curveSum(curve, 0, Math.floor(monthsLeft / 2));
  return sum(projects.map((p) => p.totalInvestmentYuan * (conversion[p.stage] ?? 0) * afterSigning));
}

/** Stage entries used to learn "reaches a contract within h months of entering stage s". */
export type StageSpell = { stage: string; enteredMonthIndex: number; contractMonthIndex: number | null };
export function contractConversion(spells: readonly StageSpell[], asOfMonthIndex: number, horizonMonths: number): Record<string, number> {
  const hit: Record<string, number> = {};
  const seen: Record<string, number> = {};
  for (const s of spells) {
    // Only spells old enough to have had the whole horizon to convert (no right-censoring bias).
    if (s.enteredMonthIndex + horizonMonths > asOfMonthIndex) continue;
    seen[s.stage] = (seen[s.stage] ?? 0) + 1;
    if (
      s.contractMonthIndex !== null &&
      s.contractMonthIndex >= s.enteredMonthIndex &&
      s.contractMonthIndex <= s.enteredMonthIndex + horizonMonths
    )
      hit[s.stage] = (hit[s.stage] ?? 0) + 1;
  }
  const out: Record<string, number> = {};
  for (const k of Object.keys(seen)) out[k] = (hit[k] ?? 0) / seen[k]!;
  return out;
}

export type BacktestPoint = {
  year: number;
  predictedYuan: number;
  structuralYuan: number | null;
  timeSeriesYuan: number;
  actualYuan: number;
  ytdYuan?: number;
};

/** Relative error of each backtest point on the months that remained (points with nothing remaining are skipped). */
export function remainingRelErrors(points: readonly BacktestPoint[]): number[] {
  return points
    .filter((p) => p.ytdYuan !== undefined && p.actualYuan - p.ytdYuan > 0)
    .map((p) => (p.predictedYuan - p.actualYuan) / (p.actualYuan - p.ytdYuan!));
}
/** Blend weight of the time series from backtest errors (inverse squared error). */
export function blendWeight(points: readonly BacktestPoint[]): number {
  const withSt = points.filter((p) => p.structuralYuan !== null);
  if (withSt.length === 0) return points.length > 0 ? 1 : DEFAULT_TS_WEIGHT;
  const mse = (f: (p: BacktestPoint) => number) => sum(withSt.map((p) => (f(p) - p.actualYuan) ** 2)) / withSt.length;
  const eTs = mse((p) => p.timeSeriesYuan);
  const eSt = mse((p) => p.structuralYuan ?? 0);
  if (eTs === 0 && eSt === 0) return DEFAULT_TS_WEIGHT;
  if (eTs === 0) return 1;
  if (eSt === 0) return 0;
  return 1 / eTs / (1 / eTs + 1 / eSt);
}

export type ScopeForecast = {
  fundsYtdYuan: number;
  expectedYuan: number;
  lowYuan: number;
  highYuan: number;
  probabilityBase: number | null;
  probabilityStretch: number | null;
  timeSeriesRemainingYuan: number;
  structuralRemainingYuan: number | null;
  signedPotentialYuan: number | null;
  pipelinePotentialYuan: number | null;
  weightTimeSeries: number;
};

export type ScopeForecastInput = TimeSeriesInput & {
  targetBaseYuan: number | null;
  targetStretchYuan: number | null;
  /** Structural parts, when the pipeline is known. */
  signedPotentialYuan?: number | null;
  pipelinePotentialYuan?: number | null;
  /** Time-series weight from the backtest (blendWeight); default DEFAULT_TS_WEIGHT. */
  weightTimeSeries?: number;
  /** Relative error of the structural estimate in the backtest, for its spread (default 50%). */
  structuralRelError?: number;
  /** The blend's relative errors on the remaining months in past years (backtest), to widen the spread. */
  backtestRemainingRelErrors?: readonly number[];
};

export function forecastScope(input: ScopeForecastInput): ScopeForecast {
  const ytd = sum(input.ytdMonths);
  const ts = timeSeriesEstimate(input);
  const hasSt = input.signedPotentialYuan != null || input.pipelinePotentialYuan != null;
  const st = hasSt ? (input.signedPotentialYuan ?? 0) + (input.pipelinePotentialYuan ?? 0) : null;
  const w = st === null ? 1 : (input.weightTimeSeries ?? DEFAULT_TS_WEIGHT);
  const remaining = st === null ? ts.remaining : w * ts.remaining + (1 - w) * st;
  const stSd = st === null ? 0 : st * (input.structuralRelError ?? 0.5);
  // The two estimates err in related ways (both miss a surprise contract); treat them as fully
  // correlated, which gives the wider — honest — interval.
  const modelSd = w * ts.sd + (1 - w) * stSd;
  const errs = input.backtestRemainingRelErrors ?? [];
  const rms = errs.length > 0 ? Math.sqrt(sum(errs.map((e) => e * e)) / errs.length) : 0;
  const sd = Math.sqrt(modelSd * modelSd + (rms * remaining) ** 2);
  const expected = Math.round(ytd + remaining);
  const low = Math.round(Math.max(ytd, expected - Z80 * sd));
  const high = Math.round(expected + Z80 * sd);
  return {
    fundsYtdYuan: ytd,
    expectedYuan: expected,
    lowYuan: low,
    highYuan: high,
    probabilityBase: probabilityAtLeast(ytd + remaining, sd, input.targetBaseYuan),
    probabilityStretch: probabilityAtLeast(ytd + remaining, sd, input.targetStretchYuan),
    timeSeriesRemainingYuan: Math.round(ts.remaining),
    structuralRemainingYuan: st === null ? null : Math.round(st),
    signedPotentialYuan: input.signedPotentialYuan == null ? null : Math.round(input.signedPotentialYuan),
    pipelinePotentialYuan: input.pipelinePotentialYuan == null ? null : Math.round(input.pipelinePotentialYuan),
    weightTimeSeries: w,
  };
}

/** Mean absolute percentage error of a backtest (null without points or with zero actuals only). */
export function mape(points: readonly { predictedYuan: number; actualYuan: number }[]): number | null {
  const usable = points.filter((p) => p.actualYuan > 0);
  if (usable.length === 0) return null;
  return sum(usable.map((p) => Math.abs(p.predictedYuan - p.actualYuan) / p.actualYuan)) / usable.length;
}

/** Month index (year × 12 + month − 1) so that ages are plain subtractions. */
export const monthIndex = (year: number, month: number): number => year * 12 + (month - 1);

// ————— pipeline analytics: conversion, cycle times, drops —————

export type Move = { projectId: number; toStage: string; movedOn: string };
export type StageStat = {
  stage: string;
  entered: number;
  advanced: number;
  conversion: number | null;
  medianDays: number | null;
  p25Days: number | null;
  p75Days: number | null;
};

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * From each project's moves (in date order): for every stage of the main line, how many projects
 * entered it, how many went on to a later stage of the line (conversion), and the days spent in it
 * before leaving it (median and quartiles; spells still open are not counted as finished).
 */
export function stageAnalytics(moves: readonly Move[], line: readonly string[]): StageStat[] {
  const byProject = new Map<number, Move[]>();
  for (const m of moves) {
    const list = byProject.get(m.projectId) ?? [];
    list.push(m);
    byProject.set(m.projectId, list);
  }
  const order = new Map(line.map((s, i) => [s, i]));
  const entered = new Map<string, number>();
  const advanced = new Map<string, number>();
  const days = new Map<string, number[]>();
  for (const list of byProject.values()) {
    list.sort((a, b) => a.movedOn.localeCompare(b.movedOn));
    const reached = new Set<string>();
    let best = -1;
    for (let i = 0; i < list.length; i++) {
      const m = list[i]!;
      const o = order.get(m.toStage);
      if (o !== undefined) {
        reached.add(m.toStage);
        best = Math.max(best, o);
      }
      const next = list[i + 1];
      if (next && o !== undefined) {
        const d = dayNumber(next.movedOn) - dayNumber(m.movedOn);
        if (d >= 0) (days.get(m.toStage) ?? days.set(m.toStage, []).get(m.toStage)!).push(d);
      }
    }
    // A skipped stage counts as passed through: a project that went lead → contract converted at every step.
    for (const s of line) {
      const o = order.get(s)!;
      if (o <= best) {
        entered.set(s, (entered.get(s) ?? 0) + 1);
        if (o < best) advanced.set(s, (advanced.get(s) ?? 0) + 1);
      } else if (reached.has(s)) entered.set(s, (entered.get(s) ?? 0) + 1);
    }
  }
  return line.map((stage) => {
    const e = entered.get(stage) ?? 0;
    const a = advanced.get(stage) ?? 0;
    const d = [...(days.get(stage) ?? [])].sort((x, y) => x - y);
    return {
      stage,
      entered: e,
      advanced: a,
      conversion: e > 0 ? a / e : null,
      medianDays: quantile(d, 0.5),
      p25Days: quantile(d, 0.25),
      p75Days: quantile(d, 0.75),
    };
  });
}
