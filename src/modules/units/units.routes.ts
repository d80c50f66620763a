import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unitCreateSchema, unitSchema, unitUpdateSchema } from '../../contracts/units';
import { actorOf } from '../../server/auth';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service';

export const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['单位 units'];
  app.get('/units', { schema: { tags, summary: '单位列表', response: { 200: z.object({ items: z.array(unitSchema) }) } } }, async () => ({
    items: await listUnits(app.db),
  }));
  app.get(
    '/units/:code',
    { schema: { tags, summary: '单位详情', params: z.object({ code: z.string() }), response: { 200: unitSchema } } },
    async (req) => getUnit(app.db, req.params.code),
  );
  app.post(
    '/units',
    { config: { permission: 'unit.write' }, schema: { tags, summary: '新增单位', body: unitCreateSchema, response: { 201: unitSchema } } },
    async (req, reply) => {
      const u = await app.db.transaction().execute((tx) => createUnit(tx, actorOf(req), req.body));
      return reply.status(201).send(u);
    },
  );
  app.patch(
    '/units/:code',
    {
      config: { permission: 'unit.write' },
      schema: { tags, summary: '修改单位', params: z.object({ code: z.string() }), body: unitUpdateSchema, response: { 200: unitSchema } },
    },
    async (req) => app.db.transaction().execute((tx) => updateUnit(tx, actorOf(req), req.params.code, req.body)),
  );
};
