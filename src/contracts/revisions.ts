// Revisions (修订): a change that would alter a locked month, proposed with a reason by the city
// office and applied only when approved; the figures of each affected locked period before → after.
import { z } from 'zod';
import { versionField } from './common';

export const REVISION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const revisionStatusSchema = z.enum(REVISION_STATUSES);
export type RevisionStatus = z.infer<typeof revisionStatusSchema>;
export const REVISION_STATUS_TEXT: Readonly<Record<RevisionStatus, string>> = { pending: '待审批', approved: '已批准', rejected: '已驳回' };

const reason = z.string().trim().min(2, '请说明修订原因（至少2个字）').max(500, '原因最长500字');
export const revisionCreateSchema = z.discriminatedUnion('entity', [
  z.object({
    entity: z.literal('investor'),
    entityId: z.number().int().positive(),
    origin: z.string().trim().min(1, '请填写新的所在地').max(100),
    reason,
  }),
  z.object({
    entity: z.literal('project'),
    entityId: z.number().int().positive(),
    unitCode: z.string().trim().min(1, '请选择新的承办单位').max(32),
    reason,
  }),
]);
export type RevisionCreate = z.infer<typeof revisionCreateSchema>;

export const revisionDecisionSchema = z.object({ version: versionField, note: z.string().trim().max(500).nullish() });

/** One figure of one locked period that the revision changed. scope '*' is the whole city. */
export const revisionFigureSchema = z.object({
  period: z.string(),
  scope: z.string(),
  basis: z.string(),
  field: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
});
export type RevisionFigure = z.infer<typeof revisionFigureSchema>;

export const revisionSchema = z.object({
  id: z.number().int(),
  entity: z.enum(['investor', 'project']),
  entityId: z.number().int(),
  change: z.record(z.string(), z.unknown()),
  summary: z.string(),
  reason: z.string(),
  status: revisionStatusSchema,
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Locked periods whose figures the change reads (known at request time; refrozen on approval). */
  periods: z.array(z.string()),
  /** Figures that changed, before → after; null until approved. */
  figures: z.array(revisionFigureSchema).nullable(),
  version: z.number().int(),
});
export type Revision = z.infer<typeof revisionSchema>;

/** Figure names as the revision page shows them (top-level numbers of the dispatch statistics). */
export const REVISION_FIELD_LABELS: Readonly<Record<string, string>> = {
  fundsYtdYuan: '累计到位资金（元）',
  fundsYtdLastYearYuan: '上年同期累计（元）',
  foreignUsdYtd: '其中外资（美元）',
  outsideRegionYtdYuan: '市外资金（元）',
  outOfProvinceYtdYuan: '省外资金（元）',
  abroadYtdYuan: '境外资金（元）',
  'largeProjects.count': '大项目个数',
  'largeProjects.fundsYtdYuan': '大项目到位资金（元）',
  'contractsYtd.count': '签约项目个数',
};
