import { z } from 'zod';
import { periodSchema } from './common';

export const assessmentQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: periodSchema.optional(),
});

const indicatorScore = z.object({
  indicator: z.enum(['funds', 'foreign', 'contracts']),
  label: z.string(),
  unitLabel: z.string(),
  value: z.number(),
  target: z.number().nullable(),
  completion: z.number().nullable(),
  counted: z.number().nullable(),
  weight: z.number(),
  effectiveWeight: z.number(),
  efficacy: z.number().nullable(),
  points: z.number(),
  note: z.string(),
});
export const unitScoreSchema = z.object({
  code: z.string(),
  name: z.string(),
  assessed: z.boolean(),
  indicators: z.array(indicatorScore),
  subtotal: z.number(),
  deductions: z.array(z.object({ kind: z.string(), reason: z.string(), points: z.number() })),
  deductionTotal: z.number(),
  score: z.number(),
  rank: z.number().int().nullable(),
});
export const assessmentSchema = z.object({
  year: z.number().int(),
  month: z.number().int(),
  asOf: z.string(),
  method: z.enum(['weighted', 'efficacy']),
  methodText: z.string(),
  weights: z.object({ funds: z.number(), foreign: z.number(), contracts: z.number() }),
  cap: z.number(),
  deductMissingSubmission: z.number(),
  deductContractNotStarted: z.number(),
  contractStartDays: z.number().int(),
  units: z.array(unitScoreSchema),
});
export type AssessmentDto = z.infer<typeof assessmentSchema>;
