/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
 * 31-character set (digits and capitals without I, O, S, V, Z); the last is a check character.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Look-alike letters people type by mistake, with the character they most likely meant. */
const LOOKALIKE_HINTS: Record<string, string> = { O: '0', I: '1', Z: '2', S: '5', V: 'U' };

/** Trim, drop inner spaces, full-width → ASCII, upper case. */
export function normalizeCreditCode(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\s/u.test(ch)) continue;
    out += cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch;
  }
  return out.toUpperCase();
}

/** The check character for the first 17 characters, or null if they are not 17 legal characters. */
export function computeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET.charAt(check);
}

/** Appends the check character. Throws if `first17` is not 17 legal characters. */
export function makeCreditCode(first17: string): string {
  const body = normalizeCreditCode(first17);
  const check = computeCheckChar(body);
  if (check === null) throw new RangeError(`无法生成统一社会信用代码：前17位不合法（${first17}）`);
  return body + check;
}

export type CreditCodeResult = { ok: true; code: string } | { ok: false; reason: string };

/** Validates a code as typed by a clerk; on success returns the normalised code. */
export function validateCreditCode(s: string): CreditCodeResult {
  const code = normalizeCreditCode(s);
  const chars = [...code];
  if (chars.length !== 18) {
    return { ok: false, reason: `统一社会信用代码应为18位，当前为${chars.length}位` };
  }
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (!CHARSET.includes(ch)) {
      const hint = LOOKALIKE_HINTS[ch];
      const suffix = hint ? `（代码中不使用字母I、O、S、V、Z，是否应为“${hint}”？）` : '（只能是数字或除I、O、S、V、Z以外的大写字母）';
      return { ok: false, reason: `第${i + 1}位字符“${ch}”不合法${suffix}` };
    }
  }
  const expected = computeCheckChar(code.slice(0, 17));
  const actual = code.charAt(17);
  if (expected !== actual) {
    return { ok: false, reason: `校验位应为${expected ?? '?'}，实际为${actual}，请核对` };
  }
  return { ok: true, code };
}
