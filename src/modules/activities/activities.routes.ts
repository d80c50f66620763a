import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityCreateSchema,
  activityCreditSchema,
  activityDetailSchema,
  activityDispatchSchema,
  activityPageSchema,
  activityQuerySchema,
  activityReportSchema,
  activityStatsQuerySchema,
  activityTotalsQuerySchema,
  activityTotalsSchema,
  activityUpdateSchema,
  calendarItemSchema,
  calendarQuerySchema,
} from '../../contracts/activities';
import { idParam } from '../../contracts/common';
import { AppError } from '../../domain/errors';
import { daysBetween } from '../../domain/period';
import { actorOf } from '../../server/auth';
import { resolveScope } from '../stats/stats.service';
import {
  createActivity,
  creditProject,
  deleteActivity,
  fileReport,
  getActivity,
  listActivities,
  queryActivities,
  uncreditProject,
  updateActivity,
} from './activities.service';
import { activityDispatchFigures, activityTotals } from './activities.stats';

export const activitiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['招商活动 activities'];
  const write = { permission: 'activity.write' as const };
  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: '招商活动列表（可按名称/目的地搜索，按类型、单位、地区、日期、报告逾期筛选）',
        querystring: activityQuerySchema,
        response: { 200: activityPageSchema },
      },
    },
    async (req) => listActivities(app.db, actorOf(req), req.query),
  );
  app.get(
    '/activities/calendar',
    {
      schema: {
        tags,
        summary: '活动日历（与 [from, to] 有交集的活动）',
        querystring: calendarQuerySchema,
        response: { 200: z.object({ items: z.array(calendarItemSchema) }) },
      },
    },
    async (req) => {
      const { from, to, unitCode } = req.query;
      if (to < from || daysBetween(from, to) > 400)
        throw new AppError('validation', '日历区间有误：结束日期不能早于开始日期，且不超过400天', { to: '区间有误' });
      const items = await queryActivities(app.db, actorOf(req), { from, to, ...(unitCode ? { unitCode } : {}) });
      return {
        items: items.map((a) => ({
          id: a.id,
          name: a.name,
          kind: a.kind,
          startDate: a.startDate,
          endDate: a.endDate,
          unitCode: a.unitCode,
          reportOverdue: a.reportOverdue,
        })),
      };
    },
  );
  app.get(
    '/activities/totals',
    {
      schema: {
        tags,
        summary: '按组织单位、目的地区汇总（区间内开始的活动）',
        querystring: activityTotalsQuerySchema,
        response: { 200: activityTotalsSchema },
      },
    },
    async (req) => {
      if (req.query.to < req.query.from) throw new AppError('validation', '结束日期不能早于开始日期', { to: '早于开始日期' });
      return activityTotals(app.db, actorOf(req), req.query.from, req.query.to);
    },
  );
  app.get(
    '/activities/:id',
    { schema: { tags, summary: '活动详情及成果（计入的签约项目）', params: idParam, response: { 200: activityDetailSchema } } },
    async (req) => getActivity(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/activities',
    { config: write, schema: { tags, summary: '登记招商活动', body: activityCreateSchema, response: { 201: activityDetailSchema } } },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createActivity(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/activities/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改招商活动（带版本号）',
        params: idParam,
        body: activityUpdateSchema,
        response: { 200: activityDetailSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => updateActivity(tx, actorOf(req), req.params.id, req.body)),
  );
  app.delete('/activities/:id', { config: write, schema: { tags, summary: '删除招商活动', params: idParam } }, async (req, reply) => {
    await app.db.transaction().execute((tx) => deleteActivity(tx, actorOf(req), req.params.id));
    return reply.status(204).send();
  });
  app.put(
    '/activities/:id/report',
    {
      config: write,
      schema: {
        tags,
        summary: '提交活动报告（返回后15日内）',
        params: idParam,
        body: activityReportSchema,
        response: { 200: activityDetailSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => fileReport(tx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/activities/:id/projects',
    {
      config: write,
      schema: {
        tags,
        summary: '计入签约项目（活动成果）',
        params: idParam,
        body: activityCreditSchema,
        response: { 200: activityDetailSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => creditProject(tx, actorOf(req), req.params.id, req.body.projectId)),
  );
  app.delete(
    '/activities/:id/projects/:projectId',
    {
      config: write,
      schema: {
        tags,
        summary: '移出签约项目',
        params: z.object({ id: z.coerce.number().int().positive(), projectId: z.coerce.number().int().positive() }),
        response: { 200: activityDetailSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => uncreditProject(tx, actorOf(req), req.params.id, req.params.projectId)),
  );
  app.get(
    '/stats/activities',
    {
      schema: {
        tags,
        summary: '调度会活动数据：签约项目及引进资金、代表团企业及代表、推介项目、按目的地区的外出次数',
        querystring: activityStatsQuerySchema,
        response: { 200: activityDispatchSchema },
      },
    },
    async (req) =>
      activityDispatchFigures(app.db, await resolveScope(app.db, actorOf(req), { period: req.query.period, unit: req.query.unit })),
  );
};
