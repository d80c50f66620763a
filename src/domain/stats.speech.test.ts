// The speech helpers of src/domain/stats.ts: unit order, period range, the gap in words, the monthly need.
import { describe, expect, it } from 'vitest';
import {
  compareUnits,
  daysOverdue,
  describeGap,
  monthlyNeeded,
  monthlyNeededText,
  monthsLeftInYear,
  periodAsOf,
  periodRange,
  periodSpanText,
} from './stats';
import { timeProgressGap } from './stats.definitions';

describe('speech helpers', () => {
  it('orders units city, counties, zones, departments, then by sort and code', () => {
    const units = [
      { kind: 'department', sort: 0, code: 'D01' },
      { kind: 'zone', sort: 2, code: 'Z01' },
      { kind: 'zone', sort: 1, code: 'Z02' },
      { kind: 'county', sort: 0, code: 'U02' },
      { kind: 'county', sort: 0, code: 'U01' },
      { kind: 'city', sort: 9, code: 'C00' },
    ];
    expect(units.sort(compareUnits).map((u) => u.code)).toEqual(['C00', 'U01', 'U02', 'Z02', 'Z01', 'D01']);
  });

  it('gives the dates of a period, December and February included', () => {
    expect(periodRange({ year: 2026, month: 5 })).toMatchObject({
      yearStart: '2026-01-01',
      endExclusive: '2026-06-01',
      end: '2026-05-31',
      monthsLeft: 7,
    });
    expect(periodRange({ year: 2026, month: 12 })).toMatchObject({
      yearStart: '2026-01-01',
      endExclusive: '2027-01-01',
      end: '2026-12-31',
      monthsLeft: 0,
    });
    expect(periodRange({ year: 2028, month: 2 }).end).toBe('2028-02-29');
    expect(periodSpanText({ year: 2026, month: 1 })).toBe('2026年1月');
    expect(periodSpanText({ year: 2026, month: 5 })).toBe('2026年1-5月');
  });

  it('words the gap to time progress one way, full and short', () => {
    expect(describeGap(timeProgressGap(0.30158, 5 / 12))).toBe('落后时间进度11.5个百分点');
    expect(describeGap(timeProgressGap(0.5, 5 / 12), 'short')).toBe('超前8.3个百分点');
    expect(describeGap(timeProgressGap(5 / 12, 5 / 12))).toBe('与时间进度持平');
    expect(describeGap(timeProgressGap(null, 0.5))).toBe('');
    expect(describeGap(timeProgressGap(null, 0.5), 'short')).toBe('—');
  });

  it('works out what is needed per month to reach a target', () => {
    expect(monthsLeftInYear(5)).toBe(7);
    expect(monthsLeftInYear(12)).toBe(0);
    expect(monthlyNeeded(1_000_000_000, 85_000_000, 7)).toBe(130_714_286);
    expect(monthlyNeeded(100, 150, 7)).toBe(0);
    expect(monthlyNeeded(null, 0, 7)).toBeNull();
    expect(monthlyNeeded(0, 0, 7)).toBeNull();
    expect(monthlyNeeded(100, 0, 0)).toBeNull();
    expect(monthlyNeededText(7, 139_683_690)).toBe('距年底还有7个月，需月均到位1.40亿元');
    expect(monthlyNeededText(7, 0)).toBe('已完成全年目标');
    expect(monthlyNeededText(0, null)).toBe('');
  });

  it('takes "as of" at the period end, or today while the month runs, and counts days overdue', () => {
    expect(periodAsOf({ year: 2026, month: 5 }, '2026-12-02')).toBe('2026-05-31');
    expect(periodAsOf({ year: 2026, month: 12 }, '2026-12-02')).toBe('2026-12-02');
    expect(daysOverdue('2026-05-01', '2026-05-31')).toBe(30);
    expect(daysOverdue('2026-05-31', '2026-05-31')).toBeNull();
    expect(daysOverdue(null, '2026-05-31')).toBeNull();
    expect(daysOverdue('2025-05-31', '2026-05-31')).toBe(365);
  });
});
