// Promotion activities (招商活动) and their dispatch figures, shared by server and web (issue 11).
import { z } from 'zod';
import { dateSchema, page, periodSchema } from './common';

export const ACTIVITY_KINDS = ['trip', 'delegation', 'event', 'signing'] as const;
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export const DESTINATION_GROUP_CODES = ['yrd', 'prd', 'jjj', 'other'] as const;
export const destinationGroupSchema = z.enum(DESTINATION_GROUP_CODES);

/** Untrusted free text: trimmed, bounded, and no markup (the pages and the Word files show it as text). */
const text = (max: number) => z.string().trim().max(max, `最长${max}字`);
const optText = (max: number) => text(max).optional().nullable();

export const enterpriseSchema = z.object({
  name: text(100).min(1, '企业名称不能为空'),
  representatives: z.number().int('代表人数应为整数').min(0).max(999),
});

export const signedProjectSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  stage: z.string(),
  contractDate: z.string().nullable(),
  totalInvestmentYuan: z.number(),
});

export const activitySchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: activityKindSchema,
  startDate: z.string(),
  endDate: z.string().nullable(),
  destination: z.string().nullable(),
  destinationGroup: destinationGroupSchema,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  personTimes: z.number(),
  members: z.array(z.string()),
  enterprises: z.array(enterpriseSchema),
  promoted: z.array(z.string()),
  notes: z.string().nullable(),
  report: z.string().nullable(),
  reportedOn: z.string().nullable(),
  /** null for kinds that owe no report (推介会, 签约活动) */
  reportDueOn: z.string().nullable(),
  reportOverdue: z.boolean(),
  signedCount: z.number(),
  signedInvestmentYuan: z.number(),
  isDemo: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;
export const activityDetailSchema = activitySchema.extend({ signedProjects: z.array(signedProjectSchema) });
export type ActivityDetail = z.infer<typeof activityDetailSchema>;

const fields = {
  name: text(200).min(1, '活动名称不能为空'),
  kind: activityKindSchema,
  startDate: dateSchema,
  endDate: dateSchema.optional().nullable(),
  destination: optText(200),
  unitCode: z.string().trim().min(1).max(32).optional().nullable(),
  personTimes: z.number().int('人次应为整数').min(0, '人次不能为负').max(100_000).optional(),
  members: z.array(text(50).min(1)).max(200).optional(),
  enterprises: z.array(enterpriseSchema).max(500).optional(),
  promoted: z.array(text(200).min(1)).max(200).optional(),
  notes: optText(2000),
};
export const activityCreateSchema = z.object(fields);
export type ActivityCreate = z.infer<typeof activityCreateSchema>;
export const activityUpdateSchema = z.object({
  ...(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
  }),
  version: z.number().int().positive(),
});
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;
export const activityReportSchema = z.object({
  report: text(10_000).min(10, '报告至少写10个字：去了哪里、见了谁、谈成了什么、下一步'),
  reportedOn: dateSchema.optional(),
  version: z.number().int().positive(),
});
export const activityCreditSchema = z.object({ projectId: z.number().int().positive() });

export const activityQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  kind: activityKindSchema.optional(),
  unitCode: z.string().max(32).optional(),
  region: destinationGroupSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  reportOverdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;
export const activityPageSchema = page(activitySchema);

export const calendarQuerySchema = z.object({ from: dateSchema, to: dateSchema, unitCode: z.string().max(32).optional() });
export const calendarItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: activityKindSchema,
  startDate: z.string(),
  endDate: z.string().nullable(),
  unitCode: z.string().nullable(),
  reportOverdue: z.boolean(),
});

/** Totals for a period (from..to), per organising unit and per destination region. */
export const activityTotalsQuerySchema = z.object({ from: dateSchema, to: dateSchema });
const totalsRow = {
  activities: z.number(),
  trips: z.number(),
  personTimes: z.number(),
  signedCount: z.number(),
  signedInvestmentYuan: z.number(),
};
export const activityTotalsSchema = z.object({
  from: z.string(),
  to: z.string(),
  byUnit: z.array(z.object({ unitCode: z.string().nullable(), unitName: z.string().nullable(), ...totalsRow })),
  byRegion: z.array(z.object({ region: destinationGroupSchema, label: z.string(), ...totalsRow })),
  total: z.object(totalsRow),
});
export type ActivityTotals = z.infer<typeof activityTotalsSchema>;

/** The dispatch meeting's activity figures (issue 11 item 6), year to the end of the period. */
export const activityStatsQuerySchema = z.object({ period: periodSchema.optional(), unit: z.string().max(32).optional() });
export const activityDispatchSchema = z.object({
  period: z.string(),
  unitCode: z.string().nullable(),
  activities: z.number(),
  trips: z.number(),
  personTimes: z.number(),
  signedContracts: z.number(),
  signedInvestmentYuan: z.number(),
  delegations: z.object({ count: z.number(), enterprises: z.number(), representatives: z.number(), projectsPromoted: z.number() }),
  tripsByRegion: z.array(z.object({ region: destinationGroupSchema, label: z.string(), trips: z.number(), personTimes: z.number() })),
  perActivity: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      kind: activityKindSchema,
      startDate: z.string(),
      signedCount: z.number(),
      signedInvestmentYuan: z.number(),
      enterprises: z.number(),
      representatives: z.number(),
      promoted: z.number(),
    }),
  ),
  reportsOverdue: z.number(),
  /** 「共签约合同项目X个，引进资金达X亿元」 */
  signedSentence: z.string(),
  /** 「X户企业的X名代表」 over all delegations */
  delegationSentence: z.string(),
});
export type ActivityDispatch = z.infer<typeof activityDispatchSchema>;
