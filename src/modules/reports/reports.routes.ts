import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { briefingQuerySchema, briefingSchema, briefingTemplateInfoSchema, reportNameSchema } from '../../contracts/reports';
import { AppError } from '../../domain/errors';
import { actorOf } from '../../server/auth';
import { resolveScope } from '../stats/stats.service';
import { buildBriefing, currentTemplate, LOOPS, PLACEHOLDERS, renderBriefingDocx, resetTemplate, saveTemplate } from './briefing.service';
import { buildReport } from './excel.service';
import { DOCX_MIME, sendDownload, XLSX_MIME } from '../../server/download';
import { checkZip } from '../../server/zip-guard';

const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['报表与讲话稿 reports'];
  const read = { permission: 'report.read' as const };

  app.get(
    '/reports/briefing',
    {
      config: read,
      schema: {
        tags,
        summary: '调度会讲话稿预览（与 Word 文件同样的文字）',
        querystring: briefingQuerySchema,
        response: { 200: briefingSchema },
      },
    },
    async (req) => (await buildBriefing(app.db, await resolveScope(app.db, actorOf(req), req.query))).dto,
  );

  app.get(
    '/reports/briefing.docx',
    {
      config: read,
      schema: { tags, summary: '下载调度会讲话稿（Word）', querystring: briefingQuerySchema },
    },
    async (req, reply) => {
      const r = await renderBriefingDocx(app.db, await resolveScope(app.db, actorOf(req), req.query));
      return sendDownload(reply, { filename: r.filename, mime: DOCX_MIME, data: r.buffer });
    },
  );

  app.get(
    '/reports/briefing-template',
    {
      config: read,
      schema: { tags, summary: '讲话稿模板信息与占位符说明', response: { 200: briefingTemplateInfoSchema } },
    },
    async () => {
      const t = await currentTemplate(app.db);
      return { custom: t.custom, filename: t.filename, updatedAt: t.updatedAt, placeholders: PLACEHOLDERS, loops: LOOPS };
    },
  );

  app.get(
    '/reports/briefing-template.docx',
    {
      config: read,
      schema: { tags, summary: '下载当前讲话稿模板（Word，可编辑后上传）' },
    },
    async (_req, reply) => {
      const t = await currentTemplate(app.db);
      return sendDownload(reply, { filename: t.filename, mime: DOCX_MIME, data: t.data });
    },
  );

  app.post(
    '/reports/briefing-template',
    {
      config: { permission: 'target.write' },
      schema: { tags, summary: '上传讲话稿模板（multipart 字段 file，.docx，≤10MB）', response: { 200: briefingTemplateInfoSchema } },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('unsupported', '请以 multipart/form-data 上传 Word 模板（字段名 file）');
      const file = await req.file({ limits: { fileSize: TEMPLATE_MAX_BYTES, files: 1 } });
      if (!file) throw new AppError('validation', '没有收到文件，请选择 Word 模板（.docx）', { file: '请选择文件' });
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('too_large', '模板文件超过10MB，请压缩图片后重试');
      if (data.length > 0) checkZip(data, '上传的模板'); // before anything inflates it
      if (!/\.docx$/i.test(file.filename))
        throw new AppError('validation', '请上传 .docx 格式的 Word 文档（旧版 .doc 请在 Word 中另存为 .docx）', { file: '应为 .docx' });
      await app.db.transaction().execute((tx) => saveTemplate(tx, actorOf(req), file.filename, data));
      const t = await currentTemplate(app.db);
      return { custom: t.custom, filename: t.filename, updatedAt: t.updatedAt, placeholders: PLACEHOLDERS, loops: LOOPS };
    },
  );

  app.delete(
    '/reports/briefing-template',
    {
      config: { permission: 'target.write' },
      schema: { tags, summary: '恢复默认讲话稿模板', response: { 200: briefingTemplateInfoSchema } },
    },
    async (req) => {
      await app.db.transaction().execute((tx) => resetTemplate(tx, actorOf(req)));
      const t = await currentTemplate(app.db);
      return { custom: t.custom, filename: t.filename, updatedAt: t.updatedAt, placeholders: PLACEHOLDERS, loops: LOOPS };
    },
  );

  app.get(
    '/reports/:file',
    {
      config: read,
      schema: {
        tags,
        summary:
          '标准报表（Excel）：funds-by-unit.xlsx 到位资金完成情况表，contracts.xlsx 签约项目明细表，large-projects.xlsx 重点项目进展表，foreign.xlsx 利用外资情况表',
        params: z.object({ file: z.string() }),
        querystring: briefingQuerySchema,
      },
    },
    async (req, reply) => {
      const m = /^(.+)\.xlsx$/.exec(req.params.file);
      const name = m ? reportNameSchema.safeParse(m[1]) : null;
      if (!name?.success)
        throw new AppError(
          'not_found',
          `没有这个报表：${req.params.file}。可用：funds-by-unit.xlsx、contracts.xlsx、large-projects.xlsx、foreign.xlsx`,
        );
      const scope = await resolveScope(app.db, actorOf(req), req.query);
      const r = await buildReport(app.db, name.data, scope);
      return sendDownload(reply, { filename: r.filename, mime: XLSX_MIME, data: r.buffer });
    },
  );
};
