// Builds the app; main.ts listens, tests drive it with app.inject.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import type { Config } from '../config';
import './context';
import { registerErrorHandler } from './errors';
import { registerAuth } from './auth';
import { registerInputGuard } from './input-guard';
import { registerRoutes } from './routes';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'dist/web');

export async function buildApp(opts: { db: Db; config: Config; logger?: boolean }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.logLevel } : false,
    bodyLimit: 5 * 1024 * 1024,
    // Only the configured proxies may name the client address (login throttling) and https.
    trustProxy: opts.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  app.decorate('config', opts.config);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 5 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '招商引资调度平台 API',
        version: '1',
        description: '所有接口位于 /api/v1。浏览器会话需携带 x-csrf-token；集成可用 Authorization: Bearer <API令牌>。',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // The route table, for the scope test that walks every route.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routeList.push({ method: m, url: r.url });
  });

  registerErrorHandler(app);
  registerInputGuard(app);
  registerAuth(app);
  await registerRoutes(app);

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => {
    await opts.db.selectFrom('settings').select('key').limit(1).execute();
    return { ok: true };
  });

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false });
    // The web app routes on the client; any other GET that is not API or docs gets index.html.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
      const url = req.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'not_found', message: `没有这个接口：${req.method} ${url}` } });
      const file = path.join(WEB_DIST, path.normalize(url).replace(/^([/\\])+/, ''));
      if (url !== '/' && file.startsWith(WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile())
        return reply.sendFile(path.relative(WEB_DIST, file));
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
