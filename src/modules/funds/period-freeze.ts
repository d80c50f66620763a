// Freezing a period: computes the dispatch statistics and the monthly series for the city and
// every unit on both bases and stores them (period-snapshots.ts). Called in the transaction that
// locks the period, and again when an approved revision changes a locked month.
import type { Tx } from '../../db/database';
import { parsePeriod } from '../../domain/period';
import type { StatsBasis } from '../../contracts/stats';
import { dispatchStats, monthlyStats } from '../stats/stats.service';
import { CITY_SCOPE, deleteSnapshots, writeSnapshot } from './period-snapshots';

const BASES: readonly StatsBasis[] = ['verified', 'reported'];

export async function freezePeriod(tx: Tx, period: string): Promise<void> {
  const p = parsePeriod(period);
  if (!p) throw new Error(`not a period: ${period}`);
  // Computed from live data: nothing of this period may be stored while computing.
  await deleteSnapshots(tx, period);
  const units = await tx.selectFrom('units').select('code').where('kind', '!=', 'city').orderBy('code').execute();
  const scopes: (string | null)[] = [null, ...units.map((u) => u.code)];
  const rows: [string, StatsBasis, 'dispatch' | 'monthly', unknown][] = [];
  for (const basis of BASES) {
    for (const unitCode of scopes) {
      const s = { period: p, unitCode, basis };
      rows.push([unitCode ?? CITY_SCOPE, basis, 'dispatch', await dispatchStats(tx, s)]);
      rows.push([unitCode ?? CITY_SCOPE, basis, 'monthly', await monthlyStats(tx, s)]);
    }
  }
  for (const [scope, basis, kind, payload] of rows) await writeSnapshot(tx, period, scope, basis, kind, payload);
}
