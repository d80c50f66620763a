import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, periodSchema } from '../../contracts/common';
import {
  attachmentSchema,
  bulkVerifyResultSchema,
  bulkVerifySchema,
  exchangeRatePutSchema,
  exchangeRateSchema,
  fundEntryBatchResultSchema,
  fundEntryBatchSchema,
  fundEntryCreateSchema,
  fundEntryQuerySchema,
  fundEntryResultSchema,
  fundEntrySchema,
  fundEntryUpdateSchema,
  lockBodySchema,
  periodLockSchema,
  projectOptionSchema,
  reasonSchema,
  submissionSchema,
} from '../../contracts/funds';
import { AppError } from '../../domain/errors';
import { MAX_UPLOAD_BYTES } from '../attachments/upload';
import { sendDownload } from '../../server/download';
import { actorOf } from '../../server/auth';
import {
  addAttachment,
  approveSubmission,
  createFundEntry,
  deleteAttachment,
  deleteFundEntry,
  getAttachmentFile,
  getFundEntry,
  getPeriodLock,
  getSubmission,
  listAttachments,
  listExchangeRates,
  listFundEntries,
  listPeriodLocks,
  listProjectOptions,
  listSubmissions,
  lockPeriod,
  periodMutexKey,
  putExchangeRate,
  returnFundEntry,
  returnSubmission,
  saveFundEntryBatch,
  submitSubmission,
  unlockPeriod,
  updateFundEntry,
  verifyFundEntries,
  verifyFundEntry,
} from './funds.service';
import { guardLock } from './lock-checklist';
import { takeMutex } from '../../db/mutex';

const ok = z.object({ ok: z.boolean() });
const unitPeriod = z.object({ unitCode: z.string().min(1).max(32), period: periodSchema });
const attParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

export const fundsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tx = <T>(fn: (t: typeof db) => Promise<T>) => db.transaction().execute((t) => fn(t as unknown as typeof db));

  // --- fund entries -------------------------------------------------------------------------
  {
    const tags = ['到位资金 funds'];
    app.get(
      '/fund-entries',
      {
        config: { permission: 'business.read' },
        schema: {
          tags,
          summary: '到位资金条目（按单位、报告期、状态、项目筛选）',
          querystring: fundEntryQuerySchema,
          response: { 200: z.object({ items: z.array(fundEntrySchema) }) },
        },
      },
      async (req) => ({ items: await listFundEntries(db, actorOf(req), req.query) }),
    );
    app.get(
      '/fund-entries/project-options',
      {
        config: { permission: 'business.read' },
        schema: {
          tags,
          summary: '可录入到位资金的项目（含累计到位）',
          querystring: z.object({ unitCode: z.string().optional(), q: z.string().max(100).optional() }),
          response: { 200: z.object({ items: z.array(projectOptionSchema) }) },
        },
      },
      async (req) => ({ items: await listProjectOptions(db, actorOf(req), req.query) }),
    );
    app.get(
      '/fund-entries/:id',
      {
        config: { permission: 'business.read' },
        schema: { tags, summary: '到位资金条目详情', params: idParam, response: { 200: fundEntrySchema } },
      },
      async (req) => getFundEntry(db, actorOf(req), req.params.id),
    );
    app.post(
      '/fund-entries',
      {
        config: { permission: 'fund.write' },
        schema: {
          tags,
          summary: '录入到位资金（返回提醒 warnings）',
          body: fundEntryCreateSchema,
          response: { 201: fundEntryResultSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await tx((t) => createFundEntry(t, actorOf(req), req.body))),
    );
    app.post(
      '/fund-entries/batch',
      {
        config: { permission: 'fund.write' },
        schema: {
          tags,
          summary: '批量保存（从Excel粘贴），全部成功或全部不保存',
          body: fundEntryBatchSchema,
          response: { 200: fundEntryBatchResultSchema },
        },
      },
      async (req) => tx((t) => saveFundEntryBatch(t, actorOf(req), req.body)),
    );
    app.patch(
      '/fund-entries/:id',
      {
        config: { permission: 'fund.write' },
        schema: {
          tags,
          summary: '修改到位资金（草稿或已退回）',
          params: idParam,
          body: fundEntryUpdateSchema,
          response: { 200: fundEntryResultSchema },
        },
      },
      async (req) => tx((t) => updateFundEntry(t, actorOf(req), req.params.id, req.body)),
    );
    app.delete(
      '/fund-entries/:id',
      {
        config: { permission: 'fund.write' },
        schema: { tags, summary: '删除到位资金（草稿或已退回）', params: idParam, response: { 200: ok } },
      },
      async (req) => {
        await tx((t) => deleteFundEntry(t, actorOf(req), req.params.id));
        return { ok: true };
      },
    );
    app.post(
      '/fund-entries/:id/verify',
      {
        config: { permission: 'fund.verify' },
        schema: { tags, summary: '市招商办核实', params: idParam, response: { 200: fundEntrySchema } },
      },
      async (req) => tx((t) => verifyFundEntry(t, actorOf(req), req.params.id)),
    );
    app.post(
      '/fund-entries/:id/return',
      {
        config: { permission: 'fund.verify' },
        schema: { tags, summary: '市招商办退回（须说明原因）', params: idParam, body: reasonSchema, response: { 200: fundEntrySchema } },
      },
      async (req) => tx((t) => returnFundEntry(t, actorOf(req), req.params.id, req.body.reason)),
    );
    app.post(
      '/fund-entries/verify-bulk',
      {
        config: { permission: 'fund.verify' },
        schema: {
          tags,
          summary: '批量核实（不能核实的条目列在 skipped）',
          body: bulkVerifySchema,
          response: { 200: bulkVerifyResultSchema },
        },
      },
      async (req) => tx((t) => verifyFundEntries(t, actorOf(req), req.body.ids)),
    );

    // Evidence. Always served as a download with a sandboxing CSP, never rendered as a page.
    app.get(
      '/fund-entries/:id/attachments',
      {
        config: { permission: 'business.read' },
        schema: { tags, summary: '凭证附件列表', params: idParam, response: { 200: z.object({ items: z.array(attachmentSchema) }) } },
      },
      async (req) => ({ items: await listAttachments(db, actorOf(req), req.params.id) }),
    );
    app.post(
      '/fund-entries/:id/attachments',
      {
        config: { permission: 'fund.write' },
        schema: {
          tags,
          summary: '上传凭证（PDF/JPG/PNG/OFD/Excel/Word，≤10MB，multipart 字段 file）',
          params: idParam,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('unsupported', '请以 multipart/form-data 上传文件（字段名 file）');
        const file = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
        if (!file) throw new AppError('validation', '没有收到文件，请选择要上传的凭证');
        const data = await file.toBuffer();
        const a = await tx((t) => addAttachment(t, actorOf(req), req.params.id, { filename: file.filename, data }));
        return reply.status(201).send(a);
      },
    );
    app.get(
      '/fund-entries/:id/attachments/:attachmentId',
      { config: { permission: 'business.read' }, schema: { tags, summary: '下载凭证', params: attParams } },
      async (req, reply) => {
        const f = await getAttachmentFile(db, actorOf(req), req.params.id, req.params.attachmentId);
        return sendDownload(reply, f);
      },
    );
    app.delete(
      '/fund-entries/:id/attachments/:attachmentId',
      { config: { permission: 'fund.write' }, schema: { tags, summary: '删除凭证', params: attParams, response: { 200: ok } } },
      async (req) => {
        await tx((t) => deleteAttachment(t, actorOf(req), req.params.id, req.params.attachmentId));
        return { ok: true };
      },
    );
  }

  // --- monthly submissions ------------------------------------------------------------------
  {
    const tags = ['月报 submissions'];
    app.get(
      '/submissions',
      {
        config: { permission: 'business.read' },
        schema: {
          tags,
          summary: '报告期各单位月报状态',
          querystring: z.object({ period: periodSchema }),
          response: { 200: z.object({ items: z.array(submissionSchema) }) },
        },
      },
      async (req) => ({ items: await listSubmissions(db, actorOf(req), req.query.period) }),
    );
    app.get(
      '/submissions/:unitCode/:period',
      {
        config: { permission: 'business.read' },
        schema: { tags, summary: '单位月报', params: unitPeriod, response: { 200: submissionSchema } },
      },
      async (req) => getSubmission(db, actorOf(req), req.params.unitCode, req.params.period),
    );
    app.post(
      '/submissions/:unitCode/:period/submit',
      {
        config: { permission: 'submission.submit' },
        schema: { tags, summary: '报送月报（退回后重报同此）', params: unitPeriod, response: { 200: submissionSchema } },
      },
      async (req) => tx((t) => submitSubmission(t, actorOf(req), req.params.unitCode, req.params.period)),
    );
    app.post(
      '/submissions/:unitCode/:period/approve',
      {
        config: { permission: 'submission.approve' },
        schema: { tags, summary: '单位负责人审核通过', params: unitPeriod, response: { 200: submissionSchema } },
      },
      async (req) => tx((t) => approveSubmission(t, actorOf(req), req.params.unitCode, req.params.period)),
    );
    app.post(
      '/submissions/:unitCode/:period/return',
      {
        schema: {
          tags,
          summary: '退回月报（单位负责人退回已报送的；市招商办可退回已审核的）',
          params: unitPeriod,
          body: reasonSchema,
          response: { 200: submissionSchema },
        },
      },
      async (req) => tx((t) => returnSubmission(t, actorOf(req), req.params.unitCode, req.params.period, req.body.reason)),
    );
  }

  // --- period locks -------------------------------------------------------------------------
  {
    const tags = ['报告期锁定 periods'];
    app.get(
      '/periods/locks',
      {
        config: { permission: 'business.read' },
        schema: {
          tags,
          summary: '已锁定的报告期',
          response: {
            200: z.object({ items: z.array(z.object({ period: z.string(), lockedAt: z.string(), note: z.string().nullable() })) }),
          },
        },
      },
      async () => ({ items: await listPeriodLocks(db) }),
    );
    app.get(
      '/periods/:period/lock',
      {
        config: { permission: 'business.read' },
        schema: {
          tags,
          summary: '报告期锁定状态与锁定/解锁记录',
          params: z.object({ period: periodSchema }),
          response: { 200: periodLockSchema },
        },
      },
      async (req) => getPeriodLock(db, req.params.period),
    );
    app.post(
      '/periods/:period/lock',
      {
        config: { permission: 'period.lock' },
        schema: {
          tags,
          summary: '锁定报告期（调度会后封账）',
          params: z.object({ period: periodSchema }),
          body: lockBodySchema.nullish(),
          response: { 200: periodLockSchema },
        },
      },
      async (req) =>
        tx(async (t) => {
          // The checklist is read under the period's exclusive mutex, so no entry lands between the
          // check and the lock (lockPeriod takes the same mutex again; it is re-entrant).
          await takeMutex(t, periodMutexKey(req.params.period), 'exclusive');
          await guardLock(t, actorOf(req), req.params.period, req.body?.acknowledgeUnfinished === true);
          return lockPeriod(t, actorOf(req), req.params.period, req.body?.note ?? null);
        }),
    );
    app.post(
      '/periods/:period/unlock',
      {
        config: { permission: 'period.lock' },
        schema: {
          tags,
          summary: '解锁报告期（须说明原因，记入日志）',
          params: z.object({ period: periodSchema }),
          body: reasonSchema,
          response: { 200: periodLockSchema },
        },
      },
      async (req) => tx((t) => unlockPeriod(t, actorOf(req), req.params.period, req.body.reason)),
    );
  }

  // --- exchange rates -----------------------------------------------------------------------
  {
    const tags = ['汇率 exchange rates'];
    app.get(
      '/exchange-rates',
      {
        config: { permission: 'business.read' },
        schema: { tags, summary: '各月美元汇率（元/美元 × 10000）', response: { 200: z.object({ items: z.array(exchangeRateSchema) }) } },
      },
      async () => ({ items: await listExchangeRates(db) }),
    );
    app.put(
      '/exchange-rates',
      {
        config: { permission: 'exchange_rate.write' },
        schema: { tags, summary: '设置某月美元汇率', body: exchangeRatePutSchema, response: { 200: exchangeRateSchema } },
      },
      async (req) => tx((t) => putExchangeRate(t, actorOf(req), req.body)),
    );
  }
};
