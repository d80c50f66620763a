// Authentication, CSRF and permission checks for every route, in one hook.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors';
import { SESSION_COOKIE, sessionActor, tokenActor } from '../modules/auth/auth.service';
import { can, type Actor } from '../modules/auth/actor';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrf', null);
  app.decorateRequest('who', null);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.actor = await tokenActor(app.db, auth.slice(7).trim());
      if (!request.actor) throw new AppError('unauthenticated', 'API令牌无效或已被吊销');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const s = await sessionActor(app.db, cookie);
        if (s) {
          request.actor = s.actor;
          request.csrf = s.csrf;
          request.who = { username: s.username, unitName: s.unitName };
          // Cookie-authenticated writes must echo the session's CSRF token.
          if (!SAFE.has(request.method) && request.headers['x-csrf-token'] !== s.csrf) {
            throw new AppError('forbidden', '页面已过期（CSRF校验失败），请刷新页面后重试');
          }
        }
      }
    }
    const cfg = request.routeOptions.config;
    if (cfg?.public) return;
    if (!request.actor) throw new AppError('unauthenticated', '请先登录');
    if (cfg?.permission && !can(request.actor, cfg.permission)) {
      throw new AppError('forbidden', '您的角色无权进行此操作；如需办理，请联系市招商办或系统管理员');
    }
  });
}

/** The signed-in actor; routes that are not public always have one (checked by the hook above). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', '请先登录');
  return request.actor;
}
