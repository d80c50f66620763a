import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import { ROBOT_KINDS } from '../../domain/robots';
import { actorOf } from '../../server/auth';
import { listNotifications, markAllRead, markRead } from './notifications.service';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, sendTest, updateWebhook } from './webhooks.service';
import { runDigest } from './digest.service';

const notificationSchema = z.object({
  id: z.number(), kind: z.string(), title: z.string(), body: z.string().nullable(), link: z.string().nullable(),
  unitCode: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable(),
});
const webhookSchema = z.object({
  id: z.number(), unitCode: z.string().nullable(), unitName: z.string().nullable(), kind: z.enum(ROBOT_KINDS), name: z.string(),
  urlMasked: z.string(), hasSecret: z.boolean(), active: z.boolean(), version: z.number(), createdAt: z.string(),
  lastDelivery: z.object({ status: z.string(), at: z.string(), error: z.string().nullable() }).nullable(),
});
const deliverySchema = z.object({
  id: z.number(), webhookId: z.number(), summary: z.string(), status: z.enum(['pending', 'sent', 'failed']), attempts: z.number(),
  maxAttempts: z.number(), nextAttemptAt: z.string().nullable(), lastError: z.string().nullable(), responseCode: z.number().nullable(),
  createdAt: z.string(), sentAt: z.string().nullable(),
});
const secretField = z.string().trim().max(200).nullable().optional();
const webhookCreate = z.object({
  unitCode: z.string().max(32).nullable(), kind: z.enum(ROBOT_KINDS), name: z.string().trim().min(1, '请填写名称，例如“昌邑区招商群”').max(100),
  url: z.string().trim().min(1, '请粘贴机器人的 Webhook 地址').max(1000), secret: secretField,
});
const webhookUpdate = z.object({
  version: z.number().int(), name: z.string().trim().min(1).max(100).optional(), active: z.boolean().optional(),
  url: z.string().trim().max(1000).optional(), secret: secretField,
});
const digestSchema = z.object({
  date: z.string(), dryRun: z.boolean(), queued: z.number(),
  digests: z.array(z.object({
    unitCode: z.string().nullable(), unitName: z.string(), title: z.string(), markdown: z.string(), red: z.number(), yellow: z.number(),
    due: z.number(), overdue: z.number(), webhooks: z.number(),
  })),
});

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['通知 notifications'];
  const manage = { permission: 'webhook.manage' } as const;
  app.get('/notifications', { schema: { tags, summary: '我的通知（未读在前）', response: { 200: z.object({ unread: z.number(), items: z.array(notificationSchema) }) } } },
    async (req) => listNotifications(app.db, actorOf(req)));
  app.post('/notifications/:id/read', { schema: { tags, summary: '标为已读', params: idParam, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => { await markRead(app.db, actorOf(req), req.params.id); return { ok: true as const }; });
  app.post('/notifications/read-all', { schema: { tags, summary: '全部标为已读', response: { 200: z.object({ updated: z.number() }) } } },
    async (req) => ({ updated: await markAllRead(app.db, actorOf(req)) }));

  app.get('/webhooks', { config: manage, schema: { tags, summary: '群机器人列表（地址与密钥只显示掩码）', response: { 200: z.object({ items: z.array(webhookSchema) }) } } },
    async (req) => ({ items: await listWebhooks(app.db, actorOf(req)) }));
  app.post('/webhooks', { config: manage, schema: { tags, summary: '新增群机器人（企业微信 / 钉钉 / 飞书）', body: webhookCreate, response: { 201: webhookSchema } } },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createWebhook(tx, actorOf(req), req.body))));
  app.patch('/webhooks/:id', { config: manage, schema: { tags, summary: '修改群机器人（地址、密钥留空则不变）', params: idParam, body: webhookUpdate, response: { 200: webhookSchema } } },
    async (req) => app.db.transaction().execute((tx) => updateWebhook(tx, actorOf(req), req.params.id, req.body)));
  app.delete('/webhooks/:id', { config: manage, schema: { tags, summary: '删除群机器人', params: idParam, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => { await app.db.transaction().execute((tx) => deleteWebhook(tx, actorOf(req), req.params.id)); return { ok: true as const }; });
  app.post('/webhooks/:id/test', { config: manage, schema: { tags, summary: '发送测试消息（立即发送并返回结果）', params: idParam, response: { 200: deliverySchema } } },
    async (req) => sendTest(app.db, actorOf(req), req.params.id));
  app.get('/webhooks/:id/deliveries', { config: manage, schema: { tags, summary: '投递记录（最近 100 条）', params: idParam, response: { 200: z.object({ webhook: webhookSchema, items: z.array(deliverySchema) }) } } },
    async (req) => listDeliveries(app.db, actorOf(req), req.params.id));
  app.post('/notifications/digest', {
    config: manage,
    schema: { tags, summary: '生成每日简报并推送到各单位机器人（dryRun 只预览）', body: z.object({ dryRun: z.boolean().default(false) }), response: { 200: digestSchema } },
  }, async (req) => runDigest(app.db, actorOf(req), { dryRun: req.body.dryRun }));
};
