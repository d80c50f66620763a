// Warnings, supervision tasks (督办) and the inbox: shapes shared by the server and the web app.
import { z } from 'zod';
import { WARNING_RULES } from '../domain/warnings';
import { dateSchema, periodSchema } from './common';

export const warningRuleSchema = z.enum(WARNING_RULES);
export const warningLevelSchema = z.enum(['yellow', 'red']);

export const warningSchema = z.object({
  id: z.number(),
  rule: warningRuleSchema,
  level: warningLevelSchema,
  peakLevel: warningLevelSchema,
  unitCode: z.string(),
  unitName: z.string().nullable(),
  projectId: z.number().nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  /** The promotion activity a warning is about (rule activity-report-missing). */
  activityId: z.number().nullable(),
  /** The investor's inquiry a warning is about (rule lead-unassessed applied to inquiries, [F]). */
  inquiryId: z.number().nullable(),
  owner: z.string().nullable(),
  message: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  clearedAt: z.string().nullable(),
  /** The open supervision task raised from this warning, if any. */
  taskId: z.number().nullable(),
});
export type Warning = z.infer<typeof warningSchema>;

export const warningListQuery = z.object({
  status: z.enum(['open', 'cleared']).default('open'),
  unit: z.string().optional(),
  rule: warningRuleSchema.optional(),
  level: warningLevelSchema.optional(),
});
export const warningListSchema = z.object({
  items: z.array(warningSchema),
  lastRun: z.object({ asOf: z.string(), finishedAt: z.string() }).nullable(),
});

export const warningRunBody = z.object({ asOf: dateSchema.optional() });
export const warningRunResultSchema = z.object({
  asOf: z.string(),
  open: z.number(),
  raised: z.number(),
  cleared: z.number(),
});

export const warningSummarySchema = z.object({
  open: z.number(),
  red: z.number(),
  yellow: z.number(),
  byRule: z.array(z.object({ rule: warningRuleSchema, red: z.number(), yellow: z.number() })),
  byUnit: z.array(z.object({ unitCode: z.string(), unitName: z.string(), red: z.number(), yellow: z.number() })),
  redList: z.array(warningSchema),
  tasks: z.object({ open: z.number(), overdue: z.number(), answered: z.number() }),
});
export type WarningSummary = z.infer<typeof warningSummarySchema>;

// --- supervision ------------------------------------------------------------------------------
export const TASK_STATUSES = ['open', 'answered', 'closed'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export const colourSchema = z.enum(['blue', 'yellow', 'red', 'done']);

export const taskEventSchema = z.object({
  id: z.number(),
  kind: z.enum(['feedback', 'reject', 'close', 'interview']),
  content: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export const taskSchema = z.object({
  id: z.number(),
  title: z.string(),
  content: z.string().nullable(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  assignee: z.string().nullable(),
  deadline: z.string(),
  warningId: z.number().nullable(),
  projectId: z.number().nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  source: z.enum(['warning', 'manual', 'meeting']),
  meetingPeriod: z.string().nullable(),
  status: taskStatusSchema,
  colour: colourSchema,
  daysLate: z.number(),
  raisedByName: z.string().nullable(),
  closedOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  hasInterview: z.boolean(),
});
export type SupervisionTask = z.infer<typeof taskSchema>;
export const taskDetailSchema = taskSchema.extend({ events: z.array(taskEventSchema) });
export type SupervisionTaskDetail = z.infer<typeof taskDetailSchema>;

export const taskCreateSchema = z.object({
  title: z.string().trim().min(1, '请填写督办事项').max(300),
  content: z.string().trim().max(5000).optional().nullable(),
  unitCode: z.string().min(1, '请选择承办单位').optional(),
  assignee: z.string().trim().max(100).optional().nullable(),
  deadline: dateSchema,
  warningId: z.number().int().positive().optional(),
  /** A decision (议定事项) of the dispatch meeting of this period. */
  meetingPeriod: periodSchema.optional(),
});
export const taskListQuery = z.object({
  status: z.enum(['active', 'open', 'answered', 'closed', 'all']).default('active'),
  unit: z.string().optional(),
  meeting: periodSchema.optional(),
});
export const taskActionSchema = z.object({
  version: z.number().int().positive(),
  content: z.string().trim().min(1, '请填写内容').max(5000),
});
export const taskBoardSchema = z.object({
  items: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      open: z.number(),
      answered: z.number(),
      closed: z.number(),
      blue: z.number(),
      yellow: z.number(),
      red: z.number(),
    }),
  ),
});

// --- inbox ------------------------------------------------------------------------------------
export const inboxItemSchema = z.object({
  kind: z.enum(['warning', 'task', 'follow_up', 'submission', 'approval', 'verification']),
  level: z.enum(['red', 'yellow', 'blue']),
  title: z.string(),
  detail: z.string(),
  unitCode: z.string().nullable(),
  /** Where to go in the web app, relative to its root. */
  link: z.string(),
  date: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxSchema = z.object({
  counts: z.object({
    total: z.number(),
    red: z.number(),
    warnings: z.number(),
    tasks: z.number(),
    followUps: z.number(),
    submissions: z.number(),
    approvals: z.number(),
    verifications: z.number(),
  }),
  items: z.array(inboxItemSchema),
});
export type Inbox = z.infer<typeof inboxSchema>;
