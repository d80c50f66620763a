import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import {
  deliverySchema,
  digestSchema,
  notificationSchema,
  webhookCreate,
  webhookSchema,
  webhookUpdate,
} from '../../contracts/notifications';
import { actorOf } from '../../server/auth';
import { listNotifications, markAllRead, markRead } from './notifications.service';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, sendTest, updateWebhook } from './webhooks.service';
import { runDigest } from './digest.service';

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['通知 notifications'];
  const manage = { permission: 'webhook.manage' } as const;
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '我的通知（未读在前）',
        response: { 200: z.object({ unread: z.number(), items: z.array(notificationSchema) }) },
      },
    },
    async (req) => listNotifications(app.db, actorOf(req)),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: '标为已读', params: idParam, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await markRead(app.db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: z.object({ updated: z.number() }) } } },
    async (req) => ({ updated: await markAllRead(app.db, actorOf(req)) }),
  );

  app.get(
    '/webhooks',
    {
      config: manage,
      schema: { tags, summary: '群机器人列表（地址与密钥只显示掩码）', response: { 200: z.object({ items: z.array(webhookSchema) }) } },
    },
    async (req) => ({ items: await listWebhooks(app.db, actorOf(req)) }),
  );
  app.post(
    '/webhooks',
    {
      config: manage,
      schema: { tags, summary: '新增群机器人（企业微信 / 钉钉 / 飞书）', body: webhookCreate, response: { 201: webhookSchema } },
    },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createWebhook(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/webhooks/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改群机器人（地址、密钥留空则不变）',
        params: idParam,
        body: webhookUpdate,
        response: { 200: webhookSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => updateWebhook(tx, actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/webhooks/:id',
    { config: manage, schema: { tags, summary: '删除群机器人', params: idParam, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await app.db.transaction().execute((tx) => deleteWebhook(tx, actorOf(req), req.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/webhooks/:id/test',
    { config: manage, schema: { tags, summary: '发送测试消息（立即发送并返回结果）', params: idParam, response: { 200: deliverySchema } } },
    async (req) => sendTest(app.db, actorOf(req), req.params.id),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      config: manage,
      schema: {
        tags,
        summary: '投递记录（最近 100 条）',
        params: idParam,
        response: { 200: z.object({ webhook: webhookSchema, items: z.array(deliverySchema) }) },
      },
    },
    async (req) => listDeliveries(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/notifications/digest',
    {
      config: manage,
      schema: {
        tags,
        summary: '生成每日简报并推送到各单位机器人（dryRun 只预览）',
        body: z.object({ dryRun: z.boolean().default(false) }),
        response: { 200: digestSchema },
      },
    },
    async (req) => runDigest(app.db, actorOf(req), { dryRun: req.body.dryRun }),
  );
};
