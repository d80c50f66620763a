import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import { revisionCreateSchema, revisionDecisionSchema, revisionSchema, revisionStatusSchema } from '../../contracts/revisions';
import { actorOf } from '../../server/auth';
import { approveRevision, createRevision, getRevision, listRevisions, rejectRevision } from './revisions.service';

export const revisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['修订 revisions'];
  const config = { permission: 'period.lock' as const };
  app.get(
    '/revisions',
    {
      config,
      schema: {
        tags,
        summary: '修订申请（改变已锁定月份数据的更正）',
        querystring: z.object({ status: revisionStatusSchema.optional() }),
        response: { 200: z.object({ items: z.array(revisionSchema) }) },
      },
    },
    async (req) => ({ items: await listRevisions(db, actorOf(req), req.query) }),
  );
  app.get(
    '/revisions/:id',
    {
      config,
      schema: { tags, summary: '修订详情（批准后含各锁定月份数据的修订前 → 修订后）', params: idParam, response: { 200: revisionSchema } },
    },
    async (req) => getRevision(db, actorOf(req), req.params.id),
  );
  app.post(
    '/revisions',
    {
      config,
      schema: {
        tags,
        summary: '提出修订：客商所在地，或项目（含已锁定月份到位资金）改属其他单位',
        body: revisionCreateSchema,
        response: { 201: revisionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await db.transaction().execute((tx) => createRevision(tx, actorOf(req), req.body))),
  );
  app.post(
    '/revisions/:id/approve',
    {
      config,
      schema: {
        tags,
        summary: '批准修订：执行更正并重新封存受影响的锁定月份',
        params: idParam,
        body: revisionDecisionSchema,
        response: { 200: revisionSchema },
      },
    },
    async (req) => db.transaction().execute((tx) => approveRevision(tx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/revisions/:id/reject',
    { config, schema: { tags, summary: '驳回修订', params: idParam, body: revisionDecisionSchema, response: { 200: revisionSchema } } },
    async (req) => db.transaction().execute((tx) => rejectRevision(tx, actorOf(req), req.params.id, req.body)),
  );
};
