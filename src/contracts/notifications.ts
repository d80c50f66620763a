// Notifications, group-robot webhooks, their deliveries and the daily digest: shapes shared by API and web.
import { z } from 'zod';
import { ROBOT_KINDS } from '../domain/robots';

export const notificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  unitCode: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const webhookSchema = z.object({
  id: z.number(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  kind: z.enum(ROBOT_KINDS),
  name: z.string(),
  urlMasked: z.string(),
  hasSecret: z.boolean(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  lastDelivery: z.object({ status: z.string(), at: z.string(), error: z.string().nullable() }).nullable(),
});
export const deliverySchema = z.object({
  id: z.number(),
  webhookId: z.number(),
  summary: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  responseCode: z.number().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const secretField = z.string().trim().max(200).nullable().optional();
export const webhookCreate = z.object({
  unitCode: z.string().max(32).nullable(),
  kind: z.enum(ROBOT_KINDS),
  name: z.string().trim().min(1, '请填写名称，例如“昌邑区招商群”').max(100),
  url: z.string().trim().min(1, '请粘贴机器人的 Webhook 地址').max(1000),
  secret: secretField,
});
export const webhookUpdate = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(100).optional(),
  active: z.boolean().optional(),
  url: z.string().trim().max(1000).optional(),
  secret: secretField,
});
export const digestSchema = z.object({
  date: z.string(),
  dryRun: z.boolean(),
  queued: z.number(),
  digests: z.array(
    z.object({
      unitCode: z.string().nullable(),
      unitName: z.string(),
      title: z.string(),
      markdown: z.string(),
      red: z.number(),
      yellow: z.number(),
      due: z.number(),
      overdue: z.number(),
      webhooks: z.number(),
    }),
  ),
});

export type NotificationItem = z.infer<typeof notificationSchema>;
export type NotificationList = { unread: number; items: NotificationItem[] };
export type Webhook = z.infer<typeof webhookSchema>;
export type WebhookDelivery = z.infer<typeof deliverySchema>;
export type DigestRunResult = z.infer<typeof digestSchema>;
export type RobotKind = (typeof ROBOT_KINDS)[number];
