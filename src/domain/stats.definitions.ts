/**
 * The definitions behind every dispatch figure, written once (issue [L] item 1). The statistics
 * service, the rollup triggers (their SQL is generated from these: src/modules/stats/rollups.sql.ts),
 * targets, assessment and the reports import them, so a figure reads the same everywhere.
 * Pure: no I/O, no framework (shared with the web).
 */
import { formatPercent } from './money';
import type { Period } from './period';

// ---------------------------------------------------------------------------------------------
// Basis: which fund entries count

export type StatsBasis = 'verified' | 'reported';
export const STATS_BASES: readonly StatsBasis[] = ['verified', 'reported'];

/**
 * Fund statuses that count for a basis: verified only (the official figure), or everything a unit
 * has reported (submitted, approved by the unit head, verified). Drafts and returned entries never count.
 */
export const COUNTED_STATUSES: Readonly<Record<StatsBasis, readonly string[]>> = {
  verified: ['verified'],
  reported: ['submitted', 'approved', 'verified'],
};

export function countedStatuses(basis: StatsBasis): string[] {
  return [...COUNTED_STATUSES[basis]];
}

export function isCounted(status: string, basis: StatsBasis): boolean {
  return COUNTED_STATUSES[basis].includes(status);
}

// ---------------------------------------------------------------------------------------------
// Origin: 本地 / 域外 / 省外 / 境外

export type OriginScopeCode = 'local' | 'province' | 'domestic' | 'abroad';

/** 域外 (outside the city): every scope but local. A project without investor is in none of them. */
export const OUTSIDE_REGION_SCOPES: readonly OriginScopeCode[] = ['province', 'domestic', 'abroad'];
/** 省外 (outside the province) includes 境外: the briefing says 「省外X亿元（含境外Y亿元）」. */
export const OUT_OF_PROVINCE_SCOPES: readonly OriginScopeCode[] = ['domestic', 'abroad'];
export const ABROAD_SCOPES: readonly OriginScopeCode[] = ['abroad'];

/** Σ funds by origin scope → the four origin figures of the dispatch statistics. */
export function originFigures(byScope: ReadonlyMap<string, number> | Readonly<Record<string, number>>): {
  localYtdYuan: number;
  outsideRegionYtdYuan: number;
  outOfProvinceYtdYuan: number;
  abroadYtdYuan: number;
} {
  const get = (k: string) => (byScope instanceof Map ? byScope.get(k) : (byScope as Record<string, number>)[k]) ?? 0;
  const sum = (scopes: readonly string[]) => scopes.reduce((t, k) => t + get(k), 0);
  return {
    localYtdYuan: get('local'),
    outsideRegionYtdYuan: sum(OUTSIDE_REGION_SCOPES),
    outOfProvinceYtdYuan: sum(OUT_OF_PROVINCE_SCOPES),
    abroadYtdYuan: sum(ABROAD_SCOPES),
  };
}

// ---------------------------------------------------------------------------------------------
// Large projects: total investment ≥ threshold and a non-local investor

export function isLarge(totalInvestmentYuan: number, thresholdYuan: number): boolean {
  return totalInvestmentYuan >= thresholdYuan;
}

export function isNonLocal(originScope: string | null | undefined): boolean {
  return originScope !== null && originScope !== undefined && OUTSIDE_REGION_SCOPES.includes(originScope as OriginScopeCode);
}

/** A project counts among `largeProjects` when it is large and its investor is not local. */
export function isLargeNonLocal(
  p: { totalInvestmentYuan: number; originScope: string | null | undefined },
  thresholdYuan: number,
): boolean {
  return isLarge(p.totalInvestmentYuan, thresholdYuan) && isNonLocal(p.originScope);
}

// ---------------------------------------------------------------------------------------------
// Counting rule (口径): do funds from local investors count in the headline 招商引资额?

export type CountingRule = 'all' | 'nonLocal';

export function countingRuleOf(countLocalFundsInHeadline: boolean): CountingRule {
  return countLocalFundsInHeadline ? 'all' : 'nonLocal';
}

export const COUNTING_RULE_TEXT: Readonly<Record<CountingRule, string>> = {
  all: '招商引资额含本地投资方到位资金',
  nonLocal: '招商引资额只计域外投资方到位资金（不含本地）',
};

/** The headline 招商引资额 under a rule: all counted funds, or all but those of local investors. */
export function headlineYuan(fundsYuan: number, localYuan: number, rule: CountingRule): number {
  return rule === 'all' ? fundsYuan : fundsYuan - localYuan;
}

// ---------------------------------------------------------------------------------------------
// Units: the order every table lists them in

export const UNIT_KIND_ORDER: Readonly<Record<string, number>> = { city: 0, county: 1, zone: 2, department: 3 };

/** City first, then counties, zones, departments; within a kind by `sort`, then code. */
export function compareUnits(a: { kind: string; sort: number; code: string }, b: { kind: string; sort: number; code: string }): number {
  return (UNIT_KIND_ORDER[a.kind] ?? 9) - (UNIT_KIND_ORDER[b.kind] ?? 9) || a.sort - b.sort || a.code.localeCompare(b.code);
}

// ---------------------------------------------------------------------------------------------
// Period ranges

const pad = (n: number) => String(n).padStart(2, '0');

export type PeriodRange = {
  period: Period;
  /** "2026-05" */
  text: string;
  /** First day of the year: "2026-01-01". */
  yearStart: string;
  /** Last day of the period: "2026-05-31". */
  end: string;
  /** First day after the period: "2026-06-01" (dates < this are in the period's YTD). */
  endExclusive: string;
  /** Months of the year up to M: [1 … M]. */
  ytdMonths: number[];
  /** The same period last year (同期). */
  lastYear: Period;
  /** Months left in the year after M (the speech's 「距年底还有N个月」). */
  monthsLeft: number;
};

export function periodRange(p: Period): PeriodRange {
  const endExclusive = p.month === 12 ? `${p.year + 1}-01-01` : `${p.year}-${pad(p.month + 1)}-01`;
  const lastDay = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return {
    period: { year: p.year, month: p.month },
    text: `${p.year}-${pad(p.month)}`,
    yearStart: `${p.year}-01-01`,
    end: `${p.year}-${pad(p.month)}-${pad(lastDay)}`,
    endExclusive,
    ytdMonths: Array.from({ length: p.month }, (_, i) => i + 1),
    lastYear: { year: p.year - 1, month: p.month },
    monthsLeft: 12 - p.month,
  };
}

/** "2026年1-5月" ("2026年1月" in January): how the speech names a YTD period. */
export function ytdPeriodText(p: Period): string {
  return p.month === 1 ? `${p.year}年1月` : `${p.year}年1-${p.month}月`;
}

// ---------------------------------------------------------------------------------------------
// Time progress and the gap to it

/** Time progress = M / 12. */
export function timeProgressOf(month: number): number {
  return month / 12;
}

/** Percentage points by which completion trails time progress; negative when ahead; null without target. */
export function timeProgressGap(completion: number | null, timeProgress: number): number | null {
  if (completion === null) return null;
  return (timeProgress - completion) * 100;
}

/** A scope is behind when its completion is below time progress; no target → never behind. */
export function isBehindTime(completion: number | null, timeProgress: number): boolean {
  return completion !== null && completion < timeProgress;
}

/**
 * The words for a gap, the same on the dashboard, in Excel and in the briefing:
 * 「落后时间进度11.5个百分点」, 「超前时间进度3.2个百分点」, 「与时间进度持平」; '' without target.
 */
export function describeGap(gapPoints: number | null, form: 'full' | 'short' = 'full'): string {
  if (gapPoints === null) return form === 'full' ? '' : '—';
  const points = formatPercent(Math.abs(gapPoints) / 100).replace('%', '');
  if (points === '0.0') return form === 'full' ? '与时间进度持平' : '持平';
  const word = gapPoints > 0 ? '落后' : '超前';
  // 'full' for sentences ("落后时间进度11.5个百分点"), 'short' for table cells ("落后11.5个百分点").
  return form === 'full' ? `${word}时间进度${points}个百分点` : `${word}${points}个百分点`;
}
