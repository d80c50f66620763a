import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, assertUnreachable, type ErrorCode } from '../domain/errors';
import { dbInputError } from './db-errors';

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'validation': return 400;
    case 'unauthenticated': return 401;
    case 'forbidden': return 403;
    case 'not_found': return 404;
    case 'conflict':
    case 'stale':
    case 'locked': return 409;
    case 'too_large': return 413;
    case 'unsupported': return 415;
    case 'rate_limited': return 429;
    default: return assertUnreachable(code);
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

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    err = dbInputError(err) ?? err;
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
        if (key === '_') { fields[key] = '请求内容格式不正确（应为 JSON 对象）'; continue; }
        const zodDefault = !issue.message || /^Invalid|^Too (small|big)|^Expected/.test(issue.message);
        fields[key] = zodDefault ? (FIELD_MESSAGES[issue.keyword] ?? '不正确') : (issue.message ?? '不正确');
      }
      const list = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('；');
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
