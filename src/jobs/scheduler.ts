// Scheduled jobs. Each run takes a lock row in the database, so with several instances on one
// PostgreSQL only one of them runs a given job at a time.
import type { Db } from '../db/database';
import { nowIso } from '../modules/audit/audit.service';
import { SYSTEM_ACTOR } from '../modules/auth/actor';
import { runDailyWarnings } from '../modules/warnings/warnings.service';
import { tryLock } from './lock';
import { runDailyDigest } from '../modules/notifications/digest.service';
import { sendDue } from '../modules/notifications/webhooks.service';

// The lock functions live in ./lock so that services may take a lock without importing the jobs.
export { tryLock, releaseLock } from './lock';

type Log = { info: (msg: string) => void; error: (obj: unknown, msg?: string) => void };
export interface Job { name: string; everyMs: number; run: (db: Db) => Promise<void> }

export const JOBS: Job[] = [
  {
    name: 'cleanup-sessions',
    everyMs: 3600_000,
    run: async (db) => {
      await db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
      await db.deleteFrom('login_attempts').where('at', '<', new Date(Date.now() - 86400_000).toISOString()).execute();
    },
  },
  // Checked hourly; runs the warning rules once per day (the first check after midnight).
  { name: 'warnings-daily', everyMs: 3600_000, run: (db) => runDailyWarnings(db, SYSTEM_ACTOR) },
  // Checked hourly; queues each unit's digest once per day after 08:00 (Asia/Shanghai).
  { name: 'notify-digest', everyMs: 3600_000, run: (db) => runDailyDigest(db, SYSTEM_ACTOR) },
  // Sends queued robot messages that are due (retries back off 1 min, 5 min, 30 min, 2 h).
  { name: 'notify-send', everyMs: 30_000, run: async (db) => { await sendDue(db); } },
];

export function startJobs(db: Db, log: Log): () => void {
  const timers = JOBS.map((job) => {
    const tick = async () => {
      if (!(await tryLock(db, job.name, job.everyMs))) return;
      try { await job.run(db); } catch (err) { log.error({ err }, `job ${job.name} failed`); }
    };
    void tick();
    return setInterval(tick, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
