// Promotion activities (招商活动): trips, delegations, promotion events and signing ceremonies, their
// people, the enterprises taking part, the report owed after a trip, and the contracts credited to
// them. Every read goes through the unit scope on activities.unit_code (city-level activities, whose
// unit is the city office or empty, are seen by city-wide roles only).
import type { Tx } from '../../db/database';
import type { ActivitiesTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { destinationGroup, isReportOverdue, reportDueOn } from '../../domain/activity';
import { isValidDate, todayIso } from '../../domain/period';
import type { Activity, ActivityCreate, ActivityDetail, ActivityQuery, ActivityUpdate } from '../../contracts/activities';
import { audit } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { assertUnitWritable, scoped, scopeUnit } from '../auth/scope';
import { getProjectInScope } from '../projects/projects.service';

type Row = Selectable<ActivitiesTable> & { unit_name: string | null };
/** Stages at which a project counts as a signed contract. */
export const SIGNED_STAGES = ['contract', 'started', 'operating'] as const;

function jsonList<T>(s: string | null, keep: (x: unknown) => x is T): T[] {
  if (!s) return [];
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.filter(keep) : [];
  } catch {
    return [];
  }
}
const isText = (x: unknown): x is string => typeof x === 'string';
const isEnterprise = (x: unknown): x is { name: string; representatives: number } =>
  !!x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string';

export function toActivity(r: Row, signed: { count: number; yuan: number } | undefined, today = todayIso()): Activity {
  const base = { kind: r.kind, startDate: r.start_date, endDate: r.end_date, reportedOn: r.reported_on };
  return {
    id: Number(r.id),
    name: r.name,
    kind: r.kind as Activity['kind'],
    startDate: r.start_date,
    endDate: r.end_date,
    destination: r.destination,
    destinationGroup: destinationGroup(r.destination),
    unitCode: r.unit_code,
    unitName: r.unit_name,
    personTimes: Number(r.person_times),
    members: jsonList(r.members_json, isText),
    enterprises: jsonList(r.enterprises_json, isEnterprise).map((e) => ({ name: e.name, representatives: Number(e.representatives) || 0 })),
    promoted: jsonList(r.promoted_json, isText),
    notes: r.notes,
    report: r.report,
    reportedOn: r.reported_on,
    reportDueOn: reportDueOn(base),
    reportOverdue: isReportOverdue(base, today),
    signedCount: signed?.count ?? 0,
    signedInvestmentYuan: signed?.yuan ?? 0,
    isDemo: !!r.is_demo,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function base(db: Tx, actor: Actor) {
  return scoped(db.selectFrom('activities').leftJoin('units', 'units.code', 'activities.unit_code'), 'activities.unit_code', actor)
    .selectAll('activities')
    .select('units.name as unit_name');
}

/** Signed contracts credited to each of the given activities and the investment they bring. */
export async function signedByActivity(db: Tx, ids: number[]): Promise<Map<number, { count: number; yuan: number }>> {
  const out = new Map<number, { count: number; yuan: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (!chunk.length) continue;
    const rows = await db
      .selectFrom('activity_projects')
      .innerJoin('projects', 'projects.id', 'activity_projects.project_id')
      .select([
        'activity_projects.activity_id as id',
        (eb) => eb.fn.countAll<number>().as('c'),
        (eb) => eb.fn.sum<number>('projects.total_investment_yuan').as('y'),
      ])
      .where('activity_projects.activity_id', 'in', chunk)
      .where('projects.stage', 'in', [...SIGNED_STAGES])
      .groupBy('activity_projects.activity_id')
      .execute();
    for (const r of rows) out.set(Number(r.id), { count: Number(r.c), yuan: Number(r.y ?? 0) });
  }
  return out;
}

function likeText(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** All activities in scope matching the SQL-side filters (region and overdue are derived, filtered after). */
export async function queryActivities(db: Tx, actor: Actor, q: Partial<ActivityQuery>): Promise<Activity[]> {
  let qb = base(db, actor);
  if (q.q) {
    const like = likeText(q.q);
    qb = qb.where((eb) =>
      eb.or([eb(eb.fn('lower', ['activities.name']), 'like', like), eb(eb.fn('lower', ['activities.destination']), 'like', like)]),
    );
  }
  if (q.kind) qb = qb.where('activities.kind', '=', q.kind);
  if (q.unitCode) qb = qb.where('activities.unit_code', '=', q.unitCode);
  // an activity overlapping [from, to] belongs to the window (a trip from 30 April to 3 May is in May too)
  if (q.to) qb = qb.where('activities.start_date', '<=', q.to);
  if (q.from)
    qb = qb.where((eb) =>
      eb.or([
        eb('activities.end_date', '>=', q.from!),
        eb.and([eb('activities.end_date', 'is', null), eb('activities.start_date', '>=', q.from!)]),
      ]),
    );
  const rows = (await qb.orderBy('activities.start_date', 'desc').orderBy('activities.id', 'desc').limit(20_000).execute()) as Row[];
  const signed = await signedByActivity(
    db,
    rows.map((r) => Number(r.id)),
  );
  const today = todayIso();
  let items = rows.map((r) => toActivity(r, signed.get(Number(r.id)), today));
  if (q.region) items = items.filter((a) => a.destinationGroup === q.region);
  if (q.reportOverdue) items = items.filter((a) => a.reportOverdue === (q.reportOverdue === 'true'));
  return items;
}

export async function listActivities(db: Tx, actor: Actor, q: ActivityQuery) {
  const all = await queryActivities(db, actor, q);
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

async function rowInScope(db: Tx, actor: Actor, id: number): Promise<Row> {
  const r = (await base(db, actor).where('activities.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!r) throw new AppError('not_found', '招商活动不存在或无权查看');
  return r;
}

export async function getActivity(db: Tx, actor: Actor, id: number): Promise<ActivityDetail> {
  const r = await rowInScope(db, actor, id);
  const signed = await signedByActivity(db, [id]);
  const projects = await scoped(
    db
      .selectFrom('activity_projects')
      .innerJoin('projects', 'projects.id', 'activity_projects.project_id')
      .leftJoin('units', 'units.code', 'projects.unit_code'),
    'projects.unit_code',
    actor,
  )
    .select([
      'projects.id',
      'projects.code',
      'projects.name',
      'projects.unit_code',
      'units.name as unit_name',
      'projects.stage',
      'projects.contract_date',
      'projects.total_investment_yuan',
    ])
    .where('activity_projects.activity_id', '=', id)
    .orderBy('activity_projects.sort')
    .orderBy('projects.id')
    .execute();
  return {
    ...toActivity(r, signed.get(id)),
    signedProjects: projects.map((p) => ({
      id: Number(p.id),
      code: p.code,
      name: p.name,
      unitCode: p.unit_code,
      unitName: p.unit_name,
      stage: p.stage,
      contractDate: p.contract_date,
      totalInvestmentYuan: Number(p.total_investment_yuan),
    })),
  };
}

function checkDates(startDate: string | undefined, endDate: string | null | undefined): void {
  const fields: Record<string, string> = {};
  if (startDate !== undefined && !isValidDate(startDate)) fields.startDate = `“${startDate}”不是有效日期`;
  if (endDate && !isValidDate(endDate)) fields.endDate = `“${endDate}”不是有效日期`;
  if (!Object.keys(fields).length && startDate && endDate && endDate < startDate) fields.endDate = '结束（返回）日期不能早于开始日期';
  if (Object.keys(fields).length) throw new AppError('validation', '日期有误，请修改', fields);
}

async function assertUnitExists(db: Tx, code: string): Promise<void> {
  const u = await db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst();
  if (!u) throw new AppError('validation', `组织单位“${code}”不存在，请从列表中选择`, { unitCode: '单位不存在' });
}

function toRow(input: Partial<ActivityCreate>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v === '' ? null : v;
  };
  set('name', input.name);
  set('kind', input.kind);
  set('start_date', input.startDate);
  set('end_date', input.endDate);
  set('destination', input.destination);
  set('unit_code', input.unitCode);
  set('person_times', input.personTimes);
  set('notes', input.notes);
  if (input.members) out.members_json = JSON.stringify(input.members);
  if (input.enterprises) out.enterprises_json = JSON.stringify(input.enterprises);
  if (input.promoted) out.promoted_json = JSON.stringify(input.promoted);
  return out;
}

async function assertNameFree(db: Tx, name: string, startDate: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('activities').select('id').where('name', '=', name).where('start_date', '=', startDate);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw new AppError('conflict', `同一天已有名为“${name}”的活动，请改名或核对是否重复登记`, { name: '重名' });
}

export async function createActivity(tx: Tx, actor: Actor, input: ActivityCreate): Promise<ActivityDetail> {
  requirePermission(actor, 'activity.write');
  const unitCode = input.unitCode || scopeUnit(actor) || null;
  if (unitCode) {
    assertUnitWritable(actor, unitCode);
    await assertUnitExists(tx, unitCode);
  } else if (scopeUnit(actor) !== null) throw new AppError('forbidden', '只能填报本单位的数据');
  checkDates(input.startDate, input.endDate);
  await assertNameFree(tx, input.name, input.startDate);
  const row = {
    ...toRow(input),
    unit_code: unitCode,
    created_by: actor.userId,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  };
  const r = await tx
    .insertInto('activities')
    .values(row as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(r.id);
  const out = await getActivity(tx, actor, id);
  await audit(tx, actor, {
    action: 'create',
    entity: 'activity',
    entityId: id,
    unitCode,
    summary: `登记招商活动：${input.name}`,
    after: out,
  });
  return out;
}

export async function updateActivity(tx: Tx, actor: Actor, id: number, input: ActivityUpdate): Promise<ActivityDetail> {
  requirePermission(actor, 'activity.write');
  const before = await getActivity(tx, actor, id);
  if (before.unitCode) assertUnitWritable(actor, before.unitCode);
  if (input.unitCode && input.unitCode !== before.unitCode) {
    assertUnitWritable(actor, input.unitCode);
    await assertUnitExists(tx, input.unitCode);
  }
  checkDates(input.startDate ?? before.startDate, input.endDate === undefined ? before.endDate : input.endDate);
  if (input.name !== undefined || input.startDate !== undefined)
    await assertNameFree(tx, input.name ?? before.name, input.startDate ?? before.startDate, id);
  const { version, ...rest } = input;
  await updateVersioned(tx, 'activities', id, version, toRow(rest), '招商活动');
  const after = await getActivity(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'activity',
    entityId: id,
    unitCode: after.unitCode,
    summary: `修改招商活动：${after.name}`,
    before,
    after,
  });
  return after;
}

export async function deleteActivity(tx: Tx, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'activity.write');
  const before = await getActivity(tx, actor, id);
  if (before.unitCode) assertUnitWritable(actor, before.unitCode);
  await tx.updateTable('projects').set({ source_activity_id: null }).where('source_activity_id', '=', id).execute();
  await tx.deleteFrom('activities').where('id', '=', id).execute();
  await audit(tx, actor, {
    action: 'delete',
    entity: 'activity',
    entityId: id,
    unitCode: before.unitCode,
    summary: `删除招商活动：${before.name}`,
    before,
  });
}

/** Files (or rewrites) the report owed after return. */
export async function fileReport(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { report: string; reportedOn?: string; version: number },
): Promise<ActivityDetail> {
  requirePermission(actor, 'activity.write');
  const before = await getActivity(tx, actor, id);
  if (before.unitCode) assertUnitWritable(actor, before.unitCode);
  const reportedOn = input.reportedOn ?? todayIso();
  if (!isValidDate(reportedOn)) throw new AppError('validation', `“${reportedOn}”不是有效日期`, { reportedOn: '日期无效' });
  if (reportedOn < before.startDate) throw new AppError('validation', '报告日期不能早于活动开始日期', { reportedOn: '早于活动开始' });
  await updateVersioned(tx, 'activities', id, input.version, { report: input.report, reported_on: reportedOn }, '招商活动');
  const after = await getActivity(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'activity',
    entityId: id,
    unitCode: after.unitCode,
    summary: `提交活动报告：${after.name}`,
    before: { report: before.report, reportedOn: before.reportedOn },
    after: { report: after.report, reportedOn },
  });
  return after;
}

/** Credits a signed contract (a pipeline project at 合同签约 or later) to the activity that brought it. */
export async function creditProject(tx: Tx, actor: Actor, id: number, projectId: number): Promise<ActivityDetail> {
  requirePermission(actor, 'activity.write');
  const activity = await getActivity(tx, actor, id);
  if (activity.unitCode) assertUnitWritable(actor, activity.unitCode);
  const project = await getProjectInScope(tx, actor, projectId);
  if (!(SIGNED_STAGES as readonly string[]).includes(project.stage)) {
    throw new AppError('validation', `项目“${project.name}”尚未签约（当前阶段不是合同签约、开工或投产），签约后再计入活动成果`, {
      projectId: '项目未签约',
    });
  }
  const exists = await tx
    .selectFrom('activity_projects')
    .select('project_id')
    .where('activity_id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  if (exists) throw new AppError('conflict', `项目“${project.name}”已计入本活动`, { projectId: '已计入' });
  const sortRow = await tx
    .selectFrom('activity_projects')
    .select((eb) => eb.fn.max('sort').as('s'))
    .where('activity_id', '=', id)
    .executeTakeFirst();
  await tx
    .insertInto('activity_projects')
    .values({ activity_id: id, project_id: projectId, sort: Number(sortRow?.s ?? 0) + 1 })
    .execute();
  await tx
    .updateTable('activities')
    .set({ version: (eb) => eb('version', '+', 1), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  await audit(tx, actor, {
    action: 'update',
    entity: 'activity',
    entityId: id,
    unitCode: activity.unitCode,
    summary: `计入签约项目：${project.code} ${project.name}`,
    after: { projectId },
  });
  return getActivity(tx, actor, id);
}

export async function uncreditProject(tx: Tx, actor: Actor, id: number, projectId: number): Promise<ActivityDetail> {
  requirePermission(actor, 'activity.write');
  const activity = await getActivity(tx, actor, id);
  if (activity.unitCode) assertUnitWritable(actor, activity.unitCode);
  const link = activity.signedProjects.find((p) => p.id === projectId);
  const res = await tx
    .deleteFrom('activity_projects')
    .where('activity_id', '=', id)
    .where('project_id', '=', projectId)
    .where('project_id', 'in', activity.signedProjects.map((p) => p.id).concat([-1]))
    .executeTakeFirst();
  if (!link || Number(res.numDeletedRows) === 0) throw new AppError('not_found', '该项目未计入本活动');
  await tx
    .updateTable('activities')
    .set({ version: (eb) => eb('version', '+', 1), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  await audit(tx, actor, {
    action: 'update',
    entity: 'activity',
    entityId: id,
    unitCode: activity.unitCode,
    summary: `移出签约项目：${link.code} ${link.name}`,
    before: { projectId },
  });
  return getActivity(tx, actor, id);
}

/** For a project page or a warning: the activities a project is credited to (in scope). */
export async function activitiesOfProject(db: Tx, actor: Actor, projectId: number): Promise<{ id: number; name: string }[]> {
  const rows = await scoped(
    db.selectFrom('activity_projects').innerJoin('activities', 'activities.id', 'activity_projects.activity_id'),
    'activities.unit_code',
    actor,
  )
    .select(['activities.id', 'activities.name'])
    .where('activity_projects.project_id', '=', projectId)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** For the warnings branch: activities whose report is overdue (15 days after return), in the actor's scope. */
export async function overdueActivityReports(db: Tx, actor: Actor): Promise<Activity[]> {
  return queryActivities(db, actor, { reportOverdue: 'true' });
}
