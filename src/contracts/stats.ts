// Dispatch statistics: the shape every screen and file reads (DESIGN.md "Statistics").
import { z } from 'zod';
import { activityDispatchSchema } from './activities';
import { periodSchema, unitKindSchema } from './common';

export const statsBasisSchema = z.enum(['verified', 'reported']);
export type StatsBasis = z.infer<typeof statsBasisSchema>;

export const dispatchQuerySchema = z.object({
  period: periodSchema.optional(),
  unit: z.string().min(1).max(32).optional(),
  basis: statsBasisSchema.default('verified'),
});

/**
 * The dispatch query: `detail=summary` leaves out what only the briefing reads (`speech`, `activityDetail`:
 * the list of every large project, blockers, commitments…), which is most of the answer's bytes; the
 * dashboard asks for the summary, the briefing and the CLI for the full figures.
 */
export const dispatchStatsQuerySchema = dispatchQuerySchema.extend({
  detail: z.enum(['full', 'summary']).default('full'),
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

// --- The speech's further figures (branch "reports"; computed in stats/speech.service.ts) -------

const countTotal = z.object({ count: z.number().int(), totalInvestmentYuan: z.number() });
const stageCountsSchema = z.object({
  lead: z.number().int(),
  negotiating: z.number().int(),
  intent: z.number().int(),
  agreement: z.number().int(),
  contract: z.number().int(),
  started: z.number().int(),
  operating: z.number().int(),
  dropped: z.number().int(),
});

/** An open blocker or commitment as of the period, with how late it is. */
export const speechIssueSchema = z.object({
  kind: z.enum(['blocker', 'commitment']),
  id: z.number().int(),
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  totalInvestmentYuan: z.number(),
  title: z.string(),
  coordinatingDept: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** Days past the due date as of the period (null: not overdue). */
  daysOverdue: z.number().int().nullable(),
  /** Read out in the briefing: overdue, or among the largest projects' blockers (setting briefingTopBlockers). */
  readOut: z.boolean(),
});
export type SpeechIssue = z.infer<typeof speechIssueSchema>;

/** Per unit (the dispatch ranking's units): stretch target, last year, foreign capital, what is needed per month. */
export const speechUnitSchema = z.object({
  code: z.string(),
  targetStretchYuan: z.number().nullable(),
  completionStretch: ratio,
  fundsYtdLastYearYuan: z.number(),
  foreignUsdYtd: z.number(),
  foreignUsdYtdLastYear: z.number(),
  foreignTargetBaseUsd: z.number().nullable(),
  foreignTargetStretchUsd: z.number().nullable(),
  monthlyNeededBaseYuan: z.number().nullable(),
  monthlyNeededStretchYuan: z.number().nullable(),
});

/**
 * A large non-local project (DESIGN "largeProjects"), with its funds; countedThisYear ⇔ it is in largeProjects.count.
 * The rows of the 重点项目进展表 (src/modules/stats/large-projects.ts), not part of the speech: a province has
 * tens of thousands of them.
 */
export const largeProjectRowSchema = z.object({
  projectId: z.number().int(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  originName: z.string().nullable(),
  totalInvestmentYuan: z.number(),
  stage: z.string(),
  contractDate: z.string().nullable(),
  startDate: z.string().nullable(),
  owner: z.string().nullable(),
  sponsor: z.string().nullable(),
  fundsYtdYuan: z.number(),
  fundsToDateYuan: z.number(),
  countedThisYear: z.boolean(),
});

export const dispatchSpeechSchema = z.object({
  /** The day "as of the period" means: the period's last day, or today while the month runs. */
  asOf: z.string(),
  monthsLeft: z.number().int(),
  monthlyNeededBaseYuan: z.number().nullable(),
  monthlyNeededStretchYuan: z.number().nullable(),
  foreignUsdYtdLastYear: z.number(),
  foreignTargetBaseUsd: z.number().nullable(),
  foreignTargetStretchUsd: z.number().nullable(),
  /** Projects with a start (开工) date in Y up to the end of M, and with an operating (投产) date. */
  startsYtd: countTotal,
  operatingYtd: countTotal,
  /** Projects per stage as of the period's end, from the stage history (stageCounts is today's). */
  stageCountsAtPeriodEnd: stageCountsSchema,
  blockers: z.object({ open: z.number().int(), overdue: z.number().int(), topN: z.number().int(), items: z.array(speechIssueSchema) }),
  commitments: z.object({ open: z.number().int(), overdue: z.number().int(), items: z.array(speechIssueSchema) }),
  /** Work still open in the period: the figures count verified entries only. */
  pending: z.object({
    unsubmitted: z.array(z.object({ code: z.string(), name: z.string(), status: z.string(), draftYuan: z.number() })),
    unverifiedEntries: z.number().int(),
    unverifiedYuan: z.number(),
  }),
  /** Funds booked on the city's own unit (and inactive units): fundsYtdYuan less the units' rows. */
  cityOwn: z.object({
    fundsYtdYuan: z.number(),
    fundsYtdLastYearYuan: z.number(),
    foreignUsdYtd: z.number(),
    foreignUsdYtdLastYear: z.number(),
  }),
  units: z.array(speechUnitSchema),
  /** Setting countLocalFundsInHeadline: whether funds from local investors count in the headline. */
  countLocalFundsInHeadline: z.boolean(),
});
export type DispatchSpeech = z.infer<typeof dispatchSpeechSchema>;
export type LargeProjectRow = z.infer<typeof largeProjectRowSchema>;

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
    lead: z.number().int(),
    negotiating: z.number().int(),
    intent: z.number().int(),
    agreement: z.number().int(),
    contract: z.number().int(),
    started: z.number().int(),
    operating: z.number().int(),
    dropped: z.number().int(),
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
  speech: dispatchSpeechSchema.optional(),
  /** The speech's activity figures ([F], src/modules/activities/activities.stats.ts). */
  activityDetail: activityDispatchSchema.optional(),
});
export type DispatchStatsDto = z.infer<typeof dispatchStatsSchema>;

/** Monthly funds of a year against the year before (dashboard bar + line). */
export const monthlySchema = z.object({
  year: z.number().int(),
  month: z.number().int(),
  months: z.array(z.object({ month: z.number().int(), fundsYuan: z.number(), lastYearYuan: z.number(), yoy: ratio })),
});
export type MonthlyDto = z.infer<typeof monthlySchema>;

export const breakdownItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  fundsYuan: z.number(),
  projects: z.number().int(),
  share: ratio,
});
export const breakdownSchema = z.object({
  period: z.object({ year: z.number().int(), month: z.number().int() }),
  fundsYtdYuan: z.number(),
  originScopes: z.array(breakdownItemSchema),
  originGroups: z.array(breakdownItemSchema),
  industries: z.array(breakdownItemSchema),
  /** Where the figures came from: the rollups, or fund_entries directly while the rollups are rebuilt. */
  source: z.enum(['rollups', 'entries']),
});
export type BreakdownDto = z.infer<typeof breakdownSchema>;

export const latestPeriodSchema = z.object({ period: z.string(), hasData: z.boolean() });
