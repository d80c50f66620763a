import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentQuerySchema, assessmentSchema } from '../../contracts/assessment';
import { actorOf } from '../../server/auth';
import { attachment } from '../reports/reports.routes';
import { XLSX_MIME } from '../reports/excel.service';
import { assessment, assessmentXlsx } from './assessment.service';

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['考核 assessment'];
  app.get('/assessment', { config: { permission: 'report.read' }, schema: { tags, summary: '各单位考核得分表（每一分的来历）', querystring: assessmentQuerySchema, response: { 200: assessmentSchema } } },
    async (req) => assessment(app.db, actorOf(req), req.query));
  app.get('/assessment.xlsx', { config: { permission: 'report.read' }, schema: { tags, summary: '考核得分表（Excel）', querystring: assessmentQuerySchema } },
    async (req, reply) => {
      const r = await assessmentXlsx(app.db, actorOf(req), req.query);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(r.filename)).send(r.buffer);
    });
};
