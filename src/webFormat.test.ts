// The web app's one number formatter (web/src/shared/format.ts), tested here because vitest
// collects tests under src/.
import { describe, expect, it } from 'vitest';
import {
  count,
  groupThousands,
  growth,
  moneyTotal,
  moneyWan,
  moneyWanUsd,
  moneyYi,
  percent,
  percentPoints,
} from '../web/src/shared/format';

describe('web number formatter', () => {
  it('groups thousands without touching decimals', () => {
    expect(groupThousands('1234567.8912')).toBe('1,234,567.8912');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999.99')).toBe('999.99');
    expect(count(12345)).toBe('12,345');
  });
  it('reads 万元 and 亿元 to two decimals, percentages to one', () => {
    expect(moneyWan(15_005_000)).toBe('1,500.50万元');
    expect(moneyWan(123_456, 'zh-CN', 4)).toBe('12.3456万元');
    expect(moneyWanUsd(21_924_600)).toBe('2,192.46万美元');
    expect(moneyYi(422_000_000)).toBe('4.22亿元');
    expect(moneyYi(123_456_000_000)).toBe('1,234.56亿元');
    expect(percent(0.12345)).toBe('12.3%');
    expect(percentPoints(12.35)).toBe('12.4%');
    expect(percent(null)).toBe('—');
  });
  it('shows totals in 亿元 from one 亿 up', () => {
    expect(moneyTotal(99_990_000)).toBe('9,999.00万元');
    expect(moneyTotal(100_000_000)).toBe('1.00亿元');
    expect(moneyTotal(-250_000_000)).toBe('-2.50亿元');
  });
  it('keeps en-US in millions and billions', () => {
    expect(moneyWan(15_005_000, 'en-US')).toBe('CNY 15.01M');
    expect(moneyWanUsd(21_924_600, 'en-US')).toBe('USD 21.92M');
    expect(moneyYi(4_220_000_000, 'en-US')).toBe('CNY 4.22B');
    expect(growth(0.2, 'en-US')).toBe('Up 20.0% YoY');
    expect(growth(-0.2)).toBe('同比下降20.0%');
  });
});
