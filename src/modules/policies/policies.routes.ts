import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import {
  POLICY_STATUSES,
  policyCreateSchema,
  policySchema,
  policyUpdateSchema,
  reviewCampaignSchema,
  reviewDecisionSchema,
} from '../../contracts/policies';
import { actorOf } from '../../server/auth';
import { createPolicy, decidePolicy, getPolicy, listPolicies, reviewCampaign, updatePolicy } from './policies.service';

export const policiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['政策库 policies'];
  app.get(
    '/policies',
    {
      config: { permission: 'business.read' },
      schema: {
        tags,
        summary: '政策库',
        querystring: z.object({ status: z.enum(POLICY_STATUSES).optional(), q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(policySchema) }) },
      },
    },
    async (req) => ({ items: await listPolicies(app.db, actorOf(req), req.query) }),
  );
  app.get(
    '/policies/review',
    {
      config: { permission: 'business.read' },
      schema: {
        tags,
        summary: '政策清理：本批次每项有效政策及其结论',
        querystring: z.object({ campaign: reviewDecisionSchema.shape.campaign }),
        response: { 200: reviewCampaignSchema },
      },
    },
    async (req) => reviewCampaign(app.db, actorOf(req), req.query.campaign),
  );
  app.get(
    '/policies/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '政策详情', params: idParam, response: { 200: policySchema } } },
    async (req) => getPolicy(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/policies',
    {
      config: { permission: 'policy.write' },
      schema: { tags, summary: '登记政策', body: policyCreateSchema, response: { 201: policySchema } },
    },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createPolicy(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/policies/:id',
    {
      config: { permission: 'policy.write' },
      schema: { tags, summary: '修改政策', params: idParam, body: policyUpdateSchema, response: { 200: policySchema } },
    },
    async (req) => app.db.transaction().execute((tx) => updatePolicy(tx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/policies/:id/review',
    {
      config: { permission: 'policy.write' },
      schema: {
        tags,
        summary: '政策清理结论：继续有效 / 修订 / 废止（须写理由）',
        params: idParam,
        body: reviewDecisionSchema,
        response: { 200: reviewCampaignSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => decidePolicy(tx, actorOf(req), req.params.id, req.body)),
  );
};
