/**
 * Assessment (考核) formulas, DESIGN.md "Assessment": each unit's score from its indicators by the
 * completion-weighted method (Σ weightᵢ × min(completionᵢ, cap)) or the efficacy-coefficient
 * method (60 + 40 × (x − min) / (max − min) across units, weighted), minus deductions by rule.
 * Pure: the service supplies values, targets and the facts behind each deduction.
 */
import { ratio } from './stats';

export type AssessmentMethod = 'weighted' | 'efficacy';
export type AssessmentIndicator = 'funds' | 'foreign' | 'contracts';
export const ASSESSMENT_INDICATORS: readonly AssessmentIndicator[] = ['funds', 'foreign', 'contracts'];

export type AssessmentRules = {
  method: AssessmentMethod;
  /** points per indicator (a full-completion unit earns them all under the weighted method) */
  weights: Record<AssessmentIndicator, number>;
  /** completion counted at most this much (e.g. 1.2 = 120%) */
  cap: number;
  deductMissingSubmission: number;
  deductContractNotStarted: number;
};

export type DeductionFact =
  | { kind: 'missing_submission'; period: string }
  | { kind: 'contract_not_started'; projectCode: string; projectName: string; contractDate: string; days: number };

export type AssessmentUnitInput = {
  code: string;
  name: string;
  /** value achieved and target (null = no target: the indicator is not assessed for this unit) */
  indicators: Record<AssessmentIndicator, { value: number; target: number | null }>;
  facts: DeductionFact[];
};

export type IndicatorScore = {
  indicator: AssessmentIndicator;
  value: number;
  target: number | null;
  completion: number | null;
  /** completion as counted (capped) */
  counted: number | null;
  weight: number;
  /** weight after re-spreading the weights of indicators the unit has no target for */
  effectiveWeight: number;
  /** efficacy method: the 60–100 indicator score */
  efficacy: number | null;
  points: number;
  note: string;
};

export type Deduction = { kind: DeductionFact['kind']; reason: string; points: number };

export type UnitScore = {
  code: string;
  name: string;
  assessed: boolean;
  indicators: IndicatorScore[];
  subtotal: number;
  deductions: Deduction[];
  deductionTotal: number;
  score: number;
  rank: number | null;
};

/** Rounds to 2 decimals for display and ranking stability (scores are points, not money). */
export function roundPoints(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/** Efficacy coefficient of x within [min, max]: 60 + 40 × (x − min) / (max − min); 100 when all equal. */
export function efficacyScore(x: number, min: number, max: number): number {
  if (max === min) return 100;
  return 60 + (40 * (x - min)) / (max - min);
}

function deductionOf(f: DeductionFact, rules: AssessmentRules): Deduction {
  if (f.kind === 'missing_submission') {
    return { kind: f.kind, reason: `${f.period} 月报未按时报送`, points: rules.deductMissingSubmission };
  }
  return {
    kind: f.kind,
    reason: `${f.projectName}（${f.projectCode}）${f.contractDate} 签约，${f.days} 天未开工`,
    points: rules.deductContractNotStarted,
  };
}

/** Scores every unit; ranks assessed units by score desc (ties share input order). */
export function scoreUnits(units: AssessmentUnitInput[], rules: AssessmentRules): UnitScore[] {
  const totalWeight = ASSESSMENT_INDICATORS.reduce((a, k) => a + rules.weights[k], 0);
  // Efficacy: completion ranges across units that have a target for each indicator.
  const range = new Map<AssessmentIndicator, { min: number; max: number }>();
  for (const k of ASSESSMENT_INDICATORS) {
    const xs = units
      .map((u) => ratio(u.indicators[k].value, u.indicators[k].target))
      .filter((c): c is number => c !== null)
      .map((c) => Math.min(c, rules.cap));
    if (xs.length) range.set(k, { min: Math.min(...xs), max: Math.max(...xs) });
  }

  const scored = units.map((u): UnitScore => {
    const assessedWeight = ASSESSMENT_INDICATORS.reduce(
      (a, k) => a + (u.indicators[k].target !== null && u.indicators[k].target! > 0 ? rules.weights[k] : 0),
      0,
    );
    const indicators = ASSESSMENT_INDICATORS.map((k): IndicatorScore => {
      const { value, target } = u.indicators[k];
      const completion = ratio(value, target);
      const weight = rules.weights[k];
      if (completion === null || assessedWeight === 0) {
        return {
          indicator: k,
          value,
          target,
          completion: null,
          counted: null,
          weight,
          effectiveWeight: 0,
          efficacy: null,
          points: 0,
          note: '未下达目标，不计分',
        };
      }
      const effectiveWeight = (weight * totalWeight) / assessedWeight;
      const counted = Math.min(completion, rules.cap);
      if (rules.method === 'weighted') {
        const note = completion > rules.cap ? `完成率超过上限，按${roundPoints(rules.cap * 100)}%计` : '';
        return {
          indicator: k,
          value,
          target,
          completion,
          counted,
          weight,
          effectiveWeight,
          efficacy: null,
          points: effectiveWeight * counted,
          note,
        };
      }
      const r = range.get(k)!;
      const eff = efficacyScore(counted, r.min, r.max);
      return {
        indicator: k,
        value,
        target,
        completion,
        counted,
        weight,
        effectiveWeight,
        efficacy: eff,
        points: (effectiveWeight * eff) / 100,
        note: '',
      };
    });
    const subtotal = indicators.reduce((a, i) => a + i.points, 0);
    const deductions = u.facts.map((f) => deductionOf(f, rules)).filter((d) => d.points > 0);
    const deductionTotal = deductions.reduce((a, d) => a + d.points, 0);
    return {
      code: u.code,
      name: u.name,
      assessed: assessedWeight > 0,
      indicators,
      subtotal,
      deductions,
      deductionTotal,
      score: Math.max(0, subtotal - deductionTotal),
      rank: null,
    };
  });

  const order = scored
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.assessed)
    .sort((a, b) => roundPoints(b.s.score) - roundPoints(a.s.score) || a.i - b.i);
  order.forEach(({ s }, pos) => {
    s.rank = pos + 1;
  });
  return scored;
}
