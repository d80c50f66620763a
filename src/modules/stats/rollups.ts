// Statistics rollups (docs/adr/0003-statistics-rollups.md). Database triggers (migration 003) keep
// fund_rollups and fund_project_firsts exact on every write; this module rebuilds them (after a
// large-project threshold change, or by hand) and checks them against fund_entries.
import { sql } from 'kysely';
import type { Tx } from '../../db/database';

const DIMS = sql.raw(`JOIN projects p ON p.id = f.project_id LEFT JOIN investors i ON i.id = p.investor_id`);
const SCOPE = sql.raw(`COALESCE(i.origin_scope, '')`);
const LARGE = sql.raw(`CASE WHEN p.total_investment_yuan >= (SELECT large_threshold_yuan FROM stats_params WHERE id = 1) THEN 1 ELSE 0 END`);

/** The large-project threshold (元) the rollups were built with. */
export async function rollupThresholdYuan(db: Tx): Promise<number | null> {
  const r = await db.selectFrom('stats_params').select('large_threshold_yuan').where('id', '=', 1).executeTakeFirst();
  return r ? Number(r.large_threshold_yuan) : null;
}

/** Recomputes both rollup tables from fund_entries (inside the caller's transaction). */
export async function rebuildFundRollups(tx: Tx): Promise<void> {
  await tx.deleteFrom('fund_rollups').execute();
  await tx.deleteFrom('fund_project_firsts').execute();
  await sql`INSERT INTO fund_rollups (year, month, unit_code, status, origin_scope, large, amount_yuan, foreign_usd, entries)
    SELECT f.year, f.month, f.unit_code, f.status, ${SCOPE}, ${LARGE}, SUM(f.amount_yuan), SUM(f.foreign_usd), COUNT(*)
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 5, 6`.execute(tx);
  await sql`INSERT INTO fund_project_firsts (project_id, year, status, unit_code, first_month, origin_scope, large)
    SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month), ${SCOPE}, ${LARGE}
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 6, 7`.execute(tx);
}

/**
 * Makes the triggers see a new large-project threshold (元) and rebuilds the rollups when it
 * changed. Call it in the transaction that changes the setting.
 */
export async function setLargeThreshold(tx: Tx, thresholdYuan: number): Promise<boolean> {
  const current = await rollupThresholdYuan(tx);
  if (current === thresholdYuan) return false;
  if (current === null) await tx.insertInto('stats_params').values({ id: 1, large_threshold_yuan: thresholdYuan }).execute();
  else await tx.updateTable('stats_params').set({ large_threshold_yuan: thresholdYuan }).where('id', '=', 1).execute();
  await rebuildFundRollups(tx);
  return true;
}

export type RollupDifference = { table: 'fund_rollups' | 'fund_project_firsts'; key: string; expected: string | null; actual: string | null };

/**
 * Recomputes both rollups directly from fund_entries and compares them row by row.
 * Returns the differences (empty when the rollups are exact).
 */
export async function checkFundRollups(db: Tx): Promise<RollupDifference[]> {
  const out: RollupDifference[] = [];
  const compare = (table: RollupDifference['table'], expected: Map<string, string>, actual: Map<string, string>) => {
    for (const [key, e] of expected) if (actual.get(key) !== e) out.push({ table, key, expected: e, actual: actual.get(key) ?? null });
    for (const [key, a] of actual) if (!expected.has(key)) out.push({ table, key, expected: null, actual: a });
  };
  type R = { year: unknown; month: unknown; unit_code: string; status: string; origin_scope: string; large: unknown; amount_yuan: unknown; foreign_usd: unknown; entries: unknown };
  const rk = (r: R) => `${Number(r.year)}-${Number(r.month)} ${r.unit_code} ${r.status} ${r.origin_scope || '-'} ${Number(r.large)}`;
  const rv = (r: R) => `${Number(r.amount_yuan)} ${Number(r.foreign_usd)} ${Number(r.entries)}`;
  const expRollups = await sql<R>`SELECT f.year, f.month, f.unit_code, f.status, ${SCOPE} AS origin_scope, ${LARGE} AS large,
      SUM(f.amount_yuan) AS amount_yuan, SUM(f.foreign_usd) AS foreign_usd, COUNT(*) AS entries
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  const actRollups = await db.selectFrom('fund_rollups').selectAll().execute();
  compare('fund_rollups', new Map(expRollups.rows.map((r) => [rk(r), rv(r)])), new Map(actRollups.map((r) => [rk(r), rv(r)])));

  type F = { project_id: unknown; year: unknown; status: string; unit_code: string; first_month: unknown; origin_scope: string; large: unknown };
  const fk = (r: F) => `${Number(r.project_id)} ${Number(r.year)} ${r.status} ${r.unit_code}`;
  const fv = (r: F) => `${Number(r.first_month)} ${r.origin_scope || '-'} ${Number(r.large)}`;
  const expFirsts = await sql<F>`SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month) AS first_month, ${SCOPE} AS origin_scope, ${LARGE} AS large
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 6, 7`.execute(db);
  const actFirsts = await db.selectFrom('fund_project_firsts').selectAll().execute();
  compare('fund_project_firsts', new Map(expFirsts.rows.map((r) => [fk(r), fv(r)])), new Map(actFirsts.map((r) => [fk(r), fv(r)])));
  return out;
}
