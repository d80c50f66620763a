// Targets per year, unit and indicator, their splits (再分解) among a unit's people or teams, and
// progress at each level. Ratios through src/domain/stats.
import type { Tx } from '../../db/database';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { currentPeriod } from '../../domain/period';
import { ratio, type DispatchStats } from '../../domain/stats';
import { countedStatuses, describeGap, periodRange, timeProgressGap, timeProgressOf } from '../../domain/stats.definitions';
import { TARGET_INDICATOR_LABELS } from '../../domain/labels';
import type { Target, TargetIndicatorCode, TargetProgressList, TargetSplit } from '../../contracts/targets';
import { audit, nowIso } from '../audit/audit.service';
import { can, requirePermission, type Actor } from '../auth/actor';
import { assertUnitVisible, assertUnitWritable, scoped, scopeUnit } from '../auth/scope';
import { dispatchSummary, latestPeriod, requirePeriod } from '../stats/stats.service';

type Row = {
  id: number;
  year: number;
  unit_code: string;
  indicator: string;
  base_value: number;
  stretch_value: number | null;
  version: number;
  updated_at: string;
  unit_name: string;
};

const toTarget = (r: Row): Target => ({
  id: Number(r.id),
  year: Number(r.year),
  unitCode: r.unit_code,
  unitName: r.unit_name,
  indicator: r.indicator as TargetIndicatorCode,
  baseValue: Number(r.base_value),
  stretchValue: r.stretch_value === null ? null : Number(r.stretch_value),
  version: r.version,
  updatedAt: r.updated_at,
});
const toSplit = (r: {
  id: number;
  target_id: number;
  assignee: string;
  base_value: number;
  stretch_value: number | null;
  version: number;
}): TargetSplit => ({
  id: Number(r.id),
  targetId: Number(r.target_id),
  assignee: r.assignee,
  baseValue: Number(r.base_value),
  stretchValue: r.stretch_value === null ? null : Number(r.stretch_value),
  version: r.version,
});

function baseQuery(db: Tx) {
  return db
    .selectFrom('targets as t')
    .innerJoin('units as u', 'u.code', 't.unit_code')
    .select([
      't.id',
      't.year',
      't.unit_code',
      't.indicator',
      't.base_value',
      't.stretch_value',
      't.version',
      't.updated_at',
      'u.name as unit_name',
    ]);
}

/** A unit user sees their own unit's targets and the city's (the frame of reference). */
export async function listTargets(db: Tx, actor: Actor, year: number, unit?: string): Promise<Target[]> {
  let q = baseQuery(db).where('t.year', '=', year);
  const own = scopeUnit(actor);
  if (own !== null) q = q.where((eb) => eb.or([eb('t.unit_code', '=', own), eb('u.kind', '=', 'city')]));
  if (unit) q = q.where('t.unit_code', '=', unit);
  const rows = (await q.execute()) as Row[];
  return rows.map(toTarget);
}

export async function getTarget(db: Tx, actor: Actor, id: number): Promise<Target> {
  const r = (await baseQuery(db).where('t.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!r) throw new AppError('not_found', '目标不存在或已被删除');
  const own = scopeUnit(actor);
  if (own !== null && r.unit_code !== own) {
    const u = await db.selectFrom('units').select('kind').where('code', '=', r.unit_code).executeTakeFirst();
    if (u?.kind !== 'city') assertUnitVisible(actor, r.unit_code, '目标');
  }
  return toTarget(r);
}

const label = (t: { year: number; unitCode: string; indicator: string }) =>
  `${t.year}年 ${t.unitCode} ${TARGET_INDICATOR_LABELS[t.indicator as TargetIndicatorCode] ?? t.indicator}目标`;

export async function createTarget(
  tx: Tx,
  actor: Actor,
  input: { year: number; unitCode: string; indicator: TargetIndicatorCode; baseValue: number; stretchValue?: number | null | undefined },
): Promise<Target> {
  requirePermission(actor, 'target.write');
  const unit = await tx.selectFrom('units').select('code').where('code', '=', input.unitCode).executeTakeFirst();
  if (!unit) throw new AppError('validation', `单位 ${input.unitCode} 不存在`, { unitCode: '单位不存在' });
  const dup = await tx
    .selectFrom('targets')
    .select('id')
    .where('year', '=', input.year)
    .where('unit_code', '=', input.unitCode)
    .where('indicator', '=', input.indicator)
    .executeTakeFirst();
  if (dup) throw new AppError('conflict', `${label(input)}已存在，请直接修改`, undefined, { id: Number(dup.id) });
  const t = nowIso();
  const row = await tx
    .insertInto('targets')
    .values({
      year: input.year,
      unit_code: input.unitCode,
      indicator: input.indicator,
      base_value: input.baseValue,
      stretch_value: input.stretchValue ?? null,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const after = await getTarget(tx, actor, Number(row.id));
  await audit(tx, actor, {
    action: 'create',
    entity: 'target',
    entityId: after.id,
    unitCode: after.unitCode,
    summary: label(after),
    after,
  });
  return after;
}

export async function updateTarget(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { baseValue?: number | undefined; stretchValue?: number | null | undefined; version: number },
): Promise<Target> {
  requirePermission(actor, 'target.write');
  const before = await getTarget(tx, actor, id);
  const base = input.baseValue ?? before.baseValue;
  const stretch = input.stretchValue === undefined ? before.stretchValue : input.stretchValue;
  if (stretch !== null && stretch < base)
    throw new AppError('validation', '力争目标不应低于确保目标', { stretchValue: '不应低于确保目标' });
  const patch: Record<string, unknown> = {};
  if (input.baseValue !== undefined) patch.base_value = input.baseValue;
  if (input.stretchValue !== undefined) patch.stretch_value = input.stretchValue;
  await updateVersioned(tx, 'targets', id, input.version, patch, label(before));
  const after = await getTarget(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'target',
    entityId: id,
    unitCode: after.unitCode,
    summary: label(after),
    before,
    after,
  });
  return after;
}

export async function deleteTarget(tx: Tx, actor: Actor, id: number, version: number): Promise<void> {
  requirePermission(actor, 'target.write');
  const before = await getTarget(tx, actor, id);
  if (before.version !== version)
    throw new AppError('stale', `${label(before)}已被他人修改，请刷新后再删除`, undefined, { currentVersion: before.version });
  await tx.deleteFrom('target_splits').where('target_id', '=', id).execute();
  await tx.deleteFrom('targets').where('id', '=', id).execute();
  await audit(tx, actor, { action: 'delete', entity: 'target', entityId: id, unitCode: before.unitCode, summary: label(before), before });
}

// --- splits -----------------------------------------------------------------------------------

/** The city office, or the unit's own head, may split a unit's target. */
function assertCanSplit(actor: Actor, unitCode: string): void {
  if (can(actor, 'target.write')) return;
  if (!can(actor, 'submission.approve')) throw new AppError('forbidden', '只有市招商办或本单位负责人可以分解目标');
  assertUnitWritable(actor, unitCode);
}

export async function listSplits(db: Tx, actor: Actor, targetId: number): Promise<TargetSplit[]> {
  await getTarget(db, actor, targetId);
  const rows = await db.selectFrom('target_splits').selectAll().where('target_id', '=', targetId).orderBy('id').execute();
  return rows.map(toSplit);
}

async function getSplit(db: Tx, id: number) {
  const r = await db.selectFrom('target_splits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '分解目标不存在或已被删除');
  return toSplit(r);
}

export async function createSplit(
  tx: Tx,
  actor: Actor,
  targetId: number,
  input: { assignee: string; baseValue: number; stretchValue?: number | null | undefined },
): Promise<TargetSplit> {
  const target = await getTarget(tx, actor, targetId);
  assertCanSplit(actor, target.unitCode);
  const dup = await tx
    .selectFrom('target_splits')
    .select('id')
    .where('target_id', '=', targetId)
    .where('assignee', '=', input.assignee)
    .executeTakeFirst();
  if (dup) throw new AppError('conflict', `“${input.assignee}”已有分解目标，请直接修改`, { assignee: '已存在' });
  const t = nowIso();
  const row = await tx
    .insertInto('target_splits')
    .values({
      target_id: targetId,
      assignee: input.assignee,
      base_value: input.baseValue,
      stretch_value: input.stretchValue ?? null,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const after = await getSplit(tx, Number(row.id));
  await audit(tx, actor, {
    action: 'create',
    entity: 'target_split',
    entityId: after.id,
    unitCode: target.unitCode,
    summary: `${label(target)}分解给 ${after.assignee}`,
    after,
  });
  return after;
}

export async function updateSplit(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { assignee?: string | undefined; baseValue?: number | undefined; stretchValue?: number | null | undefined; version: number },
): Promise<TargetSplit> {
  const before = await getSplit(tx, id);
  const target = await getTarget(tx, actor, before.targetId);
  assertCanSplit(actor, target.unitCode);
  const patch: Record<string, unknown> = {};
  if (input.assignee !== undefined) patch.assignee = input.assignee;
  if (input.baseValue !== undefined) patch.base_value = input.baseValue;
  if (input.stretchValue !== undefined) patch.stretch_value = input.stretchValue;
  await updateVersioned(tx, 'target_splits', id, input.version, patch, `分解目标（${before.assignee}）`);
  const after = await getSplit(tx, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'target_split',
    entityId: id,
    unitCode: target.unitCode,
    summary: `${label(target)}分解给 ${after.assignee}`,
    before,
    after,
  });
  return after;
}

export async function deleteSplit(tx: Tx, actor: Actor, id: number, version: number): Promise<void> {
  const before = await getSplit(tx, id);
  const target = await getTarget(tx, actor, before.targetId);
  assertCanSplit(actor, target.unitCode);
  if (before.version !== version)
    throw new AppError('stale', `分解目标（${before.assignee}）已被他人修改，请刷新后再删除`, undefined, {
      currentVersion: before.version,
    });
  await tx.deleteFrom('target_splits').where('id', '=', id).execute();
  await audit(tx, actor, {
    action: 'delete',
    entity: 'target_split',
    entityId: id,
    unitCode: target.unitCode,
    summary: `删除 ${before.assignee} 的分解目标`,
    before,
  });
}

// --- progress ---------------------------------------------------------------------------------

/** The month progress is measured at: the given period, or the year's end / the current month. */
export function progressMonth(year: number, period?: string): number {
  if (period) {
    const p = requirePeriod(period);
    if (p.year !== year) throw new AppError('validation', `报告期 ${period} 不在 ${year} 年内`, { period: '应与年度一致' });
    return p.month;
  }
  const now = currentPeriod();
  return year < now.year ? 12 : year > now.year ? 1 : now.month;
}

type Achieved = { funds: number; foreign: number; contracts: number };

/** What a scope achieved per indicator, read from the dispatch statistics (one read model). */
function achievedOf(s: DispatchStats): { city: Achieved; units: Map<string, Achieved> } {
  return {
    city: { funds: s.headlineYtdYuan, foreign: s.foreignUsdYtd, contracts: s.contractsYtd.count },
    units: new Map(s.units.map((u) => [u.code, { funds: u.headlineYtdYuan, foreign: u.foreignUsdYtd, contracts: u.contractsYtd.count }])),
  };
}

/**
 * Every target of a year with what has been achieved up to month M — the figures of the dispatch
 * statistics of that period (verified basis, the counting rule in force), so the targets page and
 * the dashboard cannot disagree — last year's target and result beside it, and each split's
 * progress: the same figures of the unit's projects whose owner is the assignee.
 */
export async function targetProgress(db: Tx, actor: Actor, yearArg?: number, period?: string, unit?: string): Promise<TargetProgressList> {
  let year: number;
  let month: number;
  if (yearArg === undefined) {
    const p = requirePeriod(period ?? (await latestPeriod(db, actor)).period);
    ({ year, month } = p);
  } else {
    year = yearArg;
    month = progressMonth(year, period);
  }
  const own = scopeUnit(actor);
  const scope = (y: number, m: number) => ({ period: { year: y, month: m }, unitCode: own, basis: 'verified' as const });
  const [targets, lastTargets, now, sameLastYear, lastYearEnd, units] = await Promise.all([
    listTargets(db, actor, year, unit),
    listTargets(db, actor, year - 1, unit),
    dispatchSummary(db, scope(year, month)),
    dispatchSummary(db, scope(year - 1, month)),
    dispatchSummary(db, scope(year - 1, 12)),
    db.selectFrom('units').select(['code', 'kind']).execute(),
  ]);
  const ids = targets.map((t) => t.id);
  const splits = ids.length
    ? (await db.selectFrom('target_splits').selectAll().where('target_id', 'in', ids).orderBy('id').execute()).map(toSplit)
    : [];
  const cityCodes = new Set(units.filter((u) => u.kind === 'city').map((u) => u.code));
  const cur = achievedOf(now);
  const same = achievedOf(sameLastYear);
  const end = achievedOf(lastYearEnd);

  // Splits measure the projects of one owner: a finer cut than the dispatch statistics carry.
  const splitUnits = [...new Set(targets.filter((t) => splits.some((x) => x.targetId === t.id)).map((t) => t.unitCode))];
  const byOwner = new Map<string, Achieved>();
  if (splitUnits.length) {
    const range = periodRange({ year, month });
    let fq = db
      .selectFrom('fund_entries as f')
      .innerJoin('projects as p', 'p.id', 'f.project_id')
      .select((eb) => [
        'f.unit_code',
        'p.owner',
        eb.fn.sum<number>('f.amount_yuan').as('yuan'),
        eb.fn.sum<number>('f.foreign_usd').as('usd'),
      ])
      .where('f.year', '=', year)
      .where('f.month', '<=', month)
      .where('f.status', 'in', countedStatuses('verified'))
      .where('f.unit_code', 'in', splitUnits)
      .groupBy(['f.unit_code', 'p.owner']);
    fq = scoped(fq, 'f.unit_code', actor);
    let cq = db
      .selectFrom('projects')
      .select((eb) => ['unit_code', 'owner', eb.fn.countAll<number>().as('c')])
      .where('contract_date', '>=', range.yearStart)
      .where('contract_date', '<', range.endExclusive)
      .where('unit_code', 'in', splitUnits)
      .groupBy(['unit_code', 'owner']);
    cq = scoped(cq, 'unit_code', actor);
    const [funds, contracts] = await Promise.all([fq.execute(), cq.execute()]);
    const at = (u: string, o: string | null) => {
      const k = `${u}|${o ?? ''}`;
      const e = byOwner.get(k) ?? { funds: 0, foreign: 0, contracts: 0 };
      byOwner.set(k, e);
      return e;
    };
    for (const r of funds) {
      const e = at(r.unit_code, r.owner);
      e.funds += Number(r.yuan ?? 0);
      e.foreign += Number(r.usd ?? 0);
    }
    for (const r of contracts) at(r.unit_code, r.owner).contracts += Number(r.c);
  }

  const pick = (a: { city: Achieved; units: Map<string, Achieved> }, unitCode: string, ind: TargetIndicatorCode): number | null => {
    // The city's target is measured on the whole city, which a unit user does not see in full.
    if (cityCodes.has(unitCode)) return own === null ? a.city[ind] : null;
    return a.units.get(unitCode)?.[ind] ?? 0;
  };

  return {
    year,
    month,
    timeProgress: timeProgressOf(month),
    period: periodRange({ year, month }).text,
    countingRule: now.countingRule,
    items: targets.map((t) => {
      const actual = pick(cur, t.unitCode, t.indicator);
      const mine = splits.filter((s) => s.targetId === t.id);
      const withProgress = mine.map((s) => {
        const a = byOwner.get(`${t.unitCode}|${s.assignee}`)?.[t.indicator] ?? 0;
        return { ...s, actual: a, completion: ratio(a, s.baseValue) };
      });
      const last = lastTargets.find((x) => x.unitCode === t.unitCode && x.indicator === t.indicator) ?? null;
      const lastActual = pick(end, t.unitCode, t.indicator);
      return {
        target: t,
        actual: actual ?? 0,
        actualHidden: actual === null,
        completion: actual === null ? null : ratio(actual, t.baseValue),
        completionStretch: actual === null ? null : ratio(actual, t.stretchValue),
        gapText: actual === null ? '' : describeGap(timeProgressGap(ratio(actual, t.baseValue), timeProgressOf(month))),
        splits: withProgress,
        unassignedActual: (actual ?? 0) - withProgress.reduce((x, s) => x + s.actual, 0),
        lastYear: {
          baseValue: last?.baseValue ?? null,
          stretchValue: last?.stretchValue ?? null,
          actual: lastActual,
          completion: lastActual === null ? null : ratio(lastActual, last?.baseValue ?? null),
          samePeriodActual: pick(same, t.unitCode, t.indicator),
        },
      };
    }),
  };
}
