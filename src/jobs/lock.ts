// Database locks for jobs: with several instances on one PostgreSQL only the holder runs.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { nowIso } from '../db/clock';

/** This process's name in job_locks and job_runs. */
export const HOLDER = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

/** Takes the named lock until `ttlMs` from now; false when another live holder has it. */
export async function tryLock(db: Db, name: string, ttlMs: number, holder = HOLDER): Promise<boolean> {
  const now = nowIso();
  const expires = new Date(Date.now() + ttlMs).toISOString();
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('job_locks').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) {
      try {
        await tx.insertInto('job_locks').values({ name, holder, expires_at: expires }).execute();
        return true;
      } catch {
        return false;
      }
    }
    const r = await tx
      .updateTable('job_locks')
      .set({ holder, expires_at: expires })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expires_at', '<', now), eb('holder', '=', holder)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

export async function releaseLock(db: Db, name: string, holder = HOLDER): Promise<void> {
  await db.deleteFrom('job_locks').where('name', '=', name).where('holder', '=', holder).execute();
}
