// The policy register (政策库) and its review campaigns.
import { z } from 'zod';
import { dateSchema } from './common';

export const POLICY_STATUSES = ['active', 'to_revise', 'abolished'] as const;
export const POLICY_STATUS_LABELS = { active: '有效', to_revise: '待修订', abolished: '已废止' } as const;
export const REVIEW_DECISIONS = ['keep', 'revise', 'abolish'] as const;
export const REVIEW_DECISION_LABELS = { keep: '继续有效', revise: '修订', abolish: '废止' } as const;

export const policySchema = z.object({
  id: z.number(),
  docNumber: z.string(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: z.enum(POLICY_STATUSES),
  reviewDue: z.string().nullable(),
  summary: z.string().nullable(),
  version: z.number(),
  projects: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), unitCode: z.string() })),
  /** Review due date passed (or expired) while still active. */
  reviewOverdue: z.boolean(),
});
export type Policy = z.infer<typeof policySchema>;

const optDate = dateSchema.optional().nullable();
export const policyCreateSchema = z.object({
  docNumber: z.string().trim().min(1, '请填写文号，例如 吉市政发〔2024〕3号').max(100),
  title: z.string().trim().min(1, '请填写政策名称').max(300),
  issuer: z.string().trim().min(1, '请填写发文机关').max(100),
  issuedOn: dateSchema,
  expiresOn: optDate,
  reviewDue: optDate,
  summary: z.string().trim().max(5000).optional().nullable(),
  projectIds: z.array(z.number().int().positive()).max(500).optional(),
});
export const policyUpdateSchema = policyCreateSchema.partial().extend({ version: z.number().int().positive() });

export const reviewItemSchema = z.object({
  policy: policySchema,
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const reviewCampaignSchema = z.object({
  campaign: z.string(),
  total: z.number(),
  decided: z.number(),
  counts: z.object({ keep: z.number(), revise: z.number(), abolish: z.number() }),
  items: z.array(reviewItemSchema),
});
export type ReviewCampaign = z.infer<typeof reviewCampaignSchema>;
export const reviewDecisionSchema = z.object({
  campaign: z
    .string()
    .trim()
    .regex(/^[\w\-—]{1,32}$/u, '清理批次名称只能用字母、数字、短横线，例如 2026'),
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.string().trim().min(2, '请写明理由').max(2000),
});
