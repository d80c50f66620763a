// Targets (目标责任状): per year, unit and indicator, base (确保) and stretch (力争).
// Values are stored as integers: 元 for funds, USD for foreign capital, a count for contracts.
import { z } from 'zod';
import { periodSchema } from './common';

export const TARGET_INDICATORS = ['funds', 'foreign', 'contracts'] as const;
export const targetIndicatorSchema = z.enum(TARGET_INDICATORS);
export type TargetIndicatorCode = z.infer<typeof targetIndicatorSchema>;

const value = z.number().int('应为整数（元、美元或个）').min(0, '不能为负数').max(9_000_000_000_000_000, '数值过大');

export const targetSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  unitCode: z.string(),
  unitName: z.string(),
  indicator: targetIndicatorSchema,
  /** 元 (funds), USD (foreign) or a count (contracts) */
  baseValue: z.number(),
  stretchValue: z.number().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof targetSchema>;

const yearSchema = z.number().int().min(2000, '年度应在2000–2100之间').max(2100, '年度应在2000–2100之间');

export const targetCreateSchema = z
  .object({
    year: yearSchema,
    unitCode: z.string().min(1, '请选择单位'),
    indicator: targetIndicatorSchema,
    baseValue: value,
    stretchValue: value.nullable().optional(),
  })
  .refine((t) => t.stretchValue === null || t.stretchValue === undefined || t.stretchValue >= t.baseValue, {
    message: '力争目标不应低于确保目标',
    path: ['stretchValue'],
  });

export const targetUpdateSchema = z.object({
  baseValue: value.optional(),
  stretchValue: value.nullable().optional(),
  version: z.number().int().positive(),
});

export const targetListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  unit: z.string().optional(),
});

export const targetSplitSchema = z.object({
  id: z.number().int(),
  targetId: z.number().int(),
  assignee: z.string(),
  baseValue: z.number(),
  stretchValue: z.number().nullable(),
  version: z.number().int(),
});
export type TargetSplit = z.infer<typeof targetSplitSchema>;
export const targetSplitCreateSchema = z.object({
  assignee: z.string().trim().min(1, '请填写责任人或小组').max(100),
  baseValue: value,
  stretchValue: value.nullable().optional(),
});
export const targetSplitUpdateSchema = targetSplitCreateSchema.partial().extend({ version: z.number().int().positive() });

/** Progress at a period (default: the latest with verified funds); `year` alone means that year's end or the current month. */
export const progressQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: periodSchema.optional(),
  unit: z.string().optional(),
});

/** A target with what has been achieved up to the period, and its splits likewise. */
export const targetProgressSchema = z.object({
  target: targetSchema,
  actual: z.number(),
  completion: z.number().nullable(),
  completionStretch: z.number().nullable(),
  splits: z.array(targetSplitSchema.extend({ actual: z.number(), completion: z.number().nullable() })),
  /** achieved by projects whose owner is none of the assignees */
  unassignedActual: z.number(),
  /** true on the city's target for a unit user: the whole city's figure is not theirs to see (actual 0) */
  actualHidden: z.boolean(),
  /** 「落后时间进度11.5个百分点」 / 「超前时间进度…」 ('' without a base target or hidden) */
  gapText: z.string(),
  /** Last year: its target, its result for the whole year, and the result up to the same month. */
  lastYear: z.object({
    baseValue: z.number().nullable(),
    stretchValue: z.number().nullable(),
    actual: z.number().nullable(),
    completion: z.number().nullable(),
    samePeriodActual: z.number().nullable(),
  }),
});
export const targetProgressListSchema = z.object({
  year: z.number().int(),
  month: z.number().int(),
  timeProgress: z.number(),
  /** "2026-05": the period the figures are measured at */
  period: z.string(),
  /** the counting rule (口径) of the funds figures: 'all' or 'nonLocal' */
  countingRule: z.enum(['all', 'nonLocal']),
  items: z.array(targetProgressSchema),
});
export type TargetProgressList = z.infer<typeof targetProgressListSchema>;
