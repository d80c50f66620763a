import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import {
  investorCreateSchema,
  investorDetailSchema,
  investorPageSchema,
  investorQuerySchema,
  investorSchema,
  investorUpdateSchema,
  regionHitSchema,
} from '../../contracts/investors';
import { regionSearch } from '../../domain/origin';
import { actorOf } from '../../server/auth';
import { createInvestor, getInvestorDetail, listInvestors, updateInvestor } from './investors.service';

export const investorsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['客商 investors'];
  const read = { permission: 'business.read' as const };
  const write = { permission: 'project.write' as const };

  app.get(
    '/investors',
    {
      config: read,
      schema: { tags, summary: '客商列表（按权限范围）', querystring: investorQuerySchema, response: { 200: investorPageSchema } },
    },
    async (req) => listInvestors(app.db, actorOf(req), req.query),
  );
  app.get(
    '/investors/regions',
    {
      config: read,
      schema: {
        tags,
        summary: '投资方所在地联想（行政区划/国家地区）',
        querystring: z.object({ q: z.string().max(50).default('') }),
        response: { 200: z.object({ items: z.array(regionHitSchema) }) },
      },
    },
    async (req) => ({ items: regionSearch(req.query.q, 20) }),
  );
  app.get(
    '/investors/:id',
    { config: read, schema: { tags, summary: '客商详情（含其项目）', params: idParam, response: { 200: investorDetailSchema } } },
    async (req) => getInvestorDetail(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/investors',
    { config: write, schema: { tags, summary: '登记客商', body: investorCreateSchema, response: { 201: investorSchema } } },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createInvestor(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/investors/:id',
    {
      config: write,
      schema: { tags, summary: '修改客商', params: idParam, body: investorUpdateSchema, response: { 200: investorSchema } },
    },
    async (req) => app.db.transaction().execute((tx) => updateInvestor(tx, actorOf(req), req.params.id, req.body)),
  );
};
