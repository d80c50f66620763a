import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import {
  progressQuery,
  targetCreateSchema,
  targetListQuery,
  targetProgressListSchema,
  targetSchema,
  targetSplitCreateSchema,
  targetSplitSchema,
  targetSplitUpdateSchema,
  targetUpdateSchema,
} from '../../contracts/targets';
import { actorOf } from '../../server/auth';
import {
  createSplit,
  createTarget,
  deleteSplit,
  deleteTarget,
  getTarget,
  listSplits,
  listTargets,
  targetProgress,
  updateSplit,
  updateTarget,
} from './targets.service';

const versionQuery = z.object({ version: z.coerce.number().int().positive() });

export const targetsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['目标 targets'];
  const read = { permission: 'business.read' as const };
  app.get(
    '/targets',
    {
      config: read,
      schema: {
        tags,
        summary: '年度目标列表',
        querystring: targetListQuery,
        response: { 200: z.object({ items: z.array(targetSchema) }) },
      },
    },
    async (req) => ({ items: await listTargets(app.db, actorOf(req), req.query.year, req.query.unit) }),
  );
  app.get(
    '/targets/progress',
    {
      config: read,
      schema: { tags, summary: '目标完成进度（含分解目标）', querystring: progressQuery, response: { 200: targetProgressListSchema } },
    },
    async (req) => targetProgress(app.db, actorOf(req), req.query.year, req.query.period, req.query.unit),
  );
  app.get(
    '/targets/:id',
    { config: read, schema: { tags, summary: '目标详情', params: idParam, response: { 200: targetSchema } } },
    async (req) => getTarget(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/targets',
    {
      config: { permission: 'target.write' },
      schema: {
        tags,
        summary: '新增目标（到位资金：元；利用外资：美元；签约项目：个）',
        body: targetCreateSchema,
        response: { 201: targetSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createTarget(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/targets/:id',
    {
      config: { permission: 'target.write' },
      schema: { tags, summary: '修改目标', params: idParam, body: targetUpdateSchema, response: { 200: targetSchema } },
    },
    async (req) => app.db.transaction().execute((tx) => updateTarget(tx, actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/targets/:id',
    {
      config: { permission: 'target.write' },
      schema: {
        tags,
        summary: '删除目标（连同其分解）',
        params: idParam,
        querystring: versionQuery,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await app.db.transaction().execute((tx) => deleteTarget(tx, actorOf(req), req.params.id, req.query.version));
      return { ok: true as const };
    },
  );

  app.get(
    '/targets/:id/splits',
    {
      config: read,
      schema: { tags, summary: '目标分解（再分解）', params: idParam, response: { 200: z.object({ items: z.array(targetSplitSchema) }) } },
    },
    async (req) => ({ items: await listSplits(app.db, actorOf(req), req.params.id) }),
  );
  app.post(
    '/targets/:id/splits',
    {
      config: read,
      schema: {
        tags,
        summary: '新增分解目标（市招商办或本单位负责人）',
        params: idParam,
        body: targetSplitCreateSchema,
        response: { 201: targetSplitSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await app.db.transaction().execute((tx) => createSplit(tx, actorOf(req), req.params.id, req.body))),
  );
  app.patch(
    '/target-splits/:id',
    {
      config: read,
      schema: { tags, summary: '修改分解目标', params: idParam, body: targetSplitUpdateSchema, response: { 200: targetSplitSchema } },
    },
    async (req) => app.db.transaction().execute((tx) => updateSplit(tx, actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/target-splits/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '删除分解目标',
        params: idParam,
        querystring: versionQuery,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await app.db.transaction().execute((tx) => deleteSplit(tx, actorOf(req), req.params.id, req.query.version));
      return { ok: true as const };
    },
  );
};
