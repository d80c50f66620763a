/**
 * Money and number text. Amounts are integers: RMB in 元, foreign capital in USD.
 * People type and read 万元 / 万美元 (up to 4 decimals = exact 元) and 亿元.
 * Conversions go through decimal strings and integer arithmetic, never float multiplication,
 * so "12.3456" 万元 is exactly 123456 元.
 */

const WAN = 10_000;
const YI = 100_000_000;

/**
 * Full-width digits, dot, minus and plus → ASCII; drop spaces (incl. U+3000, nbsp) and
 * thousands separators (`,` and `，`).
 */
export function normalizeNumberText(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff10 && cp <= 0xff19) out += String.fromCharCode(cp - 0xff10 + 0x30);
    else if (ch === '．') out += '.';
    else if (ch === '－' || ch === '−' || ch === '–') out += '-';
    else if (ch === '＋') out += '+';
    else if (ch === ',' || ch === '，') continue;
    else if (/\s/u.test(ch) || ch === '\u200b' || ch === '\ufeff') continue;
    else out += ch;
  }
  return out;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses a decimal string to an integer count of 1/10^scale units, exactly.
 * Returns null when invalid, when it has more significant decimals than `scale`,
 * or when the result is not a safe integer.
 */
function parseScaled(text: string, scale: number): number | null {
  const m = DECIMAL_RE.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const intPart = m[2] ?? '';
  const fracRaw = m[3] ?? '';
  if (intPart === '' && fracRaw === '') return null;
  const frac = fracRaw.replace(/0+$/, '');
  if (frac.length > scale) return null;
  const digits = (intPart === '' ? '0' : intPart) + frac.padEnd(scale, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return null;
  return value === 0 ? 0 : sign * value;
}

/** Converts a JS number to a plain decimal string usable by parseScaled, or null. */
function numberToDecimalText(n: number, scale: number): string | null {
  if (!Number.isFinite(n)) return null;
  const s = String(n);
  // Shortest round-trip text: exact when the user's value had few decimals.
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const frac = (s.split('.')[1] ?? '').replace(/0+$/, '');
    if (frac.length <= scale) return s;
  }
  // Float noise such as 0.1 + 0.2: accept only when within 1e-9 of a `scale`-decimal value.
  const fixed = n.toFixed(scale);
  if (!/^-?\d+(\.\d+)?$/.test(fixed)) return null;
  if (Math.abs(Number(fixed) - n) > 1e-9) return null;
  return fixed;
}

/**
 * 万 units (万元 or 万美元) with at most 4 decimals → integer units (元 or USD).
 * "12.3456" → 123456, "1,234.5" → 12345000, "０.５" → 5000, 1.5 → 15000.
 * Null for empty, invalid or more than 4 decimals. Negative values are allowed (adjustments).
 */
export function parseWan(input: string | number): number | null {
  if (typeof input === 'number') {
    const text = numberToDecimalText(input, 4);
    return text === null ? null : parseScaled(text, 4);
  }
  if (typeof input !== 'string') return null;
  return parseScaled(normalizeNumberText(input), 4);
}

/** Plain integer counts ("1,200" → 1200, "12.0" → 12). Null for fractions or invalid text. */
export function parseInteger(input: string | number): number | null {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? (input === 0 ? 0 : input) : null;
  if (typeof input !== 'string') return null;
  return parseScaled(normalizeNumberText(input), 0);
}

/** Splits |n| into integer quotient and remainder by d exactly (both integers). */
function divmod(n: number, d: number): [number, number] {
  const r = n % d;
  return [(n - r) / d, r];
}

/** Integer n / 10^k rounded half away from zero, as a fixed-point string with `digits` decimals. */
function fixedText(units: number, unitSize: number, digits: number): string {
  const value = Math.round(units); // money is integral; guard against stray fractions
  const neg = value < 0;
  const abs = Math.abs(value);
  const step = unitSize / 10 ** digits; // size of the last shown digit, in base units
  let scaled: number;
  if (step >= 1) {
    const [q, r] = divmod(abs, step);
    scaled = r * 2 >= step ? q + 1 : q;
  } else {
    scaled = abs * Math.round(1 / step);
  }
  const [whole, frac] = divmod(scaled, 10 ** digits);
  const text = digits > 0 ? `${whole}.${String(frac).padStart(digits, '0')}` : String(whole);
  return neg && scaled !== 0 ? `-${text}` : text;
}

/** Exact 万 text without trailing zeros: 123456 → "12.3456", 50000000 → "5000". */
export function yuanToWanText(yuan: number): string {
  const text = fixedText(yuan, WAN, 4);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** 亿元 with two decimals, half up: 1531000000 → "15.31亿元". */
export function formatYi(yuan: number): string {
  return `${fixedText(yuan, YI, 2)}亿元`;
}

/** 万元 with `digits` decimals (0–4), half up: 21924600 → "2192.46万元". */
export function formatWan(yuan: number, digits = 2): string {
  const d = Math.min(4, Math.max(0, Math.trunc(digits)));
  return `${fixedText(yuan, WAN, d)}万元`;
}

/** 万美元 with two decimals: 21924600 → "2192.46万美元". */
export function formatWanUsd(usd: number): string {
  return `${fixedText(usd, WAN, 2)}万美元`;
}

/** |ratio| × 100 rounded half up to one decimal, as text, float noise removed first. */
function percentDigits(ratio: number): string {
  const pct = Number((Math.abs(ratio) * 100).toPrecision(12));
  const tenths = Math.round(pct * 10);
  return (tenths / 10).toFixed(1);
}

/** One-decimal percent: 0.17 → "17.0%", null → "—". */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const digits = percentDigits(ratio);
  return ratio < 0 && digits !== '0.0' ? `-${digits}%` : `${digits}%`;
}

/**
 * Year-on-year wording for speeches: 1.491 → "同比增长149.1%", -0.2 → "同比下降20.0%",
 * null → "同比无可比基数"; a change that rounds to 0.0% reads "同比持平".
 */
export function formatGrowth(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '同比无可比基数';
  const digits = percentDigits(ratio);
  if (digits === '0.0') return '同比持平';
  return ratio > 0 ? `同比增长${digits}%` : `同比下降${digits}%`;
}
