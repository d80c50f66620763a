// Runs a pending rollup rebuild outside the request that caused it (a threshold or home-city
// change), under the job lock, so with several instances only one rebuilds; the scheduler's job of
// the same name (src/jobs/scheduler.ts) picks up a rebuild an instance did not finish.
import type { Db } from '../../db/database';
import { releaseLock, tryLock } from '../../jobs/scheduler';
import { rebuildStaleRollups, ROLLUP_REBUILD_LOCK } from './rollups';

let running: Promise<void> = Promise.resolve();

/** Starts the rebuild if none runs in this process; never throws (a failure is retried by the job). */
export function rebuildRollupsInBackground(db: Db, log?: { error: (obj: unknown, msg?: string) => void }): Promise<void> {
  running = running.then(async () => {
    try {
      if (!(await tryLock(db, ROLLUP_REBUILD_LOCK, 30 * 60_000))) return;
      try {
        await rebuildStaleRollups(db);
      } finally {
        await releaseLock(db, ROLLUP_REBUILD_LOCK);
      }
    } catch (err) {
      log?.error({ err }, '统计汇总表后台重建失败（定时任务会重试）');
    }
  });
  return running;
}

/** Resolves when the rebuilds started in this process are done (tests, CLI). */
export function rollupRebuildSettled(): Promise<void> {
  return running;
}
