// Project (项目) API schemas and everything hanging off a project, shared by server and web.
import { z } from 'zod';
import { dateSchema, page } from './common';
import { originScopeSchema, ORIGIN_SCOPES } from './investors';

export const STAGE_CODES = ['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating', 'dropped'] as const;
export const stageSchema = z.enum(STAGE_CODES);
export const PROJECT_TYPES = ['industrial', 'service', 'agriculture', 'infrastructure', 'other'] as const;
export const projectTypeSchema = z.enum(PROJECT_TYPES);
export const CHANNELS = ['trip', 'park', 'chain', 'professional', 'investor_referral', 'equity', 'other'] as const;
export const channelSchema = z.enum(CHANNELS);

const optText = (max: number) => z.string().trim().max(max, `最长${max}字`).optional().nullable();
const optDate = dateSchema.optional().nullable();
const yuan = z.number().int('金额应为整数元').min(0, '金额不能为负');

export const projectSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  owner: z.string().nullable(),
  sponsor: z.string().nullable(),
  investorId: z.number().nullable(),
  investorName: z.string().nullable(),
  originScope: originScopeSchema.nullable(),
  industry: z.string().nullable(),
  projectType: projectTypeSchema.nullable(),
  totalInvestmentYuan: z.number(),
  foreignUsd: z.number(),
  location: z.string().nullable(),
  landAreaMu: z.string().nullable(),
  annualOutputYuan: z.number().nullable(),
  annualTaxYuan: z.number().nullable(),
  jobs: z.number().nullable(),
  sourceActivityId: z.number().nullable(),
  /** The source activity's name (read-only; the activity may belong to another unit). */
  sourceActivityName: z.string().nullable().optional(),
  channel: channelSchema.nullable(),
  servingUnitCode: z.string().nullable(),
  tags: z.array(z.string()),
  stage: stageSchema,
  registeredOn: z.string().nullable(),
  agreementDate: z.string().nullable(),
  agreementDueDate: z.string().nullable(),
  contractDate: z.string().nullable(),
  startDate: z.string().nullable(),
  operatingDate: z.string().nullable(),
  droppedReason: z.string().nullable(),
  assessedOn: z.string().nullable(),
  lastFollowUpOn: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

const projectFields = {
  name: z.string().trim().min(1, '项目名称不能为空').max(200, '项目名称最长200字'),
  owner: optText(100),
  sponsor: optText(100),
  investorId: z.number().int().positive().optional().nullable(),
  industry: optText(100),
  projectType: projectTypeSchema.optional().nullable(),
  totalInvestmentYuan: yuan.optional(),
  foreignUsd: yuan.optional(),
  location: optText(200),
  landAreaMu: z
    .string()
    .trim()
    .regex(/^\d+(\.\d{1,4})?$/, '用地面积应为数字（亩），最多4位小数')
    .optional()
    .nullable()
    .or(z.literal('')),
  annualOutputYuan: yuan.optional().nullable(),
  annualTaxYuan: yuan.optional().nullable(),
  jobs: z.number().int().min(0, '不能为负').optional().nullable(),
  sourceActivityId: z.number().int().positive().optional().nullable(),
  channel: channelSchema.optional().nullable(),
  servingUnitCode: optText(32),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  registeredOn: optDate,
  agreementDate: optDate,
  agreementDueDate: optDate,
  contractDate: optDate,
  startDate: optDate,
  operatingDate: optDate,
  assessedOn: optDate,
};

export const projectCreateSchema = z.object({
  ...projectFields,
  code: z
    .string()
    .trim()
    .max(64, '项目编号最长64位')
    .regex(/^[A-Za-z0-9_\-.]*$/, '项目编号只能包含字母、数字、-、_、.')
    .optional()
    .nullable(),
  unitCode: z.string().trim().max(32).optional(),
  stage: stageSchema.optional(),
  droppedReason: optText(2000),
});
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

export const projectUpdateSchema = z.object({
  ...(Object.fromEntries(Object.entries(projectFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof projectFields]: z.ZodOptional<(typeof projectFields)[K]>;
  }),
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_\-.]+$/, '项目编号只能包含字母、数字、-、_、.')
    .optional(),
  unitCode: z.string().trim().max(32).optional(),
  droppedReason: optText(2000),
  version: z.number().int().positive(),
});
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

export const PROJECT_SORTS = [
  'code',
  'name',
  'unitCode',
  'stage',
  'totalInvestmentYuan',
  'lastFollowUpOn',
  'contractDate',
  'updatedAt',
  'registeredOn',
] as const;

/** The project list query; the same query drives the table, the kanban and the Excel export. */
export const projectQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  unitCode: z.string().trim().max(32).optional(),
  /** one stage or several, comma separated */
  stage: z
    .string()
    .trim()
    .max(200)
    .optional()
    .refine((s) => !s || s.split(',').every((x) => (STAGE_CODES as readonly string[]).includes(x)), '阶段取值不正确'),
  industry: z.string().trim().max(100).optional(),
  originScope: z
    .string()
    .trim()
    .max(100)
    .optional()
    .refine((s) => !s || s.split(',').every((x) => (ORIGIN_SCOPES as readonly string[]).includes(x)), '投资方来源取值不正确'),
  /** 长三角 / 珠三角 / 京津冀, by the investor's region code */
  originGroup: z.enum(['yrd', 'prd', 'jjj']).optional(),
  minInvestmentYuan: z.coerce.number().int().min(0).optional(),
  maxInvestmentYuan: z.coerce.number().int().min(0).optional(),
  owner: z.string().trim().max(100).optional(),
  investorId: z.coerce.number().int().positive().optional(),
  /** at least this many days since the last follow-up (never followed up counts) */
  staleDays: z.coerce.number().int().min(0).max(10000).optional(),
  sort: z.enum(PROJECT_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ProjectQuery = z.infer<typeof projectQuerySchema>;
export const projectPageSchema = page(projectSchema);

export const moveCreateSchema = z.object({
  to: stageSchema,
  date: dateSchema.optional().nullable().or(z.literal('')),
  reason: z.string().trim().max(2000).optional().nullable(),
  /** only for a move to agreement: the date by which it should become a contract */
  agreementDueDate: dateSchema.optional().nullable().or(z.literal('')),
  version: z.number().int().positive(),
});
export type MoveCreate = z.infer<typeof moveCreateSchema>;
export const stageMoveSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  from: stageSchema.nullable(),
  to: stageSchema,
  date: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type StageMove = z.infer<typeof stageMoveSchema>;

export const kanbanCardSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  owner: z.string().nullable(),
  investorName: z.string().nullable(),
  totalInvestmentYuan: z.number(),
  lastFollowUpOn: z.string().nullable(),
  stage: stageSchema,
  version: z.number(),
});
export type KanbanCard = z.infer<typeof kanbanCardSchema>;
export const kanbanSchema = z.object({
  columns: z.array(z.object({ stage: stageSchema, count: z.number(), items: z.array(kanbanCardSchema) })),
});
export type Kanban = z.infer<typeof kanbanSchema>;

// --- follow-ups, blockers, commitments, approval items -----------------------------------------

export const FOLLOW_UP_KINDS = ['visit', 'call', 'meeting', 'negotiation', 'inspection'] as const;
export const followUpSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  date: z.string(),
  kind: z.enum(FOLLOW_UP_KINDS),
  participants: z.string().nullable(),
  content: z.string(),
  nextStep: z.string().nullable(),
  nextDate: z.string().nullable(),
  createdBy: z.number().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const followUpCreateSchema = z.object({
  date: dateSchema,
  kind: z.enum(FOLLOW_UP_KINDS),
  participants: optText(300),
  content: z.string().trim().min(1, '跟进内容不能为空').max(5000),
  nextStep: optText(2000),
  nextDate: optDate,
});
export const followUpUpdateSchema = followUpCreateSchema.partial().extend({ version: z.number().int().positive() });

export const BLOCKER_STATUSES = ['open', 'resolved'] as const;
export const blockerSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  title: z.string(),
  coordinatingDept: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(BLOCKER_STATUSES),
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Blocker = z.infer<typeof blockerSchema>;
export const blockerCreateSchema = z.object({
  title: z.string().trim().min(1, '问题不能为空').max(2000),
  coordinatingDept: optText(100),
  dueDate: optDate,
  status: z.enum(BLOCKER_STATUSES).optional(),
  resolution: optText(5000),
  resolvedOn: optDate,
});
export const blockerUpdateSchema = blockerCreateSchema.partial().extend({ version: z.number().int().positive() });

export const COMMITMENT_STATUSES = ['pending', 'fulfilled'] as const;
export const commitmentSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  title: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(COMMITMENT_STATUSES),
  evidence: z.string().nullable(),
  fulfilledOn: z.string().nullable(),
  /** The investor's answer to a confirmation link: pending (link sent), confirmed or disputed; null before any link. */
  investorCheck: z.string().nullable().optional(),
  investorComment: z.string().nullable().optional(),
  investorCheckedAt: z.string().nullable().optional(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Commitment = z.infer<typeof commitmentSchema>;
export const commitmentCreateSchema = z.object({
  title: z.string().trim().min(1, '承诺事项不能为空').max(2000),
  dueDate: optDate,
  status: z.enum(COMMITMENT_STATUSES).optional(),
  evidence: optText(5000),
  fulfilledOn: optDate,
});
export const commitmentUpdateSchema = commitmentCreateSchema.partial().extend({ version: z.number().int().positive() });

export const APPROVAL_KINDS = ['filing', 'land', 'planning', 'environment', 'energy', 'construction'] as const;
export const APPROVAL_KIND_LABELS: Record<(typeof APPROVAL_KINDS)[number], string> = {
  filing: '立项/备案',
  land: '用地',
  planning: '规划许可',
  environment: '环评',
  energy: '能评',
  construction: '施工许可',
};
export const APPROVAL_STATUSES = ['pending', 'applied', 'approved', 'not_needed'] as const;
export const APPROVAL_STATUS_LABELS: Record<(typeof APPROVAL_STATUSES)[number], string> = {
  pending: '未申报',
  applied: '办理中',
  approved: '已办结',
  not_needed: '无需办理',
};
export const approvalItemSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  kind: z.enum(APPROVAL_KINDS),
  status: z.enum(APPROVAL_STATUSES),
  appliedOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;
export const approvalItemCreateSchema = z.object({
  kind: z.enum(APPROVAL_KINDS),
  status: z.enum(APPROVAL_STATUSES).optional(),
  appliedOn: optDate,
  approvedOn: optDate,
  note: optText(2000),
});
export const approvalItemUpdateSchema = approvalItemCreateSchema.partial().extend({ version: z.number().int().positive() });

export const attachmentSchema = z.object({
  id: z.number(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const timelineItemSchema = z.object({
  kind: z.enum(['move', 'follow_up', 'blocker', 'commitment', 'fund']),
  id: z.number(),
  date: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  who: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const savedFilterSchema = z.object({
  id: z.number(),
  scope: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SavedFilter = z.infer<typeof savedFilterSchema>;
export const savedFilterCreateSchema = z.object({
  scope: z.string().trim().min(1).max(32).default('projects'),
  name: z.string().trim().min(1, '名称不能为空').max(100),
  query: z.record(z.string(), z.unknown()),
});

export const projectListSchema = projectPageSchema;
export { ORIGIN_SCOPES };
