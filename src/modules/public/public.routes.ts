import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import { DOCX_MIME } from '../../contracts/files';
import {
  commitmentAnswerSchema,
  commitmentLinkSchema,
  disputedCommitmentSchema,
  inquiryCreateSchema,
  inquiryQuerySchema,
  inquirySchema,
  inquiryUpdateSchema,
  publicCommitmentSchema,
  publicInfoSchema,
  publicReserveSchema,
} from '../../contracts/public';
import { actorOf } from '../../server/auth';
import { sendDownload } from '../../server/download';
import { getSettings } from '../settings/settings.service';
import { buildBrochure } from '../reserve/reserve.brochure';
import {
  answerCommitmentLink,
  answerInquiry,
  createCommitmentLink,
  createInquiry,
  disputedCommitments,
  listInquiries,
  publicInfo,
  publicReserve,
  publicReserveList,
  readCommitmentLink,
} from './public.service';

const tokenParam = z.object({ token: z.string().max(100) });

/** Routes under /public need no session (config.public; see src/server/auth.ts). */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['投资者公开页 public'];
  const pub = { public: true };
  app.get(
    '/public/info',
    { config: pub, schema: { tags, summary: '城市优势、联系方式、答复时限（无需登录）', response: { 200: publicInfoSchema } } },
    async () => publicInfo(app.db),
  );
  app.get(
    '/public/reserve-projects',
    {
      config: pub,
      schema: { tags, summary: '已推介的储备项目（无需登录）', response: { 200: z.object({ items: z.array(publicReserveSchema) }) } },
    },
    async () => ({ items: await publicReserveList(app.db) }),
  );
  app.get(
    '/public/reserve-projects/:id/brochure',
    {
      config: pub,
      schema: {
        tags,
        summary: '已推介项目的推介单页（Word）',
        params: idParam,
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
      },
    },
    async (req, reply) => {
      const p = await publicReserve(app.db, req.params.id);
      const s = await getSettings(app.db);
      const data = await buildBrochure(p, req.query.lang, {
        cityName: s.cityName,
        cityAdvantages: s.cityAdvantages || null,
        contact: s.investorContact || null,
      });
      return sendDownload(reply, {
        filename: req.query.lang === 'en' ? `Brochure-${p.id}.docx` : `${p.name}-推介单页.docx`,
        mime: DOCX_MIME,
        data,
      });
    },
  );
  app.post(
    '/public/inquiries',
    {
      config: pub,
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: '投资咨询留言（限频、防机器人）',
        body: inquiryCreateSchema,
        response: { 201: z.object({ received: z.literal(true) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createInquiry(tx, req.body, req.ip))),
  );
  app.get(
    '/public/commitment-links/:token',
    {
      config: pub,
      schema: { tags, summary: '投资方查看待确认的承诺（一次性链接）', params: tokenParam, response: { 200: publicCommitmentSchema } },
    },
    async (req) => readCommitmentLink(app.db, req.params.token),
  );
  app.post(
    '/public/commitment-links/:token',
    {
      config: pub,
      schema: {
        tags,
        summary: '投资方确认或提出异议（一次性）',
        params: tokenParam,
        body: commitmentAnswerSchema,
        response: { 200: z.object({ result: z.enum(['confirmed', 'disputed']) }) },
      },
    },
    async (req) => app.db.transaction().execute((tx) => answerCommitmentLink(tx, req.params.token, req.body.answer, req.body.comment)),
  );

  const office = ['投资咨询与承诺确认 inquiries'];
  app.get(
    '/inquiries',
    {
      schema: {
        tags: office,
        summary: '投资咨询（市招商办；overdue=超过答复时限未答复）',
        querystring: inquiryQuerySchema,
        response: { 200: z.object({ items: z.array(inquirySchema) }) },
      },
    },
    async (req) => ({ items: await listInquiries(app.db, actorOf(req), req.query) }),
  );
  app.patch(
    '/inquiries/:id',
    {
      config: { permission: 'project.write' },
      schema: { tags: office, summary: '答复或关闭咨询', params: idParam, body: inquiryUpdateSchema, response: { 200: inquirySchema } },
    },
    async (req) => app.db.transaction().execute((tx) => answerInquiry(tx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/commitments/:id/confirmation-link',
    {
      config: { permission: 'project.write' },
      schema: {
        tags: office,
        summary: '为已兑现的承诺生成投资方确认链接（一次性，14天有效）',
        params: idParam,
        response: { 201: commitmentLinkSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await app.db.transaction().execute((tx) => createCommitmentLink(tx, actorOf(req), req.params.id))),
  );
  app.get(
    '/commitments/disputed',
    {
      schema: {
        tags: office,
        summary: '投资方提出异议的承诺（移交督查）',
        response: { 200: z.object({ items: z.array(disputedCommitmentSchema) }) },
      },
    },
    async (req) => ({ items: await disputedCommitments(app.db, actorOf(req)) }),
  );
};
