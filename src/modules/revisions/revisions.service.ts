// Revisions (修订): the one way to change data a locked month's figures were computed from —
// an investor's origin, or the unit that counted a project's locked funds. The city office
// proposes the change with a reason; approving it applies the change, refreezes the affected
// locked periods and keeps their figures before → after. Everything is audited.
import type { Tx } from '../../db/database';
import { takeMutex } from '../../db/mutex';
import { AppError } from '../../domain/errors';
import { resolveOrigin } from '../../domain/origin';
import type { Revision, RevisionCreate, RevisionFigure, RevisionStatus } from '../../contracts/revisions';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { freezePeriod } from '../funds/period-freeze';
import { periodMutexKey } from '../funds/period-locks.service';
import { readDispatchSnapshots } from '../funds/period-snapshots';
import { lockedPeriodsReading } from '../funds/locked-guards';
import { getInvestorInScope, updateInvestor } from '../investors/investors.service';
import { getProjectInScope, updateProject } from '../projects/projects.service';

type Row = Awaited<ReturnType<typeof rowQuery>>[number];
const rowQuery = (db: Tx) => db.selectFrom('revisions').selectAll().execute();

const toRevision = (r: Row): Revision => ({
  id: Number(r.id),
  entity: r.entity as Revision['entity'],
  entityId: Number(r.entity_id),
  change: JSON.parse(r.change_json) as Record<string, unknown>,
  summary: r.summary,
  reason: r.reason,
  status: r.status as RevisionStatus,
  requestedBy: r.requested_by_name,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by_name,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  periods: JSON.parse(r.periods_json) as string[],
  figures: r.figures_json ? (JSON.parse(r.figures_json) as RevisionFigure[]) : null,
  version: Number(r.version),
});

export async function listRevisions(db: Tx, actor: Actor, q: { status?: RevisionStatus | undefined }): Promise<Revision[]> {
  requirePermission(actor, 'period.lock');
  let qb = db.selectFrom('revisions').selectAll().orderBy('id', 'desc').limit(500);
  if (q.status) qb = qb.where('status', '=', q.status);
  return (await qb.execute()).map(toRevision);
}

export async function getRevision(db: Tx, actor: Actor, id: number): Promise<Revision> {
  requirePermission(actor, 'period.lock');
  const r = await db.selectFrom('revisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', `修订 #${id} 不存在`);
  return toRevision(r);
}

/** Periods of the entries the change touches: all of the investor's projects, or the project. */
async function entryPeriods(db: Tx, entity: 'investor' | 'project', id: number): Promise<string[]> {
  let q = db
    .selectFrom('fund_entries')
    .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
    .select('fund_entries.period')
    .distinct();
  q = entity === 'investor' ? q.where('projects.investor_id', '=', id) : q.where('projects.id', '=', id);
  return (await q.execute()).map((r) => r.period);
}

export async function createRevision(tx: Tx, actor: Actor, input: RevisionCreate): Promise<Revision> {
  requirePermission(actor, 'period.lock');
  let summary: string;
  let change: Record<string, unknown>;
  if (input.entity === 'investor') {
    const inv = await getInvestorInScope(tx, actor, input.entityId);
    const r = resolveOrigin(input.origin);
    if (!r)
      throw new AppError('validation', `无法识别所在地“${input.origin}”，请填写省市区名称、6位行政区划代码或国家/地区`, {
        origin: '无法识别的所在地',
      });
    change = { origin: input.origin, originName: r.name, originBefore: inv.originName ?? inv.originInput ?? null };
    summary = `客商“${inv.name}”所在地改为 ${r.name}`;
  } else {
    const p = await getProjectInScope(tx, actor, input.entityId);
    const unit = await tx.selectFrom('units').select(['code', 'name', 'kind']).where('code', '=', input.unitCode).executeTakeFirst();
    if (!unit) throw new AppError('validation', `单位 ${input.unitCode} 不存在`, { unitCode: '单位不存在' });
    const locked = await tx
      .selectFrom('fund_entries')
      .innerJoin('period_locks', 'period_locks.period', 'fund_entries.period')
      .select('fund_entries.id')
      .where('fund_entries.project_id', '=', p.id)
      .where('fund_entries.unit_code', '!=', unit.code)
      .limit(1)
      .executeTakeFirst();
    if (!locked && p.unitCode === unit.code)
      throw new AppError('conflict', `项目 ${p.code} 已属于 ${unit.name}，锁定月份的到位资金也已计入该单位，无需修订`);
    change = { unitCode: unit.code, unitName: unit.name, unitBefore: p.unitCode };
    summary = `项目 ${p.code} ${p.name} 的承办单位（含已锁定月份的到位资金）改为 ${unit.name}`;
  }
  const periods = await lockedPeriodsReading(tx, await entryPeriods(tx, input.entity, input.entityId));
  const row = await tx
    .insertInto('revisions')
    .values({
      entity: input.entity,
      entity_id: String(input.entityId),
      change_json: JSON.stringify(change),
      summary,
      reason: input.reason,
      requested_by: actor.userId,
      requested_by_name: actor.name,
      requested_at: nowIso(),
      periods_json: JSON.stringify(periods),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const rev = toRevision(row);
  await audit(tx, actor, {
    action: 'create',
    entity: 'revision',
    entityId: rev.id,
    summary: `提出修订 #${rev.id}：${summary}；原因：${input.reason}`,
    after: rev,
  });
  return rev;
}

async function decide(tx: Tx, actor: Actor, id: number, version: number, patch: Record<string, unknown>): Promise<Row> {
  const before = await getRevision(tx, actor, id);
  if (before.status !== 'pending')
    throw new AppError('conflict', `修订 #${id} 已${before.status === 'approved' ? '批准' : '驳回'}，不能再处理`);
  if (before.version !== version)
    throw new AppError('stale', `修订 #${id} 已被他人处理或修改，请刷新后再试`, undefined, { currentVersion: before.version });
  const res = await tx
    .updateTable('revisions')
    .set({ ...patch, version: version + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale', `修订 #${id} 刚被他人处理，请刷新`);
  return tx.selectFrom('revisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Top-level numbers of a dispatch snapshot (and one level into objects): what a revision reports. */
function figuresOf(stats: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!stats || typeof stats !== 'object') return out;
  for (const [k, v] of Object.entries(stats)) {
    if (typeof v === 'number') out[k] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'period') {
      for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') out[`${k}.${k2}`] = v2;
    }
  }
  return out;
}

function diffFigures(
  period: string,
  before: Record<string, Record<string, unknown>>,
  after: Record<string, Record<string, unknown>>,
): RevisionFigure[] {
  const out: RevisionFigure[] = [];
  const scopes = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const scope of scopes) {
    for (const basis of ['verified', 'reported']) {
      const b = figuresOf(before[scope]?.[basis]);
      const a = figuresOf(after[scope]?.[basis]);
      for (const field of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
        if (b[field] !== a[field]) out.push({ period, scope, basis, field, before: b[field] ?? null, after: a[field] ?? null });
      }
    }
  }
  return out;
}

export async function approveRevision(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { version: number; note?: string | null | undefined },
): Promise<Revision> {
  requirePermission(actor, 'period.lock');
  const rev = await getRevision(tx, actor, id);
  const periods = await lockedPeriodsReading(tx, await entryPeriods(tx, rev.entity, rev.entityId));
  // Same order as every other writer: the periods first (sorted, so two approvals cannot deadlock).
  for (const p of [...periods].sort()) await takeMutex(tx, periodMutexKey(p), 'exclusive');
  const before = new Map<string, Record<string, Record<string, unknown>>>();
  for (const p of periods) before.set(p, await readDispatchSnapshots(tx, p));
  if (rev.entity === 'investor') {
    const inv = await getInvestorInScope(tx, actor, rev.entityId);
    await updateInvestor(tx, actor, rev.entityId, { origin: String(rev.change.origin), version: inv.version }, { viaRevision: true });
  } else {
    const unitCode = String(rev.change.unitCode);
    const p = await getProjectInScope(tx, actor, rev.entityId);
    if (p.unitCode !== unitCode) await updateProject(tx, actor, rev.entityId, { unitCode, version: p.version });
    // What a plain move leaves where the locked figures counted it, the revision moves too.
    await tx
      .updateTable('fund_entries')
      .set({ unit_code: unitCode })
      .where('project_id', '=', rev.entityId)
      .where('unit_code', '!=', unitCode)
      .execute();
  }
  const figures: RevisionFigure[] = [];
  for (const p of periods) {
    await freezePeriod(tx, p);
    figures.push(...diffFigures(p, before.get(p) ?? {}, await readDispatchSnapshots(tx, p)));
  }
  const row = await decide(tx, actor, id, input.version, {
    status: 'approved',
    decided_by: actor.userId,
    decided_by_name: actor.name,
    decided_at: nowIso(),
    decision_note: input.note || null,
    periods_json: JSON.stringify(periods),
    figures_json: JSON.stringify(figures),
  });
  const after = toRevision(row);
  await audit(tx, actor, {
    action: 'approve',
    entity: 'revision',
    entityId: id,
    summary: `批准修订 #${id}：${rev.summary}；重新封存 ${periods.length} 个已锁定报告期${periods.length ? `（${periods.join('、')}）` : ''}，${figures.length} 项数据变化`,
    before: { status: rev.status },
    after: { status: after.status, periods, figures },
  });
  return after;
}

export async function rejectRevision(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { version: number; note?: string | null | undefined },
): Promise<Revision> {
  requirePermission(actor, 'period.lock');
  const rev = await getRevision(tx, actor, id);
  const row = await decide(tx, actor, id, input.version, {
    status: 'rejected',
    decided_by: actor.userId,
    decided_by_name: actor.name,
    decided_at: nowIso(),
    decision_note: input.note || null,
  });
  await audit(tx, actor, {
    action: 'return',
    entity: 'revision',
    entityId: id,
    summary: `驳回修订 #${id}：${rev.summary}${input.note ? `；${input.note}` : ''}`,
    before: { status: rev.status },
    after: { status: 'rejected' },
  });
  return toRevision(row);
}
