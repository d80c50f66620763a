/**
 * Every statistics formula of the dispatch meeting (DESIGN.md "Statistics"). SQL produces sums
 * and counts; this module turns them into ratios, growth, ranks and lists, so the API, the
 * dashboard, Excel and the Word briefing cannot disagree.
 */
import type { UnitKind } from './labels';
import { formatGrowth, formatPercent, formatWan, formatWanUsd, formatYi } from './money';
import { quarterOf, timeProgress as monthTimeProgress, type Period } from './period';
import { ALL_STAGES, type Stage } from './stages';
import {
  countedStatuses,
  describeGap,
  headlineYuan,
  isBehindTime,
  periodRange,
  timeProgressGap,
  ytdPeriodText,
  type CountingRule,
} from './stats.definitions';
export { compareUnits, describeGap, periodRange, ytdPeriodText as periodSpanText } from './stats.definitions';

/** Year on year: current / lastYear − 1; null without a base (lastYear = 0). */
export function yoy(current: number, lastYear: number): number | null {
  if (lastYear === 0) return null;
  return current / lastYear - 1;
}

/** part / whole; null when whole is missing or 0. */
export function ratio(part: number, whole: number | null | undefined): number | null {
  if (whole === null || whole === undefined || whole === 0) return null;
  return part / whole;
}

/** A scope is behind when its completion is below time progress (stats.definitions: isBehindTime). */
export const isBehind = isBehindTime;

/** Points by which completion trails time progress (stats.definitions: timeProgressGap). */
export const behindPoints = timeProgressGap;

/**
 * Ranks units with a funds target (> 0) by completion desc, then funds desc; ties keep input
 * order (pass units in code order). Units without a target get rank null. Output keeps input order.
 */
export function rankUnits<T extends { targetBaseYuan: number | null; fundsYtdYuan: number; completion: number | null }>(
  units: T[],
): (T & { rank: number | null })[] {
  const eligible = units
    .map((unit, index) => ({ unit, index }))
    .filter(({ unit }) => unit.targetBaseYuan !== null && unit.targetBaseYuan > 0 && unit.completion !== null);
  eligible.sort(
    (a, b) => (b.unit.completion ?? 0) - (a.unit.completion ?? 0) || b.unit.fundsYtdYuan - a.unit.fundsYtdYuan || a.index - b.index,
  );
  const ranks = new Map<number, number>();
  eligible.forEach(({ index }, position) => ranks.set(index, position + 1));
  return units.map((unit, index) => ({ ...unit, rank: ranks.get(index) ?? null }));
}

// ---------------------------------------------------------------------------------------------
// Dispatch statistics

export type MonthAmount = { month: number; yuan: number };

export type DispatchUnitInput = {
  code: string;
  name: string;
  kind: UnitKind;
  targetBaseYuan: number | null;
  fundsYtdYuan: number;
  fundsYtdLastYearYuan: number;
  hasContractYtd: boolean;
  /** Optional so older callers still type-check; 0 / null when left out. */
  targetStretchYuan?: number | null;
  /** Counted funds of local investors (本地), for the counting rule. */
  localYtdYuan?: number;
  foreignUsdYtd?: number;
  contractsYtd?: { count: number; totalInvestmentYuan: number };
  largeProjects?: { count: number; fundsYtdYuan: number };
};

/** Raw sums and counts for one period and scope, as SQL returns them. */
export type DispatchInput = {
  period: Period;
  /** Counted funds of year Y by month (months > M are ignored; a month may repeat). */
  fundsByMonth: MonthAmount[];
  /** The same for Y − 1. */
  lastYearByMonth: MonthAmount[];
  targetBaseYuan: number | null;
  targetStretchYuan: number | null;
  foreignUsdYtd: number;
  outsideRegionYtdYuan: number;
  outOfProvinceYtdYuan: number;
  abroadYtdYuan: number;
  largeProjects: { thresholdYuan: number; count: number; fundsYtdYuan: number };
  reserve: { thresholdYuan: number; count: number; totalInvestmentYuan: number };
  activities: { trips: number; personTimes: number };
  contractsYtd: { count: number; totalInvestmentYuan: number };
  stageCounts: Partial<Record<Stage, number>>;
  /** Every unit but the city's own (a unit of kind city is ignored), in code order. */
  units: DispatchUnitInput[];
  /** Counted funds of local investors in the scope (本地); 0 when left out. */
  localYtdYuan?: number;
  /** The counting rule (口径) in force; 'all' (local funds count) when left out. */
  countingRule?: CountingRule;
};

export type QuarterStats = { quarter: number; fundsYuan: number; lastYearYuan: number; yoy: number | null };

export type DispatchUnitStats = {
  code: string;
  name: string;
  kind: UnitKind;
  targetBaseYuan: number | null;
  fundsYtdYuan: number;
  completion: number | null;
  yoy: number | null;
  rank: number | null;
  fundsYtdLastYearYuan: number;
  targetStretchYuan: number | null;
  completionStretch: number | null;
  /** The headline 招商引资额 under the counting rule (completion and rank are measured on it). */
  headlineYtdYuan: number;
  localYtdYuan: number;
  foreignUsdYtd: number;
  contractsYtd: { count: number; totalInvestmentYuan: number };
  largeProjects: { count: number; fundsYtdYuan: number };
};

export type DispatchStats = {
  period: { year: number; month: number };
  fundsYtdYuan: number;
  fundsYtdLastYearYuan: number;
  yoy: number | null;
  targetBaseYuan: number | null;
  targetStretchYuan: number | null;
  completion: number | null;
  completionStretch: number | null;
  timeProgress: number;
  foreignUsdYtd: number;
  outsideRegionYtdYuan: number;
  outOfProvinceYtdYuan: number;
  abroadYtdYuan: number;
  quarters: QuarterStats[];
  largeProjects: { thresholdYuan: number; count: number; fundsYtdYuan: number; share: number | null };
  reserve: { thresholdYuan: number; count: number; totalInvestmentYuan: number };
  activities: { trips: number; personTimes: number };
  contractsYtd: { count: number; totalInvestmentYuan: number };
  stageCounts: Record<Stage, number>;
  units: DispatchUnitStats[];
  zeroResultUnits: string[];
  /** The counting rule in force; `completion` is measured on `headlineYtdYuan`. */
  countingRule: CountingRule;
  /** The headline 招商引资额: `fundsYtdYuan`, or without local investors' funds under rule 'nonLocal'. */
  headlineYtdYuan: number;
  /** Counted funds of local investors (本地): fundsYtdYuan = localYtdYuan + outsideRegionYtdYuan + funds of projects without investor. */
  localYtdYuan: number;
  /** Words for the gap to time progress, e.g. 「落后时间进度11.5个百分点」 ('' without target). */
  progressGapText: string;
};

function sumMonths(rows: MonthAmount[], fromMonth: number, toMonth: number): number {
  let total = 0;
  for (const r of rows) if (r.month >= fromMonth && r.month <= toMonth) total += r.yuan;
  return total;
}

/** Assembles every derived figure of the dispatch statistics from raw sums. */
export function buildDispatchStats(input: DispatchInput): DispatchStats {
  const { year, month } = input.period;
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`报告期月份无效：${month}`);
  }
  const fundsYtdYuan = sumMonths(input.fundsByMonth, 1, month);
  const fundsYtdLastYearYuan = sumMonths(input.lastYearByMonth, 1, month);

  const quarters: QuarterStats[] = [];
  for (let q = 1; q <= quarterOf(month); q++) {
    const from = (q - 1) * 3 + 1;
    const to = Math.min(q * 3, month);
    const fundsYuan = sumMonths(input.fundsByMonth, from, to);
    const lastYearYuan = sumMonths(input.lastYearByMonth, from, to);
    quarters.push({ quarter: q, fundsYuan, lastYearYuan, yoy: yoy(fundsYuan, lastYearYuan) });
  }

  const stageCounts = Object.fromEntries(ALL_STAGES.map((s) => [s, input.stageCounts[s] ?? 0])) as Record<Stage, number>;

  const rule = input.countingRule ?? 'all';
  const localYtdYuan = input.localYtdYuan ?? 0;
  const headline = headlineYuan(fundsYtdYuan, localYtdYuan, rule);
  const units = rankUnits(
    input.units
      .filter((u) => u.kind !== 'city')
      .map((u) => {
        const unitHeadline = headlineYuan(u.fundsYtdYuan, u.localYtdYuan ?? 0, rule);
        const stretch = u.targetStretchYuan ?? null;
        return {
          code: u.code,
          name: u.name,
          kind: u.kind,
          targetBaseYuan: u.targetBaseYuan,
          fundsYtdYuan: u.fundsYtdYuan,
          completion: ratio(unitHeadline, u.targetBaseYuan),
          yoy: yoy(u.fundsYtdYuan, u.fundsYtdLastYearYuan),
          fundsYtdLastYearYuan: u.fundsYtdLastYearYuan,
          targetStretchYuan: stretch,
          completionStretch: ratio(unitHeadline, stretch),
          headlineYtdYuan: unitHeadline,
          localYtdYuan: u.localYtdYuan ?? 0,
          foreignUsdYtd: u.foreignUsdYtd ?? 0,
          contractsYtd: u.contractsYtd ?? { count: 0, totalInvestmentYuan: 0 },
          largeProjects: u.largeProjects ?? { count: 0, fundsYtdYuan: 0 },
        };
      }),
  );

  const zeroResultUnits = input.units
    .filter((u) => u.kind !== 'city' && u.targetBaseYuan !== null && u.targetBaseYuan > 0 && u.fundsYtdYuan === 0 && !u.hasContractYtd)
    .map((u) => u.code);

  return {
    period: { year, month },
    fundsYtdYuan,
    fundsYtdLastYearYuan,
    yoy: yoy(fundsYtdYuan, fundsYtdLastYearYuan),
    targetBaseYuan: input.targetBaseYuan,
    targetStretchYuan: input.targetStretchYuan,
    completion: ratio(headline, input.targetBaseYuan),
    completionStretch: ratio(headline, input.targetStretchYuan),
    timeProgress: monthTimeProgress(month),
    foreignUsdYtd: input.foreignUsdYtd,
    outsideRegionYtdYuan: input.outsideRegionYtdYuan,
    outOfProvinceYtdYuan: input.outOfProvinceYtdYuan,
    abroadYtdYuan: input.abroadYtdYuan,
    quarters,
    largeProjects: {
      thresholdYuan: input.largeProjects.thresholdYuan,
      count: input.largeProjects.count,
      fundsYtdYuan: input.largeProjects.fundsYtdYuan,
      share: ratio(input.largeProjects.fundsYtdYuan, fundsYtdYuan),
    },
    reserve: { ...input.reserve },
    activities: { ...input.activities },
    contractsYtd: { ...input.contractsYtd },
    stageCounts,
    units,
    zeroResultUnits,
    countingRule: rule,
    headlineYtdYuan: headline,
    localYtdYuan,
    progressGapText: describeGap(timeProgressGap(ratio(headline, input.targetBaseYuan), monthTimeProgress(month))),
  };
}

// ---------------------------------------------------------------------------------------------
// Briefing figures: the strings a dispatch speech uses

const QUARTER_NAMES = ['一季度', '二季度', '三季度', '四季度'] as const;

export type BriefingQuarter = {
  quarter: number;
  /** "一季度" */
  label: string;
  fundsYi: string;
  lastYearYi: string;
  yoyText: string;
  /** "一季度到位资金1.08亿元，同比下降55.2%"; a quarter still running reads "二季度（4-5月）…" */
  text: string;
};

export type BriefingFigures = {
  /** "2026年1-5月" ("2026年1月" in January) */
  periodText: string;
  fundsYi: string;
  fundsWan: string;
  lastYearYi: string;
  yoyText: string;
  targetBaseYi: string;
  targetStretchYi: string;
  completionText: string;
  completionStretchText: string;
  timeProgressText: string;
  behind: boolean;
  /** "落后时间进度11.5个百分点" / "超前时间进度3.2个百分点" / "" without target */
  progressGapText: string;
  foreignText: string;
  outsideRegionYi: string;
  outsideRegionShareText: string;
  outOfProvinceYi: string;
  abroadYi: string;
  quarters: BriefingQuarter[];
  largeProjectsThresholdWan: string;
  largeProjectsCount: string;
  largeProjectsFundsYi: string;
  largeProjectsShareText: string;
  reserveThresholdWan: string;
  reserveCount: string;
  reserveTotalYi: string;
  tripsCount: string;
  personTimes: string;
  contractsCount: string;
  contractsTotalYi: string;
  /** Unit names joined by "、", ranked units in rank order. */
  rankedUnitNames: string;
  behindUnitNames: string;
  zeroResultUnitNames: string;
};

function yiOrDash(yuan: number | null): string {
  return yuan === null ? '—' : formatYi(yuan);
}

/** Formats a DispatchStats for the Word briefing and the dashboard headline. */
export function briefingFigures(s: DispatchStats): BriefingFigures {
  const { year, month } = s.period;
  const quarters = s.quarters.map((q): BriefingQuarter => {
    const label = QUARTER_NAMES[q.quarter - 1] ?? `第${q.quarter}季度`;
    const first = (q.quarter - 1) * 3 + 1;
    const last = Math.min(q.quarter * 3, month);
    const running = last < q.quarter * 3;
    const span = running ? (first === last ? `（${first}月）` : `（${first}-${last}月）`) : '';
    const fundsYi = formatYi(q.fundsYuan);
    const yoyText = formatGrowth(q.yoy);
    return {
      quarter: q.quarter,
      label,
      fundsYi,
      lastYearYi: formatYi(q.lastYearYuan),
      yoyText,
      text: `${label}${span}到位资金${fundsYi}，${yoyText}`,
    };
  });

  const progressGapText = describeGap(timeProgressGap(s.completion, s.timeProgress));

  const names = (units: DispatchUnitStats[]): string => units.map((u) => u.name).join('、');
  const ranked = s.units.filter((u) => u.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const zero = new Set(s.zeroResultUnits);

  return {
    periodText: ytdPeriodText({ year, month }),
    fundsYi: formatYi(s.fundsYtdYuan),
    fundsWan: formatWan(s.fundsYtdYuan),
    lastYearYi: formatYi(s.fundsYtdLastYearYuan),
    yoyText: formatGrowth(s.yoy),
    targetBaseYi: yiOrDash(s.targetBaseYuan),
    targetStretchYi: yiOrDash(s.targetStretchYuan),
    completionText: formatPercent(s.completion),
    completionStretchText: formatPercent(s.completionStretch),
    timeProgressText: formatPercent(s.timeProgress),
    behind: isBehind(s.completion, s.timeProgress),
    progressGapText,
    foreignText: formatWanUsd(s.foreignUsdYtd),
    outsideRegionYi: formatYi(s.outsideRegionYtdYuan),
    outsideRegionShareText: formatPercent(ratio(s.outsideRegionYtdYuan, s.fundsYtdYuan)),
    outOfProvinceYi: formatYi(s.outOfProvinceYtdYuan),
    abroadYi: formatYi(s.abroadYtdYuan),
    quarters,
    largeProjectsThresholdWan: formatWan(s.largeProjects.thresholdYuan, 0),
    largeProjectsCount: String(s.largeProjects.count),
    largeProjectsFundsYi: formatYi(s.largeProjects.fundsYtdYuan),
    largeProjectsShareText: formatPercent(s.largeProjects.share),
    reserveThresholdWan: formatWan(s.reserve.thresholdYuan, 0),
    reserveCount: String(s.reserve.count),
    reserveTotalYi: formatYi(s.reserve.totalInvestmentYuan),
    tripsCount: String(s.activities.trips),
    personTimes: String(s.activities.personTimes),
    contractsCount: String(s.contractsYtd.count),
    contractsTotalYi: formatYi(s.contractsYtd.totalInvestmentYuan),
    rankedUnitNames: names(ranked),
    behindUnitNames: names(ranked.filter((u) => isBehind(u.completion, s.timeProgress))),
    zeroResultUnitNames: names(s.units.filter((u) => zero.has(u.code))),
  };
}

// ---------------------------------------------------------------------------------------------
// Speech figures (branch "reports"): unit order, the period's date range, the gap to time
// progress in words, and what a scope still needs per month. The briefing, the Excel reports and
// src/modules/stats/speech.service.ts use these copies only (the statistics engine has its own
// until the "stats" branch's stats.definitions.ts replaces both).

const UNIT_KIND_ORDER: Readonly<Record<string, number>> = { city: 0, county: 1, zone: 2, department: 3 };

/** Fund statuses that count for a basis: verified only, or everything a unit has reported. */
export function countedFundStatuses(basis: 'verified' | 'reported'): string[] {
  return countedStatuses(basis);
}

/** Whole months of the year after month M (December → 0). */
export function monthsLeftInYear(month: number): number {
  return Math.max(0, 12 - month);
}

/**
 * What a scope must bring in each remaining month to reach a target: (target − ytd) / months
 * left, rounded up to the yuan; 0 once reached; null without a target or with no month left.
 */
export function monthlyNeeded(targetYuan: number | null, ytdYuan: number, monthsLeft: number): number | null {
  if (targetYuan === null || targetYuan <= 0 || monthsLeft <= 0) return null;
  const rest = targetYuan - ytdYuan;
  return rest <= 0 ? 0 : Math.ceil(rest / monthsLeft);
}

/** The day figures "as of the period" are taken: the period's last day, or today while it runs. */
export function periodAsOf(p: Period, today: string): string {
  const { end } = periodRange(p);
  return today < end ? today : end;
}

/** Days past a due date as of a day; null when not due yet (or no due date). */
export function daysOverdue(dueDate: string | null, asOf: string): number | null {
  if (!dueDate || dueDate >= asOf) return null;
  const days = Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
  return Number.isFinite(days) && days > 0 ? days : null;
}

/** 「距年底还有7个月，需月均到位1.41亿元」; '' when nothing is needed or there is no target. */
export function monthlyNeededText(monthsLeft: number, neededYuan: number | null): string {
  if (neededYuan === null || monthsLeft <= 0) return '';
  if (neededYuan === 0) return '已完成全年目标';
  return `距年底还有${monthsLeft}个月，需月均到位${formatYi(neededYuan)}`;
}
