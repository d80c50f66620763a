import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/auth';
import { loadDemo, demoSummarySchema } from '../demo/demo.service';
import { needsSetup, runSetup } from './setup.service';

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['初始化 setup'];
  app.get(
    '/setup/status',
    { config: { public: true }, schema: { tags, summary: '是否需要初始化', response: { 200: z.object({ needsSetup: z.boolean() }) } } },
    async () => ({ needsSetup: await needsSetup(app.db) }),
  );
  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '首次运行：城市、行政区划代码、第一个管理员',
        body: z.object({
          cityName: z.string().trim().min(1, '请填写城市名称').max(50),
          homeRegionCode: z.string().regex(/^\d{4}00$/, '请填写地级市的6位行政区划代码，例如吉林市 220200'),
          cityUnitCode: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9_-]{1,32}$/, '单位代码只能包含字母、数字、下划线和短横线')
            .default('C00'),
          adminUsername: z
            .string()
            .trim()
            .min(2, '用户名至少2位')
            .max(64)
            .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -'),
          adminDisplayName: z.string().trim().min(1, '请填写姓名').max(100),
          adminPassword: z.string().min(10, '密码至少10位').max(200, '密码最多200位'),
        }),
        response: { 201: z.object({ ok: z.boolean() }) },
      },
    },
    async (req, reply) => {
      await runSetup(app.db, req.body);
      return reply.status(201).send({ ok: true });
    },
  );
  app.post(
    '/demo/load',
    {
      config: { permission: 'demo.load' },
      schema: {
        tags,
        summary: '加载演示数据（吉林市，虚构）',
        body: z
          .object({
            seed: z
              .number()
              .int()
              .min(0)
              .max(2 ** 31 - 1)
              .optional(),
            fixedPassword: z.boolean().optional(),
          })
          .optional(),
        response: { 200: demoSummarySchema },
      },
    },
    async (req) => loadDemo(app.db, actorOf(req), { seed: req.body?.seed, fixedPassword: req.body?.fixedPassword }),
  );
};
