import { describe, expect, it } from 'vitest';
import { cashFlows, discountedPaybackYears, financeFigures, irr, npv, paybackYears, roi, sensitivity, wanText } from './finance';

describe('finance — worked examples derived by hand', () => {
  it("the analysts' example −1000,200,300,400,500 at 8%", () => {
    const f = [-1000, 200, 300, 400, 500];
    // 200/1.08 + 300/1.1664 + 400/1.259712 + 500/1.36048896 − 1000 = 185.1852 + 257.2016 + 317.5329 + 367.5149 − 1000
    expect(npv(f, 0.08)).toBeCloseTo(127.4347, 3);
    // cumulative −1000, −800, −500, −100, +400: the last 100 is recovered 100/500 into year 4
    expect(paybackYears(f)).toBeCloseTo(3.2, 10);
    // discounted cumulative after year 3 is −240.0803; year 4 brings 367.5149 → 3 + 240.0803/367.5149
    expect(discountedPaybackYears(f, 0.08)).toBeCloseTo(3.6533, 3);
    expect(roi(f)).toBeCloseTo(0.4, 10); // (1400 − 1000) / 1000
    const r = irr(f)!;
    expect(r).toBeGreaterThan(0.128);
    expect(r).toBeLessThan(0.129);
    expect(npv(f, r)).toBeCloseTo(0, 6);
  });

  it('exact IRRs: 110 back on 100 is 10%; 121 after two years is 10%', () => {
    expect(irr([-100, 110])).toBeCloseTo(0.1, 9);
    expect(irr([-100, 0, 121])).toBeCloseTo(0.1, 9);
  });

  it('a project that never pays back: no payback, negative ROI, a negative IRR', () => {
    const f = [-1000, 100, 100, 100];
    expect(paybackYears(f)).toBeNull();
    expect(discountedPaybackYears(f, 0.05)).toBeNull();
    expect(roi(f)).toBeCloseTo(-0.7, 10); // (300 − 1000) / 1000
    // with x = 1/(1+r): x³ + x² + x = 10 → x ≈ 1.7373 → r ≈ −0.4244
    const r = irr(f)!;
    expect(r).toBeLessThan(-0.42);
    expect(r).toBeGreaterThan(-0.43);
    expect(npv(f, r)).toBeCloseTo(0, 6);
  });

  it('no IRR: flows of one sign, and two sign changes without a real root', () => {
    expect(irr([100, 200, 300])).toBeNull();
    expect(irr([-100, -200])).toBeNull();
    // −100 + 250x − 170x² = 0 has discriminant 250² − 4·100·170 = −5500 < 0
    expect(irr([-100, 250, -170])).toBeNull();
    expect(roi([100, 200])).toBeNull();
  });

  it('two sign changes with two roots: the lowest (10%, not 20%)', () => {
    // −100 + 230x − 132x² = 0 → x = (230 ± 10)/264 → r = 10% or 20%
    const f = [-100, 230, -132];
    expect(irr(f)).toBeCloseTo(0.1, 9);
    expect(npv(f, 0.2)).toBeCloseTo(0, 9);
    // cumulative −100, +130: paid back 100/230 into year 1, even though year 2 takes money out again
    expect(paybackYears(f)).toBeCloseTo(100 / 230, 10);
  });

  it('nothing put in at year 0 is paid back at once', () => {
    expect(paybackYears([0, -10, 20])).toBe(0);
    expect(financeFigures([], 0.1)).toEqual({ npv: 0, irr: null, paybackYears: null, discountedPaybackYears: null, roi: null });
  });

  it('cash flows from the estimates: a two-year build, revenue ramping, the last value carrying on', () => {
    const inputs = {
      capitalOutlayYuan: [600, 400],
      revenueYuan: [300, 500],
      operatingCostYuan: [100],
      taxYuan: [20, 40],
      horizonYears: 4,
      discountRate: 0.1,
    };
    // year0: −600; year1: 300−100−20−400 = −220; year2: 500−100−40 = 360; years 3, 4: 360
    expect(cashFlows(inputs)).toEqual([-600, -220, 360, 360, 360]);
    // revenue +10%: year1 330−120−400 = −190; later 550−140 = 410
    expect(cashFlows(inputs, 1.1)).toEqual([-600, -190, 410, 410, 410].map((x) => expect.closeTo(x, 9)));
    expect(cashFlows(inputs, 1, 0.8)).toEqual([-480, -140, 360, 360, 360].map((x) => expect.closeTo(x, 9)));
    const s = sensitivity(inputs);
    expect(s).toHaveLength(10);
    const base = s.find((r) => r.variable === 'revenue' && r.change === 0)!;
    expect(base.npv).toBeCloseTo(npv([-600, -220, 360, 360, 360], 0.1), 9);
    // more revenue → higher NPV; more investment → lower NPV
    const rev = s.filter((r) => r.variable === 'revenue').map((r) => r.npv);
    const inv = s.filter((r) => r.variable === 'investment').map((r) => r.npv);
    expect([...rev].sort((a, b) => a - b)).toEqual(rev);
    expect([...inv].sort((a, b) => b - a)).toEqual(inv);
  });
});

describe('wanText', () => {
  it('shows whole 万 with separators and no unit', () => {
    expect(wanText(300_000_000)).toBe('30,000');
    expect(wanText(1_274_346.5)).toBe('127');
    expect(wanText(-12_000)).toBe('-1');
    expect(wanText(-4_000)).toBe('0');
  });
});
