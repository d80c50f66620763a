// Which locked periods a change would alter. A locked month's figures are frozen (period
// snapshots), but a change to the data they were computed from is refused or goes through a
// revision (修订) rather than silently diverging from what was read at the dispatch meeting.
import type { Tx } from '../../db/database';
import { countedStatuses } from '../../domain/stats.definitions';

/** Locked periods in which any of the investor's projects has counted (reported) funds. */
export async function lockedPeriodsCountingInvestor(db: Tx, investorId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('fund_entries')
    .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
    .innerJoin('period_locks', 'period_locks.period', 'fund_entries.period')
    .select('fund_entries.period')
    .distinct()
    .where('projects.investor_id', '=', investorId)
    .where('fund_entries.status', 'in', countedStatuses('reported'))
    .orderBy('fund_entries.period')
    .execute();
  return rows.map((r) => r.period);
}

/**
 * Locked periods whose figures read entries of these periods: the same year's later months
 * (year to date) and the next year's (last year's comparison).
 */
export async function lockedPeriodsReading(db: Tx, entryPeriods: string[]): Promise<string[]> {
  if (entryPeriods.length === 0) return [];
  const locks = await db.selectFrom('period_locks').select('period').orderBy('period').execute();
  return locks
    .map((l) => l.period)
    .filter((p) =>
      entryPeriods.some((e) => {
        const [ey, py] = [Number(e.slice(0, 4)), Number(p.slice(0, 4))];
        return (py === ey && p >= e) || py === ey + 1;
      }),
    );
}
