// Scheduled jobs. Each run takes a lock row in the database, so with several instances on one
// PostgreSQL only one of them runs a given job at a time.
import type { Db } from '../db/database';
import { nowIso } from '../db/clock';
import { SYSTEM_ACTOR } from '../modules/auth/actor';
import { pruneThrottle } from '../modules/auth/throttle';
import { rebuildStaleRollups, ROLLUP_REBUILD_LOCK } from '../modules/stats/rollups';
import { runDailyWarnings } from '../modules/warnings/warnings.service';
import { HOLDER, tryLock } from './lock';
import { runDailyDigest } from '../modules/notifications/digest.service';
import { sendDue } from '../modules/notifications/webhooks.service';

// The lock functions live in ./lock so that services may take a lock without importing the jobs.
export { tryLock, releaseLock } from './lock';

type Log = { info: (msg: string) => void; error: (obj: unknown, msg?: string) => void };
export interface Job {
  name: string;
  everyMs: number;
  run: (db: Db) => Promise<void>;
}

export const JOBS: Job[] = [
  {
    name: 'cleanup-sessions',
    everyMs: 3600_000,
    run: async (db) => {
      await db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
      await db
        .deleteFrom('login_attempts')
        .where('at', '<', new Date(Date.now() - 86400_000).toISOString())
        .execute();
      await pruneThrottle(db);
      // The record of job runs is kept for 30 days.
      await db
        .deleteFrom('job_runs')
        .where('started_at', '<', new Date(Date.now() - 30 * 86400_000).toISOString())
        .execute();
    },
  },
  // A rollup rebuild after a threshold or home-city change that no instance finished (docs/adr/0005).
  {
    name: ROLLUP_REBUILD_LOCK,
    everyMs: 60_000,
    run: async (db) => {
      await rebuildStaleRollups(db);
    },
  },
  // Checked hourly; runs the warning rules once per day (the first check after midnight).
  { name: 'warnings-daily', everyMs: 3600_000, run: (db) => runDailyWarnings(db, SYSTEM_ACTOR) },
  // Checked hourly; queues each unit's digest once per day after 08:00 (Asia/Shanghai).
  { name: 'notify-digest', everyMs: 3600_000, run: (db) => runDailyDigest(db, SYSTEM_ACTOR) },
  // Sends queued robot messages that are due (retries back off 1 min, 5 min, 30 min, 2 h).
  {
    name: 'notify-send',
    everyMs: 30_000,
    run: async (db) => {
      await sendDue(db);
    },
  },
];

/** Runs a job and records the run (job_runs): which instance, when, and how it ended. */
export async function runRecorded(db: Db, job: Job, log: Log, holder = HOLDER): Promise<void> {
  const row = await db
    .insertInto('job_runs')
    .values({ name: job.name, holder, started_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  let error: string | null = null;
  try {
    await job.run(db);
  } catch (err) {
    error = String((err as Error)?.message ?? err).slice(0, 2000);
    log.error({ err }, `job ${job.name} failed`);
  }
  await db
    .updateTable('job_runs')
    .set({ finished_at: nowIso(), ok: error === null ? 1 : 0, error })
    .where('id', '=', row.id)
    .execute()
    .catch((err: unknown) => log.error({ err }, `job ${job.name}: could not record its end`));
}

export function startJobs(db: Db, log: Log): () => void {
  const timers = JOBS.map((job) => {
    // A database that is briefly unreachable must not crash the process (an unhandled rejection).
    const tick = async () => {
      try {
        if (!(await tryLock(db, job.name, job.everyMs))) return;
        await runRecorded(db, job, log);
      } catch (err) {
        log.error({ err }, `job ${job.name} could not run`);
      }
    };
    void tick();
    return setInterval(tick, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
