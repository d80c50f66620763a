/**
 * Warning rules (DESIGN.md "Warnings"): pure functions over plain inputs and an as-of date.
 * Each rule gives at most one warning per subject (project or unit), at the highest level the
 * subject reaches; rules are independent of each other. Day thresholds count whole days from the
 * reference date to the as-of date and apply from the threshold day itself (days ≥ threshold).
 */
import { isReportOverdue, reportDueOn } from './activity';
import { daysBetween, formatPeriod, parsePeriod, previousPeriod, type Period } from './period';

export const WARNING_RULES = [
  'lead-unassessed',
  'stale-follow-up',
  'agreement-not-contracted',
  'contract-not-started',
  'started-no-funds',
  'started-low-funds',
  'overdue-commitment',
  'overdue-blocker',
  'submission-missing',
  'unit-behind',
  'unit-no-result',
  'activity-report-missing',
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];
export type WarningLevel = 'yellow' | 'red';

export const WARNING_RULE_LABELS: Readonly<Record<WarningRule, string>> = {
  'lead-unassessed': '线索未研判',
  'stale-follow-up': '在谈项目久未跟进',
  'agreement-not-contracted': '协议未转合同',
  'contract-not-started': '合同未开工',
  'started-no-funds': '开工项目连续无到位资金',
  'started-low-funds': '开工项目资金到位率低',
  'overdue-commitment': '承诺事项逾期',
  'overdue-blocker': '问题诉求逾期未解决',
  'submission-missing': '月度报送缺报',
  'unit-behind': '单位进度滞后',
  'unit-no-result': '单位零成效',
  'activity-report-missing': '招商活动报告逾期未交',
};

/** The thresholds the rules read; the names are the settings keys (src/contracts/settings.ts). */
export type WarningThresholds = {
  warnLeadAssessDays: number;
  warnFollowUpYellowDays: number;
  warnFollowUpRedDays: number;
  warnAgreementYellowDays: number;
  warnAgreementRedDays: number;
  warnContractYellowDays: number;
  warnContractRedDays: number;
  warnNoFundsMonths: number;
  warnStartedLowShareMonths: number;
  warnStartedLowSharePercent: number;
  warnSubmissionDueDay: number;
  warnBehindYellowPoints: number;
  warnBehindRedPoints: number;
  warnNoResultFromMonth: number;
};

export type WarningProject = {
  id: number;
  code: string;
  name: string;
  unitCode: string;
  owner: string | null;
  stage: string;
  registeredOn: string | null;
  assessedOn: string | null;
  lastFollowUpOn: string | null;
  agreementDate: string | null;
  agreementDueDate?: string | null;
  contractDate: string | null;
  startDate: string | null;
  totalInvestmentYuan: number;
  /** Reported funds of the project (any status but draft/returned), per period YYYY-MM. */
  fundsByPeriod: Record<string, number>;
};
export type WarningItem = { projectId: number; title: string; dueDate: string | null; open: boolean };
export type WarningUnit = { code: string; name: string };
/** A promotion activity (招商活动) of a unit: trips and delegations owe a report 15 days after return. */
export type WarningActivity = {
  id: number;
  name: string;
  kind: string;
  unitCode: string;
  startDate: string;
  endDate: string | null;
  reportedOn: string | null;
};
export type WarningUnitStats = {
  /** The month the statistics are for: the last month that ended before the as-of date. */
  period: Period;
  timeProgress: number;
  units: { code: string; targetBaseYuan: number | null; completion: number | null }[];
  zeroResultUnits: string[];
};

export type WarningInput = {
  asOf: string;
  thresholds: WarningThresholds;
  projects: WarningProject[];
  commitments: WarningItem[];
  blockers: WarningItem[];
  units: WarningUnit[];
  /** `unit|YYYY-MM` of monthly submissions that are submitted or approved. */
  submitted: Set<string>;
  unitStats: WarningUnitStats | null;
  activities?: WarningActivity[];
  /** Investors' inquiries from the public page ([F]) and when they must be answered. */
  inquiries?: WarningInquiries;
};

/** An inquiry from the public page: a lead for the city office, answered within `hours` of arriving. */
export type WarningInquiry = {
  id: number;
  name: string;
  company: string | null;
  /** ISO instants. */
  createdAt: string;
  answeredAt: string | null;
};
export type WarningInquiries = {
  hours: number;
  /** The instant "as of" means: now for today's run, the as-of day's end for a past day. */
  cutoff: string;
  /** The city's own unit: inquiries are the city office's work. */
  unitCode: string;
  items: WarningInquiry[];
};

export type ComputedWarning = {
  rule: WarningRule;
  level: WarningLevel;
  /** `project:<id>`, `unit:<code>` or `activity:<id>`: one warning per rule and subject. */
  subjectKey: string;
  unitCode: string;
  projectId: number | null;
  projectCode: string | null;
  projectName: string | null;
  owner: string | null;
  message: string;
  /** The measure that set the level (days, months, points, count). */
  measure: number | null;
};

/** Completion and time progress are ratios; compare points after rounding away float noise. */
function points(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** iso + n calendar months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonthsIso(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last month that ended before the as-of date (unit rules read its statistics). */
export function lastEndedPeriod(asOf: string): Period {
  return previousPeriod(parsePeriod(asOf.slice(0, 7))!);
}

function levelByDays(days: number, yellow: number, red: number): WarningLevel | null {
  if (days >= red) return 'red';
  if (days >= yellow) return 'yellow';
  return null;
}

function projectWarning(
  p: WarningProject,
  rule: WarningRule,
  level: WarningLevel,
  message: string,
  measure: number | null,
): ComputedWarning {
  return {
    rule,
    level,
    subjectKey: `project:${p.id}`,
    unitCode: p.unitCode,
    projectId: p.id,
    projectCode: p.code,
    projectName: p.name,
    owner: p.owner,
    message,
    measure,
  };
}

function unitWarning(u: WarningUnit, rule: WarningRule, level: WarningLevel, message: string, measure: number | null): ComputedWarning {
  return {
    rule,
    level,
    subjectKey: `unit:${u.code}`,
    unitCode: u.code,
    projectId: null,
    projectCode: null,
    projectName: null,
    owner: null,
    message,
    measure,
  };
}

export function ruleLeadUnassessed(p: WarningProject, asOf: string, t: WarningThresholds): ComputedWarning | null {
  if (p.stage !== 'lead' || p.assessedOn || !p.registeredOn) return null;
  const days = daysBetween(p.registeredOn, asOf);
  if (days < t.warnLeadAssessDays) return null;
  return projectWarning(p, 'lead-unassessed', 'yellow', `线索登记已 ${days} 天仍未研判（要求 ${t.warnLeadAssessDays} 天内）`, days);
}

export function ruleStaleFollowUp(p: WarningProject, asOf: string, t: WarningThresholds): ComputedWarning | null {
  if (p.stage !== 'negotiating' && p.stage !== 'intent') return null;
  const since = p.lastFollowUpOn ?? p.registeredOn;
  if (!since) return null;
  const days = daysBetween(since, asOf);
  const level = levelByDays(days, t.warnFollowUpYellowDays, t.warnFollowUpRedDays);
  if (!level) return null;
  const what = p.lastFollowUpOn ? `最近一次跟进（${since}）` : `登记（${since}）后一直没有跟进记录，`;
  return projectWarning(p, 'stale-follow-up', level, `${what}已 ${days} 天未跟进`, days);
}

export function ruleAgreementNotContracted(p: WarningProject, asOf: string, t: WarningThresholds): ComputedWarning | null {
  if (p.stage !== 'agreement' || !p.agreementDate) return null;
  const days = daysBetween(p.agreementDate, asOf);
  const level = levelByDays(days, t.warnAgreementYellowDays, t.warnAgreementRedDays);
  if (!level) return null;
  const due = p.agreementDueDate && p.agreementDueDate < asOf ? `，已超过协议约定的 ${p.agreementDueDate}` : '';
  return projectWarning(p, 'agreement-not-contracted', level, `协议签订（${p.agreementDate}）已 ${days} 天，仍未签订合同${due}`, days);
}

export function ruleContractNotStarted(p: WarningProject, asOf: string, t: WarningThresholds): ComputedWarning | null {
  if (p.stage !== 'contract' || !p.contractDate) return null;
  const days = daysBetween(p.contractDate, asOf);
  const level = levelByDays(days, t.warnContractYellowDays, t.warnContractRedDays);
  if (!level) return null;
  return projectWarning(p, 'contract-not-started', level, `合同签约（${p.contractDate}）已 ${days} 天，仍未开工`, days);
}

/** No funds in each of the last N months that ended before the as-of date, started before them. */
export function ruleStartedNoFunds(p: WarningProject, asOf: string, t: WarningThresholds): ComputedWarning | null {
  if (p.stage !== 'started' || !p.startDate) return null;
  const n = t.warnNoFundsMonths;
  let month = lastEndedPeriod(asOf);
  const last = formatPeriod(month);
  const window: string[] = [];
  for (let i = 0; i < n; i++) {
    window.push(formatPeriod(month));
    month = previousPeriod(month);
  }
  // The whole window must lie after the start month: a project started mid-window is not yet due.
  if (p.startDate.slice(0, 7) > formatPeriod(month)) return null;
  if (window.some((period) => (p.fundsByPeriod[period] ?? 0) > 0)) return null;
  const first = window[window.length - 1]!;
  return projectWarning(p, 'started-no-funds', 'yellow', `已开工（${p.startDate}），${first} 至 ${last} 连续 ${n} 个月没有到位资金`, n);
}

export function ruleStartedLowFunds(p: WarningProject, asOf: string, t: WarningThresholds): ComputedWarning | null {
  if (p.stage !== 'started' || !p.startDate || p.totalInvestmentYuan <= 0) return null;
  if (addMonthsIso(p.startDate, t.warnStartedLowShareMonths) > asOf) return null;
  const funds = Object.values(p.fundsByPeriod).reduce((a, b) => a + b, 0);
  const share = funds / p.totalInvestmentYuan;
  if (points(share * 100) >= t.warnStartedLowSharePercent) return null;
  const pct = (share * 100).toFixed(1);
  return projectWarning(
    p,
    'started-low-funds',
    'red',
    `开工（${p.startDate}）已满 ${t.warnStartedLowShareMonths} 个月，资金到位 ${pct}%，低于总投资的 ${t.warnStartedLowSharePercent}%`,
    Number(pct),
  );
}

/** Overdue from the day after the due date; one warning per project naming every overdue item. */
function overdueItems(
  rule: 'overdue-commitment' | 'overdue-blocker',
  what: string,
  items: WarningItem[],
  projects: Map<number, WarningProject>,
  asOf: string,
): ComputedWarning[] {
  const byProject = new Map<number, WarningItem[]>();
  for (const it of items) {
    if (!it.open || !it.dueDate || it.dueDate >= asOf) continue;
    const list = byProject.get(it.projectId) ?? [];
    list.push(it);
    byProject.set(it.projectId, list);
  }
  const out: ComputedWarning[] = [];
  for (const [projectId, list] of byProject) {
    const p = projects.get(projectId);
    if (!p) continue;
    list.sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
    const oldest = list[0]!;
    const days = daysBetween(oldest.dueDate!, asOf);
    const more = list.length > 1 ? `等 ${list.length} 项` : '';
    out.push(
      projectWarning(p, rule, 'red', `${what}“${oldest.title}”${more}已逾期 ${days} 天（应于 ${oldest.dueDate} 前完成）`, list.length),
    );
  }
  return out;
}

/** Monthly submissions of this year whose due day (the Nth of the next month) has passed. */
export function ruleSubmissionMissing(u: WarningUnit, asOf: string, t: WarningThresholds, submitted: Set<string>): ComputedWarning | null {
  const last = lastEndedPeriod(asOf);
  const missing: string[] = [];
  for (let m = 1; m <= last.month; m++) {
    const period = formatPeriod({ year: last.year, month: m });
    const next = m === 12 ? `${last.year + 1}-01` : `${last.year}-${String(m + 1).padStart(2, '0')}`;
    const due = `${next}-${String(t.warnSubmissionDueDay).padStart(2, '0')}`;
    // Missing "after the 5th": the due day itself still counts as on time.
    if (due < asOf && !submitted.has(`${u.code}|${period}`)) missing.push(period);
  }
  if (missing.length === 0) return null;
  const list = missing.length > 3 ? `${missing.slice(0, 3).join('、')} 等 ${missing.length} 个月` : missing.join('、');
  return unitWarning(
    u,
    'submission-missing',
    'yellow',
    `${list}的月度报送逾期未报（每月 ${t.warnSubmissionDueDay} 日前报上月）`,
    missing.length,
  );
}

export function ruleUnitBehind(u: WarningUnit, s: WarningUnitStats, t: WarningThresholds): ComputedWarning | null {
  const row = s.units.find((x) => x.code === u.code);
  if (!row || !row.targetBaseYuan || row.targetBaseYuan <= 0 || row.completion === null) return null;
  const behind = points((s.timeProgress - row.completion) * 100);
  let level: WarningLevel | null = null;
  if (behind > t.warnBehindRedPoints) level = 'red';
  else if (behind >= t.warnBehindYellowPoints) level = 'yellow';
  if (!level) return null;
  const pct = (x: number) => (x * 100).toFixed(1);
  return unitWarning(
    u,
    'unit-behind',
    level,
    `${formatPeriod(s.period)} 到位资金完成 ${pct(row.completion)}%，落后时间进度（${pct(s.timeProgress)}%）${behind.toFixed(1)} 个百分点`,
    behind,
  );
}

export function ruleUnitNoResult(u: WarningUnit, s: WarningUnitStats, t: WarningThresholds): ComputedWarning | null {
  if (s.period.month < t.warnNoResultFromMonth || !s.zeroResultUnits.includes(u.code)) return null;
  return unitWarning(
    u,
    'unit-no-result',
    'red',
    `${s.period.year} 年 1—${s.period.month} 月没有到位资金，也没有签约合同（零成效）`,
    s.period.month,
  );
}

const KIND_NAMES: Readonly<Record<string, string>> = { trip: '小分队', delegation: '代表团' };

/** Reports due longer ago than this are history (last year's ledger of trips), not chased any more. */
export const ACTIVITY_REPORT_CHASE_DAYS = 365;

/**
 * A trip or delegation back for more than 15 days (activity.ts's REPORT_DUE_DAYS) without its report —
 * the same "overdue" the activity list shows: yellow, named after the activity, cleared when the report
 * is filed, and no longer raised a year after the due date. The subject is the activity.
 */
export function ruleActivityReportMissing(a: WarningActivity, asOf: string): ComputedWarning | null {
  const base = { kind: a.kind, startDate: a.startDate, endDate: a.endDate, reportedOn: a.reportedOn };
  if (!isReportOverdue(base, asOf)) return null;
  const due = reportDueOn(base)!;
  const days = daysBetween(due, asOf);
  if (days > ACTIVITY_REPORT_CHASE_DAYS) return null;
  return {
    rule: 'activity-report-missing',
    level: 'yellow',
    subjectKey: `activity:${a.id}`,
    unitCode: a.unitCode,
    projectId: null,
    projectCode: null,
    projectName: null,
    owner: null,
    message: `${KIND_NAMES[a.kind] ?? ''}“${a.name}”于 ${a.endDate ?? a.startDate} 返回，活动报告应于 ${due} 前提交，已逾期 ${days} 天`,
    measure: days,
  };
}

/**
 * DESIGN.md's lead rule applied to an investor's inquiry ([F]): a lead the city office must answer within
 * the response time the settings give (inquiryResponseHours, default 48). Yellow like an unassessed lead;
 * the subject is the inquiry; cleared once it is answered or closed.
 */
export function ruleInquiryUnanswered(i: WarningInquiry, q: Omit<WarningInquiries, 'items'>): ComputedWarning | null {
  const created = Date.parse(i.createdAt);
  const cutoff = Date.parse(q.cutoff);
  if (!(created <= cutoff)) return null; // arrived after the as-of moment
  if (i.answeredAt && Date.parse(i.answeredAt) <= cutoff) return null;
  const hours = Math.floor((cutoff - created) / 3600_000);
  if (hours < q.hours) return null;
  const who = i.company ? `${i.name}（${i.company}）` : i.name;
  return {
    rule: 'lead-unassessed',
    level: 'yellow',
    subjectKey: `inquiry:${i.id}`,
    unitCode: q.unitCode,
    projectId: null,
    projectCode: null,
    projectName: null,
    owner: null,
    message: `投资咨询“${who}”提交已 ${hours} 小时仍未答复（要求 ${q.hours} 小时内）`,
    measure: hours,
  };
}

const PROJECT_RULES = [
  ruleLeadUnassessed,
  ruleStaleFollowUp,
  ruleAgreementNotContracted,
  ruleContractNotStarted,
  ruleStartedNoFunds,
  ruleStartedLowFunds,
];

const LEVEL_ORDER: Record<WarningLevel, number> = { red: 0, yellow: 1 };

/** Every warning as of the date, red first, then by unit, rule and project. */
export function computeWarnings(input: WarningInput): ComputedWarning[] {
  const { asOf, thresholds: t } = input;
  const out: ComputedWarning[] = [];
  for (const p of input.projects) {
    for (const rule of PROJECT_RULES) {
      const w = rule(p, asOf, t);
      if (w) out.push(w);
    }
  }
  const byId = new Map(input.projects.map((p) => [p.id, p]));
  for (const w of overdueItems('overdue-commitment', '承诺事项', input.commitments, byId, asOf)) out.push(w);
  for (const w of overdueItems('overdue-blocker', '问题诉求', input.blockers, byId, asOf)) out.push(w);
  for (const u of input.units) {
    const sub = ruleSubmissionMissing(u, asOf, t, input.submitted);
    if (sub) out.push(sub);
    if (!input.unitStats) continue;
    const behind = ruleUnitBehind(u, input.unitStats, t);
    if (behind) out.push(behind);
    const none = ruleUnitNoResult(u, input.unitStats, t);
    if (none) out.push(none);
  }
  if (input.inquiries) {
    const { items, ...q } = input.inquiries;
    for (const i of items) {
      const w = ruleInquiryUnanswered(i, q);
      if (w) out.push(w);
    }
  }
  for (const a of input.activities ?? []) {
    const w = ruleActivityReportMissing(a, asOf);
    if (w) out.push(w);
  }
  return out.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      a.unitCode.localeCompare(b.unitCode) ||
      WARNING_RULES.indexOf(a.rule) - WARNING_RULES.indexOf(b.rule) ||
      (a.projectCode ?? '').localeCompare(b.projectCode ?? '') ||
      a.subjectKey.localeCompare(b.subjectKey),
  );
}

/** Supervision escalation colour: blue until the deadline, yellow once past it, red after `redAfterDays`. */
export type EscalationColour = 'blue' | 'yellow' | 'red';
export function escalationColour(deadline: string, asOf: string, redAfterDays: number): EscalationColour {
  const late = daysBetween(deadline, asOf);
  if (late <= 0) return 'blue';
  return late >= redAfterDays ? 'red' : 'yellow';
}

// --- data quality of fund entries (inflated figures are the documented failure of target systems) ---

export type FundQualityThresholds = { spikeFactor: number; roundRunLength: number; roundUnitYuan: number };
export type FundQualityEntry = {
  id: number;
  projectId: number;
  unitCode: string;
  period: string;
  amountYuan: number;
  foreignUsd: number;
};
export type FundQualityProject = { id: number; stage: string; totalInvestmentYuan: number; contractDate: string | null };
export type FundQualityFlag = {
  code: 'spike' | 'round-run' | 'before-contract' | 'not-started' | 'above-investment' | 'foreign-mismatch';
  message: string;
};

/**
 * Flags for each entry of the period, with the reason, from the entries before it.
 * `history`: the units' monthly totals (period → yuan) and the projects' earlier entries (oldest first).
 */
export function fundQualityFlags(
  entries: FundQualityEntry[],
  ctx: {
    thresholds: FundQualityThresholds;
    projects: Map<number, FundQualityProject>;
    unitMonths: Map<string, Map<string, number>>;
    projectHistory: Map<number, { period: string; amountYuan: number }[]>;
    cnyPerUsdE4: number | null;
  },
): Map<number, FundQualityFlag[]> {
  const out = new Map<number, FundQualityFlag[]>();
  const { thresholds: th } = ctx;
  const wan = (y: number) => `${(y / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`;
  const periodTotals = new Map<string, number>();
  for (const e of entries)
    periodTotals.set(`${e.unitCode}|${e.period}`, (periodTotals.get(`${e.unitCode}|${e.period}`) ?? 0) + e.amountYuan);
  for (const e of entries) {
    const flags: FundQualityFlag[] = [];
    // A month far above the unit's own pattern: the mean of its earlier months that had funds.
    const months = [...(ctx.unitMonths.get(e.unitCode) ?? new Map<string, number>()).entries()].filter(([p, y]) => p < e.period && y > 0);
    const recent = months.sort((a, b) => b[0].localeCompare(a[0])).slice(0, 12);
    const total = periodTotals.get(`${e.unitCode}|${e.period}`) ?? 0;
    if (recent.length >= 3) {
      const mean = recent.reduce((a, [, y]) => a + y, 0) / recent.length;
      if (total > mean * th.spikeFactor) {
        flags.push({
          code: 'spike',
          message: `本单位本月合计 ${wan(total)}，是此前月均 ${wan(Math.round(mean))} 的 ${(total / mean).toFixed(1)} 倍`,
        });
      }
    }
    const history = ctx.projectHistory.get(e.projectId) ?? [];
    const earlier = history.filter((h) => h.period < e.period);
    const run = [...earlier.slice(-(th.roundRunLength - 1)).map((h) => h.amountYuan), e.amountYuan];
    if (run.length >= th.roundRunLength && run.every((y) => y > 0 && y % th.roundUnitYuan === 0)) {
      flags.push({
        code: 'round-run',
        message: `该项目连续 ${run.length} 个月到位金额都是整数（${run.map(wan).join('、')}），请核对银行凭证`,
      });
    }
    const p = ctx.projects.get(e.projectId);
    if (p) {
      if (['lead', 'negotiating', 'intent', 'agreement'].includes(p.stage)) {
        flags.push({ code: 'before-contract', message: '项目尚未签订合同就有到位资金' });
      } else if (p.stage === 'contract') {
        flags.push({ code: 'not-started', message: `项目${p.contractDate ? `于 ${p.contractDate} 签约后` : ''}尚未开工就有到位资金` });
      }
      const cumulative = earlier.reduce((a, h) => a + h.amountYuan, 0) + e.amountYuan;
      if (p.totalInvestmentYuan > 0 && cumulative > p.totalInvestmentYuan) {
        flags.push({ code: 'above-investment', message: `累计到位 ${wan(cumulative)}，超过项目总投资 ${wan(p.totalInvestmentYuan)}` });
      }
    }
    if (e.foreignUsd > 0) {
      const rate = (ctx.cnyPerUsdE4 ?? 0) / 10_000;
      // The RMB amount includes the foreign part, so it cannot be below the foreign part in 元.
      if (e.amountYuan <= 0 || (rate > 0 && e.amountYuan < e.foreignUsd * rate * 0.95)) {
        flags.push({
          code: 'foreign-mismatch',
          message:
            rate > 0
              ? `其中外资 ${e.foreignUsd.toLocaleString('en-US')} 美元（约 ${wan(Math.round(e.foreignUsd * rate))}），但到位金额只有 ${wan(e.amountYuan)}`
              : '填了外资金额，但没有相应的人民币到位金额',
        });
      }
    }
    if (flags.length) out.set(e.id, flags);
  }
  return out;
}

// --- two units chasing one investor (首报首谈) ---

/** A project name without spaces, punctuation and generic words, for comparing registrations. */
export function normalizeProjectName(name: string): string {
  return name
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/(建设|新建|项目|工程|有限公司|有限责任公司)/g, '')
    .toLowerCase();
}

export type LeadProject = {
  id: number;
  code: string;
  name: string;
  unitCode: string;
  creditCode: string | null;
  registeredOn: string | null;
};
export type LeadConflict = { key: string; reason: 'credit-code' | 'similar-name'; detail: string; projects: [LeadProject, LeadProject] };

/**
 * Pairs of projects of different units with the same investor credit code or the same name once
 * spaces, punctuation and generic words are dropped. (A one-character difference is not enough:
 * 松源 and 松涛 are different investors.) The caller passes projects still being courted only.
 */
export function findLeadConflicts(projects: LeadProject[]): LeadConflict[] {
  const out: LeadConflict[] = [];
  const seen = new Set<string>();
  const norm = projects.map((p) => ({ p, n: normalizeProjectName(p.name) }));
  for (let i = 0; i < norm.length; i++) {
    for (let k = i + 1; k < norm.length; k++) {
      const a = norm[i]!;
      const b = norm[k]!;
      if (a.p.unitCode === b.p.unitCode) continue;
      const [x, y] = a.p.id < b.p.id ? [a.p, b.p] : [b.p, a.p];
      const key = `${x.id}-${y.id}`;
      if (seen.has(key)) continue;
      if (x.creditCode && x.creditCode === y.creditCode) {
        seen.add(key);
        out.push({ key, reason: 'credit-code', detail: `投资方统一社会信用代码相同（${x.creditCode}）`, projects: [x, y] });
      } else if (a.n.length >= 4 && a.n === b.n) {
        seen.add(key);
        out.push({ key, reason: 'similar-name', detail: `项目名称几乎相同（“${x.name}”与“${y.name}”）`, projects: [x, y] });
      }
    }
  }
  return out;
}
