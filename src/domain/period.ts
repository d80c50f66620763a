/**
 * Periods (calendar months "YYYY-MM") and ISO dates, in Asia/Shanghai.
 * China has had no daylight saving since 1991, so Shanghai time is UTC+8 and no Intl
 * time-zone data is needed (works the same in Node and the browser).
 */

export type Period = { year: number; month: number };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const PERIOD_RE = /^(\d{4})-(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** Report periods are kept within these years: 0000-01 or 9999-12 is a typing error, not a month. */
export const PERIOD_MIN_YEAR = 2000;
export const PERIOD_MAX_YEAR = 2100;

/** "2026-05" → {year: 2026, month: 5}; null unless exactly YYYY-MM with month 01–12 and year 2000–2100. */
export function parsePeriod(s: string): Period | null {
  const m = PERIOD_RE.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (year < PERIOD_MIN_YEAR || year > PERIOD_MAX_YEAR) return null;
  return { year, month };
}

export function formatPeriod(p: Period): string {
  return `${pad4(p.year)}-${pad2(p.month)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDateParts(s: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Date.UTC maps years 0–99 to 1900+; no real date here is that old, but keep it correct.
  if (year < 100) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written YYYY-MM-DD ("2026-02-29" is false). */
export function isValidDate(s: string): boolean {
  return parseDateParts(s) !== null;
}

function requireDate(iso: string): { year: number; month: number; day: number } {
  const parts = parseDateParts(iso);
  if (!parts) throw new RangeError(`不是有效日期（应为YYYY-MM-DD）：${iso}`);
  return parts;
}

function shanghaiParts(now: Date): { year: number; month: number; day: number } {
  const d = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar month it is now in Asia/Shanghai. */
export function currentPeriod(now: Date = new Date()): Period {
  const { year, month } = shanghaiParts(now);
  return { year, month };
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const { year, month, day } = shanghaiParts(now);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

export function previousPeriod(p: Period): Period {
  return p.month === 1 ? { year: p.year - 1, month: 12 } : { year: p.year, month: p.month - 1 };
}

export function nextPeriod(p: Period): Period {
  return p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
}

/** Share of the year elapsed at the end of month M: M / 12. */
export function timeProgress(month: number): number {
  return month / 12;
}

/** 1–4. */
export function quarterOf(month: number): number {
  return Math.ceil(month / 3);
}

function toDayNumber(iso: string): number {
  const { year, month, day } = requireDate(iso);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Whole days from a to b (b − a); negative when b is earlier. Throws RangeError on a bad date. */
export function daysBetween(aIso: string, bIso: string): number {
  return toDayNumber(bIso) - toDayNumber(aIso);
}

/** The date n days after iso (n may be negative). Throws RangeError on a bad date. */
export function addDays(iso: string, n: number): string {
  const d = new Date((toDayNumber(iso) + Math.trunc(n)) * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "2026-05-17" → "2026-05". Accepts a date-time whose first 10 characters are the date. */
export function periodOfDate(iso: string): string {
  const { year, month } = requireDate(iso.slice(0, 10));
  return formatPeriod({ year, month });
}

function toPeriod(p: Period | string): Period {
  if (typeof p !== 'string') return p;
  const parsed = parsePeriod(p);
  if (!parsed) throw new RangeError(`不是有效月份（应为YYYY-MM）：${p}`);
  return parsed;
}

/** Months from `from` to `to` (to − from): 2025-11 → 2026-02 is 3. Accepts Period or "YYYY-MM". */
export function monthsBetween(fromPeriod: Period | string, toPeriod_: Period | string): number {
  const a = toPeriod(fromPeriod);
  const b = toPeriod(toPeriod_);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** The period people report now: early in a month (to the 10th, Beijing time) the month before; from the 11th on, the current one. */
export function reportingPeriod(now: Date = new Date()): string {
  const p = currentPeriod(now);
  const day = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(8, 10));
  return formatPeriod(day <= 10 ? previousPeriod(p) : p);
}
