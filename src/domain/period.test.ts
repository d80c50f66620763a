import { describe, expect, it } from 'vitest';
import {
  addDays,
  currentPeriod,
  daysBetween,
  formatPeriod,
  isValidDate,
  monthsBetween,
  nextPeriod,
  parsePeriod,
  periodOfDate,
  previousPeriod,
  quarterOf,
  timeProgress,
  todayIso,
} from './period';

describe('parsePeriod / formatPeriod', () => {
  it('parses YYYY-MM with month 01–12', () => {
    expect(parsePeriod('2026-05')).toEqual({ year: 2026, month: 5 });
    expect(parsePeriod('2026-12')).toEqual({ year: 2026, month: 12 });
    expect(parsePeriod('2026-01')).toEqual({ year: 2026, month: 1 });
  });
  it('rejects anything else', () => {
    for (const bad of ['2026-13', '2026-00', '2026-5', '26-05', '2026/05', '2026-05-01', '']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });
  it('formats with zero padding and round-trips', () => {
    expect(formatPeriod({ year: 2026, month: 5 })).toBe('2026-05');
    expect(formatPeriod(parsePeriod('2025-11')!)).toBe('2025-11');
  });
});

describe('isValidDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidDate('2026-05-17')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2026-04-31')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-5-17')).toBe(false);
    expect(isValidDate('2026-05-17T00:00:00')).toBe(false);
    expect(isValidDate('')).toBe(false);
  });
});

describe('Asia/Shanghai clock', () => {
  it('turns the month at Shanghai midnight, not UTC midnight', () => {
    // 2026-05-31T16:30Z is 2026-06-01 00:30 in Shanghai
    const now = new Date('2026-05-31T16:30:00Z');
    expect(todayIso(now)).toBe('2026-06-01');
    expect(currentPeriod(now)).toEqual({ year: 2026, month: 6 });
    const before = new Date('2026-05-31T15:59:59Z');
    expect(todayIso(before)).toBe('2026-05-31');
    expect(currentPeriod(before)).toEqual({ year: 2026, month: 5 });
  });
  it('turns the year too', () => {
    expect(currentPeriod(new Date('2025-12-31T16:00:00Z'))).toEqual({ year: 2026, month: 1 });
  });
  it('defaults to now', () => {
    expect(todayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('period arithmetic', () => {
  it('steps across years', () => {
    expect(previousPeriod({ year: 2026, month: 1 })).toEqual({ year: 2025, month: 12 });
    expect(previousPeriod({ year: 2026, month: 5 })).toEqual({ year: 2026, month: 4 });
    expect(nextPeriod({ year: 2025, month: 12 })).toEqual({ year: 2026, month: 1 });
    expect(nextPeriod({ year: 2026, month: 5 })).toEqual({ year: 2026, month: 6 });
  });
  it('computes time progress and quarters', () => {
    expect(timeProgress(5)).toBe(0.4166666666666667);
    expect(timeProgress(12)).toBe(1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(quarterOf)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
  });
  it('counts months between periods', () => {
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthsBetween({ year: 2026, month: 5 }, { year: 2026, month: 5 })).toBe(0);
    expect(monthsBetween('2026-05', '2026-01')).toBe(-4);
    expect(() => monthsBetween('2026-5', '2026-06')).toThrow(RangeError);
  });
});

describe('date arithmetic', () => {
  it('counts days, signed, across leap years and months', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(daysBetween('2026-05-17', '2026-05-10')).toBe(-7);
    expect(daysBetween('2025-05-17', '2026-05-17')).toBe(365);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
  it('adds days', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2024-02-27', 2)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-05-17', 90)).toBe('2026-08-15');
    expect(daysBetween('2026-05-17', addDays('2026-05-17', 180))).toBe(180);
  });
  it('takes the period of a date', () => {
    expect(periodOfDate('2026-05-17')).toBe('2026-05');
    expect(periodOfDate('2026-12-31T23:00:00+08:00')).toBe('2026-12');
    expect(() => periodOfDate('2026-13-01')).toThrow(RangeError);
  });
});

describe('period range', () => {
  it('accepts 2000-01 to 2100-12 and refuses years outside', () => {
    expect(parsePeriod('2000-01')).toEqual({ year: 2000, month: 1 });
    expect(parsePeriod('2100-12')).toEqual({ year: 2100, month: 12 });
    expect(parsePeriod('0000-01')).toBeNull();
    expect(parsePeriod('1999-12')).toBeNull();
    expect(parsePeriod('9999-12')).toBeNull();
  });
});
