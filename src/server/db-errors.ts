// Database errors that are the request's fault, mapped to a 400 instead of a 500. They should be caught
// by the schemas first; this is the net under them (e.g. a value past an integer column's 2^31 range).
import { AppError } from '../domain/errors';

const PG_DATA_EXCEPTIONS: Record<string, string> = {
  '22003': '数值超出允许范围，请检查金额或数量是否填写过大',
  '22001': '文本过长，请缩短后重试',
  '22021': '文本含有不允许的字符（如 NUL），请删除后重试',
  '22P05': '文本含有不允许的字符（如 NUL），请删除后重试',
  '22007': '日期或时间格式不正确',
  '22008': '日期或时间超出范围',
  '22P02': '输入的数值或格式不正确',
};

/** The AppError for a database error caused by bad input, or null if it is not one. */
export function dbInputError(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PG_DATA_EXCEPTIONS[code]) return new AppError('validation', PG_DATA_EXCEPTIONS[code]);
  if (code === 'SQLITE_TOOBIG') return new AppError('validation', '内容过大，请缩短后重试');
  if (err instanceof RangeError && /Maximum call stack/.test(err.message)) return new AppError('validation', '请求内容嵌套层数过多');
  return null;
}
