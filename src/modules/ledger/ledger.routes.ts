import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importBodySchema, importResultSchema, previewResultSchema, type ImportResult, type PreviewResult } from '../../contracts/ledger';
import { AppError } from '../../domain/errors';
import { todayIso } from '../../domain/period';
import type { Db } from '../../db/database';
import { actorOf } from '../../server/auth';
import { nowIso } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { importLedgerFile } from './ledger.import';
import { sendDownload, XLSX_MIME } from '../../server/download';
import { exportLedger, writeLedgerTemplate } from './ledger.export';

const UPLOAD_PREFIX = 'ledger-upload:';
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** An upload belongs to the user who previewed it: the key carries their id. */
const uploadKey = (actor: Actor, token: string) => `${UPLOAD_PREFIX}${actor.userId ?? 0}:${token}`;

function tempPath(): string {
  return path.join(os.tmpdir(), `zs-ledger-${process.pid}-${crypto.randomBytes(6).toString('hex')}.xlsx`);
}

/** Saves the multipart file to a temp file; the caller removes it. */
async function receiveFile(req: FastifyRequest): Promise<{ file: string; filename: string }> {
  if (!req.isMultipart()) throw new AppError('validation', '请选择要上传的台账 .xlsx 文件');
  const part = await req.file();
  if (!part) throw new AppError('validation', '请选择要上传的台账 .xlsx 文件');
  const file = tempPath();
  await pipeline(part.file, fs.createWriteStream(file));
  if (part.file.truncated) {
    fs.rmSync(file, { force: true });
    throw new AppError('too_large', '文件超过 50MB，请拆分后分批导入');
  }
  return { file, filename: part.filename || 'ledger.xlsx' };
}

type Emit = (p: { phase: string; done: number; total?: number }) => void;

/**
 * Runs `work` and answers with its JSON, or — when the client asks for `application/x-ndjson` —
 * streams progress lines first and the result (or the error) as the last line.
 */
async function respond<T>(req: FastifyRequest, reply: FastifyReply, work: (emit?: Emit) => Promise<T>): Promise<unknown> {
  const wantsStream = String(req.headers.accept ?? '').includes('application/x-ndjson');
  if (!wantsStream) return work();
  const out = new PassThrough();
  let last = 0;
  const emit: Emit = (p) => {
    const now = Date.now();
    if (now - last < 150 && p.phase !== 'done' && p.done !== 0) return;
    last = now;
    out.write(`${JSON.stringify({ type: 'progress', ...p })}\n`);
  };
  void (async () => {
    try {
      const result = await work(emit);
      out.write(`${JSON.stringify({ type: 'result', result })}\n`);
    } catch (err) {
      const e =
        err instanceof AppError
          ? { code: err.code, message: err.message }
          : { code: 'internal', message: '服务器内部错误，已记录日志；请稍后重试或联系管理员' };
      if (!(err instanceof AppError)) req.log.error({ err }, 'ledger import failed');
      out.write(`${JSON.stringify({ type: 'error', error: e })}\n`);
    } finally {
      out.end();
    }
  })();
  return reply
    .header('content-type', 'application/x-ndjson; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('x-accel-buffering', 'no')
    .send(out);
}

async function storeUpload(db: Db, actor: Actor, file: string, filename: string): Promise<string> {
  const token = crypto.randomBytes(16).toString('hex');
  const cutoff = new Date(Date.now() - UPLOAD_TTL_MS).toISOString();
  await db.deleteFrom('documents').where('key', 'like', `${UPLOAD_PREFIX}%`).where('updated_at', '<', cutoff).execute();
  await db
    .insertInto('documents')
    .values({ key: uploadKey(actor, token), filename: filename.slice(0, 255), data: fs.readFileSync(file), updated_at: nowIso() })
    .execute();
  return token;
}

export async function previewUpload(db: Db, actor: Actor, file: string, filename: string, emit?: Emit): Promise<PreviewResult> {
  const r = await importLedgerFile(db, actor, file, { dryRun: true, onProgress: emit });
  const token = r.ok ? await storeUpload(db, actor, file, filename) : null;
  return { ...r, token, filename };
}

export async function commitUpload(db: Db, actor: Actor, token: string, emit?: Emit): Promise<ImportResult> {
  const key = uploadKey(actor, token);
  const doc = await db.selectFrom('documents').select(['data', 'filename']).where('key', '=', key).executeTakeFirst();
  if (!doc) throw new AppError('not_found', '上传的文件已过期或已导入，请重新上传');
  const file = tempPath();
  try {
    fs.writeFileSync(file, doc.data);
    const r = await importLedgerFile(db, actor, file, { onProgress: emit });
    if (r.committed) await db.deleteFrom('documents').where('key', '=', key).execute();
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['台账导入导出 ledger'];
  const ndjsonNote =
    '请求头 Accept: application/x-ndjson 时按行返回进度 {type:"progress",phase,done,total}，最后一行为 {type:"result",result} 或 {type:"error",error}。';

  app.post(
    '/ledger/preview',
    {
      config: { permission: 'ledger.import' },
      schema: {
        tags,
        summary: '上传台账并预览（校验，不写入）',
        description: `multipart 字段 file。返回各表新增/更新/不变条数与全部错误；无错误时返回 token，用于确认导入。${ndjsonNote}`,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { file, filename } = await receiveFile(req);
      return respond(req, reply, async (emit) => {
        try {
          return previewResultSchema.parse(await previewUpload(app.db, actor, file, filename, emit));
        } finally {
          fs.rmSync(file, { force: true });
        }
      });
    },
  );

  app.post(
    '/ledger/import',
    {
      config: { permission: 'ledger.import' },
      schema: {
        tags,
        summary: '确认导入（全部成功才写入）',
        description: `JSON {token}（预览返回的），或 multipart 字段 file 直接导入。${ndjsonNote}`,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.isMultipart()) {
        const { file } = await receiveFile(req);
        return respond(req, reply, async (emit) => {
          try {
            return importResultSchema.parse(await importLedgerFile(app.db, actor, file, { onProgress: emit }));
          } finally {
            fs.rmSync(file, { force: true });
          }
        });
      }
      const body = importBodySchema.safeParse(req.body);
      if (!body.success) throw new AppError('validation', '缺少上传凭据（token），请重新上传文件');
      return respond(req, reply, async (emit) => importResultSchema.parse(await commitUpload(app.db, actor, body.data.token, emit)));
    },
  );

  app.get(
    '/ledger/export.xlsx',
    {
      config: { permission: 'ledger.export' },
      schema: { tags, summary: '导出台账（本人数据范围；与导入格式相同）' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = tempPath();
      try {
        await exportLedger(app.db, actor, file);
      } catch (e) {
        fs.rmSync(file, { force: true });
        throw e;
      }
      // Sent from the file as it is read (a province's ledger is ~80 MB), removed once sent or abandoned.
      const data = fs.createReadStream(file);
      data.on('close', () => fs.rmSync(file, { force: true }));
      const name = `台账_${actor.unitCode && !actor.roles.some((r) => r !== 'reporter' && r !== 'unit_head') ? `${actor.unitCode}_` : ''}${todayIso()}.xlsx`;
      return sendDownload(reply, { filename: name, mime: XLSX_MIME, data });
    },
  );

  app.get(
    '/ledger/template.xlsx',
    {
      schema: { tags, summary: '下载空白台账模板（含下拉选项与填表说明）' },
    },
    async (_req, reply) => {
      const file = tempPath();
      try {
        await writeLedgerTemplate(file);
        return sendDownload(reply, { filename: '台账导入模板.xlsx', mime: XLSX_MIME, data: fs.readFileSync(file) });
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
  );
};
