import { describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  computeWarnings,
  escalationColour,
  lastEndedPeriod,
  ruleActivityReportMissing,
  ruleInquiryUnanswered,
  ruleAgreementNotContracted,
  ruleContractNotStarted,
  ruleLeadUnassessed,
  ruleStaleFollowUp,
  ruleStartedLowFunds,
  ruleStartedNoFunds,
  ruleSubmissionMissing,
  ruleUnitBehind,
  ruleUnitNoResult,
  fundQualityFlags,
  type WarningInput,
  type WarningProject,
  type WarningThresholds,
  type WarningUnitStats,
} from './warnings';
import { addDays } from './period';

const T: WarningThresholds = {
  warnLeadAssessDays: 3,
  warnFollowUpYellowDays: 60,
  warnFollowUpRedDays: 90,
  warnAgreementYellowDays: 90,
  warnAgreementRedDays: 180,
  warnContractYellowDays: 180,
  warnContractRedDays: 365,
  warnNoFundsMonths: 3,
  warnStartedLowShareMonths: 6,
  warnStartedLowSharePercent: 15,
  warnSubmissionDueDay: 5,
  warnBehindYellowPoints: 10,
  warnBehindRedPoints: 30,
  warnNoResultFromMonth: 4,
};

function project(over: Partial<WarningProject>): WarningProject {
  return {
    id: 1,
    code: 'P1',
    name: '项目一',
    unitCode: 'U01',
    owner: '张三',
    stage: 'lead',
    registeredOn: '2026-01-01',
    assessedOn: null,
    lastFollowUpOn: null,
    agreementDate: null,
    contractDate: null,
    startDate: null,
    totalInvestmentYuan: 100_000_000,
    fundsByPeriod: {},
    ...over,
  };
}
const level = (w: { level: string } | null) => w?.level ?? null;

describe('day rules: the threshold day itself warns, the day before does not', () => {
  it('lead-unassessed: yellow from day 3 after registration', () => {
    const p = project({ stage: 'lead', registeredOn: '2026-05-10' });
    expect(level(ruleLeadUnassessed(p, '2026-05-12', T))).toBeNull();
    expect(level(ruleLeadUnassessed(p, '2026-05-13', T))).toBe('yellow');
    expect(ruleLeadUnassessed({ ...p, assessedOn: '2026-05-11' }, '2026-06-30', T)).toBeNull();
    expect(ruleLeadUnassessed({ ...p, stage: 'negotiating' }, '2026-06-30', T)).toBeNull();
  });

  it('stale-follow-up: yellow 60–89 days, red from 90, from the last follow-up (else registration)', () => {
    const p = project({ stage: 'negotiating', lastFollowUpOn: '2026-01-01' });
    expect(level(ruleStaleFollowUp(p, addDays('2026-01-01', 59), T))).toBeNull();
    expect(level(ruleStaleFollowUp(p, addDays('2026-01-01', 60), T))).toBe('yellow');
    expect(level(ruleStaleFollowUp(p, addDays('2026-01-01', 89), T))).toBe('yellow');
    expect(level(ruleStaleFollowUp(p, addDays('2026-01-01', 90), T))).toBe('red');
    const never = project({ stage: 'intent', registeredOn: '2026-02-01', lastFollowUpOn: null });
    expect(level(ruleStaleFollowUp(never, addDays('2026-02-01', 60), T))).toBe('yellow');
    expect(ruleStaleFollowUp({ ...p, stage: 'contract' }, '2027-01-01', T)).toBeNull();
  });

  it('agreement-not-contracted: yellow 90–179 days after signing, red from 180', () => {
    const p = project({ stage: 'agreement', agreementDate: '2026-01-10' });
    expect(level(ruleAgreementNotContracted(p, addDays('2026-01-10', 89), T))).toBeNull();
    expect(level(ruleAgreementNotContracted(p, addDays('2026-01-10', 90), T))).toBe('yellow');
    expect(level(ruleAgreementNotContracted(p, addDays('2026-01-10', 179), T))).toBe('yellow');
    expect(level(ruleAgreementNotContracted(p, addDays('2026-01-10', 180), T))).toBe('red');
    const due = ruleAgreementNotContracted({ ...p, agreementDueDate: '2026-04-01' }, addDays('2026-01-10', 100), T);
    expect(due?.message).toContain('已超过协议约定的 2026-04-01');
  });

  it('contract-not-started: yellow when 180 ≤ days < 365, red from 365', () => {
    const p = project({ stage: 'contract', contractDate: '2025-03-01' });
    expect(level(ruleContractNotStarted(p, addDays('2025-03-01', 179), T))).toBeNull();
    expect(level(ruleContractNotStarted(p, addDays('2025-03-01', 180), T))).toBe('yellow');
    expect(level(ruleContractNotStarted(p, addDays('2025-03-01', 364), T))).toBe('yellow');
    expect(level(ruleContractNotStarted(p, addDays('2025-03-01', 365), T))).toBe('red');
    expect(ruleContractNotStarted({ ...p, stage: 'started' }, '2027-01-01', T)).toBeNull();
  });
});

describe('funds rules of started projects', () => {
  it('started-no-funds: the last 3 ended months without funds, the project started before them', () => {
    const p = project({ stage: 'started', startDate: '2026-01-20', fundsByPeriod: { '2026-01': 5_000_000 } });
    // As of 2026-04-30 the ended months are 2026-01..03: January is the start month, not yet a full window.
    expect(ruleStartedNoFunds(p, '2026-04-30', T)).toBeNull();
    // From 2026-05-01 the window is 02..04, all after the start month, all empty.
    expect(level(ruleStartedNoFunds(p, '2026-05-01', T))).toBe('yellow');
    expect(ruleStartedNoFunds({ ...p, fundsByPeriod: { '2026-03': 1 } }, '2026-05-01', T)).toBeNull();
  });

  it('started-low-funds: red on the day 6 months after start when under 15% arrived', () => {
    const p = project({
      stage: 'started',
      startDate: '2026-01-31',
      totalInvestmentYuan: 100_000_000,
      fundsByPeriod: { '2026-02': 14_999_999 },
    });
    expect(addMonthsIso('2026-01-31', 6)).toBe('2026-07-31');
    expect(ruleStartedLowFunds(p, '2026-07-30', T)).toBeNull();
    expect(level(ruleStartedLowFunds(p, '2026-07-31', T))).toBe('red');
    expect(ruleStartedLowFunds({ ...p, fundsByPeriod: { '2026-02': 15_000_000 } }, '2026-07-31', T)).toBeNull();
  });
});

describe('overdue items, submissions and units', () => {
  const base: WarningInput = {
    asOf: '2026-06-10',
    thresholds: T,
    projects: [project({ id: 7, code: 'P7', stage: 'started', startDate: '2026-05-20' })],
    commitments: [],
    blockers: [],
    units: [],
    submitted: new Set(),
    unitStats: null,
  };
  it('overdue-commitment and overdue-blocker: red from the day after the due date, one warning per project', () => {
    const items = [
      { projectId: 7, title: '供地', dueDate: '2026-06-09', open: true },
      { projectId: 7, title: '用电', dueDate: '2026-06-01', open: true },
    ];
    const onDue = computeWarnings({ ...base, asOf: '2026-06-09', commitments: items.slice(0, 1) });
    expect(onDue.filter((w) => w.rule === 'overdue-commitment')).toHaveLength(0);
    const after = computeWarnings({ ...base, commitments: items, blockers: [{ ...items[0]!, open: false }] });
    const c = after.filter((w) => w.rule === 'overdue-commitment');
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ level: 'red', projectCode: 'P7', measure: 2 });
    expect(c[0]!.message).toContain('用电');
    expect(after.filter((w) => w.rule === 'overdue-blocker')).toHaveLength(0);
    const b = computeWarnings({ ...base, blockers: items });
    expect(b.filter((w) => w.rule === 'overdue-blocker')[0]?.level).toBe('red');
  });

  it('submission-missing: yellow after the 5th of the next month', () => {
    const u = { code: 'U01', name: '昌邑区' };
    const jan = new Set(['U01|2026-01', 'U01|2026-02', 'U01|2026-03']);
    expect(ruleSubmissionMissing(u, '2026-05-05', T, jan)).toBeNull();
    const w = ruleSubmissionMissing(u, '2026-05-06', T, jan);
    expect(w?.level).toBe('yellow');
    expect(w?.message).toContain('2026-04');
    expect(ruleSubmissionMissing(u, '2026-05-06', T, new Set([...jan, 'U01|2026-04']))).toBeNull();
  });

  const stats = (completion: number | null, month = 6, target: number | null = 100): WarningUnitStats => ({
    period: { year: 2026, month },
    timeProgress: month / 12,
    zeroResultUnits: ['U02'],
    units: [
      { code: 'U01', targetBaseYuan: target, completion },
      { code: 'U02', targetBaseYuan: 100, completion: 0 },
    ],
  });
  it('unit-behind: yellow 10 to 30 points inclusive, red above 30, never without a target', () => {
    const u = { code: 'U01', name: '昌邑区' };
    expect(ruleUnitBehind(u, stats(0.41), T)).toBeNull(); // 9 points
    expect(level(ruleUnitBehind(u, stats(0.4), T))).toBe('yellow'); // 10 points exactly
    expect(level(ruleUnitBehind(u, stats(0.2), T))).toBe('yellow'); // 30 points exactly
    expect(level(ruleUnitBehind(u, stats(0.199), T))).toBe('red'); // 30.1 points
    expect(ruleUnitBehind(u, stats(0, 6, null), T)).toBeNull();
  });

  it('unit-no-result: red for zero-result units from month 4 of the statistics', () => {
    const u = { code: 'U02', name: '船营区' };
    expect(ruleUnitNoResult(u, stats(0, 3), T)).toBeNull();
    expect(level(ruleUnitNoResult(u, stats(0, 4), T))).toBe('red');
    expect(ruleUnitNoResult({ code: 'U01', name: '昌邑区' }, stats(0, 4), T)).toBeNull();
  });

  it('unit rules read the last month that ended before the as-of date', () => {
    expect(lastEndedPeriod('2026-05-01')).toEqual({ year: 2026, month: 4 });
    expect(lastEndedPeriod('2026-01-31')).toEqual({ year: 2025, month: 12 });
  });

  it('rules are independent: a unit with no result is also behind', () => {
    const ws = computeWarnings({
      ...base,
      units: [{ code: 'U02', name: '船营区' }],
      submitted: new Set(['U02|2026-01', 'U02|2026-02', 'U02|2026-03', 'U02|2026-04', 'U02|2026-05']),
      unitStats: stats(0, 5),
    });
    expect(ws.map((w) => w.rule).sort()).toEqual(['unit-behind', 'unit-no-result']);
    expect(ws.every((w) => w.level === 'red')).toBe(true);
  });
});

describe('supervision escalation', () => {
  it('blue up to the deadline, yellow from the day after, red from N days late', () => {
    expect(escalationColour('2026-06-10', '2026-06-10', 7)).toBe('blue');
    expect(escalationColour('2026-06-10', '2026-06-11', 7)).toBe('yellow');
    expect(escalationColour('2026-06-10', '2026-06-16', 7)).toBe('yellow');
    expect(escalationColour('2026-06-10', '2026-06-17', 7)).toBe('red');
  });
});

describe('fund data quality', () => {
  const th = { spikeFactor: 3, roundRunLength: 3, roundUnitYuan: 1_000_000 };
  const projects = new Map([
    [1, { id: 1, stage: 'started', totalInvestmentYuan: 50_000_000, contractDate: '2025-01-01' }],
    [2, { id: 2, stage: 'negotiating', totalInvestmentYuan: 0, contractDate: null }],
    [3, { id: 3, stage: 'contract', totalInvestmentYuan: 0, contractDate: '2025-06-01' }],
  ]);
  const unitMonths = new Map([
    [
      'U01',
      new Map([
        ['2026-09', 10_000_000],
        ['2026-10', 12_000_000],
        ['2026-11', 8_000_000],
      ]),
    ],
  ]);
  const flagsOf = (
    e: Partial<{ projectId: number; amountYuan: number; foreignUsd: number }>,
    history: { period: string; amountYuan: number }[] = [],
    rate: number | null = 72_000,
  ) =>
    (
      fundQualityFlags([{ id: 9, projectId: 1, unitCode: 'U01', period: '2026-12', amountYuan: 1_234_567, foreignUsd: 0, ...e }], {
        thresholds: th,
        projects,
        unitMonths,
        projectHistory: new Map([[e.projectId ?? 1, history]]),
        cnyPerUsdE4: rate,
      }).get(9) ?? []
    ).map((f) => f.code);
  it('a month above 3 × the unit mean (a December spike)', () => {
    expect(flagsOf({ amountYuan: 30_000_000 })).toEqual([]);
    expect(flagsOf({ amountYuan: 30_000_001 })).toEqual(['spike']);
  });
  it('a run of round amounts', () => {
    expect(flagsOf({ amountYuan: 2_000_000 }, [{ period: '2026-10', amountYuan: 1_000_000 }])).toEqual([]);
    expect(
      flagsOf({ amountYuan: 2_000_000 }, [
        { period: '2026-10', amountYuan: 1_000_000 },
        { period: '2026-11', amountYuan: 3_000_000 },
      ]),
    ).toEqual(['round-run']);
  });
  it('funds before contract, or not started after contract', () => {
    expect(flagsOf({ projectId: 2 })).toEqual(['before-contract']);
    expect(flagsOf({ projectId: 3 })).toEqual(['not-started']);
  });
  it('cumulative above total investment', () => {
    expect(flagsOf({ amountYuan: 1_000_001 }, [{ period: '2026-05', amountYuan: 49_000_000 }])).toEqual(['above-investment']);
  });
  it('foreign capital without a matching RMB amount', () => {
    expect(flagsOf({ amountYuan: 7_200_000, foreignUsd: 1_000_000 })).toEqual([]);
    expect(flagsOf({ amountYuan: 6_000_000, foreignUsd: 1_000_000 })).toEqual(['foreign-mismatch']);
    expect(flagsOf({ amountYuan: 0, foreignUsd: 1_000 }, [], null)).toEqual(['foreign-mismatch']);
  });
});

describe('activity-report-missing', () => {
  const trip = {
    id: 5,
    name: '赴苏州小分队',
    kind: 'trip',
    unitCode: 'U01',
    startDate: '2026-04-27',
    endDate: '2026-05-01',
    reportedOn: null,
  };
  it('yellow from the day after the due date (15 days after return), until a report is filed', () => {
    expect(ruleActivityReportMissing(trip, '2026-05-16')).toBeNull(); // due 2026-05-16: still on time
    const w = ruleActivityReportMissing(trip, '2026-05-17');
    expect(w).toMatchObject({ rule: 'activity-report-missing', level: 'yellow', subjectKey: 'activity:5', unitCode: 'U01', measure: 1 });
    expect(w!.message).toBe('小分队“赴苏州小分队”于 2026-05-01 返回，活动报告应于 2026-05-16 前提交，已逾期 1 天');
    expect(ruleActivityReportMissing({ ...trip, reportedOn: '2026-05-20' }, '2026-06-01')).toBeNull();
  });
  it('counts from the start date without an end date; fairs and signings owe no report', () => {
    expect(ruleActivityReportMissing({ ...trip, endDate: null }, '2026-05-13')).toMatchObject({ measure: 1 });
    expect(ruleActivityReportMissing({ ...trip, kind: 'fair' }, '2026-09-01')).toBeNull();
    expect(ruleActivityReportMissing({ ...trip, kind: 'delegation' }, '2026-09-01')).toMatchObject({ level: 'yellow' });
  });
  it('is not chased a year after the due date', () => {
    expect(ruleActivityReportMissing(trip, addDays('2026-05-16', 365))).not.toBeNull();
    expect(ruleActivityReportMissing(trip, addDays('2026-05-16', 366))).toBeNull();
  });
  it('computeWarnings includes it, independent of the other rules', () => {
    const ws = computeWarnings({
      asOf: '2026-06-01',
      thresholds: T,
      projects: [],
      commitments: [],
      blockers: [],
      units: [],
      submitted: new Set(),
      unitStats: null,
      activities: [trip, { ...trip, id: 6, reportedOn: '2026-05-02' }],
    });
    expect(ws.map((w) => w.subjectKey)).toEqual(['activity:5']);
  });
});

describe('inquiries unanswered (the lead rule applied to the public page’s inquiries)', () => {
  const q = { hours: 48, cutoff: '2026-06-03T00:00:00.000Z', unitCode: 'C00' };
  const inquiry = { id: 9, name: '王先生', company: '华东新材料', createdAt: '2026-06-01T00:00:00.000Z', answeredAt: null };
  it('yellow once the response time has passed, on the city unit', () => {
    expect(ruleInquiryUnanswered(inquiry, q)).toMatchObject({
      rule: 'lead-unassessed',
      level: 'yellow',
      subjectKey: 'inquiry:9',
      unitCode: 'C00',
      measure: 48,
      message: '投资咨询“王先生（华东新材料）”提交已 48 小时仍未答复（要求 48 小时内）',
    });
    expect(ruleInquiryUnanswered({ ...inquiry, createdAt: '2026-06-01T00:00:01.000Z' }, q)).toBeNull();
  });
  it('none when answered by the moment, or arrived after it', () => {
    expect(ruleInquiryUnanswered({ ...inquiry, answeredAt: '2026-06-02T00:00:00.000Z' }, q)).toBeNull();
    expect(ruleInquiryUnanswered({ ...inquiry, answeredAt: '2026-06-04T00:00:00.000Z' }, q)).not.toBeNull();
    expect(ruleInquiryUnanswered({ ...inquiry, createdAt: '2026-06-04T00:00:00.000Z' }, q)).toBeNull();
  });
});
