// Reading one cell of a real-world ledger: Excel date cells and text dates, numbers stored as
// text, full-width digits and spaces, thousands separators. Each reader returns the value or an
// error message a clerk understands (the caller adds sheet, row and column).
import { isValidDate, parsePeriod } from '../../domain/period';
import { normalizeNumberText, parseInteger, parseWan } from '../../domain/money';
import type { Cell } from './ledger.read';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (message: string): Read<never> => ({ ok: false, message });

const pad2 = (n: number) => String(n).padStart(2, '0');

function isErrorCell(c: Cell): c is { error: string } {
  return typeof c === 'object' && c !== null && !(c instanceof Date) && 'error' in c;
}

/** Full-width ASCII → half-width, U+3000 → space. */
function halfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCharCode(cp - 0xfee0);
    else if (cp === 0x3000 || cp === 0xa0) out += ' ';
    else out += ch;
  }
  return out;
}

function isoOfDate(d: Date): string {
  // ExcelJS gives date cells as UTC midnight of the calendar day.
  const t = new Date(d.getTime() + 30_000); // absorb sub-second float noise of serials
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** Display text of a cell (shown in messages). */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return isoOfDate(c);
  if (isErrorCell(c)) return c.error;
  return String(c);
}

// Control characters (NUL and the like, not tab/newline) are never data: PostgreSQL refuses NUL in text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_MESSAGE = '含有不可见的控制字符（可能是从其他系统复制而来），请删除后重新填写';

/** Free text: trimmed (also U+3000 and nbsp), '' when blank. Stored as plain text, never markup. */
export function readText(c: Cell, max = 200): Read<string> {
  if (isErrorCell(c)) return bad(`单元格是错误值 ${c.error}，请填写内容`);
  const s = cellText(c).replace(/^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g, '');
  if (CONTROL.test(s)) return bad(CONTROL_MESSAGE);
  if (s.length > max) return bad(`内容过长（${s.length}字），最多${max}字`);
  return ok(s);
}

/** A code (项目编号, 单位代码): half-width, no spaces. */
export function readCode(c: Cell, max = 64): Read<string> {
  if (isErrorCell(c)) return bad(`单元格是错误值 ${c.error}，请填写编号`);
  if (typeof c === 'number' && Number.isInteger(c)) return ok(String(c));
  const s = halfWidth(cellText(c)).replace(/[\s\u200b\ufeff]/g, '');
  if (CONTROL.test(s)) return bad(CONTROL_MESSAGE);
  if (s.length > max) return bad(`“${s}”过长，最多${max}位`);
  return ok(s);
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** YYYY-MM-DD from a date cell, an Excel serial number, or text (2026-1-3, 2026/01/03, 2026年1月3日, 2026.1.3). */
export function readDate(c: Cell): Read<string | null> {
  if (isErrorCell(c)) return bad(`单元格是错误值 ${c.error}，请填写日期（YYYY-MM-DD）`);
  if (c === null) return ok(null);
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return bad('不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-05-17');
    return ok(isoOfDate(c));
  }
  if (typeof c === 'number') {
    if (c > 20000 && c < 80000) return ok(isoOfDate(new Date(SERIAL_EPOCH + Math.floor(c) * 86_400_000)));
    if (Number.isInteger(c) && c >= 19000101 && c <= 21001231) return readDate(String(c));
    return bad(`“${c}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-05-17`);
  }
  const raw = halfWidth(String(c)).trim();
  if (raw === '') return ok(null);
  const s = raw.replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '').replace(/T.*$/, '');
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`;
    if (isValidDate(iso)) return ok(iso);
    return bad(`“${raw}”不是存在的日期，请核对月份和日`);
  }
  return bad(`“${raw}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-05-17`);
}

/** YYYY-MM from a date cell or text (2026-05, 2026-5, 2026/05, 2026年5月, 2026.05, 202605). */
export function readPeriod(c: Cell): Read<string | null> {
  if (isErrorCell(c)) return bad(`单元格是错误值 ${c.error}，请填写月份（YYYY-MM）`);
  if (c === null) return ok(null);
  if (c instanceof Date) return ok(isoOfDate(c).slice(0, 7));
  const raw = halfWidth(String(c)).trim();
  if (raw === '') return ok(null);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(月(份)?)?$/.exec(raw) ?? /^(\d{4})(\d{2})$/.exec(raw);
  if (m) {
    const p = `${m[1]}-${pad2(Number(m[2]))}`;
    if (parsePeriod(p)) return ok(p);
  }
  // A full date in a month column: take its month.
  const d = readDate(c);
  if (d.ok && d.value) return ok(d.value.slice(0, 7));
  return bad(`“${raw}”不是有效月份，请按 YYYY-MM 填写，例如 2026-05`);
}

/** 万 (万元 / 万美元) → integer 元 / USD, at most 4 decimals; null when blank. */
export function readWan(c: Cell, unit: string, opts: { negative?: boolean } = {}): Read<number | null> {
  if (isErrorCell(c)) return bad(`单元格是错误值 ${c.error}，请填写金额（${unit}）`);
  if (c === null) return ok(null);
  if (c instanceof Date || typeof c === 'boolean') return bad(`“${cellText(c)}”不是金额，请填写数字（单位${unit}）`);
  if (typeof c === 'string' && normalizeNumberText(c) === '') return ok(null);
  const v = parseWan(c);
  if (v === null) {
    const t = String(c).trim();
    const n = Number(normalizeNumberText(t));
    if (Number.isFinite(n) && /\.\d{5,}/.test(normalizeNumberText(t))) return bad(`“${t}”小数位过多：单位是${unit}，最多4位小数`);
    return bad(`“${t}”不是有效金额，请填写数字（单位${unit}，最多4位小数）`);
  }
  if (v < 0 && !opts.negative) return bad(`“${cellText(c)}”不能为负数`);
  return ok(v);
}

/** A whole number ≥ 0; null when blank. */
export function readCount(c: Cell, what = '数量'): Read<number | null> {
  if (isErrorCell(c)) return bad(`单元格是错误值 ${c.error}，请填写${what}`);
  if (c === null) return ok(null);
  if (c instanceof Date || typeof c === 'boolean') return bad(`“${cellText(c)}”不是整数，请填写${what}`);
  if (typeof c === 'string' && normalizeNumberText(c) === '') return ok(null);
  const v = parseInteger(c);
  if (v === null) return bad(`“${String(c).trim()}”不是整数，请填写${what}（不带小数）`);
  if (v < 0) return bad(`“${String(c).trim()}”不能为负数`);
  return ok(v);
}
