// Bounded input, once for every route (before each route's own zod schema runs):
// - JSON nested deeper than 32 levels → 400 (a 20,000-level saved filter used to exhaust the stack);
// - text with NUL or other control characters → 400 (PostgreSQL refuses NUL in text: that was a 500);
//   tab, line feed and carriage return stay allowed, since notes and addresses are multi-line;
// - numbers that are not finite or integers past 2^53 (they lose digits) → 400.
// Integers past a column's range (2^31 for integer columns) are mapped to 400 in db-errors.ts.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors';

export const MAX_JSON_DEPTH = 32;
// C0 controls except \t \n \r, DEL, and the C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The first problem in a parsed value, as a Chinese message with the path, or null. Iterative: no recursion. */
export function inputProblem(value: unknown, where = '请求内容'): { path: string; message: string } | null {
  const stack: [unknown, string, number][] = [[value, '', 1]];
  const seen = new WeakSet<object>();
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) return { path, message: `${where}${path ? `的 ${path} ` : ''}含有不可见的控制字符（如 NUL），请删除后重试` };
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v))) {
        return { path, message: `${where}${path ? `的 ${path} ` : ''}数值超出允许范围` };
      }
    } else if (v && typeof v === 'object') {
      // Bodies and queries are plain data; never walk binary data, streams, or an object twice.
      if (ArrayBuffer.isView(v) || typeof (v as { pipe?: unknown }).pipe === 'function' || seen.has(v)) continue;
      seen.add(v);
      if (depth > MAX_JSON_DEPTH) return { path, message: `${where}嵌套层数过多（最多 ${MAX_JSON_DEPTH} 层）` };
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
      for (const [k, x] of entries) {
        if (CONTROL.test(k)) return { path, message: `${where}的字段名含有控制字符` };
        stack.push([x, path ? `${path}.${k}` : k, depth + 1]);
      }
    }
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, where] of [
      [request.body, '请求内容'],
      [request.query, '查询参数'],
      [request.params, '路径参数'],
    ] as const) {
      if (part === undefined || part === null || Buffer.isBuffer(part)) continue;
      const p = inputProblem(part, where);
      if (p) throw new AppError('validation', p.message, p.path ? { [p.path]: '含有不允许的字符或数值超出范围' } : undefined);
    }
  });
}
