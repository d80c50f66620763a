// Supervision tasks (督办): raised from a warning or by hand by the supervisor or the city office,
// answered by the unit in rounds of feedback, and closed only when the supervisor verifies the
// answer. The colour escalates blue → yellow → red as the deadline passes; at red an interview
// (约谈) can be recorded.
import { isPostgres, type Tx } from '../../db/database';
import type { SupervisionTask, SupervisionTaskDetail } from '../../contracts/warnings';
import { AppError } from '../../domain/errors';
import { daysBetween, todayIso } from '../../domain/period';
import { escalationColour, WARNING_RULE_LABELS, type WarningRule } from '../../domain/warnings';
import { updateVersioned } from '../../db/versioned';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { assertUnitVisible, assertUnitWritable, scoped } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { notifySupervision } from '../notifications/notifications.service';

function taskRows(db: Tx, actor: Actor) {
  return scoped(
    db
      .selectFrom('supervision_tasks')
      .leftJoin('units', 'units.code', 'supervision_tasks.unit_code')
      .leftJoin('projects', 'projects.id', 'supervision_tasks.project_id')
      .selectAll('supervision_tasks')
      .select(['units.name as unit_name', 'projects.code as project_code', 'projects.name as project_name'])
      .select((eb) =>
        eb
          .selectFrom('supervision_events')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('supervision_events.task_id', '=', 'supervision_tasks.id')
          .where('supervision_events.kind', '=', 'interview')
          .as('interviews'),
      ),
    'supervision_tasks.unit_code',
    actor,
  );
}
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRows>['execute']>>[number];

function toTask(r: TaskRow, today: string, redAfterDays: number): SupervisionTask {
  const closed = r.status === 'closed';
  const late = Math.max(0, daysBetween(r.deadline, closed && r.closed_on ? r.closed_on : today));
  return {
    id: Number(r.id),
    title: r.title,
    content: r.content,
    unitCode: r.unit_code,
    unitName: r.unit_name ?? null,
    assignee: r.assignee,
    deadline: r.deadline,
    warningId: r.warning_id === null ? null : Number(r.warning_id),
    projectId: r.project_id === null ? null : Number(r.project_id),
    projectCode: r.project_code ?? null,
    projectName: r.project_name ?? null,
    source: r.source as 'warning' | 'manual' | 'meeting',
    meetingPeriod: r.meeting_period,
    status: r.status as SupervisionTask['status'],
    colour: closed ? 'done' : escalationColour(r.deadline, today, redAfterDays),
    daysLate: late,
    raisedByName: r.raised_by_name,
    closedOn: r.closed_on,
    version: r.version,
    createdAt: r.created_at,
    hasInterview: Number(r.interviews ?? 0) > 0,
  };
}

export type TaskListQuery = {
  status?: 'active' | 'open' | 'answered' | 'closed' | 'all';
  unit?: string | undefined;
  meeting?: string | undefined;
};

export async function listTasks(db: Tx, actor: Actor, q: TaskListQuery = {}, today = todayIso()): Promise<SupervisionTask[]> {
  const { supervisionRedAfterDays } = await getSettings(db);
  let qb = taskRows(db, actor);
  const status = q.status ?? 'active';
  if (status === 'active') qb = qb.where('supervision_tasks.status', '<>', 'closed');
  else if (status !== 'all') qb = qb.where('supervision_tasks.status', '=', status);
  if (q.unit) qb = qb.where('supervision_tasks.unit_code', '=', q.unit);
  if (q.meeting) qb = qb.where('supervision_tasks.meeting_period', '=', q.meeting);
  const rows = await qb.orderBy('supervision_tasks.deadline').orderBy('supervision_tasks.id').limit(1000).execute();
  return rows.map((r) => toTask(r, today, supervisionRedAfterDays));
}

export async function getTask(db: Tx, actor: Actor, id: number, today = todayIso()): Promise<SupervisionTaskDetail> {
  const r = await taskRows(db, actor).where('supervision_tasks.id', '=', id).executeTakeFirst();
  if (!r) {
    const any = await db.selectFrom('supervision_tasks').select('unit_code').where('id', '=', id).executeTakeFirst();
    if (any) assertUnitVisible(actor, any.unit_code, '督办事项');
    throw new AppError('not_found', '督办事项不存在或无权查看');
  }
  const { supervisionRedAfterDays } = await getSettings(db);
  const events = await db.selectFrom('supervision_events').selectAll().where('task_id', '=', id).orderBy('id').execute();
  return {
    ...toTask(r, today, supervisionRedAfterDays),
    events: events.map((e) => ({ id: Number(e.id), kind: e.kind as 'feedback', content: e.content, actorName: e.actor_name, at: e.at })),
  };
}

export type TaskCreate = {
  title: string;
  content?: string | null | undefined;
  unitCode?: string | undefined;
  assignee?: string | null | undefined;
  deadline: string;
  warningId?: number | undefined;
  meetingPeriod?: string | undefined;
};

export async function createTask(tx: Tx, actor: Actor, input: TaskCreate, today = todayIso()): Promise<SupervisionTaskDetail> {
  requirePermission(actor, 'supervision.write');
  let unitCode = input.unitCode ?? null;
  let projectId: number | null = null;
  let assignee = input.assignee ?? null;
  if (input.warningId !== undefined) {
    // On PostgreSQL the warning's row is held until commit, so two supervisors clicking 督办 at once
    // cannot both find no open task and raise two (SQLite's write lock already serialises them).
    let wq = tx.selectFrom('warnings').selectAll().where('id', '=', input.warningId);
    if (isPostgres(tx)) wq = wq.forUpdate();
    const w = await wq.executeTakeFirst();
    if (!w) throw new AppError('not_found', '预警不存在，请刷新预警列表后再督办', { warningId: '预警不存在' });
    if (w.cleared_at) throw new AppError('conflict', `该预警已于 ${w.cleared_at} 解除，无需督办`);
    const open = await tx
      .selectFrom('supervision_tasks')
      .select('id')
      .where('warning_id', '=', w.id)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    if (open)
      throw new AppError('conflict', `该预警已有督办事项（编号 ${open.id}）在办，请在该事项中继续跟进`, undefined, {
        taskId: Number(open.id),
      });
    if (unitCode && unitCode !== w.unit_code)
      throw new AppError('validation', '督办承办单位应与预警所属单位一致', { unitCode: '应为预警所属单位' });
    unitCode = w.unit_code;
    projectId = w.project_id === null ? null : Number(w.project_id);
    assignee ??= w.owner;
  }
  if (!unitCode) throw new AppError('validation', '请选择承办单位', { unitCode: '必填' });
  assertUnitWritable(actor, unitCode);
  const unit = await tx.selectFrom('units').select(['code', 'kind']).where('code', '=', unitCode).executeTakeFirst();
  if (!unit) throw new AppError('validation', `单位 ${unitCode} 不存在`, { unitCode: '单位不存在' });
  if (input.warningId !== undefined && input.meetingPeriod) throw new AppError('validation', '议定事项不能同时关联预警，请分别登记');
  if (input.deadline < today)
    throw new AppError('validation', `办结期限 ${input.deadline} 已过，请选择今天或以后的日期`, { deadline: '不能早于今天' });
  const t = nowIso();
  const row = await tx
    .insertInto('supervision_tasks')
    .values({
      title: input.title,
      content: input.content ?? null,
      unit_code: unitCode,
      assignee,
      deadline: input.deadline,
      warning_id: input.warningId ?? null,
      project_id: projectId,
      meeting_period: input.meetingPeriod ?? null,
      source: input.warningId !== undefined ? 'warning' : input.meetingPeriod ? 'meeting' : 'manual',
      status: 'open',
      raised_by: actor.userId,
      raised_by_name: actor.name,
      closed_on: null,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await audit(tx, actor, {
    action: 'create',
    entity: 'supervision_task',
    entityId: id,
    unitCode,
    summary: `督办：${input.title}（期限 ${input.deadline}）`,
    after: { ...input, unitCode },
  });
  await notifySupervision(tx, actor, { id, title: input.title, unitCode, deadline: input.deadline }, 'raised');
  return getTask(tx, actor, id, today);
}

type Action = 'feedback' | 'reject' | 'close' | 'interview';
const ACTION_TEXT: Record<Action, string> = { feedback: '反馈办理情况', reject: '退回重办', close: '核验办结', interview: '约谈记录' };

/** One step of the task's life: the unit answers; the supervisor rejects, closes, or records an interview. */
export async function actOnTask(
  tx: Tx,
  actor: Actor,
  id: number,
  action: Action,
  input: { version: number; content: string },
  today = todayIso(),
): Promise<SupervisionTaskDetail> {
  const before = await getTask(tx, actor, id, today);
  if (action === 'feedback') {
    // The unit answers (the city office may record an answer on its behalf); supervisors verify.
    requirePermission(actor, 'project.write');
    assertUnitWritable(actor, before.unitCode);
    if (before.status === 'closed') throw new AppError('conflict', '该督办事项已办结，不能再反馈');
  } else {
    requirePermission(actor, 'supervision.write');
    if (before.status === 'closed') throw new AppError('conflict', '该督办事项已办结');
    if ((action === 'close' || action === 'reject') && before.status !== 'answered') {
      throw new AppError('conflict', '承办单位尚未反馈办理情况，核验后才能办结或退回；可先等待反馈');
    }
    if (action === 'interview' && before.colour !== 'red') {
      throw new AppError('conflict', '督办事项超期转红后才记录约谈；当前尚未到红色等级');
    }
  }
  const status = action === 'feedback' ? 'answered' : action === 'reject' ? 'open' : action === 'close' ? 'closed' : before.status;
  await updateVersioned(
    tx,
    'supervision_tasks',
    id,
    input.version,
    { status, ...(action === 'close' ? { closed_on: today } : {}) },
    '督办事项',
  );
  await tx
    .insertInto('supervision_events')
    .values({ task_id: id, kind: action, content: input.content, actor_id: actor.userId, actor_name: actor.name, at: nowIso() })
    .execute();
  await audit(tx, actor, {
    action: action === 'close' ? 'verify' : action === 'reject' ? 'return' : 'update',
    entity: 'supervision_task',
    entityId: id,
    unitCode: before.unitCode,
    summary: `督办“${before.title}”：${ACTION_TEXT[action]}`,
    before: { status: before.status },
    after: { status, content: input.content },
  });
  await notifySupervision(tx, actor, before, action);
  return getTask(tx, actor, id, today);
}

/** Open, answered and closed tasks per unit, and the colours of those still open. */
export async function taskBoard(db: Tx, actor: Actor, today = todayIso()) {
  const tasks = await listTasks(db, actor, { status: 'all' }, today);
  const units = await scoped(
    db.selectFrom('units').select(['code', 'name']).where('active', '=', 1).where('kind', '<>', 'city'),
    'units.code',
    actor,
  )
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return {
    items: units.map((u) => {
      const mine = tasks.filter((t) => t.unitCode === u.code);
      const live = mine.filter((t) => t.status !== 'closed');
      return {
        unitCode: u.code,
        unitName: u.name,
        open: mine.filter((t) => t.status === 'open').length,
        answered: mine.filter((t) => t.status === 'answered').length,
        closed: mine.filter((t) => t.status === 'closed').length,
        blue: live.filter((t) => t.colour === 'blue').length,
        yellow: live.filter((t) => t.colour === 'yellow').length,
        red: live.filter((t) => t.colour === 'red').length,
      };
    }),
  };
}

/** A default title for a task raised from a warning. */
export function taskTitleFor(rule: WarningRule, subject: string): string {
  return `${WARNING_RULE_LABELS[rule]}：${subject}`;
}
