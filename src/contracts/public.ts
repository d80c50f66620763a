// The investor-facing public page (no login) and what the city office does with it (issue 11 item 5).
import { z } from 'zod';

/** Untrusted input: trimmed, bounded, and no markup at all (shown as text, never as HTML). */
const plain = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, min > 0 ? `请填写${what}` : undefined)
    .max(max, `${what}最长${max}字`)
    .refine((s) => !/[<>]/.test(s), `${what}不能包含 < 或 >`);

export const publicInfoSchema = z.object({
  cityName: z.string(),
  cityAdvantages: z.string(),
  contact: z.string(),
  inquiryResponseHours: z.number(),
  /** a signed timestamp the inquiry form sends back (minimum fill time) */
  formToken: z.string(),
});

export const publicReserveSchema = z.object({
  id: z.number(),
  name: z.string(),
  nameEn: z.string().nullable(),
  industry: z.string().nullable(),
  location: z.string().nullable(),
  totalInvestmentYuan: z.number(),
  description: z.string().nullable(),
  marketOutlook: z.string().nullable(),
  advantages: z.string().nullable(),
  npv: z.number().nullable(),
  irr: z.number().nullable(),
  paybackYears: z.number().nullable(),
});

export const inquiryCreateSchema = z.object({
  name: plain(1, 50, '称呼'),
  company: plain(0, 100, '单位').optional(),
  contact: plain(3, 100, '联系方式'),
  message: plain(5, 2000, '留言内容'),
  reserveProjectId: z.number().int().positive().optional().nullable(),
  formToken: z.string().max(200),
  /** honeypot: a field people never see; bots fill it */
  website: z.string().max(500).optional(),
});
export type InquiryCreate = z.infer<typeof inquiryCreateSchema>;

export const INQUIRY_STATUSES = ['new', 'answered', 'closed'] as const;
export const inquirySchema = z.object({
  id: z.number(),
  reserveProjectId: z.number().nullable(),
  reserveProjectName: z.string().nullable(),
  name: z.string(),
  company: z.string().nullable(),
  contact: z.string(),
  message: z.string(),
  status: z.enum(INQUIRY_STATUSES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  /** when the answer is due (created + inquiryResponseHours) */
  dueAt: z.string(),
  /** unanswered past dueAt: the warnings branch turns this into a warning */
  overdue: z.boolean(),
  version: z.number(),
});
export type Inquiry = z.infer<typeof inquirySchema>;
export const inquiryQuerySchema = z.object({ status: z.enum(INQUIRY_STATUSES).optional(), overdue: z.enum(['true', 'false']).optional() });
export const inquiryUpdateSchema = z.object({
  status: z.enum(['answered', 'closed']),
  answer: z.string().trim().max(2000).optional().nullable(),
  version: z.number().int().positive(),
});

export const commitmentLinkSchema = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() });
export const publicCommitmentSchema = z.object({
  projectName: z.string(),
  title: z.string(),
  fulfilledOn: z.string().nullable(),
  evidence: z.string().nullable(),
  expiresAt: z.string(),
  cityName: z.string(),
});
export const commitmentAnswerSchema = z.object({
  answer: z.enum(['confirm', 'dispute']),
  comment: z
    .string()
    .trim()
    .max(2000)
    .refine((s) => !/[<>]/.test(s), '说明不能包含 < 或 >')
    .optional(),
});
export const disputedCommitmentSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  projectCode: z.string(),
  projectName: z.string(),
  unitCode: z.string(),
  title: z.string(),
  fulfilledOn: z.string().nullable(),
  investorCheck: z.string(),
  investorComment: z.string().nullable(),
  investorCheckedAt: z.string().nullable(),
});
