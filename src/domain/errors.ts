// The one error type for expected failures. Each code maps to one HTTP status in
// src/server/errors.ts; messages are for the person who reads them and say what to do next.
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'stale'
  | 'locked'
  | 'rate_limited'
  | 'too_large'
  | 'unsupported';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** field → message, for forms */
  readonly fields: Record<string, string> | undefined;
  /** extra machine-readable detail, e.g. the id of an existing duplicate */
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.detail = detail;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what}不存在或无权查看`);
export const stale = (what: string) => new AppError('stale', `${what}已被他人修改，请刷新后基于最新内容重新编辑`);
export const validation = (message: string, fields?: Record<string, string>) => new AppError('validation', message, fields);

export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}
