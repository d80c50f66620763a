// In-app notifications: one row per recipient user, so each user reads their own. Created when
// warnings first appear or turn red for a unit (to that unit's users and the city office) and at
// each step of a supervision task (to the other side).
import type { Tx } from '../../db/database';
import { parseRoles, type Actor } from '../auth/actor';
import { AppError } from '../../domain/errors';
import { WARNING_RULE_LABELS, type WarningRule } from '../../domain/warnings';
import { nowIso } from '../audit/audit.service';

export interface NotificationInput {
  unitCode: string | null;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/** Sends to the active users of the unit (toUnit), the city office (toCity) and given users, each once. */
export async function notify(
  tx: Tx,
  n: NotificationInput,
  to: { unit?: string | null; city?: boolean; userIds?: number[]; exceptUserId?: number | null },
): Promise<number> {
  const users = await tx.selectFrom('users').select(['id', 'role', 'unit_code']).where('active', '=', 1).execute();
  const ids = new Set<number>(to.userIds ?? []);
  for (const u of users) {
    if (to.unit && u.unit_code === to.unit) ids.add(Number(u.id));
    if (to.city && parseRoles(u.role).includes('city_office')) ids.add(Number(u.id));
  }
  if (to.exceptUserId) ids.delete(to.exceptUserId);
  const known = new Set(users.map((u) => Number(u.id)));
  const at = nowIso();
  const rows = [...ids]
    .filter((id) => known.has(id))
    .map((user_id) => ({
      user_id,
      unit_code: n.unitCode,
      kind: n.kind,
      title: n.title.slice(0, 300),
      body: n.body ?? null,
      link: n.link ?? null,
      created_at: at,
      read_at: null,
    }));
  for (let i = 0; i < rows.length; i += 200)
    await tx
      .insertInto('notifications')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.length;
}

export interface WarningEvent {
  unitCode: string;
  rule: WarningRule;
  level: 'yellow' | 'red';
  subject: string;
  raised: boolean;
}

/** One notification per unit per warnings run (not one per warning): what is new and what turned red. */
export async function notifyWarnings(tx: Tx, events: WarningEvent[]): Promise<void> {
  const byUnit = new Map<string, WarningEvent[]>();
  for (const e of events) byUnit.set(e.unitCode, [...(byUnit.get(e.unitCode) ?? []), e]);
  if (!byUnit.size) return;
  const names = new Map((await tx.selectFrom('units').select(['code', 'name']).execute()).map((u) => [u.code, u.name]));
  for (const [unit, list] of byUnit) {
    const raised = list.filter((e) => e.raised).length;
    const red = list.filter((e) => !e.raised).length;
    const parts = [raised ? `新增预警 ${raised} 条` : '', red ? `升为红色 ${red} 条` : ''].filter(Boolean).join('，');
    const lines = list.slice(0, 5).map((e) => `${e.level === 'red' ? '红' : '黄'}·${WARNING_RULE_LABELS[e.rule]}：${e.subject}`);
    if (list.length > 5) lines.push(`…等 ${list.length} 条`);
    await notify(
      tx,
      {
        unitCode: unit,
        kind: list.some((e) => e.level === 'red') ? 'warning-red' : 'warning',
        title: `${names.get(unit) ?? unit}：${parts}`,
        body: lines.join('\n'),
        link: `/warnings?unit=${encodeURIComponent(unit)}`,
      },
      { unit, city: true },
    );
  }
}

type TaskStep = 'raised' | 'feedback' | 'reject' | 'close' | 'interview';
const STEP_TEXT: Record<TaskStep, string> = {
  raised: '新督办事项',
  feedback: '承办单位已反馈',
  reject: '督办事项被退回重办',
  close: '督办事项已核验办结',
  interview: '督办事项记录了约谈',
};

/** The other side of a task step: the unit hears of raising, rejection, closing, interviews; the raiser of answers. */
export async function notifySupervision(
  tx: Tx,
  actor: Actor,
  task: { id: number; title: string; unitCode: string; deadline: string },
  step: TaskStep,
): Promise<void> {
  const n = {
    unitCode: task.unitCode,
    kind: `supervision-${step}`,
    title: `${STEP_TEXT[step]}：${task.title}`,
    body: `办结期限 ${task.deadline}`,
    link: `/supervision/${task.id}`,
  };
  if (step === 'feedback') {
    const row = await tx.selectFrom('supervision_tasks').select('raised_by').where('id', '=', task.id).executeTakeFirst();
    const raiser = row?.raised_by == null ? null : Number(row.raised_by);
    // Without a known raiser (raised by the system) the city office verifies.
    await notify(tx, n, raiser ? { userIds: [raiser], exceptUserId: actor.userId } : { city: true, exceptUserId: actor.userId });
  } else {
    await notify(tx, n, { unit: task.unitCode, exceptUserId: actor.userId });
  }
}

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  unitCode: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Mine, unread first, newest first; the latest 50 and the unread count. */
export async function listNotifications(db: Tx, actor: Actor): Promise<{ unread: number; items: NotificationItem[] }> {
  if (actor.userId === null) return { unread: 0, items: [] };
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const c = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    unread: Number(c.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      unitCode: r.unit_code,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
  };
}

export async function markRead(tx: Tx, actor: Actor, id: number): Promise<void> {
  const r = await tx
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId ?? -1)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const mine = await tx
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', actor.userId ?? -1)
      .executeTakeFirst();
    if (!mine) throw new AppError('not_found', '该通知不存在或不是发给您的，请刷新通知列表');
  }
}

export async function markAllRead(tx: Tx, actor: Actor): Promise<number> {
  const r = await tx
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('user_id', '=', actor.userId ?? -1)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
