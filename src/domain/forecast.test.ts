import { describe, expect, it } from 'vitest';
import {
  arrivalCurve,
  blendWeight,
  contractConversion,
  forecastScope,
  mape,
  monthIndex,
  normalCdf,
  pipelinePotential,
  probabilityAtLeast,
  seasonalIndices,
  signedPotential,
  stageAnalytics,
  timeSeriesEstimate,
} from './forecast';
import { STAGES } from './stages';

const flat = (a: number) => Array.from({ length: 12 }, () => a);

describe('forecast: the sanity case any sound method passes', () => {
  // The same amount every month for two years and five months.
  const A = 1_000_000;
  const input = { ytdMonths: [A, A, A, A, A], pastYears: [flat(A), flat(A)] };
  it('is forecast at twelve times the monthly amount', () => {
    const f = forecastScope({ ...input, targetBaseYuan: 6 * A, targetStretchYuan: 19.2 * A });
    expect(f.expectedYuan).toBe(12 * A);
    expect(f.lowYuan).toBeLessThanOrEqual(12 * A);
    expect(f.highYuan).toBeGreaterThanOrEqual(12 * A);
    expect(f.probabilityBase).toBeGreaterThan(0.99); // half of it: almost surely reached
    expect(f.probabilityStretch).toBeLessThan(0.01); // 1.6 times it: almost surely missed
  });
  it('stays near twelve times with the structural estimate blended in, when the backtest says the time series is exact', () => {
    const w = blendWeight([{ year: 2025, timeSeriesYuan: 12 * A, structuralYuan: 9 * A, predictedYuan: 0, actualYuan: 12 * A }]);
    expect(w).toBe(1);
    const f = forecastScope({
      ...input,
      targetBaseYuan: null,
      targetStretchYuan: null,
      signedPotentialYuan: 2 * A,
      pipelinePotentialYuan: 0,
      weightTimeSeries: w,
    });
    expect(f.expectedYuan).toBe(12 * A);
    expect(f.probabilityBase).toBeNull();
  });
});

describe('seasonality and run rate', () => {
  it('indices average 1 and lean towards a flat year when history is short', () => {
    const dec = [...flat(0).slice(0, 11), 1200]; // everything in December
    const idx = seasonalIndices([dec]);
    expect(idx.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 10);
    expect(idx[11]).toBeCloseTo((1 + 12) / 2, 10); // one real year + one flat prior year
    expect(idx[0]).toBeCloseTo(0.5, 10);
  });
  it('a December-heavy past projects more for the months left than a flat run rate', () => {
    const past = [
      [...flat(100).slice(0, 11), 1300],
      [...flat(100).slice(0, 11), 1300],
    ];
    const e = timeSeriesEstimate({ ytdMonths: flat(100).slice(0, 6), pastYears: past });
    expect(e.remaining).toBeGreaterThan(600);
  });
  it('without any history or funds the forecast is zero with no spread', () => {
    const f = forecastScope({ ytdMonths: [0, 0, 0], pastYears: [], targetBaseYuan: 100, targetStretchYuan: null });
    expect(f).toMatchObject({ expectedYuan: 0, lowYuan: 0, highYuan: 0, probabilityBase: 0, probabilityStretch: null });
  });
  it('December as of: nothing remains', () => {
    expect(timeSeriesEstimate({ ytdMonths: flat(5), pastYears: [] })).toEqual({ remaining: 0, sd: 0 });
  });
  it('noisy history gives an interval around the expectation, never below what is in place', () => {
    const past = [[50, 150, 80, 120, 90, 110, 70, 130, 100, 100, 60, 140]];
    const f = forecastScope({ ytdMonths: [100, 100, 100], pastYears: past, targetBaseYuan: 1200, targetStretchYuan: 2000 });
    expect(f.lowYuan).toBeLessThan(f.expectedYuan);
    expect(f.highYuan).toBeGreaterThan(f.expectedYuan);
    expect(f.lowYuan).toBeGreaterThanOrEqual(300);
    expect(f.probabilityBase!).toBeGreaterThan(0.2);
    expect(f.probabilityBase!).toBeLessThan(0.8);
    expect(f.probabilityStretch!).toBeLessThan(f.probabilityBase!);
  });
});

describe('normal distribution', () => {
  it('matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 6);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 6);
    expect(probabilityAtLeast(10, 0, 10)).toBe(1);
    expect(probabilityAtLeast(9, 0, 10)).toBe(0);
    expect(probabilityAtLeast(9, 1, null)).toBeNull();
  });
});

describe('structural estimate', () => {
  // Two signed projects observed for 4 months after contract: 10%, 20%, 20%, 0% of investment each month.
  const funds = (idx0: number, ti: number) =>
    new Map([
      [idx0, ti * 0.1],
      [idx0 + 1, ti * 0.2],
      [idx0 + 2, ti * 0.2],
      [idx0 + 3, 0],
    ]);
  const asOf = monthIndex(2026, 6);
  const obs = [
    { totalInvestmentYuan: 1000, contractMonthIndex: asOf - 3, funds: funds(asOf - 3, 1000) },
    { totalInvestmentYuan: 3000, contractMonthIndex: asOf - 3, funds: funds(asOf - 3, 3000) },
  ];
  it('the arrival curve is the average share per month after contract', () => {
    const c = arrivalCurve(obs, asOf, 6);
    expect(c.slice(0, 4).map((x) => Number(x.toFixed(6)))).toEqual([0.1, 0.2, 0.2, 0]);
    expect(c[4]).toBe(0); // nothing assumed beyond what was observed
  });
  it('signed projects bring the curve ahead of their age, capped by what is not yet in place', () => {
    const c = [0.1, 0.2, 0.2, 0.1, 0.1];
    // Age 0: next months 1..2 bring 0.2 + 0.2 of 1000.
    expect(signedPotential([{ totalInvestmentYuan: 1000, fundsToDateYuan: 100, ageMonths: 0 }], c, 2)).toBeCloseTo(400, 6);
    // Already 950 in place: at most 50 more.
    expect(signedPotential([{ totalInvestmentYuan: 1000, fundsToDateYuan: 950, ageMonths: 0 }], c, 2)).toBeCloseTo(50, 6);
  });
  it('conversion counts only spells that had the whole horizon, and the pipeline weighs by it', () => {
    const spells = [
      { stage: 'intent', enteredMonthIndex: 10, contractMonthIndex: 12 },
      { stage: 'intent', enteredMonthIndex: 10, contractMonthIndex: null },
      { stage: 'intent', enteredMonthIndex: 10, contractMonthIndex: 20 }, // too late for a 3-month horizon
      { stage: 'intent', enteredMonthIndex: 29, contractMonthIndex: null }, // too recent to judge
    ];
    const conv = contractConversion(spells, 30, 3);
    expect(conv.intent).toBeCloseTo(1 / 3, 10);
    const p = pipelinePotential(
      [
        { stage: 'intent', totalInvestmentYuan: 3000 },
        { stage: 'lead', totalInvestmentYuan: 9000 },
      ],
      conv,
      [0.1, 0.2],
      3,
    );
    expect(p).toBeCloseTo(3000 * (1 / 3) * (0.1 + 0.2), 6); // lead never converted in history → 0
  });
});

describe('backtest measures', () => {
  it('blend weights are inverse squared errors', () => {
    const w = blendWeight([{ year: 2025, timeSeriesYuan: 110, structuralYuan: 80, predictedYuan: 0, actualYuan: 100 }]);
    expect(w).toBeCloseTo(1 / 100 / (1 / 100 + 1 / 400), 10);
    expect(blendWeight([])).toBe(0.7);
  });
  it('mape skips years with nothing in place', () => {
    expect(
      mape([
        { predictedYuan: 110, actualYuan: 100 },
        { predictedYuan: 90, actualYuan: 100 },
        { predictedYuan: 5, actualYuan: 0 },
      ]),
    ).toBeCloseTo(0.1, 10);
    expect(mape([])).toBeNull();
  });
});

describe('stage analytics', () => {
  it('conversion between stages and days spent, skipped stages counted as passed', () => {
    const moves = [
      { projectId: 1, toStage: 'lead', movedOn: '2026-01-01' },
      { projectId: 1, toStage: 'negotiating', movedOn: '2026-01-11' },
      { projectId: 1, toStage: 'contract', movedOn: '2026-03-01' },
      { projectId: 2, toStage: 'lead', movedOn: '2026-01-01' },
      { projectId: 2, toStage: 'dropped', movedOn: '2026-01-31' },
    ];
    const s = stageAnalytics(moves, STAGES);
    const lead = s.find((x) => x.stage === 'lead')!;
    expect(lead).toMatchObject({ entered: 2, advanced: 1, conversion: 0.5, medianDays: 20, p25Days: 15, p75Days: 25 });
    const intent = s.find((x) => x.stage === 'intent')!;
    expect(intent).toMatchObject({ entered: 1, advanced: 1, conversion: 1 }); // skipped, passed through
    expect(s.find((x) => x.stage === 'negotiating')!.medianDays).toBe(49);
    expect(s.find((x) => x.stage === 'contract')).toMatchObject({ entered: 1, advanced: 0, medianDays: null });
  });
});

describe('honest spread', () => {
  it('an interval is widened by how wrong the method was about the rest of past years', () => {
    const base = { ytdMonths: [100, 100, 100], pastYears: [flat(100)], targetBaseYuan: 1300, targetStretchYuan: null };
    const exact = forecastScope(base);
    expect(exact.highYuan - exact.lowYuan).toBe(0);
    const wide = forecastScope({ ...base, backtestRemainingRelErrors: [-0.2, 0.2] });
    expect(wide.expectedYuan).toBe(1200);
    // sd = 20% of the 900 remaining = 180; 80% interval ± 1.2816 × 180
    expect(wide.highYuan - wide.expectedYuan).toBe(Math.round(1.2815515655446004 * 180));
    expect(wide.probabilityBase!).toBeGreaterThan(0.2);
    expect(wide.probabilityBase!).toBeLessThan(0.5);
  });
});
