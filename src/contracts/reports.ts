// Dispatch briefing (调度会讲话稿) and standard Excel reports.
import { z } from 'zod';
import { periodSchema } from './common';
import { statsBasisSchema } from './stats';

/** Period, scope and basis of the briefing and the Excel reports (as for the dispatch statistics). */
export const briefingQuerySchema = z.object({
  period: periodSchema.optional(),
  unit: z.string().min(1).max(32).optional(),
  basis: statsBasisSchema.default('verified'),
});

export const briefingUnitRowSchema = z.object({
  rank: z.string(),
  code: z.string(),
  name: z.string(),
  targetYi: z.string(),
  fundsYi: z.string(),
  completionText: z.string(),
  yoyText: z.string(),
  gapText: z.string(),
  behind: z.boolean(),
  targetStretchYi: z.string(),
  completionStretchText: z.string(),
  monthlyNeededText: z.string(),
});
/** A blocker or commitment as the briefing lists it (read out, or in the annex table). */
export const briefingBlockerSchema = z.object({
  index: z.number().int(),
  kind: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  unitName: z.string(),
  title: z.string(),
  dueDate: z.string(),
  coordinatingDept: z.string(),
  overdueText: z.string(),
  daysOverdue: z.number().int().nullable(),
});
export const briefingSectionSchema = z.object({ heading: z.string(), paragraphs: z.array(z.string()) });

export const briefingSchema = z.object({
  period: z.string(),
  title: z.string(),
  scopeName: z.string(),
  sections: z.array(briefingSectionSchema),
  units: z.array(briefingUnitRowSchema),
  /** The blockers read out: the overdue ones and the largest projects' (setting briefingTopBlockers). */
  blockers: z.array(briefingBlockerSchema),
  /** Every open blocker and commitment as of the period (the annex table). */
  annex: z.array(briefingBlockerSchema),
  /** Every value a template placeholder can take, by name. */
  data: z.record(z.string(), z.unknown()),
});
export type BriefingDto = z.infer<typeof briefingSchema>;

export const placeholderSchema = z.object({ name: z.string(), description: z.string(), example: z.string() });
export const briefingTemplateInfoSchema = z.object({
  custom: z.boolean(),
  filename: z.string(),
  updatedAt: z.string().nullable(),
  placeholders: z.array(placeholderSchema),
  loops: z.array(z.object({ name: z.string(), description: z.string(), fields: z.array(placeholderSchema) })),
});
export type BriefingTemplateInfo = z.infer<typeof briefingTemplateInfoSchema>;

export const REPORT_NAMES = ['funds-by-unit', 'contracts', 'large-projects', 'foreign'] as const;
export const reportNameSchema = z.enum(REPORT_NAMES);
export type ReportName = z.infer<typeof reportNameSchema>;
export const REPORT_TITLES: Record<ReportName, string> = {
  'funds-by-unit': '到位资金完成情况表',
  contracts: '签约项目明细表',
  'large-projects': '重点项目进展表',
  foreign: '利用外资情况表',
};
