import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, periodSchema } from '../../contracts/common';
import {
  warningListQuery,
  warningListSchema,
  warningRunBody,
  warningRunResultSchema,
  warningSchema,
  warningSummarySchema,
} from '../../contracts/warnings';
import { actorOf } from '../../server/auth';
import { getWarning, listWarnings, runWarnings, warningSummary } from './warnings.service';
import { fundQuality } from './quality.service';
import { decideLead, leadConflicts } from './leads.service';

export const warningsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['预警 warnings'];
  app.get(
    '/warnings',
    {
      config: { permission: 'business.read' },
      schema: { tags, summary: '预警清单（在预警或已解除）', querystring: warningListQuery, response: { 200: warningListSchema } },
    },
    async (req) => listWarnings(app.db, actorOf(req), req.query),
  );
  app.get(
    '/warnings/summary',
    {
      config: { permission: 'business.read' },
      schema: { tags, summary: '预警概况：按规则、按单位、红色清单、督办在办与超期', response: { 200: warningSummarySchema } },
    },
    async (req) => warningSummary(app.db, actorOf(req)),
  );
  app.get(
    '/warnings/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '预警详情', params: idParam, response: { 200: warningSchema } } },
    async (req) => getWarning(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/warnings/run',
    {
      config: { permission: 'supervision.write' },
      schema: {
        tags,
        summary: '立即计算预警（幂等；另一计算进行中时 409）',
        body: warningRunBody,
        response: { 200: warningRunResultSchema },
      },
    },
    async (req) => {
      const r = await runWarnings(app.db, actorOf(req), { asOf: req.body.asOf, trigger: 'manual' });
      return { asOf: r.asOf, open: r.open, raised: r.raised, cleared: r.cleared };
    },
  );
  app.get(
    '/fund-quality',
    {
      config: { permission: 'business.read' },
      schema: {
        tags,
        summary: '到位资金数据质量提示（核实时逐条显示原因）',
        querystring: z.object({ period: periodSchema, unit: z.string().max(32).optional() }),
        response: {
          200: z.object({
            items: z.array(z.object({ entryId: z.number(), flags: z.array(z.object({ code: z.string(), message: z.string() })) })),
          }),
        },
      },
    },
    async (req) => ({ items: await fundQuality(app.db, actorOf(req), req.query.period, req.query.unit) }),
  );
  const project = z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    unitCode: z.string(),
    creditCode: z.string().nullable(),
    registeredOn: z.string().nullable(),
  });
  const conflict = z.object({
    key: z.string(),
    reason: z.enum(['credit-code', 'similar-name']),
    detail: z.string(),
    projects: z.tuple([project, project]),
    unitNames: z.record(z.string(), z.string()),
    decision: z
      .object({ leadUnitCode: z.string(), reason: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string() })
      .nullable(),
  });
  app.get(
    '/lead-conflicts',
    {
      config: { permission: 'lead.decide' },
      schema: {
        tags,
        summary: '首报首谈：两个单位登记同一投资方或几乎相同的项目',
        response: { 200: z.object({ items: z.array(conflict) }) },
      },
    },
    async (req) => ({ items: await leadConflicts(app.db, actorOf(req)) }),
  );
  app.post(
    '/lead-conflicts/decide',
    {
      config: { permission: 'lead.decide' },
      schema: {
        tags,
        summary: '决定由哪个单位牵头（决定留档）',
        body: z.object({
          key: z.string().max(64),
          leadUnitCode: z.string().max(32),
          reason: z.string().trim().min(2, '请写明理由').max(2000),
        }),
        response: { 200: conflict },
      },
    },
    async (req) => app.db.transaction().execute((tx) => decideLead(tx, actorOf(req), req.body)),
  );
};
