import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentQuerySchema, assessmentSchema } from '../../contracts/assessment';
import { actorOf } from '../../server/auth';
import { sendDownload, XLSX_MIME } from '../../server/download';
import { assessment, assessmentXlsx } from './assessment.service';

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['考核 assessment'];
  app.get(
    '/assessment',
    {
      config: { permission: 'report.read' },
      schema: {
        tags,
        summary: '各单位考核得分表（每一分的来历）',
        querystring: assessmentQuerySchema,
        response: { 200: assessmentSchema },
      },
    },
    async (req) => assessment(app.db, actorOf(req), req.query),
  );
  app.get(
    '/assessment.xlsx',
    { config: { permission: 'report.read' }, schema: { tags, summary: '考核得分表（Excel）', querystring: assessmentQuerySchema } },
    async (req, reply) => {
      const r = await assessmentXlsx(app.db, actorOf(req), req.query);
      return sendDownload(reply, { filename: r.filename, mime: XLSX_MIME, data: r.buffer });
    },
  );
};
