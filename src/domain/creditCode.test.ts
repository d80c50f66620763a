import { describe, expect, it } from 'vitest';
import { computeCheckChar, makeCreditCode, normalizeCreditCode, validateCreditCode } from './creditCode';

// Published codes of real companies; all pass GB 32100-2015 with this implementation.
const REAL_CODES = [
  '91350100M000100Y43',
  '91110000600037341L',
  '91440300708461136T',
  '914403001922038216',
  '91310000717866186P',
  '9144030071526726XG',
];

describe('computeCheckChar', () => {
  it('reproduces the check character of real codes', () => {
    for (const code of REAL_CODES) {
      expect(computeCheckChar(code.slice(0, 17)), code).toBe(code.slice(17));
    }
  });
  it('maps a remainder of 0 to check value 0 (31 → 0)', () => {
    // all zeros: Σ = 0, 31 − 0 = 31 → "0"
    expect(computeCheckChar('00000000000000000')).toBe('0');
    // "1" first: Σ = 1, 31 − 1 = 30 → last charset char "Y"
    expect(computeCheckChar('10000000000000000')).toBe('Y');
  });
  it('returns null for bad input', () => {
    expect(computeCheckChar('9135010')).toBeNull();
    expect(computeCheckChar('91350100O00010OY4')).toBeNull();
  });
});

describe('makeCreditCode', () => {
  it('appends a check character that validates', () => {
    for (const body of ['91220200MA0000001', '9122020100000000X', '12220200000000000', '5122020277777777Y']) {
      const code = makeCreditCode(body);
      expect(code).toHaveLength(18);
      expect(validateCreditCode(code)).toEqual({ ok: true, code });
    }
  });
  it('throws on an illegal body', () => {
    expect(() => makeCreditCode('91220200MA000000I')).toThrow();
  });
});

describe('validateCreditCode', () => {
  it('accepts real codes and normalises what a clerk typed', () => {
    for (const code of REAL_CODES) expect(validateCreditCode(code)).toEqual({ ok: true, code });
    expect(normalizeCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ')).toBe('91350100M000100Y43');
    expect(validateCreditCode(' 91350100m000100y43\u3000')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });
  it('explains a wrong length', () => {
    expect(validateCreditCode('91350100M000100Y4')).toEqual({
      ok: false,
      reason: '统一社会信用代码应为18位，当前为17位',
    });
    expect(validateCreditCode('')).toEqual({ ok: false, reason: '统一社会信用代码应为18位，当前为0位' });
  });
  it('names an illegal character and its position', () => {
    const r = validateCreditCode('91350100MO00100Y43');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('第10位');
      expect(r.reason).toContain('“O”');
      expect(r.reason).toContain('“0”');
    }
    const r2 = validateCreditCode('91350100M000100Y4#');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('第18位字符“#”不合法');
  });
  it('tells the expected and actual check character', () => {
    expect(validateCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      reason: '校验位应为3，实际为4，请核对',
    });
    // one mistyped digit in the body is caught
    expect(validateCreditCode('91350100M000200Y43').ok).toBe(false);
  });
});
