import crypto from 'node:crypto';
import type { onSendHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  breakdownSchema,
  dispatchQuerySchema,
  dispatchStatsSchema,
  latestPeriodSchema,
  monthlySchema,
  statsBasisSchema,
} from '../../contracts/stats';
import { actorOf } from '../../server/auth';
import { z } from 'zod';
import { breakdownStats, dispatchStats, latestPeriod, monthlyStats, resolveScope } from './stats.service';
import { drilldownQuerySchema, drilldownSchema } from '../../contracts/stats.drilldown';
import { drilldown } from './drilldown.service';
import { readFrozenJson } from '../funds/period-snapshots';
import type { FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import { figuresCacheOf, type Db } from '../../db/database';
import { todayIso } from '../../domain/period';
import type { StatsScope } from './stats.service';

/**
 * A locked period's figures are sent as the JSON text stored when it was locked: no statistics,
 * no parsing, no re-serialising (they were checked against the response schema when made).
 */
async function sendFrozen(reply: FastifyReply, json: string | null): Promise<boolean> {
  if (json === null) return false;
  await sendJson(reply, json);
  return true;
}

function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .serializer((x) => x as string)
    .send(json);
}

/**
 * An open month's figures from the instance's figures cache (src/db/change-caches.ts), else computed,
 * checked against the response schema exactly as the serializer would, and kept. Any write to the
 * business tables — on this instance, another one, or the CLI — empties the cache, and a computation
 * that overlapped a write is not kept; the key holds today's date because the speech says "as of".
 */
async function sendFigures(
  db: Db,
  reply: FastifyReply,
  kind: string,
  scope: StatsScope,
  schema: ZodType,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  const cache = figuresCacheOf(db);
  const key = `${kind}|${scope.period.year}-${scope.period.month}|${scope.unitCode ?? '*'}|${scope.basis}|${todayIso()}`;
  const hit = cache?.get<string>(key);
  if (hit !== undefined) return sendJson(reply, hit);
  const gen = cache?.generation() ?? 0;
  const json = JSON.stringify(schema.parse(await compute()));
  cache?.set(key, json, gen);
  return sendJson(reply, json);
}

/**
 * ETag / 304 for the dashboard's figures: the tag is a digest of the figures themselves, so an
 * unchanged answer costs the browser nothing to download or redraw and can never be stale. (A
 * locked period's frozen snapshot can give a cheaper tag: its creation time — branch integrity.)
 */
const withEtag: onSendHookHandler = (req, reply, payload, done) => {
  if (reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
  const tag = `W/"${crypto.createHash('sha1').update(payload).digest('base64url')}"`;
  void reply.header('etag', tag).header('cache-control', 'private, no-cache');
  const asked = req.headers['if-none-match'];
  if (
    asked &&
    asked
      .split(',')
      .map((x) => x.trim())
      .includes(tag)
  ) {
    void reply.code(304);
    return done(null, '');
  }
  return done(null, payload);
};

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['统计 stats'];
  const config = { permission: 'business.read' as const };
  app.get(
    '/stats/dispatch',
    {
      config,
      onSend: withEtag,
      schema: {
        tags,
        summary: '调度会统计（报告期累计、同比、完成率、单位排名）',
        querystring: dispatchQuerySchema,
        response: { 200: dispatchStatsSchema },
      },
    },
    async (req, reply) => {
      const scope = await resolveScope(app.db, actorOf(req), req.query);
      if (await sendFrozen(reply, await readFrozenJson(app.db, 'dispatch', scope))) return reply;
      return sendFigures(app.db, reply, 'dispatch', scope, dispatchStatsSchema, () => dispatchStats(app.db, scope));
    },
  );

  app.get(
    '/stats/monthly',
    {
      config,
      onSend: withEtag,
      schema: { tags, summary: '逐月到位资金（本年与上年同期）', querystring: dispatchQuerySchema, response: { 200: monthlySchema } },
    },
    async (req, reply) => {
      const scope = await resolveScope(app.db, actorOf(req), req.query);
      if (await sendFrozen(reply, await readFrozenJson(app.db, 'monthly', scope))) return reply;
      return sendFigures(app.db, reply, 'monthly', scope, monthlySchema, () => monthlyStats(app.db, scope));
    },
  );

  app.get(
    '/stats/breakdown',
    {
      config,
      onSend: withEtag,
      schema: { tags, summary: '到位资金按来源地、区域、行业分布', querystring: dispatchQuerySchema, response: { 200: breakdownSchema } },
    },
    async (req, reply) => {
      const scope = await resolveScope(app.db, actorOf(req), req.query);
      return sendFigures(app.db, reply, 'breakdown', scope, breakdownSchema, () => breakdownStats(app.db, scope));
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
