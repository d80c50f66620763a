// Reserve projects (项目储备 / 包装) and the investor's view of them (issue 11 items 2–4).
import { z } from 'zod';
import { dateSchema, page } from './common';

export const RESERVE_STATUSES = ['reserve', 'promoted', 'converted', 'withdrawn'] as const;
export const reserveStatusSchema = z.enum(RESERVE_STATUSES);
export const REVIEW_VERDICTS = ['pass', 'revise', 'fail'] as const;
export const reviewVerdictSchema = z.enum(REVIEW_VERDICTS);
export const REVIEW_VERDICT_LABELS: Record<(typeof REVIEW_VERDICTS)[number], string> = {
  pass: '通过',
  revise: '修改后通过',
  fail: '不通过',
};

const text = (max: number) => z.string().trim().max(max, `最长${max}字`);
const optText = (max: number) => text(max).optional().nullable();
const yuanList = z.array(z.number().int('金额应为整数元').min(0, '金额不能为负').max(1e15)).max(50, '最多50年');

/** The estimates behind the investor's figures (see src/domain/finance.ts CashFlowInputs). */
export const cashFlowInputsSchema = z.object({
  capitalOutlayYuan: yuanList.min(1, '至少填写第0年的投资'),
  revenueYuan: yuanList,
  operatingCostYuan: yuanList,
  taxYuan: yuanList,
  horizonYears: z.number().int('年限应为整数').min(1, '测算期至少1年').max(50, '测算期最多50年'),
  discountRate: z.number().min(-0.5, '折现率不低于 -50%').max(1, '折现率不超过 100%'),
});
export type CashFlowInputsDto = z.infer<typeof cashFlowInputsSchema>;

export const expertReviewSchema = z.object({
  experts: optText(500),
  date: dateSchema.optional().nullable(),
  verdict: reviewVerdictSchema.optional().nullable(),
  comments: optText(5000),
});

export const sensitivityRowSchema = z.object({
  variable: z.enum(['revenue', 'investment']),
  change: z.number(),
  npv: z.number(),
  irr: z.number().nullable(),
});
export const financeSchema = z.object({
  flows: z.array(z.number()),
  npv: z.number(),
  irr: z.number().nullable(),
  paybackYears: z.number().nullable(),
  discountedPaybackYears: z.number().nullable(),
  roi: z.number().nullable(),
  sensitivity: z.array(sensitivityRowSchema),
});
export type FinanceDto = z.infer<typeof financeSchema>;

export const rolloverSchema = z.object({
  year: z.number(),
  decision: z.enum(['carry', 'retire']),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});

export const reserveProjectSchema = z.object({
  id: z.number(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  industry: z.string().nullable(),
  location: z.string().nullable(),
  totalInvestmentYuan: z.number(),
  status: reserveStatusSchema,
  description: z.string().nullable(),
  marketOutlook: z.string().nullable(),
  advantages: z.string().nullable(),
  nameEn: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  marketOutlookEn: z.string().nullable(),
  advantagesEn: z.string().nullable(),
  review: z.object({
    experts: z.string().nullable(),
    date: z.string().nullable(),
    verdict: reviewVerdictSchema.nullable(),
    comments: z.string().nullable(),
  }),
  cashflow: cashFlowInputsSchema.nullable(),
  /** the pipeline project it became (已转化) */
  projectId: z.number().nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  convertedOn: z.string().nullable(),
  promotedOn: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReserveProject = z.infer<typeof reserveProjectSchema>;
export const reserveDetailSchema = reserveProjectSchema.extend({
  finance: financeSchema.nullable(),
  rollovers: z.array(rolloverSchema),
});
export type ReserveDetail = z.infer<typeof reserveDetailSchema>;

const fields = {
  name: text(200).min(1, '项目名称不能为空'),
  unitCode: z.string().trim().min(1).max(32).optional(),
  industry: optText(100),
  location: optText(200),
  totalInvestmentYuan: z.number().int('金额应为整数元').min(0, '金额不能为负').max(1e15).optional(),
  status: reserveStatusSchema.optional(),
  description: optText(5000),
  marketOutlook: optText(5000),
  advantages: optText(5000),
  nameEn: optText(200),
  descriptionEn: optText(5000),
  marketOutlookEn: optText(5000),
  advantagesEn: optText(5000),
  review: expertReviewSchema.optional(),
  cashflow: cashFlowInputsSchema.optional().nullable(),
};
export const reserveCreateSchema = z.object(fields);
export type ReserveCreate = z.infer<typeof reserveCreateSchema>;
export const reserveUpdateSchema = z.object({
  ...(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
  }),
  version: z.number().int().positive(),
});
export type ReserveUpdate = z.infer<typeof reserveUpdateSchema>;

export const reserveQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: reserveStatusSchema.optional(),
  unitCode: z.string().max(32).optional(),
  /** the reserve project a pipeline project came from (the link kept both ways) */
  projectId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ReserveQuery = z.infer<typeof reserveQuerySchema>;
export const reservePageSchema = page(reserveProjectSchema);

export const convertSchema = z.object({
  version: z.number().int().positive(),
  /** the stage the new pipeline project starts at (default 线索) */
  stage: z.enum(['lead', 'negotiating', 'intent']).optional(),
  owner: optText(100),
});

export const rolloverQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const rolloverInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  decisions: z
    .array(z.object({ id: z.number().int().positive(), decision: z.enum(['carry', 'retire']), note: optText(500) }))
    .min(1)
    .max(2000),
});
export const rolloverListSchema = z.object({
  year: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      unitCode: z.string(),
      unitName: z.string().nullable(),
      status: reserveStatusSchema,
      totalInvestmentYuan: z.number(),
      decision: z.enum(['carry', 'retire']).nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type RolloverList = z.infer<typeof rolloverListSchema>;
