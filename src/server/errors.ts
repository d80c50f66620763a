import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, assertUnreachable, type ErrorCode } from '../domain/errors';
import { dbInputError } from './db-errors';

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'stale':
    case 'locked':
      return 409;
    case 'too_large':
      return 413;
    case 'unsupported':
      return 415;
    case 'rate_limited':
      return 429;
    default:
      return assertUnreachable(code);
  }
}

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; detail?: Record<string, unknown> } };

const FIELD_MESSAGES: Record<string, string> = {
  invalid_type: '类型不正确',
  too_small: '不能为空或过小',
  too_big: '过长或过大',
  invalid_format: '格式不正确',
  invalid_value: '取值不在允许范围内',
};

/** What a unique constraint guards, by table, for the message of a concurrent duplicate. */
const UNIQUE_SUBJECTS: Record<string, string> = {
  projects: '项目编号',
  units: '单位代码',
  users: '用户名',
  investors: '客商（统一社会信用代码）',
  fund_entries: '该项目本月的到位资金条目',
  submissions: '该单位本月的月报',
  period_locks: '报告期锁定',
  settings: '设置项',
  exchange_rates: '该月汇率',
  targets: '该单位的年度目标',
  revisions: '修订',
};

/**
 * A unique-constraint violation — two requests created the same thing at once, or a duplicate a
 * check could not see yet — is a 409 with a message, on both databases, wherever it happens.
 * SQLite: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY ("UNIQUE constraint failed: table.column");
 * PostgreSQL: SQLSTATE 23505 (with table); 40001 / 40P01 (serialization failure, deadlock) ask to retry.
 */
export function databaseConflict(err: unknown): AppError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; table?: unknown; message?: unknown };
  let table: string | null = null;
  if (e.code === '23505') table = typeof e.table === 'string' ? e.table : '';
  else if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    table = /constraint failed: (\w+)\./.exec(String(e.message ?? ''))?.[1] ?? '';
  } else if (e.code === '40001' || e.code === '40P01') {
    return new AppError('conflict', '其他用户正在同时修改相同的数据，本次操作未保存；请刷新后重试');
  }
  if (table === null) return dataRejected(e.code);
  const subject = UNIQUE_SUBJECTS[table] ?? '该记录';
  return new AppError(
    'conflict',
    `${subject}已存在（可能刚被其他用户同时录入），本次操作未保存；请刷新后核对再试`,
    undefined,
    table ? { table } : undefined,
  );
}

/**
 * Values the database refuses although the schema let them through (a backstop: the schemas
 * should refuse them first): PostgreSQL cannot store NUL in text (22021), numbers out of the
 * column's range (22003), text longer than its column (22001), text that is not a number or date (22P02, 22007, 22008).
 */
function dataRejected(code: unknown): AppError | null {
  if (code === '22021' || code === '22P05') return new AppError('validation', '输入的文字中含有不允许的控制字符（如 NUL），请删除后重试');
  if (code === '22001') return new AppError('validation', '输入的文字过长，请缩短后重试');
  if (code === '22003') return new AppError('validation', '输入的数值超出允许范围，请核对后重试');
  if (code === '22P02' || code === '22007' || code === '22008')
    return new AppError('validation', '输入的数值或日期格式不正确，请核对后重试');
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const err = databaseConflict(error) ?? dbInputError(error) ?? error;
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.fields) body.error.fields = err.fields;
      if (err.detail) body.error.detail = err.detail;
      return reply.status(httpStatus(err.code)).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key = (issue.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || '_';
        if (key === '_') {
          fields[key] = '请求内容格式不正确（应为 JSON 对象）';
          continue;
        }
        const zodDefault = !issue.message || /^Invalid|^Too (small|big)|^Expected/.test(issue.message);
        fields[key] = zodDefault ? (FIELD_MESSAGES[issue.keyword] ?? '不正确') : (issue.message ?? '不正确');
      }
      const list = Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('；');
      return reply.status(400).send({ error: { code: 'validation', message: `输入有误，请检查：${list}`, fields } });
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'too_large' : status === 415 ? 'unsupported' : status === 404 ? 'not_found' : 'validation';
      const message = status === 413 ? '文件过大，请压缩或拆分后再上传' : status === 415 ? '不支持的内容类型' : `请求有误：${err.message}`;
      return reply.status(status).send({ error: { code, message } });
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，已记录日志；请稍后重试或联系管理员' } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `没有这个接口：${request.method} ${request.url}` } });
  });
}
