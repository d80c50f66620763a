// Statistics rollups (docs/adr/0003-statistics-rollups.md). Database triggers (migration 003) keep
// fund_rollups and fund_project_firsts exact on every write; this module rebuilds them (after a
// large-project threshold change, or by hand) and checks them against fund_entries.
import { sql } from 'kysely';
import type { Tx } from '../../db/database';

const DIMS = sql.raw(`JOIN projects p ON p.id = f.project_id LEFT JOIN investors i ON i.id = p.investor_id`);
const SCOPE = sql.raw(`COALESCE(i.origin_scope, '')`);
const LARGE = sql.raw(`CASE WHEN p.total_investment_yuan >= (SELECT large_threshold_yuan FROM stats_params WHERE id = 1) THEN 1 ELSE 0 END`);

/**
 * fund_large_firsts rows from fund_project_firsts: per large, non-local project, year, basis and
 * unit ('*' for the whole city) the first month with counted funds. Migration 004 holds the same.
 */
const BASES: [string, string[]][] = [['verified', ['verified']], ['reported', ['submitted', 'approved', 'verified']]];
const LARGE_FIRSTS = sql.join(BASES.flatMap(([basis, statuses]) => {
  const where = sql`status IN (${sql.join(statuses)}) AND large = 1 AND origin_scope NOT IN ('', 'local')`;
  return [
    sql`SELECT project_id, year, ${sql.lit(basis)}, unit_code, MIN(first_month) FROM fund_project_firsts WHERE ${where} GROUP BY project_id, year, unit_code`,
    sql`SELECT project_id, year, ${sql.lit(basis)}, '*', MIN(first_month) FROM fund_project_firsts WHERE ${where} GROUP BY project_id, year`,
  ];
}), sql` UNION ALL `);

/** The large-project threshold (元) the rollups were built with. */
export async function rollupThresholdYuan(db: Tx): Promise<number | null> {
  const r = await db.selectFrom('stats_params').select('large_threshold_yuan').where('id', '=', 1).executeTakeFirst();
  return r ? Number(r.large_threshold_yuan) : null;
}

/** Recomputes both rollup tables from fund_entries (inside the caller's transaction). */
export async function rebuildFundRollups(tx: Tx): Promise<void> {
  // The large-project triggers (migration 004) stand still while the tables are refilled in bulk.
  await tx.updateTable('stats_params').set({ suspended: 1 }).where('id', '=', 1).execute();
  await tx.deleteFrom('fund_rollups').execute();
  await tx.deleteFrom('fund_project_firsts').execute();
  await tx.deleteFrom('fund_large_firsts').execute();
  await tx.deleteFrom('fund_large_counts').execute();
  await sql`INSERT INTO fund_rollups (year, month, unit_code, status, origin_scope, large, amount_yuan, foreign_usd, entries)
    SELECT f.year, f.month, f.unit_code, f.status, ${SCOPE}, ${LARGE}, SUM(f.amount_yuan), SUM(f.foreign_usd), COUNT(*)
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 5, 6`.execute(tx);
  await sql`INSERT INTO fund_project_firsts (project_id, year, status, unit_code, first_month, origin_scope, large)
    SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month), ${SCOPE}, ${LARGE}
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 6, 7`.execute(tx);
  await sql`INSERT INTO fund_large_firsts (project_id, year, basis, unit_code, first_month) ${LARGE_FIRSTS}`.execute(tx);
  await sql`INSERT INTO fund_large_counts (year, basis, unit_code, first_month, projects)
    SELECT year, basis, unit_code, first_month, COUNT(*) FROM fund_large_firsts GROUP BY year, basis, unit_code, first_month`.execute(tx);
  await tx.updateTable('stats_params').set({ suspended: 0 }).where('id', '=', 1).execute();
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

export type RollupDifference = { table: 'fund_rollups' | 'fund_project_firsts' | 'fund_large_firsts' | 'fund_large_counts'; key: string; expected: string | null; actual: string | null };

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

  // The large-project layers, recomputed from the entries (through the same grouping as above).
  type L = { project_id: unknown; year: unknown; basis: string; unit_code: string; first_month: unknown };
  const lk = (r: L) => `${Number(r.project_id)} ${Number(r.year)} ${r.basis} ${r.unit_code}`;
  const expLarge = (await sql<L>`WITH fund_project_firsts AS (
      SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month) AS first_month, ${SCOPE} AS origin_scope, ${LARGE} AS large
      FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 6, 7)
    SELECT * FROM (${LARGE_FIRSTS}) x`.execute(db)).rows.map((r) => Object.values(r as object))
    .map(([project_id, year, basis, unit_code, first_month]) => ({ project_id, year, basis: String(basis), unit_code: String(unit_code), first_month }));
  const actLarge = await db.selectFrom('fund_large_firsts').selectAll().execute();
  compare('fund_large_firsts', new Map(expLarge.map((r) => [lk(r), String(Number(r.first_month))])), new Map(actLarge.map((r) => [lk(r), String(Number(r.first_month))])));
  const expCounts = new Map<string, number>();
  for (const r of expLarge) {
    const k = `${Number(r.year)} ${r.basis} ${r.unit_code} ${Number(r.first_month)}`;
    expCounts.set(k, (expCounts.get(k) ?? 0) + 1);
  }
  const actCounts = await db.selectFrom('fund_large_counts').selectAll().execute();
  compare('fund_large_counts', new Map([...expCounts].map(([k, v]) => [k, String(v)])),
    new Map(actCounts.map((r) => [`${Number(r.year)} ${r.basis} ${r.unit_code} ${Number(r.first_month)}`, String(Number(r.projects))])));
  return out;
}
