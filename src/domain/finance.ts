/**
 * The investor's view of a reserve project (issue 11 item 3): yearly net cash flows, year 0 first,
 * each flow at the end of its year, and the figures an investor asks for — NPV, IRR, payback,
 * discounted payback, ROI — plus a sensitivity table. Pure functions; money in 元 (the results are
 * floats: the API and the brochure round them for display).
 */

/** NPV = Σ CFₜ / (1 + r)ᵗ. */
export function npv(flows: readonly number[], rate: number): number {
  let sum = 0;
  let factor = 1;
  for (let t = 0; t < flows.length; t++) {
    if (t > 0) factor *= 1 + rate;
    sum += flows[t]! / factor;
  }
  return sum;
}

/**
 * IRR: the lowest rate above −100% at which NPV = 0; null when none exists.
 *
 * Why scanning rather than Newton: Newton converges to whichever root is near its start (or diverges),
 * and with two sign changes in the flows there may be two roots or none, and we want the lowest.
 * NPV(r) is continuous on (−1, ∞), so every root where NPV changes sign shows up as a change of sign
 * between two neighbouring grid rates; the first such bracket holds the lowest root, which bisection
 * then pins down. The grid is fine near 0 (where real projects live) and coarser far away; it starts
 * just above −100% (where NPV is dominated by the last non-zero flow) and ends at +1000% (beyond
 * that, NPV ≈ CF₀ and no further sign change of interest can occur for sensible inputs).
 * A root where NPV only touches zero without crossing (a double root) is not bracketed; such flows
 * are a measure-zero curiosity and are reported as having no IRR.
 */
export function irr(flows: readonly number[]): number | null {
  if (flows.length < 2) return null;
  const hasPos = flows.some((f) => f > 0);
  const hasNeg = flows.some((f) => f < 0);
  // Without both signs NPV never crosses zero (Descartes: zero sign changes → no positive root of 1/(1+r)).
  if (!hasPos || !hasNeg) return null;
  const grid = irrGrid();
  let prevR = grid[0]!;
  let prevV = npv(flows, prevR);
  if (prevV === 0) return prevR;
  for (let i = 1; i < grid.length; i++) {
    const r = grid[i]!;
    const v = npv(flows, r);
    if (v === 0) return r;
    if (Number.isFinite(prevV) && Number.isFinite(v) && Math.sign(v) !== Math.sign(prevV)) return bisect(flows, prevR, r, prevV);
    prevR = r;
    prevV = v;
  }
  return null;
}

let GRID: number[] | null = null;
function irrGrid(): number[] {
  if (GRID) return GRID;
  const g: number[] = [];
  for (let r = -0.99; r < -0.5; r += 0.01) g.push(r);
  for (let r = -0.5; r < 1; r += 0.001) g.push(r);
  for (let r = 1; r <= 10; r += 0.01) g.push(r);
  GRID = g;
  return g;
}

function bisect(flows: readonly number[], lo: number, hi: number, vLo: number): number {
  let a = lo;
  let b = hi;
  let va = vLo;
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    const m = (a + b) / 2;
    const vm = npv(flows, m);
    if (vm === 0) return m;
    if (Math.sign(vm) === Math.sign(va)) {
      a = m;
      va = vm;
    } else b = m;
  }
  return (a + b) / 2;
}

/**
 * Payback: the first point in time where the cumulative flow reaches zero, interpolated linearly within
 * the year that gets it there (the year's flow is assumed to arrive evenly). 0 when nothing is put in
 * at year 0; null when the cumulative flow never reaches zero within the horizon.
 */
export function paybackYears(flows: readonly number[]): number | null {
  if (flows.length === 0) return null;
  let cum = flows[0]!;
  if (cum >= 0) return 0;
  for (let t = 1; t < flows.length; t++) {
    const next = cum + flows[t]!;
    if (next >= 0) return t - 1 + -cum / flows[t]!;
    cum = next;
  }
  return null;
}

/** The same on flows discounted at `rate`. */
export function discountedPaybackYears(flows: readonly number[], rate: number): number | null {
  return paybackYears(discounted(flows, rate));
}

export function discounted(flows: readonly number[], rate: number): number[] {
  let factor = 1;
  return flows.map((f, t) => {
    if (t > 0) factor *= 1 + rate;
    return f / factor;
  });
}

/** ROI = Σ CFₜ / (Σ of the negative CFₜ as a positive number); null when nothing is put in. */
export function roi(flows: readonly number[]): number | null {
  const out = flows.filter((f) => f < 0).reduce((s, f) => s - f, 0);
  if (out === 0) return null;
  return flows.reduce((s, f) => s + f, 0) / out;
}

export interface FinanceFigures {
  npv: number;
  irr: number | null;
  paybackYears: number | null;
  discountedPaybackYears: number | null;
  roi: number | null;
}

export function financeFigures(flows: readonly number[], rate: number): FinanceFigures {
  return {
    npv: npv(flows, rate),
    irr: irr(flows),
    paybackYears: paybackYears(flows),
    discountedPaybackYears: discountedPaybackYears(flows, rate),
    roi: roi(flows),
  };
}

/**
 * What the project office estimates. Capital outlay by year from year 0 (a two-year build is
 * `[a, b]`); revenue, operating cost and tax by operating year from year 1 — when a list is shorter
 * than the horizon its last value carries on (a steady state), an empty list means 0.
 */
export interface CashFlowInputs {
  capitalOutlayYuan: number[];
  revenueYuan: number[];
  operatingCostYuan: number[];
  taxYuan: number[];
  horizonYears: number;
  discountRate: number;
}

function yearValue(list: readonly number[], index: number): number {
  if (list.length === 0) return 0;
  return list[Math.min(index, list.length - 1)]!;
}

/** Net flow of year t = revenue − operating cost − tax − capital outlay (year 0 has only outlay). */
export function cashFlows(i: CashFlowInputs, revenueFactor = 1, investmentFactor = 1): number[] {
  const out: number[] = [];
  for (let t = 0; t <= i.horizonYears; t++) {
    const capex = t < i.capitalOutlayYuan.length ? i.capitalOutlayYuan[t]! : 0;
    const op =
      t === 0 ? 0 : yearValue(i.revenueYuan, t - 1) * revenueFactor - yearValue(i.operatingCostYuan, t - 1) - yearValue(i.taxYuan, t - 1);
    out.push(op - capex * investmentFactor);
  }
  return out;
}

export interface SensitivityRow {
  /** which input moves */
  variable: 'revenue' | 'investment';
  /** −0.2, −0.1, 0, 0.1, 0.2 */
  change: number;
  npv: number;
  irr: number | null;
}

export const SENSITIVITY_STEPS = [-0.2, -0.1, 0, 0.1, 0.2] as const;

/** NPV and IRR when revenue or investment moves by ±10% / ±20%, the other inputs held. */
export function sensitivity(i: CashFlowInputs): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  for (const variable of ['revenue', 'investment'] as const) {
    for (const change of SENSITIVITY_STEPS) {
      const flows = variable === 'revenue' ? cashFlows(i, 1 + change, 1) : cashFlows(i, 1, 1 + change);
      rows.push({ variable, change, npv: npv(flows, i.discountRate), irr: irr(flows) });
    }
  }
  return rows;
}

/** 元 → whole 万 as plain text with thousands separators, no unit (tables and brochures add their own): 12_743_465 → "1,274". */
export function wanText(yuan: number): string {
  const w = Math.round(yuan / 10_000);
  return (Object.is(w, -0) ? 0 : w).toLocaleString('en-US');
}
