// Period locks: after the monthly dispatch meeting the city office locks the month; nothing in a
// locked month changes until it is unlocked again (with a reason, in the audit log).
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import { lockedMessage, type PeriodLock } from '../../contracts/funds';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { takeMutex } from '../../db/mutex';
import { freezePeriod } from './period-freeze';
import { deleteSnapshots } from './period-snapshots';

export { lockedMessage };

export async function isPeriodLocked(db: Tx, period: string): Promise<boolean> {
  const r = await db.selectFrom('period_locks').select('period').where('period', '=', period).executeTakeFirst();
  return !!r;
}

/** Throws the 409 `locked` error when the period is locked; the ledger importer and others call this too. */
export async function assertPeriodOpen(db: Tx, period: string): Promise<void> {
  // Held until the writer's transaction ends: the period cannot be locked under it (PostgreSQL).
  await takeMutex(db, periodMutexKey(period), 'shared');
  if (await isPeriodLocked(db, period)) throw new AppError('locked', lockedMessage(period), undefined, { period });
}

/** The mutex row every write into the period shares and its lock / unlock holds alone. */
export const periodMutexKey = (period: string): string => `period:${period}`;

export function assertPeriod(period: string): { year: number; month: number } {
  const p = parsePeriod(period);
  if (!p) throw new AppError('validation', `报告期格式应为 YYYY-MM，例如 2026-05（收到：${period}）`, { period: '格式应为 YYYY-MM' });
  return p;
}

export async function getPeriodLock(db: Tx, period: string): Promise<PeriodLock> {
  assertPeriod(period);
  const row = await db
    .selectFrom('period_locks')
    .leftJoin('users', 'users.id', 'period_locks.locked_by')
    .select(['period_locks.period', 'period_locks.locked_at', 'period_locks.note', 'users.display_name'])
    .where('period_locks.period', '=', period)
    .executeTakeFirst();
  const history = await db
    .selectFrom('audit_log')
    .select(['action', 'at', 'actor_name', 'summary'])
    .where('entity', '=', 'period')
    .where('entity_id', '=', period)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return {
    period,
    locked: !!row,
    lockedBy: row?.display_name ?? null,
    lockedAt: row?.locked_at ?? null,
    note: row?.note ?? null,
    history: history.map((h) => ({ action: h.action, at: h.at, actorName: h.actor_name, summary: h.summary })),
  };
}

export async function listPeriodLocks(db: Tx): Promise<{ period: string; lockedAt: string; note: string | null }[]> {
  const rows = await db.selectFrom('period_locks').select(['period', 'locked_at', 'note']).orderBy('period', 'desc').execute();
  return rows.map((r) => ({ period: r.period, lockedAt: r.locked_at, note: r.note }));
}

export async function lockPeriod(tx: Tx, actor: Actor, period: string, note?: string | null): Promise<PeriodLock> {
  requirePermission(actor, 'period.lock');
  assertPeriod(period);
  // Waits for every write into the period in flight; none starts until this transaction ends.
  await takeMutex(tx, periodMutexKey(period), 'exclusive');
  if (await isPeriodLocked(tx, period)) throw new AppError('conflict', `报告期 ${period} 已经锁定，无需重复锁定`);
  const row = { period, locked_by: actor.userId, locked_at: nowIso(), note: note ?? null };
  await tx.insertInto('period_locks').values(row).execute();
  // The official figures of the month, read by every report from now on.
  await freezePeriod(tx, period);
  await audit(tx, actor, {
    action: 'lock',
    entity: 'period',
    entityId: period,
    summary: `锁定报告期 ${period}${note ? `：${note}` : ''}`,
    after: row,
  });
  return getPeriodLock(tx, period);
}

export async function unlockPeriod(tx: Tx, actor: Actor, period: string, reason: string): Promise<PeriodLock> {
  requirePermission(actor, 'period.lock');
  assertPeriod(period);
  const reasonText = reason.trim();
  if (reasonText.length < 2)
    throw new AppError('validation', '解锁须说明原因（至少2个字），原因将记入操作日志', { reason: '请填写解锁原因' });
  await takeMutex(tx, periodMutexKey(period), 'exclusive');
  const before = await tx.selectFrom('period_locks').selectAll().where('period', '=', period).executeTakeFirst();
  if (!before) throw new AppError('conflict', `报告期 ${period} 未锁定，无需解锁`);
  await tx.deleteFrom('period_locks').where('period', '=', period).execute();
  await deleteSnapshots(tx, period);
  await audit(tx, actor, {
    action: 'unlock',
    entity: 'period',
    entityId: period,
    summary: `解锁报告期 ${period}，原因：${reasonText}`,
    before,
    after: { reason: reasonText },
  });
  return getPeriodLock(tx, period);
}
