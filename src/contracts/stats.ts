// Dispatch statistics: the shape every screen and file reads (DESIGN.md "Statistics").
import { z } from 'zod';
import { periodSchema, unitKindSchema } from './common';

export const statsBasisSchema = z.enum(['verified', 'reported']);
export type StatsBasis = z.infer<typeof statsBasisSchema>;

export const dispatchQuerySchema = z.object({
  period: periodSchema.optional(),
  unit: z.string().min(1).max(32).optional(),
  basis: statsBasisSchema.default('verified'),
});

const ratio = z.number().nullable();
export const countingRuleSchema = z.enum(['all', 'nonLocal']);

export const dispatchUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  targetBaseYuan: z.number().nullable(),
  fundsYtdYuan: z.number(),
  completion: ratio,
  yoy: ratio,
  rank: z.number().int().nullable(),
  // One read model (issue [L]): what targets, assessment and the reports read per unit.
  fundsYtdLastYearYuan: z.number(),
  targetStretchYuan: z.number().nullable(),
  completionStretch: ratio,
  headlineYtdYuan: z.number(),
  localYtdYuan: z.number(),
  foreignUsdYtd: z.number(),
  contractsYtd: z.object({ count: z.number().int(), totalInvestmentYuan: z.number() }),
  largeProjects: z.object({ count: z.number().int(), fundsYtdYuan: z.number() }),
});

export const dispatchStatsSchema = z.object({
  period: z.object({ year: z.number().int(), month: z.number().int() }),
  fundsYtdYuan: z.number(),
  fundsYtdLastYearYuan: z.number(),
  yoy: ratio,
  targetBaseYuan: z.number().nullable(),
  targetStretchYuan: z.number().nullable(),
  completion: ratio,
  completionStretch: ratio,
  timeProgress: z.number(),
  foreignUsdYtd: z.number(),
  outsideRegionYtdYuan: z.number(),
  outOfProvinceYtdYuan: z.number(),
  abroadYtdYuan: z.number(),
  quarters: z.array(z.object({ quarter: z.number().int(), fundsYuan: z.number(), lastYearYuan: z.number(), yoy: ratio })),
  largeProjects: z.object({ thresholdYuan: z.number(), count: z.number().int(), fundsYtdYuan: z.number(), share: ratio }),
  reserve: z.object({ thresholdYuan: z.number(), count: z.number().int(), totalInvestmentYuan: z.number() }),
  activities: z.object({ trips: z.number().int(), personTimes: z.number().int() }),
  contractsYtd: z.object({ count: z.number().int(), totalInvestmentYuan: z.number() }),
  stageCounts: z.object({
    lead: z.number().int(), negotiating: z.number().int(), intent: z.number().int(), agreement: z.number().int(),
    contract: z.number().int(), started: z.number().int(), operating: z.number().int(), dropped: z.number().int(),
  }),
  units: z.array(dispatchUnitSchema),
  zeroResultUnits: z.array(z.string()),
  // Counting rule (口径): completion is measured on headlineYtdYuan; fundsYtdYuan stays all counted funds.
  countingRule: countingRuleSchema,
  headlineYtdYuan: z.number(),
  localYtdYuan: z.number(),
  progressGapText: z.string(),
  /** 'entries' while the rollups are rebuilt after a settings change (figures exact, only slower). */
  source: z.enum(['rollups', 'entries']),
});
export type DispatchStatsDto = z.infer<typeof dispatchStatsSchema>;

/** Monthly funds of a year against the year before (dashboard bar + line). */
export const monthlySchema = z.object({
  year: z.number().int(),
  month: z.number().int(),
  months: z.array(z.object({ month: z.number().int(), fundsYuan: z.number(), lastYearYuan: z.number(), yoy: ratio })),
});
export type MonthlyDto = z.infer<typeof monthlySchema>;

export const breakdownItemSchema = z.object({ key: z.string(), label: z.string(), fundsYuan: z.number(), projects: z.number().int(), share: ratio });
export const breakdownSchema = z.object({
  period: z.object({ year: z.number().int(), month: z.number().int() }),
  fundsYtdYuan: z.number(),
  originScopes: z.array(breakdownItemSchema),
  originGroups: z.array(breakdownItemSchema),
  industries: z.array(breakdownItemSchema),
});
export type BreakdownDto = z.infer<typeof breakdownSchema>;

export const latestPeriodSchema = z.object({ period: z.string(), hasData: z.boolean() });
