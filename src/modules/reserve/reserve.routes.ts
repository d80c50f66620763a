import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import {
  convertSchema,
  reserveCreateSchema,
  reserveDetailSchema,
  reservePageSchema,
  reserveQuerySchema,
  reserveUpdateSchema,
  rolloverInputSchema,
  rolloverListSchema,
  rolloverQuerySchema,
} from '../../contracts/reserve';
import { DOCX_MIME } from '../../contracts/files';
import { actorOf } from '../../server/auth';
import { sendDownload } from '../../server/download';
import { getSettings } from '../settings/settings.service';
import { buildBrochure } from './reserve.brochure';
import { convertReserve, createReserve, getReserve, listReserve, rollover, rolloverList, updateReserve } from './reserve.service';

export const reserveRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['储备项目 reserve'];
  const write = { permission: 'reserve.write' as const };
  app.get(
    '/reserve-projects',
    {
      schema: {
        tags,
        summary: '储备项目列表（projectId：由该在谈项目转化而来的储备项目）',
        querystring: reserveQuerySchema,
        response: { 200: reservePageSchema },
      },
    },
    async (req) => listReserve(app.db, actorOf(req), req.query),
  );
  app.get(
    '/reserve-projects/rollover',
    {
      schema: {
        tags,
        summary: '年度结转清单（每年一月：结转或退出）',
        querystring: rolloverQuerySchema,
        response: { 200: rolloverListSchema },
      },
    },
    async (req) => rolloverList(app.db, actorOf(req), req.query.year),
  );
  app.post(
    '/reserve-projects/rollover',
    { config: write, schema: { tags, summary: '记录年度结转决定', body: rolloverInputSchema, response: { 200: rolloverListSchema } } },
    async (req) => app.db.transaction().execute((tx) => rollover(tx, actorOf(req), req.body.year, req.body.decisions)),
  );
  app.get(
    '/reserve-projects/:id',
    {
      schema: {
        tags,
        summary: '储备项目详情及投资测算（净现值、内部收益率、回收期、敏感性）',
        params: idParam,
        response: { 200: reserveDetailSchema },
      },
    },
    async (req) => getReserve(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/reserve-projects',
    { config: write, schema: { tags, summary: '新增储备项目', body: reserveCreateSchema, response: { 201: reserveDetailSchema } } },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createReserve(tx, actorOf(req), req.body))),
  );
  app.patch(
    '/reserve-projects/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改储备项目（含专家论证、现金流测算；带版本号）',
        params: idParam,
        body: reserveUpdateSchema,
        response: { 200: reserveDetailSchema },
      },
    },
    async (req) => app.db.transaction().execute((tx) => updateReserve(tx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/reserve-projects/:id/convert',
    {
      config: { permission: 'project.write' },
      schema: { tags, summary: '转为在谈项目（双向关联）', params: idParam, body: convertSchema, response: { 200: reserveDetailSchema } },
    },
    async (req) => app.db.transaction().execute((tx) => convertReserve(tx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/reserve-projects/:id/brochure',
    {
      schema: {
        tags,
        summary: '项目推介单页（Word，中文或英文）',
        params: idParam,
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
      },
    },
    async (req, reply) => {
      const p = await getReserve(app.db, actorOf(req), req.params.id);
      const s = await getSettings(app.db);
      const data = await buildBrochure(p, req.query.lang, {
        cityName: s.cityName,
        cityAdvantages: s.cityAdvantages || null,
        contact: s.investorContact || null,
      });
      const filename = req.query.lang === 'en' ? `Brochure-${p.id}.docx` : `${p.name}-推介单页.docx`;
      return sendDownload(reply, { filename, mime: DOCX_MIME, data });
    },
  );
};
