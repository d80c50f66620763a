import { authCacheOf } from '../../db/database';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import { tokenCreateSchema, tokenSchema, userCreateSchema, userSchema, userUpdateSchema } from '../../contracts/users';
import { actorOf } from '../../server/auth';
import { createToken, createUser, listTokens, listUsers, revokeToken, unlockUser, updateUser } from './users.service';

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['用户 users'];
  const manage = { permission: 'user.manage' as const };
  app.get(
    '/users',
    { config: manage, schema: { tags, summary: '用户列表', response: { 200: z.object({ items: z.array(userSchema) }) } } },
    async (req) => ({ items: await listUsers(app.db, actorOf(req)) }),
  );
  app.post(
    '/users',
    { config: manage, schema: { tags, summary: '新增用户', body: userCreateSchema, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createUser(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/users/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改用户（角色、单位、停用、重置密码）',
        params: idParam,
        body: userUpdateSchema,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      const user = await app.db.transaction().execute((tx) => updateUser(tx, actorOf(req), req.params.id, req.body));
      // After the commit too: a request that read the user between the change and the commit kept the old roles.
      authCacheOf(app.db)?.clear();
      return user;
    },
  );
  app.post(
    '/users/:id/unlock',
    {
      config: manage,
      schema: {
        tags,
        summary: '解除登录限制（密码错误造成的等待和网络地址锁定）',
        params: idParam,
        response: { 200: z.object({ accounts: z.number(), addresses: z.number() }) },
      },
    },
    async (req) => unlockUser(app.db, actorOf(req), req.params.id),
  );

  const tok = { permission: 'token.manage' as const };
  app.get(
    '/tokens',
    { config: tok, schema: { tags, summary: 'API令牌列表', response: { 200: z.object({ items: z.array(tokenSchema) }) } } },
    async (req) => ({ items: await listTokens(app.db, actorOf(req)) }),
  );
  app.post(
    '/tokens',
    {
      config: tok,
      schema: {
        tags,
        summary: '创建API令牌（只显示一次）',
        body: tokenCreateSchema,
        response: { 201: z.object({ id: z.number(), token: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createToken(tx, actorOf(req), req.body))),
  );
  app.delete(
    '/tokens/:id',
    { config: tok, schema: { tags, summary: '吊销API令牌', params: idParam, response: { 200: z.object({ ok: z.boolean() }) } } },
    async (req) => {
      await app.db.transaction().execute((tx) => revokeToken(tx, actorOf(req), req.params.id));
      authCacheOf(app.db)?.clear();
      return { ok: true };
    },
  );
};
