import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { page, pageQuery } from '../../contracts/common';

const auditItem = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitCode: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

// Read-only: there is no route that changes or deletes an audit row.
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['审计 audit'],
        summary: '审计日志（只读）',
        querystring: pageQuery.extend({
          entity: z.string().optional(),
          entityId: z.string().optional(),
          actor: z.string().optional(),
          action: z.string().optional(),
          unitCode: z.string().optional(),
          from: z.string().optional(),
          to: z.string().optional(),
        }),
        response: { 200: page(auditItem) },
      },
    },
    async (req) => {
      const q = req.query;
      let base = app.db.selectFrom('audit_log');
      if (q.entity) base = base.where('entity', '=', q.entity);
      if (q.entityId) base = base.where('entity_id', '=', q.entityId);
      if (q.actor) base = base.where('actor_name', 'like', `%${q.actor}%`);
      if (q.action) base = base.where('action', '=', q.action);
      if (q.unitCode) base = base.where('unit_code', '=', q.unitCode);
      if (q.from) base = base.where('at', '>=', q.from);
      if (q.to) base = base.where('at', '<', `${q.to}\uffff`);
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      const parse = (s: string | null) => (s ? JSON.parse(s) : null);
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          unitCode: r.unit_code,
          summary: r.summary,
          before: parse(r.before_json),
          after: parse(r.after_json),
        })),
      };
    },
  );
};
