// The rest of what the dispatch speech reads out, beside the core dispatch statistics: stretch and
// foreign targets per unit, starts and operations, stages as of the period end, open and overdue
// blockers and commitments, work still pending, and what each scope needs per month. Part of the
// one read model: the briefing and the four Excel reports format these figures and sum nothing.
import type { Tx } from '../../db/database';
import type { DispatchSpeech, SpeechIssue } from '../../contracts/stats';
import { todayIso } from '../../domain/period';
import { ALL_STAGES, type Stage } from '../../domain/stages';
import {
  compareUnits,
  countedFundStatuses as countedStatuses,
  daysOverdue,
  monthlyNeeded,
  monthsLeftInYear,
  periodAsOf,
  periodRange,
  ratio,
  type DispatchStats,
} from '../../domain/stats';
import { getSettings } from '../settings/settings.service';
// Type-only: stats.service calls withSpeech at its end, so a runtime import back would be a cycle.
import type { StatsScope } from './stats.service';

export type DispatchStatsWithSpeech = DispatchStats & { speech: DispatchSpeech };

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
/** Submissions that count as handed in for the month. */
const HANDED_IN = ['submitted', 'approved'];

/**
 * Adds `speech` to dispatch statistics already built for the same scope (the hook at the end of
 * dispatchStats). A result that already carries it (e.g. a stored snapshot) is returned as is.
 */
export async function withSpeech<T extends DispatchStats>(db: Tx, s: StatsScope, stats: T): Promise<T & { speech: DispatchSpeech }> {
  const has = (stats as T & { speech?: DispatchSpeech }).speech;
  if (has) return stats as T & { speech: DispatchSpeech };
  return { ...stats, speech: await dispatchSpeech(db, s, stats, todayIso()) };
}

/** The speech figures of a scope; `today` decides "as of" while the period's month still runs. */
export async function dispatchSpeech(db: Tx, s: StatsScope, stats: DispatchStats, today: string): Promise<DispatchSpeech> {
  const settings = await getSettings(db);
  const { year, month } = s.period;
  const range = periodRange(s.period);
  const asOf = periodAsOf(s.period, today);
  const statuses = countedStatuses(s.basis);
  const inScope = (code: string) => s.unitCode === null || code === s.unitCode;
  const scoped = <Q extends { where: (...a: never[]) => Q }>(q: Q, col: string): Q =>
    s.unitCode === null ? q : (q.where as unknown as (c: string, op: string, v: string) => Q)(col, '=', s.unitCode);

  const [units, targets, rollups, starts, operating, moves, blockers, commitments, submissions, uncounted] = await Promise.all([
    db.selectFrom('units').select(['code', 'name', 'kind', 'sort', 'active']).execute(),
    db
      .selectFrom('targets')
      .select(['unit_code', 'indicator', 'base_value', 'stretch_value'])
      .where('year', '=', year)
      .where('indicator', 'in', ['funds', 'foreign'])
      .execute(),
    db
      .selectFrom('fund_rollups')
      .select((eb) => ['year', 'unit_code', eb.fn.sum<number>('amount_yuan').as('yuan'), eb.fn.sum<number>('foreign_usd').as('usd')])
      .where('year', 'in', [year, year - 1])
      .where('month', '<=', month)
      .where('status', 'in', statuses)
      .groupBy(['year', 'unit_code'])
      .execute(),
    scoped(
      db
        .selectFrom('projects')
        .select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('total_investment_yuan').as('t')])
        .where('start_date', '>=', range.yearStart)
        .where('start_date', '<', range.endExclusive),
      'unit_code',
    ).executeTakeFirst(),
    scoped(
      db
        .selectFrom('projects')
        .select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('total_investment_yuan').as('t')])
        .where('operating_date', '>=', range.yearStart)
        .where('operating_date', '<', range.endExclusive),
      'unit_code',
    ).executeTakeFirst(),
    // Each project's last move before the period ends (latest date, then latest id), counted per stage in
    // the database: a province has hundreds of thousands of moves.
    scoped(
      db
        .selectFrom('stage_moves as m')
        .innerJoin('projects as p', 'p.id', 'm.project_id')
        .select((eb) => ['m.to_stage', eb.fn.countAll<number>().as('c')])
        .where('m.moved_on', '<', range.endExclusive)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('stage_moves as later')
                .select('later.id')
                .whereRef('later.project_id', '=', 'm.project_id')
                .where('later.moved_on', '<', range.endExclusive)
                .where((ie) =>
                  ie.or([
                    ie('later.moved_on', '>', ie.ref('m.moved_on')),
                    ie.and([ie('later.moved_on', '=', ie.ref('m.moved_on')), ie('later.id', '>', ie.ref('m.id'))]),
                  ]),
                ),
            ),
          ),
        )
        .groupBy('m.to_stage'),
      'p.unit_code',
    ).execute(),
    scoped(
      db
        .selectFrom('blockers as b')
        .innerJoin('projects as p', 'p.id', 'b.project_id')
        .innerJoin('units as u', 'u.code', 'p.unit_code')
        .select([
          'b.id',
          'b.title',
          'b.coordinating_dept',
          'b.due_date',
          'b.status',
          'b.resolved_on',
          'b.created_at',
          'p.id as pid',
          'p.code as pcode',
          'p.name as pname',
          'p.total_investment_yuan as inv',
          'u.code as ucode',
          'u.name as uname',
          'u.kind as ukind',
          'u.sort as usort',
        ])
        .where('b.created_at', '<', range.endExclusive),
      'p.unit_code',
    ).execute(),
    scoped(
      db
        .selectFrom('commitments as c')
        .innerJoin('projects as p', 'p.id', 'c.project_id')
        .innerJoin('units as u', 'u.code', 'p.unit_code')
        .select([
          'c.id',
          'c.title',
          'c.due_date',
          'c.status',
          'c.fulfilled_on',
          'c.created_at',
          'p.id as pid',
          'p.code as pcode',
          'p.name as pname',
          'p.total_investment_yuan as inv',
          'u.code as ucode',
          'u.name as uname',
          'u.kind as ukind',
          'u.sort as usort',
        ])
        .where('c.created_at', '<', range.endExclusive),
      'p.unit_code',
    ).execute(),
    db
      .selectFrom('submissions')
      .select(['unit_code', 'status'])
      .where('period', '=', `${year}-${String(month).padStart(2, '0')}`)
      .execute(),
    // Entries not (yet) counted on this basis, per unit and month: the rollups keep each status's count.
    scoped(
      db
        .selectFrom('fund_rollups')
        .select((eb) => ['unit_code', 'month', eb.fn.sum<number>('entries').as('c'), eb.fn.sum<number>('amount_yuan').as('yuan')])
        .where('year', '=', year)
        .where('month', '<=', month)
        .where('status', 'not in', statuses)
        .groupBy(['unit_code', 'month']),
      'unit_code',
    ).execute(),
  ]);

  // --- per unit: stretch, last year, foreign capital, monthly need
  const target = (code: string, indicator: string) => targets.find((t) => t.unit_code === code && t.indicator === indicator);
  const sums = (y: number, code: string) =>
    rollups
      .filter((r) => n(r.year) === y && r.unit_code === code)
      .reduce((a, r) => ({ yuan: a.yuan + n(r.yuan), usd: a.usd + n(r.usd) }), { yuan: 0, usd: 0 });
  const monthsLeft = monthsLeftInYear(month);
  const speechUnits = stats.units.map((u) => {
    const funds = target(u.code, 'funds');
    const foreign = target(u.code, 'foreign');
    const stretch = funds?.stretch_value == null ? null : n(funds.stretch_value);
    const last = sums(year - 1, u.code);
    return {
      code: u.code,
      targetStretchYuan: stretch,
      completionStretch: ratio(u.fundsYtdYuan, stretch),
      fundsYtdLastYearYuan: last.yuan,
      foreignUsdYtd: sums(year, u.code).usd,
      foreignUsdYtdLastYear: last.usd,
      foreignTargetBaseUsd: foreign ? n(foreign.base_value) : null,
      foreignTargetStretchUsd: foreign?.stretch_value == null ? null : n(foreign.stretch_value),
      monthlyNeededBaseYuan: monthlyNeeded(u.targetBaseYuan, u.fundsYtdYuan, monthsLeft),
      monthlyNeededStretchYuan: monthlyNeeded(stretch, u.fundsYtdYuan, monthsLeft),
    };
  });
  const scopeUsdLast = rollups.filter((r) => n(r.year) === year - 1 && inScope(r.unit_code)).reduce((a, r) => a + n(r.usd), 0);
  const city = units.find((u) => u.kind === 'city');
  const scopeCode = s.unitCode ?? city?.code ?? null;
  const scopeForeign = scopeCode ? target(scopeCode, 'foreign') : undefined;
  const sumUnits = (f: (u: (typeof speechUnits)[number], i: number) => number) => speechUnits.reduce((a, u, i) => a + f(u, i), 0);
  // The city's own row is what the total holds beyond the listed units, so that 全市 always adds up.
  const cityOwn =
    s.unitCode !== null
      ? { fundsYtdYuan: 0, fundsYtdLastYearYuan: 0, foreignUsdYtd: 0, foreignUsdYtdLastYear: 0 }
      : {
          fundsYtdYuan: stats.fundsYtdYuan - sumUnits((_u, i) => stats.units[i]!.fundsYtdYuan),
          fundsYtdLastYearYuan: stats.fundsYtdLastYearYuan - sumUnits((u) => u.fundsYtdLastYearYuan),
          foreignUsdYtd: stats.foreignUsdYtd - sumUnits((u) => u.foreignUsdYtd),
          foreignUsdYtdLastYear: scopeUsdLast - sumUnits((u) => u.foreignUsdYtdLastYear),
        };

  // --- stages as of the period end: each project's last move on or before it (counted in the query)
  const stageCountsAtPeriodEnd = Object.fromEntries(ALL_STAGES.map((st) => [st, 0])) as Record<Stage, number>;
  for (const m of moves) if (m.to_stage in stageCountsAtPeriodEnd) stageCountsAtPeriodEnd[m.to_stage as Stage] += n(m.c);

  // --- blockers and commitments open as of the period
  type Row = {
    id: number;
    title: string;
    due_date: string | null;
    pid: number;
    pcode: string;
    pname: string;
    inv: number;
    ucode: string;
    uname: string;
    ukind: string;
    usort: number;
    created_at: string;
  };
  const issue = (kind: SpeechIssue['kind'], r: Row, dept: string | null): SpeechIssue & { sortKey: Row } => ({
    kind,
    id: Number(r.id),
    projectId: Number(r.pid),
    projectCode: r.pcode,
    projectName: r.pname,
    unitCode: r.ucode,
    unitName: r.uname,
    totalInvestmentYuan: n(r.inv),
    title: r.title,
    coordinatingDept: dept,
    dueDate: r.due_date,
    daysOverdue: daysOverdue(r.due_date, asOf),
    readOut: false,
    sortKey: r,
  });
  const createdBy = (r: Row) => r.created_at.slice(0, 10) <= asOf;
  const openBlockers = blockers
    .filter((b) => createdBy(b) && (b.status === 'open' || (b.resolved_on !== null && b.resolved_on > asOf)))
    .map((b) => issue('blocker', b, b.coordinating_dept));
  const openCommitments = commitments
    .filter((c) => createdBy(c) && (c.status === 'pending' || (c.fulfilled_on !== null && c.fulfilled_on > asOf)))
    .map((c) => issue('commitment', c, null));
  const topN = settings.briefingTopBlockers;
  for (const b of openBlockers) if (b.daysOverdue !== null) b.readOut = true;
  openBlockers
    .filter((b) => !b.readOut)
    .sort((a, b) => b.totalInvestmentYuan - a.totalInvestmentYuan || (a.dueDate ?? '9').localeCompare(b.dueDate ?? '9') || a.id - b.id)
    .slice(0, topN)
    .forEach((b) => {
      b.readOut = true;
    });
  for (const c of openCommitments) if (c.daysOverdue !== null) c.readOut = true;
  const byUnitThenDue = (a: SpeechIssue & { sortKey: Row }, b: SpeechIssue & { sortKey: Row }) =>
    compareUnits(
      { kind: a.sortKey.ukind, sort: a.sortKey.usort, code: a.unitCode },
      { kind: b.sortKey.ukind, sort: b.sortKey.usort, code: b.unitCode },
    ) ||
    (a.dueDate ?? '9').localeCompare(b.dueDate ?? '9') ||
    a.id - b.id;
  const strip = (list: (SpeechIssue & { sortKey: Row })[]): SpeechIssue[] =>
    list.sort(byUnitThenDue).map(({ sortKey: _k, ...rest }) => rest);

  // --- pending work: units that have not handed in the month's submission, entries not counted
  const handedIn = new Set(submissions.filter((x) => HANDED_IN.includes(x.status)).map((x) => x.unit_code));
  const statusOf = new Map(submissions.map((x) => [x.unit_code, x.status]));
  const mustSubmit = units.filter((u) => u.active && u.kind !== 'city' && inScope(u.code)).sort(compareUnits);
  const unsubmitted = mustSubmit
    .filter((u) => !handedIn.has(u.code))
    .map((u) => ({
      code: u.code,
      name: u.name,
      status: statusOf.get(u.code) ?? 'not_started',
      draftYuan: uncounted.filter((e) => e.unit_code === u.code && n(e.month) === month).reduce((a, e) => a + n(e.yuan), 0),
    }));

  return {
    asOf,
    monthsLeft,
    monthlyNeededBaseYuan: monthlyNeeded(stats.targetBaseYuan, stats.fundsYtdYuan, monthsLeft),
    monthlyNeededStretchYuan: monthlyNeeded(stats.targetStretchYuan, stats.fundsYtdYuan, monthsLeft),
    foreignUsdYtdLastYear: scopeUsdLast,
    foreignTargetBaseUsd: scopeForeign ? n(scopeForeign.base_value) : null,
    foreignTargetStretchUsd: scopeForeign?.stretch_value == null ? null : n(scopeForeign.stretch_value),
    startsYtd: { count: n(starts?.c), totalInvestmentYuan: n(starts?.t) },
    operatingYtd: { count: n(operating?.c), totalInvestmentYuan: n(operating?.t) },
    stageCountsAtPeriodEnd,
    blockers: {
      open: openBlockers.length,
      overdue: openBlockers.filter((b) => b.daysOverdue !== null).length,
      topN,
      items: strip(openBlockers),
    },
    commitments: {
      open: openCommitments.length,
      overdue: openCommitments.filter((c) => c.daysOverdue !== null).length,
      items: strip(openCommitments),
    },
    pending: {
      unsubmitted,
      unverifiedEntries: uncounted.reduce((a, e) => a + n(e.c), 0),
      unverifiedYuan: uncounted.reduce((a, e) => a + n(e.yuan), 0),
    },
    cityOwn,
    units: speechUnits,
    countLocalFundsInHeadline: settings.countLocalFundsInHeadline,
  };
}
