// The official figures of a locked period (period_snapshots). Written when the period is locked
// (period-freeze.ts), deleted when it is unlocked, read first by the statistics service: once a
// month is locked, every report, the dashboard and the briefing read the figures of that moment.
// Kept free of the statistics service so that the service can import it.
import type { Tx } from '../../db/database';
import { nowIso } from '../audit/audit.service';

export type SnapshotKind = 'dispatch' | 'monthly';
/** '*' is the whole city; otherwise a unit code. */
export const CITY_SCOPE = '*';

/** The frozen figures for the scope when the period is locked and was frozen, else null. */
export async function readFrozen<T>(
  db: Tx,
  kind: SnapshotKind,
  s: { period: { year: number; month: number }; unitCode: string | null; basis: string },
): Promise<T | null> {
  const raw = await readFrozenJson(db, kind, s);
  return raw === null ? null : (JSON.parse(raw) as T);
}

/** A locked period's stored figures as the JSON text they were stored as (sent as is by the API). */
export async function readFrozenJson(
  db: Tx,
  kind: SnapshotKind,
  s: { period: { year: number; month: number }; unitCode: string | null; basis: string },
): Promise<string | null> {
  const period = `${s.period.year}-${String(s.period.month).padStart(2, '0')}`;
  const r = await db
    .selectFrom('period_snapshots')
    .innerJoin('period_locks', 'period_locks.period', 'period_snapshots.period')
    .select('period_snapshots.payload')
    .where('period_snapshots.period', '=', period)
    .where('period_snapshots.scope', '=', s.unitCode ?? CITY_SCOPE)
    .where('period_snapshots.basis', '=', s.basis)
    .where('period_snapshots.kind', '=', kind)
    .executeTakeFirst();
  return r ? r.payload : null;
}

export async function writeSnapshot(
  tx: Tx,
  period: string,
  scope: string,
  basis: string,
  kind: SnapshotKind,
  payload: unknown,
): Promise<void> {
  await tx
    .insertInto('period_snapshots')
    .values({ period, scope, basis, kind, payload: JSON.stringify(payload), created_at: nowIso() })
    .execute();
}

export async function deleteSnapshots(tx: Tx, period: string): Promise<number> {
  const r = await tx.deleteFrom('period_snapshots').where('period', '=', period).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Every stored dispatch snapshot of the period: scope → basis → figures. */
export async function readDispatchSnapshots(db: Tx, period: string): Promise<Record<string, Record<string, unknown>>> {
  const rows = await db
    .selectFrom('period_snapshots')
    .select(['scope', 'basis', 'payload'])
    .where('period', '=', period)
    .where('kind', '=', 'dispatch')
    .orderBy('scope')
    .orderBy('basis')
    .execute();
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rows) (out[r.scope] ??= {})[r.basis] = JSON.parse(r.payload);
  return out;
}
