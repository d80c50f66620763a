import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meSchema } from '../../contracts/common';
import { actorOf } from '../../server/auth';
import { isCityWide } from './actor';
import { changePassword, login, LOGIN_PASSWORD_MAX, LOGIN_USERNAME_MAX, logout, SESSION_COOKIE } from './auth.service';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['账号 auth'];
  const secure = (proto: string) => app.config.cookieSecure === 'true' || (app.config.cookieSecure === 'auto' && proto === 'https');

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '登录',
        body: z.object({
          username: z.string().trim().min(1, '请输入用户名').max(LOGIN_USERNAME_MAX, '用户名过长'),
          password: z.string().min(1, '请输入密码').max(LOGIN_PASSWORD_MAX, '密码过长'),
        }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const { token } = await login(
        app.db,
        req.body.username,
        req.body.password,
        req.ip,
        req.headers['user-agent'] ?? null,
        app.config.sessionHours,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(req.protocol),
        maxAge: app.config.sessionHours * 3600,
      });
      return { ok: true };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: '退出登录', response: { 200: z.object({ ok: z.boolean() }) } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(app.db, token, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get('/auth/me', { schema: { tags, summary: '当前用户', response: { 200: meSchema } } }, async (req) => {
    const a = actorOf(req);
    // A session carries its user's login and unit names; an API token has no login name of its own.
    const who = req.who ?? {
      username: a.name,
      unitName: a.unitCode
        ? ((await app.db.selectFrom('units').select('name').where('code', '=', a.unitCode).executeTakeFirst())?.name ?? null)
        : null,
    };
    return {
      id: a.userId,
      username: who.username,
      displayName: a.name,
      roles: a.roles,
      unitCode: a.unitCode,
      unitName: who.unitName,
      permissions: [...a.permissions],
      cityWide: isCityWide(a),
      csrfToken: req.csrf,
    };
  });

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码',
        body: z.object({
          currentPassword: z.string().min(1, '请输入当前密码'),
          newPassword: z.string().min(1, '请输入新密码').max(200, '密码最多200位'),
        }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => {
      await changePassword(app.db, actorOf(req), req.body.currentPassword, req.body.newPassword, req.cookies[SESSION_COOKIE]);
      return { ok: true };
    },
  );
};
