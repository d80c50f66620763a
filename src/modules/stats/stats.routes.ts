import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  breakdownSchema,
  dispatchQuerySchema,
  dispatchStatsQuerySchema,
  dispatchStatsSchema,
  latestPeriodSchema,
  monthlySchema,
  statsBasisSchema,
} from '../../contracts/stats';
import { actorOf } from '../../server/auth';
import { z } from 'zod';
import { breakdownStats, dispatchStats, dispatchSummary, latestPeriod, monthlyStats, resolveScope } from './stats.service';
import { drilldownQuerySchema, drilldownSchema } from '../../contracts/stats.drilldown';
import { drilldown } from './drilldown.service';
import { readFrozenJson } from '../funds/period-snapshots';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { figuresCacheOf, type Db } from '../../db/database';
import { todayIso } from '../../domain/period';
import type { StatsScope } from './stats.service';

type Figures = { body: Buffer; etag: string };
const etagOf = (body: Buffer | string) => `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
const asked = (req: FastifyRequest, tag: string) =>
  (req.headers['if-none-match'] ?? '')
    .split(',')
    .map((x) => x.trim())
    .includes(tag);

/**
 * The dashboard's figures of a scope, from the instance's figures cache (src/db/change-caches.ts): on a
 * miss, a locked month's stored JSON (its official figures, sent as stored) or the open month's figures
 * computed and checked against the response schema exactly as the serializer would; kept with their
 * ETag, so a hit costs neither statistics nor serialising nor hashing, and an unchanged request gets 304.
 * Any write to the business tables — on this instance, another one, or the CLI — empties the cache, and a
 * computation that overlapped a write is not kept; the key holds today's date because the speech says
 * "as of".
 */
async function sendFigures(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  kind: 'dispatch' | 'dispatch-summary' | 'monthly' | 'breakdown',
  scope: StatsScope,
  schema: ZodType,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  const cache = figuresCacheOf(db);
  const key = `${kind}|${scope.period.year}-${scope.period.month}|${scope.unitCode ?? '*'}|${scope.basis}|${todayIso()}`;
  let figures = cache?.get<Figures>(key);
  if (!figures) {
    const gen = cache?.generation() ?? 0;
    // The summary leaves the briefing's parts out of the stored figures, so it is computed (from them).
    const frozen = kind === 'dispatch' || kind === 'monthly' ? await readFrozenJson(db, kind, scope) : null;
    const body = Buffer.from(frozen ?? JSON.stringify(schema.parse(await compute())));
    figures = { body, etag: etagOf(body) };
    cache?.set(key, figures, gen);
  }
  void reply.header('etag', figures.etag).header('cache-control', 'private, no-cache');
  if (asked(req, figures.etag)) return reply.code(304).send();
  return reply
    .type('application/json; charset=utf-8')
    .serializer((x) => x as string)
    .send(figures.body);
}

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['统计 stats'];
  const config = { permission: 'business.read' as const };
  app.get(
    '/stats/dispatch',
    {
      config,
      schema: {
        tags,
        summary: '调度会统计（报告期累计、同比、完成率、单位排名）',
        description:
          '`detail=summary`（驾驶舱用）不含讲话稿所需的 `speech` 与 `activityDetail`（重大项目清单、问题、承诺等），其余数字与完整结果相同。',
        querystring: dispatchStatsQuerySchema,
        response: { 200: dispatchStatsSchema },
      },
    },
    async (req, reply) => {
      const { detail, ...query } = req.query;
      const scope = await resolveScope(app.db, actorOf(req), query);
      return detail === 'summary'
        ? sendFigures(app.db, req, reply, 'dispatch-summary', scope, dispatchStatsSchema, () => dispatchSummary(app.db, scope))
        : sendFigures(app.db, req, reply, 'dispatch', scope, dispatchStatsSchema, () => dispatchStats(app.db, scope));
    },
  );

  app.get(
    '/stats/monthly',
    {
      config,
      schema: { tags, summary: '逐月到位资金（本年与上年同期）', querystring: dispatchQuerySchema, response: { 200: monthlySchema } },
    },
    async (req, reply) => {
      const scope = await resolveScope(app.db, actorOf(req), req.query);
      return sendFigures(app.db, req, reply, 'monthly', scope, monthlySchema, () => monthlyStats(app.db, scope));
    },
  );

  app.get(
    '/stats/breakdown',
    {
      config,
      schema: { tags, summary: '到位资金按来源地、区域、行业分布', querystring: dispatchQuerySchema, response: { 200: breakdownSchema } },
    },
    async (req, reply) => {
      const scope = await resolveScope(app.db, actorOf(req), req.query);
      return sendFigures(app.db, req, reply, 'breakdown', scope, breakdownSchema, () => breakdownStats(app.db, scope));
    },
  );

  app.get(
    '/stats/latest-period',
    {
      config,
      schema: {
        tags,
        summary: '有数据的最新报告期（没有数据时为当月）',
        querystring: z.object({ basis: statsBasisSchema.default('verified') }),
        response: { 200: latestPeriodSchema },
      },
    },
    async (req) => latestPeriod(app.db, actorOf(req), req.query.basis),
  );

  app.get(
    '/stats/drilldown',
    {
      config,
      schema: {
        tags,
        summary: '统计数字的明细：构成该数字的项目及各自金额（合计等于该数字）',
        querystring: drilldownQuerySchema,
        response: { 200: drilldownSchema },
      },
    },
    async (req) => {
      const { figure, limit, ...rest } = req.query;
      return drilldown(app.db, await resolveScope(app.db, actorOf(req), rest), figure, limit);
    },
  );
};
