// Funds in place (到位资金), monthly submissions (月报), period locks and exchange rates — shared by
// the server and the web app. Money is integer 元 (amountYuan) and integer USD (foreignUsd).
import { z } from 'zod';
import { periodSchema } from './common';

export const FUND_ENTRY_STATUSES = ['draft', 'submitted', 'approved', 'verified', 'returned'] as const;
export const fundEntryStatusSchema = z.enum(FUND_ENTRY_STATUSES);
export type FundEntryStatus = z.infer<typeof fundEntryStatusSchema>;

/** Workflow labels as the screens show them (the step a clerk waits for is part of the label). */
export const FUND_ENTRY_STATUS_TEXT: Readonly<Record<FundEntryStatus, string>> = {
  draft: '草稿',
  submitted: '已报送·待单位负责人审核',
  approved: '已审核·待市招商办核实',
  verified: '已核实',
  returned: '已退回',
};

export const FUND_ENTRY_KINDS = ['regular', 'adjustment'] as const;
export const fundEntryKindSchema = z.enum(FUND_ENTRY_KINDS);
export type FundEntryKind = z.infer<typeof fundEntryKindSchema>;

export const SUBMISSION_STATUSES = ['not_started', 'draft', 'submitted', 'approved', 'returned'] as const;
export const submissionStatusSchema = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;
export const SUBMISSION_STATUS_TEXT: Readonly<Record<SubmissionStatus, string>> = {
  not_started: '未填报',
  draft: '填报中·未报送',
  submitted: '已报送·待单位负责人审核',
  approved: '已审核·待市招商办核实',
  returned: '已退回·待修改重报',
};

const money = (what: string) =>
  z
    .number({ error: `${what}应为整数（元）` })
    .int(`${what}应为整数（元）`)
    .refine((n) => Math.abs(n) <= 1e15, `${what}超出范围`);

export const attachmentSchema = z.object({
  id: z.number(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const fundEntrySchema = z.object({
  id: z.number(),
  projectId: z.number(),
  projectCode: z.string(),
  projectName: z.string(),
  projectStage: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  kind: fundEntryKindSchema,
  adjustsPeriod: z.string().nullable(),
  amountYuan: z.number(),
  foreignUsd: z.number(),
  status: fundEntryStatusSchema,
  note: z.string().nullable(),
  returnedReason: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  attachmentCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FundEntry = z.infer<typeof fundEntrySchema>;

export const fundEntryCreateSchema = z.object({
  projectId: z.number().int().positive('请选择项目'),
  period: periodSchema,
  kind: fundEntryKindSchema.default('regular'),
  /** the locked period an adjustment corrects */
  adjustsPeriod: periodSchema.nullish(),
  amountYuan: money('到位金额'),
  foreignUsd: money('其中外资').default(0),
  note: z.string().trim().max(500, '备注最长500字').nullish(),
});
export type FundEntryCreate = z.input<typeof fundEntryCreateSchema>;

export const fundEntryUpdateSchema = z.object({
  amountYuan: money('到位金额').optional(),
  foreignUsd: money('其中外资').optional(),
  note: z.string().trim().max(500, '备注最长500字').nullish(),
  version: z.number().int().positive(),
});
export type FundEntryUpdate = z.infer<typeof fundEntryUpdateSchema>;

export const fundEntryResultSchema = z.object({ entry: fundEntrySchema, warnings: z.array(z.string()) });
export type FundEntryResult = z.infer<typeof fundEntryResultSchema>;

export const fundEntryQuerySchema = z.object({
  unitCode: z.string().optional(),
  period: periodSchema.optional(),
  status: fundEntryStatusSchema.optional(),
  projectId: z.coerce.number().int().positive().optional(),
  kind: fundEntryKindSchema.optional(),
});

/** Rows pasted from Excel (or typed in the grid) saved in one go: all or nothing. */
export const fundEntryBatchSchema = z.object({
  period: periodSchema,
  rows: z
    .array(
      z.object({
        projectCode: z.string().trim().min(1, '项目编号不能为空'),
        amountYuan: money('到位金额'),
        foreignUsd: money('其中外资').default(0),
        note: z.string().trim().max(500).nullish(),
        // An existing entry of the period is only overwritten when the person chose 替换 for it.
        replace: z.boolean().optional(),
      }),
    )
    .min(1, '没有要保存的行')
    .max(1000, '一次最多1000行'),
});
export type FundEntryBatch = z.input<typeof fundEntryBatchSchema>;
export const fundEntryBatchResultSchema = z.object({
  items: z.array(z.object({ row: z.number(), entry: fundEntrySchema, warnings: z.array(z.string()), created: z.boolean() })),
});

export const projectOptionSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  stage: z.string(),
  totalInvestmentYuan: z.number(),
  fundsToDateYuan: z.number(),
});
export type ProjectOption = z.infer<typeof projectOptionSchema>;

export const reasonSchema = z.object({ reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因最长500字') });
export const bulkVerifySchema = z.object({ ids: z.array(z.number().int().positive()).min(1, '请选择要核实的条目').max(1000) });
export const bulkVerifyResultSchema = z.object({
  verified: z.array(z.number()),
  skipped: z.array(z.object({ id: z.number(), reason: z.string() })),
});

export const submissionSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  status: submissionStatusSchema,
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  version: z.number().nullable(),
  counts: z.object({
    draft: z.number(),
    submitted: z.number(),
    approved: z.number(),
    verified: z.number(),
    returned: z.number(),
    total: z.number(),
  }),
  amountYuan: z.number(),
  verifiedYuan: z.number(),
  foreignUsd: z.number(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const periodLockSchema = z.object({
  period: z.string(),
  locked: z.boolean(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  note: z.string().nullable(),
  history: z.array(z.object({ action: z.string(), at: z.string(), actorName: z.string(), summary: z.string().nullable() })),
});
export type PeriodLock = z.infer<typeof periodLockSchema>;
export const lockBodySchema = z.object({
  note: z.string().trim().max(500).nullish(),
  /** lock although units have not submitted or entries wait (see GET /periods/:period/lock-checklist) */
  acknowledgeUnfinished: z.boolean().optional(),
});

export const exchangeRateSchema = z.object({
  period: z.string(),
  /** CNY per USD × 10 000 */
  cnyPerUsdE4: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;
export const exchangeRatePutSchema = z.object({
  period: periodSchema,
  cnyPerUsdE4: z
    .number()
    .int('汇率最多4位小数')
    .min(10_000, '汇率应在 1 到 100 元/美元之间')
    .max(1_000_000, '汇率应在 1 到 100 元/美元之间'),
  version: z.number().int().positive().optional(),
});

/** "7.1234" → 71234 exactly; null when not a number with at most 4 decimals. */
export function parseRateE4(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{0,4}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0') || '0');
}
export function formatRateE4(e4: number): string {
  return `${Math.trunc(e4 / 10_000)}.${String(e4 % 10_000).padStart(4, '0')}`;
}

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Evidence files: scans, photos, PDFs, office documents. Never HTML, never scripts. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
};

/** The one wording of the locked-period refusal (server error and the banner on the screens). */
export function lockedMessage(period: string): string {
  return `报告期 ${period} 已锁定（调度会后封账），如需更正请在未锁定的报告期录入调整数，或由市招商办解锁并说明原因`;
}
