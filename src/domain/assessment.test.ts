import { describe, expect, it } from 'vitest';
import { efficacyScore, scoreUnits, type AssessmentRules, type AssessmentUnitInput } from './assessment';

const rules: AssessmentRules = {
  method: 'weighted',
  weights: { funds: 60, foreign: 20, contracts: 20 },
  cap: 1.2,
  deductMissingSubmission: 2,
  deductContractNotStarted: 1,
};
const unit = (
  code: string,
  funds: [number, number | null],
  foreign: [number, number | null],
  contracts: [number, number | null],
  facts: AssessmentUnitInput['facts'] = [],
): AssessmentUnitInput => ({
  code,
  name: code,
  facts,
  indicators: {
    funds: { value: funds[0], target: funds[1] },
    foreign: { value: foreign[0], target: foreign[1] },
    contracts: { value: contracts[0], target: contracts[1] },
  },
});

describe('assessment scoring', () => {
  it('weights completion, capped, and shows how each point was earned', () => {
    const [a] = scoreUnits([unit('A', [50, 100], [30, 20], [1, 4])], rules);
    expect(a!.indicators.map((i) => i.points)).toEqual([30, 20 * 1.2, 5]);
    expect(a!.indicators[1]!.note).toContain('120%');
    expect(a!.subtotal).toBeCloseTo(59, 12);
    expect(a!.score).toBeCloseTo(59, 12);
    expect(a!.rank).toBe(1);
  });

  it('re-spreads the weight of an indicator without a target', () => {
    const [a] = scoreUnits([unit('A', [100, 100], [0, null], [4, 4])], rules);
    expect(a!.indicators[1]).toMatchObject({ points: 0, effectiveWeight: 0, note: '未下达目标，不计分' });
    expect(a!.indicators[0]!.effectiveWeight).toBe(75);
    expect(a!.indicators[2]!.effectiveWeight).toBe(25);
    expect(a!.score).toBe(100);
  });

  it('does not rank a unit without any target', () => {
    const s = scoreUnits([unit('A', [1, null], [0, null], [0, null]), unit('B', [1, 10], [0, null], [0, null])], rules);
    expect(s.map((x) => [x.code, x.assessed, x.rank])).toEqual([
      ['A', false, null],
      ['B', true, 1],
    ]);
  });

  it('deducts per missing submission and per contract not started, never below zero', () => {
    const [a] = scoreUnits(
      [
        unit(
          'A',
          [10, 100],
          [0, null],
          [0, 4],
          [
            { kind: 'missing_submission', period: '2026-03' },
            { kind: 'missing_submission', period: '2026-04' },
            { kind: 'contract_not_started', projectCode: 'P1', projectName: '项目1', contractDate: '2025-01-01', days: 400 },
          ],
        ),
      ],
      rules,
    );
    expect(a!.deductions.map((d) => d.points)).toEqual([2, 2, 1]);
    expect(a!.deductions[0]!.reason).toBe('2026-03 月报未按时报送');
    expect(a!.deductions[2]!.reason).toContain('400 天未开工');
    expect(a!.subtotal).toBeCloseTo(7.5, 12);
    expect(a!.score).toBeCloseTo(2.5, 12);
    const [b] = scoreUnits([unit('B', [0, 100], [0, null], [0, 4], [{ kind: 'missing_submission', period: '2026-01' }])], rules);
    expect(b!.score).toBe(0);
  });

  it('scores by the efficacy coefficient across units', () => {
    expect(efficacyScore(5, 5, 5)).toBe(100);
    expect(efficacyScore(0.5, 0, 1)).toBe(80);
    const s = scoreUnits(
      [unit('A', [0, 100], [0, null], [0, null]), unit('B', [50, 100], [0, null], [0, null]), unit('C', [200, 100], [0, null], [0, null])],
      { ...rules, method: 'efficacy' },
    );
    // capped at 1.2: range 0 … 1.2
    expect(s.map((x) => x.indicators[0]!.efficacy)).toEqual([60, 60 + 40 * (0.5 / 1.2), 100]);
    expect(s.map((x) => x.score)).toEqual([60, 60 + 40 * (0.5 / 1.2), 100]);
    expect(s.map((x) => x.rank)).toEqual([3, 2, 1]);
  });
});
