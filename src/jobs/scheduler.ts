// Scheduled jobs. Each run takes a lock row in the database, so with several instances on one
// PostgreSQL only one of them runs a given job at a time.
import { pruneThrottle } from '../modules/auth/throttle';
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { nowIso } from '../modules/audit/audit.service';
import { rebuildStaleRollups, ROLLUP_REBUILD_LOCK } from '../modules/stats/rollups';

type Log = { info: (msg: string) => void; error: (obj: unknown, msg?: string) => void };
export interface Job { name: string; everyMs: number; run: (db: Db) => Promise<void> }

const HOLDER = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

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
      } catch { return false; }
    }
    const r = await tx.updateTable('job_locks').set({ holder, expires_at: expires })
      .where('name', '=', name).where((eb) => eb.or([eb('expires_at', '<', now), eb('holder', '=', holder)])).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

export async function releaseLock(db: Db, name: string, holder = HOLDER): Promise<void> {
  await db.deleteFrom('job_locks').where('name', '=', name).where('holder', '=', holder).execute();
}

export const JOBS: Job[] = [
  {
    name: 'cleanup-sessions',
    everyMs: 3600_000,
    run: async (db) => {
      await db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
      await db.deleteFrom('login_attempts').where('at', '<', new Date(Date.now() - 86400_000).toISOString()).execute();
      await pruneThrottle(db);
    },
  },
  // A rollup rebuild after a threshold or home-city change that no instance finished (docs/adr/0005).
  { name: ROLLUP_REBUILD_LOCK, everyMs: 60_000, run: async (db) => { await rebuildStaleRollups(db); } },
];

/** Runs a job and records the run (job_runs): which instance, when, and how it ended. */
export async function runRecorded(db: Db, job: Job, log: Log, holder = HOLDER): Promise<void> {
  const row = await db.insertInto('job_runs').values({ name: job.name, holder, started_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  let error: string | null = null;
  try { await job.run(db); } catch (err) { error = String((err as Error)?.message ?? err).slice(0, 2000); log.error({ err }, `job ${job.name} failed`); }
  await db.updateTable('job_runs').set({ finished_at: nowIso(), ok: error === null ? 1 : 0, error }).where('id', '=', row.id).execute()
    .catch((err: unknown) => log.error({ err }, `job ${job.name}: could not record its end`));
}

export function startJobs(db: Db, log: Log): () => void {
  const timers = JOBS.map((job) => {
    // A database that is briefly unreachable must not crash the process (an unhandled rejection).
    const tick = async () => {
      try {
        if (!(await tryLock(db, job.name, job.everyMs))) return;
        await runRecorded(db, job, log);
      } catch (err) { log.error({ err }, `job ${job.name} could not run`); }
    };
    void tick();
    return setInterval(tick, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
