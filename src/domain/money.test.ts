import { describe, expect, it } from 'vitest';
import {
  formatGrowth,
  formatPercent,
  formatWan,
  formatWanUsd,
  formatYi,
  normalizeNumberText,
  parseInteger,
  parseWan,
  yuanToWanText,
} from './money';

describe('normalizeNumberText', () => {
  it('turns full-width digits and punctuation into ASCII and drops separators and spaces', () => {
    expect(normalizeNumberText('１，２３４．５')).toBe('1234.5');
    expect(normalizeNumberText(' 1,234 .5\u3000')).toBe('1234.5');
    expect(normalizeNumberText('－3\u00a0000')).toBe('-3000');
    expect(normalizeNumberText('＋7')).toBe('+7');
  });
});

describe('parseWan', () => {
  it('converts 万 text to exact integer units', () => {
    expect(parseWan('12.3456')).toBe(123456);
    expect(parseWan('1,234.5')).toBe(12345000);
    expect(parseWan('０.５')).toBe(5000);
    expect(parseWan('5000')).toBe(50000000);
    expect(parseWan('0.0001')).toBe(1);
    expect(parseWan('.5')).toBe(5000);
    expect(parseWan('3.')).toBe(30000);
    expect(parseWan('12.345600')).toBe(123456);
    expect(parseWan('-2.5')).toBe(-25000);
    expect(parseWan('-0')).toBe(0);
    expect(Object.is(parseWan('-0'), 0)).toBe(true);
  });
  it('is exact where float multiplication is not', () => {
    // 1.1 * 10000 = 11000.000000000002 in floats
    expect(parseWan('1.1')).toBe(11000);
    expect(parseWan('4.35')).toBe(43500);
    expect(parseWan('123456789.1234')).toBe(1234567891234);
  });
  it('rejects empty, invalid and over-precise input', () => {
    for (const bad of ['', '  ', '.', '-', 'abc', '1.2.3', '12.34567', '1e5', '12万', '--1']) {
      expect(parseWan(bad), bad).toBeNull();
    }
  });
  it('accepts numbers, tolerating float noise only within 1e-9', () => {
    expect(parseWan(1.5)).toBe(15000);
    expect(parseWan(0.1 + 0.2)).toBe(3000);
    expect(parseWan(12.3456)).toBe(123456);
    expect(parseWan(-0.0001)).toBe(-1);
    expect(parseWan(1.23456)).toBeNull();
    expect(parseWan(Number.NaN)).toBeNull();
    expect(parseWan(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseWan(1e21)).toBeNull();
  });
  it('rejects values beyond safe integers', () => {
    expect(parseWan('99999999999999999')).toBeNull();
  });
});

describe('parseInteger', () => {
  it('parses counts with the same normalisation', () => {
    expect(parseInteger('１，２００')).toBe(1200);
    expect(parseInteger(' 12 ')).toBe(12);
    expect(parseInteger('12.00')).toBe(12);
    expect(parseInteger(7)).toBe(7);
    expect(parseInteger('-3')).toBe(-3);
  });
  it('rejects fractions and junk', () => {
    expect(parseInteger('1.5')).toBeNull();
    expect(parseInteger(1.5)).toBeNull();
    expect(parseInteger('')).toBeNull();
    expect(parseInteger('x')).toBeNull();
  });
});

describe('yuanToWanText', () => {
  it('is exact with no trailing zeros', () => {
    expect(yuanToWanText(123456)).toBe('12.3456');
    expect(yuanToWanText(50000000)).toBe('5000');
    expect(yuanToWanText(12345000)).toBe('1234.5');
    expect(yuanToWanText(1)).toBe('0.0001');
    expect(yuanToWanText(0)).toBe('0');
    expect(yuanToWanText(-25000)).toBe('-2.5');
  });
  it('round-trips with parseWan', () => {
    for (const yuan of [0, 1, 9999, 10000, 123456789, 422214174, -7]) {
      expect(parseWan(yuanToWanText(yuan))).toBe(yuan);
    }
  });
});

describe('formatYi / formatWan / formatWanUsd', () => {
  it('formats 亿元 to two decimals, half up', () => {
    expect(formatYi(1531000000)).toBe('15.31亿元');
    expect(formatYi(422214174)).toBe('4.22亿元');
    expect(formatYi(1535000000)).toBe('15.35亿元');
    expect(formatYi(1534999999)).toBe('15.35亿元');
    expect(formatYi(1534499999)).toBe('15.34亿元');
    expect(formatYi(1534500000)).toBe('15.35亿元');
    expect(formatYi(0)).toBe('0.00亿元');
    expect(formatYi(-1534500000)).toBe('-15.35亿元');
    expect(formatYi(-1)).toBe('0.00亿元');
  });
  it('formats 万元 and 万美元', () => {
    expect(formatWan(21924600)).toBe('2192.46万元');
    expect(formatWan(21924650)).toBe('2192.47万元');
    expect(formatWan(21924649)).toBe('2192.46万元');
    expect(formatWan(123456, 4)).toBe('12.3456万元');
    expect(formatWan(125000, 0)).toBe('13万元');
    expect(formatWanUsd(21924600)).toBe('2192.46万美元');
    expect(formatWanUsd(670008)).toBe('67.00万美元');
  });
});

describe('formatPercent / formatGrowth', () => {
  it('shows one decimal', () => {
    expect(formatPercent(0.17)).toBe('17.0%');
    expect(formatPercent(0.30158155285714283)).toBe('30.2%');
    expect(formatPercent(5 / 12)).toBe('41.7%');
    expect(formatPercent(0.0005)).toBe('0.1%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(-0.2)).toBe('-20.0%');
    expect(formatPercent(null)).toBe('—');
  });
  it('words growth for a speech', () => {
    expect(formatGrowth(1.491)).toBe('同比增长149.1%');
    expect(formatGrowth(-0.2)).toBe('同比下降20.0%');
    expect(formatGrowth(0.7460444209804684)).toBe('同比增长74.6%');
    expect(formatGrowth(-0.5524150128692842)).toBe('同比下降55.2%');
    expect(formatGrowth(0)).toBe('同比持平');
    expect(formatGrowth(null)).toBe('同比无可比基数');
  });
});
