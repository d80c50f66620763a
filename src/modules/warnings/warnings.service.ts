// The warnings run: loads the rules' inputs, runs the pure rules (src/domain/warnings.ts) and
// keeps one open warning per rule and subject; a warning whose condition ended is cleared and
// kept as history. The run takes a database lock, so several instances never run it at once.
import type { Db, Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { isValidDate, todayIso } from '../../domain/period';
import {
  computeWarnings,
  lastEndedPeriod,
  WARNING_RULES,
  type ComputedWarning,
  type WarningLevel,
  type WarningRule,
  type WarningThresholds,
} from '../../domain/warnings';
import type { Warning, WarningSummary } from '../../contracts/warnings';
import { REPORTED_KINDS } from '../../domain/activity';
import { notifyWarnings, type WarningEvent } from '../notifications/notifications.service';
import { tryLock, releaseLock } from '../../jobs/lock';
import { audit, nowIso } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertUnitVisible, scoped } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { countedStatuses, dispatchSummary } from '../stats/stats.service';

const RANK: Record<WarningLevel, number> = { yellow: 1, red: 2 };
const higher = (a: WarningLevel, b: WarningLevel): WarningLevel => (RANK[a] >= RANK[b] ? a : b);

/** Everything the rules read, as of a date. */
export async function loadWarningInput(db: Tx, asOf: string) {
  const settings = await getSettings(db);
  const thresholds: WarningThresholds = {
    warnLeadAssessDays: settings.warnLeadAssessDays,
    warnFollowUpYellowDays: settings.warnFollowUpYellowDays,
    warnFollowUpRedDays: settings.warnFollowUpRedDays,
    warnAgreementYellowDays: settings.warnAgreementYellowDays,
    warnAgreementRedDays: settings.warnAgreementRedDays,
    warnContractYellowDays: settings.warnContractYellowDays,
    warnContractRedDays: settings.warnContractRedDays,
    warnNoFundsMonths: settings.warnNoFundsMonths,
    warnStartedLowShareMonths: settings.warnStartedLowShareMonths,
    warnStartedLowSharePercent: settings.warnStartedLowSharePercent,
    warnSubmissionDueDay: settings.warnSubmissionDueDay,
    warnBehindYellowPoints: settings.warnBehindYellowPoints,
    warnBehindRedPoints: settings.warnBehindRedPoints,
    warnNoResultFromMonth: settings.warnNoResultFromMonth,
  };
  const last = lastEndedPeriod(asOf);
  const [projects, funds, commitments, blockers, units, subs, activities] = await Promise.all([
    db
      .selectFrom('projects')
      .select([
        'id',
        'code',
        'name',
        'unit_code',
        'owner',
        'stage',
        'registered_on',
        'assessed_on',
        'last_follow_up_on',
        'agreement_date',
        'agreement_due_date',
        'contract_date',
        'start_date',
        'total_investment_yuan',
      ])
      // Operating projects can still have open blockers and commitments; dropped ones warn no more.
      .where('stage', '<>', 'dropped')
      .execute(),
    // Project rules look at what units reported (any status but draft or returned).
    db
      .selectFrom('fund_entries')
      .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
      .select((eb) => ['fund_entries.project_id', 'fund_entries.period', eb.fn.sum<number>('fund_entries.amount_yuan').as('yuan')])
      .where('projects.stage', '=', 'started')
      .where('fund_entries.status', 'in', countedStatuses('reported'))
      .groupBy(['fund_entries.project_id', 'fund_entries.period'])
      .execute(),
    db.selectFrom('commitments').select(['project_id', 'title', 'due_date', 'status']).where('status', '=', 'pending').execute(),
    db.selectFrom('blockers').select(['project_id', 'title', 'due_date', 'status']).where('status', '=', 'open').execute(),
    db.selectFrom('units').select(['code', 'name']).where('active', '=', 1).where('kind', '<>', 'city').orderBy('code').execute(),
    db
      .selectFrom('submissions')
      .select(['unit_code', 'period'])
      .where('status', 'in', ['submitted', 'approved'])
      .where('period', '>=', `${last.year}-01`)
      .execute(),
    // Trips and delegations without a report; those of the city's own unit (or none) are the city office's.
    db
      .selectFrom('activities')
      .leftJoin('units', 'units.code', 'activities.unit_code')
      .select([
        'activities.id',
        'activities.name',
        'activities.kind',
        'activities.unit_code',
        'activities.start_date',
        'activities.end_date',
      ])
      .where('activities.kind', 'in', [...REPORTED_KINDS])
      .where('activities.reported_on', 'is', null)
      .where((eb) => eb.or([eb('units.active', '=', 1), eb('activities.unit_code', 'is', null)]))
      .execute(),
  ]);
  const cityUnit = await db.selectFrom('units').select('code').where('kind', '=', 'city').orderBy('code').executeTakeFirst();
  // Inquiries unanswered as of the moment: now for today's run, the day's end (Beijing time) for another day.
  const cutoff = asOf === todayIso() ? new Date().toISOString() : new Date(`${asOf}T23:59:59.999+08:00`).toISOString();
  const inquiries = cityUnit
    ? await db
        .selectFrom('inquiries')
        .select(['id', 'name', 'company', 'created_at', 'answered_at'])
        .where('created_at', '<=', cutoff)
        .where((eb) => eb.or([eb('status', '=', 'new'), eb('answered_at', '>', cutoff)]))
        .execute()
    : [];
  const fundsOf = new Map<number, Record<string, number>>();
  for (const f of funds) {
    const rec = fundsOf.get(Number(f.project_id)) ?? {};
    rec[f.period] = (rec[f.period] ?? 0) + Number(f.yuan ?? 0);
    fundsOf.set(Number(f.project_id), rec);
  }
  const stats = await dispatchSummary(db, { period: last, unitCode: null, basis: 'verified' });
  return {
    asOf,
    thresholds,
    projects: projects.map((p) => ({
      id: Number(p.id),
      code: p.code,
      name: p.name,
      unitCode: p.unit_code,
      owner: p.owner,
      stage: p.stage,
      registeredOn: p.registered_on,
      assessedOn: p.assessed_on,
      lastFollowUpOn: p.last_follow_up_on,
      agreementDate: p.agreement_date,
      agreementDueDate: p.agreement_due_date,
      contractDate: p.contract_date,
      startDate: p.start_date,
      totalInvestmentYuan: Number(p.total_investment_yuan),
      fundsByPeriod: fundsOf.get(Number(p.id)) ?? {},
    })),
    commitments: commitments.map((c) => ({ projectId: Number(c.project_id), title: c.title, dueDate: c.due_date, open: true })),
    blockers: blockers.map((c) => ({ projectId: Number(c.project_id), title: c.title, dueDate: c.due_date, open: true })),
    units,
    activities: activities
      .filter((a) => a.unit_code ?? cityUnit)
      .map((a) => ({
        id: Number(a.id),
        name: a.name,
        kind: a.kind,
        unitCode: a.unit_code ?? cityUnit!.code,
        startDate: a.start_date,
        endDate: a.end_date,
        reportedOn: null,
      })),
    inquiries: cityUnit
      ? {
          hours: settings.inquiryResponseHours,
          cutoff,
          unitCode: cityUnit.code,
          items: inquiries.map((i) => ({
            id: Number(i.id),
            name: i.name,
            company: i.company,
            createdAt: i.created_at,
            answeredAt: i.answered_at,
          })),
        }
      : undefined,
    submitted: new Set(subs.map((s) => `${s.unit_code}|${s.period}`)),
    unitStats: {
      period: last,
      timeProgress: stats.timeProgress,
      zeroResultUnits: stats.zeroResultUnits,
      units: stats.units.map((u) => ({ code: u.code, targetBaseYuan: u.targetBaseYuan, completion: u.completion })),
    },
  };
}

export type RunResult = { asOf: string; open: number; raised: number; cleared: number; warnings: ComputedWarning[] };

function requireAsOf(asOf: string | undefined): string {
  const d = asOf ?? todayIso();
  if (!isValidDate(d)) throw new AppError('validation', `日期“${d}”无效，应为 YYYY-MM-DD，例如 2026-05-20`, { asOf: '应为 YYYY-MM-DD' });
  return d;
}

/**
 * Runs every rule as of the date (default today, Asia/Shanghai) and stores the result. Re-running
 * with the same data changes nothing but last-seen dates.
 */
export async function runWarnings(
  db: Db,
  actor: Actor,
  opts: { asOf?: string | undefined; trigger?: 'manual' | 'schedule' | 'cli' } = {},
): Promise<RunResult> {
  const asOf = requireAsOf(opts.asOf);
  if (!(await tryLock(db, 'warnings-run', 10 * 60_000))) {
    throw new AppError('conflict', '预警正在计算中（另一个实例或其他用户刚刚发起），请稍候一分钟后刷新查看结果');
  }
  try {
    return await db.transaction().execute(async (tx) => {
      const computed = computeWarnings(await loadWarningInput(tx, asOf));
      const open = await tx.selectFrom('warnings').selectAll().where('cleared_at', 'is', null).execute();
      const openByKey = new Map(open.map((w) => [`${w.rule}|${w.subject_key}`, w]));
      const now = nowIso();
      let raised = 0;
      const seen = new Set<string>();
      const news: WarningEvent[] = [];
      for (const w of computed) {
        const key = `${w.rule}|${w.subjectKey}`;
        seen.add(key);
        const row = openByKey.get(key);
        const fields = {
          unit_code: w.unitCode,
          project_id: w.projectId,
          project_code: w.projectCode,
          project_name: w.projectName,
          owner: w.owner,
          level: w.level,
          message: w.message,
          measure: w.measure,
          updated_at: now,
        };
        const subject = w.projectName ?? w.message;
        if (!row || (w.level === 'red' && row.level !== 'red'))
          news.push({ unitCode: w.unitCode, rule: w.rule, level: w.level, subject, raised: !row });
        if (row) {
          await tx
            .updateTable('warnings')
            .set({
              ...fields,
              peak_level: higher(row.peak_level as WarningLevel, w.level),
              last_seen: row.last_seen > asOf ? row.last_seen : asOf,
            })
            .where('id', '=', row.id)
            .execute();
        } else {
          raised++;
          await tx
            .insertInto('warnings')
            .values({ ...fields, rule: w.rule, subject_key: w.subjectKey, peak_level: w.level, first_seen: asOf, last_seen: asOf })
            .execute();
        }
      }
      const ended = open.filter((w) => !seen.has(`${w.rule}|${w.subject_key}`)).map((w) => w.id);
      for (let i = 0; i < ended.length; i += 500) {
        await tx
          .updateTable('warnings')
          .set({ cleared_at: asOf, updated_at: now })
          .where('id', 'in', ended.slice(i, i + 500))
          .execute();
      }
      await notifyWarnings(tx, news);
      const result = { asOf, open: computed.length, raised, cleared: ended.length };
      await tx
        .insertInto('warning_runs')
        .values({
          as_of: asOf,
          trigger: opts.trigger ?? 'manual',
          actor_name: actor.name,
          open_count: computed.length,
          raised_count: raised,
          cleared_count: ended.length,
          finished_at: nowIso(),
        })
        .execute();
      await audit(tx, actor, {
        action: 'create',
        entity: 'warning_run',
        entityId: asOf,
        summary: `预警计算（截至 ${asOf}）：在预警 ${computed.length} 条，新增 ${raised} 条，解除 ${ended.length} 条`,
        after: result,
      });
      return { ...result, warnings: computed };
    });
  } finally {
    await releaseLock(db, 'warnings-run');
  }
}

/** The daily job: runs once per day, whichever instance gets there first. */
export async function runDailyWarnings(db: Db, actor: Actor): Promise<void> {
  const today = todayIso();
  const done = await db
    .selectFrom('warning_runs')
    .select('id')
    .where('as_of', '=', today)
    .where('trigger', '=', 'schedule')
    .executeTakeFirst();
  if (done) return;
  await runWarnings(db, actor, { asOf: today, trigger: 'schedule' });
}

type WarningRow = Awaited<ReturnType<ReturnType<typeof warningRows>['execute']>>[number];
function warningRows(db: Tx, actor: Actor) {
  return scoped(
    db
      .selectFrom('warnings')
      .leftJoin('units', 'units.code', 'warnings.unit_code')
      .selectAll('warnings')
      .select(['units.name as unit_name'])
      .select((eb) =>
        eb
          .selectFrom('supervision_tasks')
          .select((e) => e.fn.max('supervision_tasks.id').as('t'))
          .whereRef('supervision_tasks.warning_id', '=', 'warnings.id')
          .where('supervision_tasks.status', '<>', 'closed')
          .as('task_id'),
      ),
    'warnings.unit_code',
    actor,
  );
}

/** The id of a warning's subject of that kind (`activity:12` → 12), else null. */
function subjectId(key: string, kind: 'activity' | 'inquiry'): number | null {
  return key.startsWith(`${kind}:`) ? Number(key.slice(kind.length + 1)) : null;
}

function toWarning(r: WarningRow): Warning {
  return {
    id: Number(r.id),
    rule: r.rule as WarningRule,
    level: r.level as WarningLevel,
    peakLevel: r.peak_level as WarningLevel,
    unitCode: r.unit_code,
    unitName: r.unit_name ?? null,
    projectId: r.project_id === null ? null : Number(r.project_id),
    projectCode: r.project_code,
    projectName: r.project_name,
    activityId: subjectId(r.subject_key, 'activity'),
    inquiryId: subjectId(r.subject_key, 'inquiry'),
    owner: r.owner,
    message: r.message,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    clearedAt: r.cleared_at,
    taskId: r.task_id === null || r.task_id === undefined ? null : Number(r.task_id),
  };
}

const LEVEL_SORT: Record<string, number> = { red: 0, yellow: 1 };
function sortWarnings(list: Warning[]): Warning[] {
  return list.sort(
    (a, b) =>
      LEVEL_SORT[a.level]! - LEVEL_SORT[b.level]! ||
      a.unitCode.localeCompare(b.unitCode) ||
      WARNING_RULES.indexOf(a.rule) - WARNING_RULES.indexOf(b.rule) ||
      (a.projectCode ?? '').localeCompare(b.projectCode ?? ''),
  );
}

export async function listWarnings(
  db: Tx,
  actor: Actor,
  q: { status?: 'open' | 'cleared'; unit?: string | undefined; rule?: WarningRule | undefined; level?: WarningLevel | undefined } = {},
): Promise<{ items: Warning[]; lastRun: { asOf: string; finishedAt: string } | null }> {
  let qb = warningRows(db, actor);
  qb = q.status === 'cleared' ? qb.where('warnings.cleared_at', 'is not', null) : qb.where('warnings.cleared_at', 'is', null);
  if (q.unit) qb = qb.where('warnings.unit_code', '=', q.unit);
  if (q.rule) qb = qb.where('warnings.rule', '=', q.rule);
  if (q.level) qb = qb.where('warnings.level', '=', q.level);
  if (q.status === 'cleared') qb = qb.orderBy('warnings.cleared_at', 'desc').limit(500);
  const rows = await qb.execute();
  const items = rows.map(toWarning);
  const last = await db.selectFrom('warning_runs').select(['as_of', 'finished_at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return {
    items: q.status === 'cleared' ? items : sortWarnings(items),
    lastRun: last ? { asOf: last.as_of, finishedAt: last.finished_at } : null,
  };
}

export async function getWarning(db: Tx, actor: Actor, id: number): Promise<Warning> {
  const r = await warningRows(db, actor).where('warnings.id', '=', id).executeTakeFirst();
  if (!r) {
    const any = await db.selectFrom('warnings').select('unit_code').where('id', '=', id).executeTakeFirst();
    if (any) assertUnitVisible(actor, any.unit_code, '预警');
    throw new AppError('not_found', '预警不存在或无权查看');
  }
  return toWarning(r);
}

/** Counts by rule and unit, the red list and supervision tasks open/overdue: dashboard and briefing. */
export async function warningSummary(db: Tx, actor: Actor, today = todayIso()): Promise<WarningSummary> {
  const { items } = await listWarnings(db, actor, { status: 'open' });
  const byRule = new Map<WarningRule, { red: number; yellow: number }>();
  const byUnit = new Map<string, { unitName: string; red: number; yellow: number }>();
  for (const w of items) {
    const r = byRule.get(w.rule) ?? { red: 0, yellow: 0 };
    r[w.level]++;
    byRule.set(w.rule, r);
    const u = byUnit.get(w.unitCode) ?? { unitName: w.unitName ?? w.unitCode, red: 0, yellow: 0 };
    u[w.level]++;
    byUnit.set(w.unitCode, u);
  }
  const tasks = await scoped(
    db.selectFrom('supervision_tasks').select(['status', 'deadline']).where('status', '<>', 'closed'),
    'supervision_tasks.unit_code',
    actor,
  ).execute();
  const red = items.filter((w) => w.level === 'red');
  return {
    open: items.length,
    red: red.length,
    yellow: items.length - red.length,
    byRule: WARNING_RULES.filter((r) => byRule.has(r)).map((rule) => ({ rule, ...byRule.get(rule)! })),
    byUnit: [...byUnit.entries()]
      .map(([unitCode, v]) => ({ unitCode, ...v }))
      .sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.unitCode.localeCompare(b.unitCode)),
    redList: red.slice(0, 50),
    tasks: {
      open: tasks.length,
      overdue: tasks.filter((t) => t.status === 'open' && t.deadline < today).length,
      answered: tasks.filter((t) => t.status === 'answered').length,
    },
  };
}
