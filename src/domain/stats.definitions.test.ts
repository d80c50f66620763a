import { describe, expect, it } from 'vitest';
import {
  compareUnits,
  countedStatuses,
  describeGap,
  headlineYuan,
  isLargeNonLocal,
  originFigures,
  periodRange,
  timeProgressGap,
} from './stats.definitions';

describe('statistics definitions', () => {
  it('counts verified entries, or everything reported, never drafts or returned ones', () => {
    expect(countedStatuses('verified')).toEqual(['verified']);
    expect(countedStatuses('reported')).toEqual(['submitted', 'approved', 'verified']);
  });

  it('calls a project large and non-local only with both', () => {
    expect(isLargeNonLocal({ totalInvestmentYuan: 50_000_000, originScope: 'domestic' }, 50_000_000)).toBe(true);
    expect(isLargeNonLocal({ totalInvestmentYuan: 49_999_999, originScope: 'abroad' }, 50_000_000)).toBe(false);
    expect(isLargeNonLocal({ totalInvestmentYuan: 90_000_000, originScope: 'local' }, 50_000_000)).toBe(false);
    expect(isLargeNonLocal({ totalInvestmentYuan: 90_000_000, originScope: null }, 50_000_000)).toBe(false);
  });

  it('reads 省外 as including 境外, and 域外 as everything but local', () => {
    expect(
      originFigures(
        new Map([
          ['local', 1],
          ['province', 10],
          ['domestic', 100],
          ['abroad', 1000],
          ['', 5],
        ]),
      ),
    ).toEqual({
      localYtdYuan: 1,
      outsideRegionYtdYuan: 1110,
      outOfProvinceYtdYuan: 1100,
      abroadYtdYuan: 1000,
    });
  });

  it('orders units city, counties, zones, departments, then by sort and code', () => {
    const u = (code: string, kind: string, sort: number) => ({ code, kind, sort });
    const list = [u('D1', 'department', 0), u('Z1', 'zone', 0), u('U2', 'county', 2), u('U1', 'county', 2), u('C', 'city', 9)];
    expect(list.sort(compareUnits).map((x) => x.code)).toEqual(['C', 'U1', 'U2', 'Z1', 'D1']);
  });

  it('gives a period its dates, months and the same period last year', () => {
    expect(periodRange({ year: 2024, month: 2 })).toMatchObject({
      text: '2024-02',
      yearStart: '2024-01-01',
      end: '2024-02-29',
      endExclusive: '2024-03-01',
      ytdMonths: [1, 2],
      lastYear: { year: 2023, month: 2 },
      monthsLeft: 10,
    });
    expect(periodRange({ year: 2026, month: 12 })).toMatchObject({ end: '2026-12-31', endExclusive: '2027-01-01', monthsLeft: 0 });
  });

  it('words the gap to time progress one way everywhere', () => {
    expect(describeGap(timeProgressGap(0.3, 5 / 12))).toBe('落后时间进度11.7个百分点');
    expect(describeGap(timeProgressGap(0.5, 5 / 12))).toBe('超前时间进度8.3个百分点');
    expect(describeGap(timeProgressGap(5 / 12, 5 / 12))).toBe('与时间进度持平');
    expect(describeGap(timeProgressGap(null, 0.5))).toBe('');
  });

  it('leaves local funds out of the headline only under the non-local rule', () => {
    expect(headlineYuan(100, 30, 'all')).toBe(100);
    expect(headlineYuan(100, 30, 'nonLocal')).toBe(70);
  });
});
