// Statistics rollups (docs/adr/0003-statistics-rollups.md). Database triggers (migration 003) keep
// fund_rollups and fund_project_firsts exact on every write; this module rebuilds them (after a
// large-project threshold change, or by hand) and checks them against fund_entries.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { dialectOf, isPostgres } from '../../db/database';
import {
  breakdownFirstsSelect,
  DIMS as DIMS_SQL,
  LARGE as LARGE_SQL,
  largeFirstsSelect,
  pgFunctionBody,
  rebuildPiece,
  rebuildStatements,
  rollupObjects,
  SCOPE as SCOPE_SQL,
} from './rollups.sql';

const DIMS = sql.raw(DIMS_SQL('f'));
const SCOPE = sql.raw(SCOPE_SQL);
const LARGE = sql.raw(LARGE_SQL);
/** fund_large_firsts rows from fund_project_firsts (the same SELECT the triggers use). */
const LARGE_FIRSTS = sql.raw(largeFirstsSelect());

/** The large-project threshold (元) the rollups were built with. */
export async function rollupThresholdYuan(db: Tx): Promise<number | null> {
  return (await rollupParams(db))?.thresholdYuan ?? null;
}

/** The threshold the triggers see, and whether the rollups are complete for it (no rebuild pending). */
export async function rollupParams(db: Tx): Promise<{ thresholdYuan: number; ready: boolean; generation: number } | null> {
  const r = await db.selectFrom('stats_params').select(['large_threshold_yuan', 'ready']).where('id', '=', 1).executeTakeFirst();
  return r ? { thresholdYuan: Number(r.large_threshold_yuan), ready: Number(r.ready) === 1, generation: Number(r.ready) } : null;
}

/** Recomputes the rollup tables from fund_entries (inside the caller's transaction), all years or one. */
export async function rebuildFundRollups(tx: Tx, year?: number): Promise<void> {
  // The large-project triggers stand still while the tables are refilled in bulk.
  await tx.updateTable('stats_params').set({ suspended: 1 }).where('id', '=', 1).execute();
  for (const stmt of rebuildStatements(year)) await sql.raw(stmt).execute(tx);
  await tx.updateTable('stats_params').set({ suspended: 0 }).where('id', '=', 1).execute();
  if (year === undefined) await tx.updateTable('stats_params').set({ ready: 1 }).where('id', '=', 1).execute();
}

/**
 * Makes the triggers see a new large-project threshold (元) and rebuilds the rollups at once, in
 * the caller's transaction (the ledger import, on a database being filled). Settings changes use
 * markRollupsStale + rebuildRollupsInBackground instead, so writers are not held up.
 */
export async function setLargeThreshold(tx: Tx, thresholdYuan: number): Promise<boolean> {
  const current = await rollupThresholdYuan(tx);
  if (current === thresholdYuan) return false;
  if (current === null) await tx.insertInto('stats_params').values({ id: 1, large_threshold_yuan: thresholdYuan }).execute();
  else await tx.updateTable('stats_params').set({ large_threshold_yuan: thresholdYuan }).where('id', '=', 1).execute();
  await rebuildFundRollups(tx);
  return true;
}

/**
 * Records that the rollups need a rebuild (new threshold, or every investor's scope re-derived):
 * from now on the statistics aggregate fund_entries directly (`source: 'entries'`) until
 * rebuildStaleRollups has run. Cheap: one row, inside the settings transaction.
 */
export async function markRollupsStale(tx: Tx, thresholdYuan: number): Promise<void> {
  // `ready` is 1 when the rollups are complete; otherwise a generation (0, −1, −2 …) that each mark
  // moves on, so a rebuild that began before the latest mark does not declare them ready.
  const current = await rollupParams(tx);
  if (current === null) await tx.insertInto('stats_params').values({ id: 1, large_threshold_yuan: thresholdYuan, ready: 0 }).execute();
  else {
    const generation = current.ready ? 0 : current.generation - 1;
    await tx.updateTable('stats_params').set({ large_threshold_yuan: thresholdYuan, ready: generation }).where('id', '=', 1).execute();
  }
}

export const ROLLUP_REBUILD_LOCK = 'stats-rollups-rebuild';

/** Runs statements in one transaction with the large-project triggers standing still. */
/** PostgreSQL errors on which a rebuild piece steps aside and runs again: lock wait timed out, deadlock. */
const YIELDING = new Set(['55P03', '40P01', '40001']);

/**
 * One piece of a rebuild, in its own transaction. On PostgreSQL the piece gives way to users' writes: it
 * waits at most 100 ms for any lock (lock_timeout) and, if it had to wait longer or met a deadlock, rolls
 * back and runs again a little later. A writer whose triggers touch the same rollup rows in another order
 * would otherwise be the deadlock victim and get a 409 for a rebuild it never asked for.
 */
async function piece(db: Db, statements: string[], onPiece?: (ms: number) => void): Promise<void> {
  const t0 = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction().execute(async (tx) => {
        if (isPostgres(tx)) await sql`SET LOCAL lock_timeout = '100ms'`.execute(tx);
        await tx.updateTable('stats_params').set({ suspended: 1 }).where('id', '=', 1).execute();
        for (const stmt of statements) await sql.raw(stmt).execute(tx);
        await tx.updateTable('stats_params').set({ suspended: 0 }).where('id', '=', 1).execute();
      });
      break;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 50 || typeof code !== 'string' || !YIELDING.has(code)) throw e;
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * attempt)));
    }
  }
  onPiece?.(performance.now() - t0);
}

const n = (v: unknown) => Number(v ?? 0);
/** Projects per firsts piece: small enough that one piece is a short transaction. */
const PROJECTS_PER_PIECE = 2000;

/**
 * Rebuilds stale rollups in small pieces, each its own short transaction (rebuildPiece: by year,
 * status and month; by year and project range), so a writer never waits for the whole refill.
 * Writes between pieces are kept by the triggers (they already see the new threshold) and a
 * piece is replaced as a whole; while it runs `ready` is not 1, so the statistics aggregate the
 * entries directly. When the rollups were marked stale again meanwhile, it starts over.
 * Returns the number of pieces.
 */
export async function rebuildStaleRollups(db: Db, onPiece?: (ms: number) => void): Promise<number> {
  let pieces = 0;
  for (let round = 0; round < 5; round++) {
    const params = await rollupParams(db);
    if (!params || params.ready) return pieces;
    const groups = await sql<{ year: unknown; status: string; month: unknown }>`
      SELECT DISTINCT year, status, month FROM fund_rollups
      UNION SELECT DISTINCT year, status, month FROM fund_entries`.execute(db);
    for (const g of groups.rows) {
      await piece(db, rebuildPiece.rollups(n(g.year), g.status, n(g.month)), onPiece);
      pieces++;
    }
    const maxId = await sql<{ m: unknown }>`SELECT MAX(id) AS m FROM projects`.execute(db);
    const top = n(maxId.rows[0]?.m) + 1;
    const years = [...new Set(groups.rows.map((g) => n(g.year)))].sort();
    for (const year of years) {
      for (let from = 0; from < top; from += PROJECTS_PER_PIECE) {
        await piece(db, rebuildPiece.firsts(year, from, from + PROJECTS_PER_PIECE), onPiece);
        pieces++;
      }
      await piece(db, rebuildPiece.counts(year), onPiece);
      pieces++;
    }
    // Ready only if nobody marked them stale again (threshold, home city) since this round began.
    const done = await db
      .updateTable('stats_params')
      .set({ ready: 1 })
      .where('id', '=', 1)
      .where('ready', '=', params.generation)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 1) return pieces;
  }
  return pieces;
}

export type RollupDifference = {
  table:
    | 'fund_rollups'
    | 'fund_project_firsts'
    | 'fund_large_firsts'
    | 'fund_large_counts'
    | 'fund_breakdown_rollups'
    | 'fund_breakdown_firsts'
    | 'fund_breakdown_counts';
  key: string;
  expected: string | null;
  actual: string | null;
};

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
  type R = {
    year: unknown;
    month: unknown;
    unit_code: string;
    status: string;
    origin_scope: string;
    large: unknown;
    amount_yuan: unknown;
    foreign_usd: unknown;
    entries: unknown;
  };
  const rk = (r: R) => `${Number(r.year)}-${Number(r.month)} ${r.unit_code} ${r.status} ${r.origin_scope || '-'} ${Number(r.large)}`;
  const rv = (r: R) => `${Number(r.amount_yuan)} ${Number(r.foreign_usd)} ${Number(r.entries)}`;
  const expRollups = await sql<R>`SELECT f.year, f.month, f.unit_code, f.status, ${SCOPE} AS origin_scope, ${LARGE} AS large,
      SUM(f.amount_yuan) AS amount_yuan, SUM(f.foreign_usd) AS foreign_usd, COUNT(*) AS entries
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  const actRollups = await db.selectFrom('fund_rollups').selectAll().execute();
  compare('fund_rollups', new Map(expRollups.rows.map((r) => [rk(r), rv(r)])), new Map(actRollups.map((r) => [rk(r), rv(r)])));

  type F = {
    project_id: unknown;
    year: unknown;
    status: string;
    unit_code: string;
    first_month: unknown;
    origin_scope: string;
    large: unknown;
  };
  const fk = (r: F) => `${Number(r.project_id)} ${Number(r.year)} ${r.status} ${r.unit_code}`;
  const fv = (r: F) => `${Number(r.first_month)} ${r.origin_scope || '-'} ${Number(r.large)}`;
  const expFirsts =
    await sql<F>`SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month) AS first_month, ${SCOPE} AS origin_scope, ${LARGE} AS large
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 6, 7`.execute(db);
  const actFirsts = await db.selectFrom('fund_project_firsts').selectAll().execute();
  compare('fund_project_firsts', new Map(expFirsts.rows.map((r) => [fk(r), fv(r)])), new Map(actFirsts.map((r) => [fk(r), fv(r)])));

  // The large-project layers, recomputed from the entries (through the same grouping as above).
  type L = { project_id: unknown; year: unknown; basis: string; unit_code: string; first_month: unknown };
  const lk = (r: L) => `${Number(r.project_id)} ${Number(r.year)} ${r.basis} ${r.unit_code}`;
  const expLarge = (
    await sql<L>`WITH fund_project_firsts AS (
      SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month) AS first_month, ${SCOPE} AS origin_scope, ${LARGE} AS large
      FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 6, 7)
    SELECT * FROM (${LARGE_FIRSTS}) x`.execute(db)
  ).rows
    .map((r) => Object.values(r as object))
    .map(([project_id, year, basis, unit_code, first_month]) => ({
      project_id,
      year,
      basis: String(basis),
      unit_code: String(unit_code),
      first_month,
    }));
  const actLarge = await db.selectFrom('fund_large_firsts').selectAll().execute();
  compare(
    'fund_large_firsts',
    new Map(expLarge.map((r) => [lk(r), String(Number(r.first_month))])),
    new Map(actLarge.map((r) => [lk(r), String(Number(r.first_month))])),
  );
  const expCounts = new Map<string, number>();
  for (const r of expLarge) {
    const k = `${Number(r.year)} ${r.basis} ${r.unit_code} ${Number(r.first_month)}`;
    expCounts.set(k, (expCounts.get(k) ?? 0) + 1);
  }
  const actCounts = await db.selectFrom('fund_large_counts').selectAll().execute();
  compare(
    'fund_large_counts',
    new Map([...expCounts].map(([k, v]) => [k, String(v)])),
    new Map(actCounts.map((r) => [`${Number(r.year)} ${r.basis} ${r.unit_code} ${Number(r.first_month)}`, String(Number(r.projects))])),
  );
  await checkBreakdown(db, compare);
  return out;
}

/** The breakdown layers (docs/adr/0006) recomputed from the entries and compared with what the triggers keep. */
async function checkBreakdown(
  db: Tx,
  compare: (table: RollupDifference['table'], expected: Map<string, string>, actual: Map<string, string>) => void,
): Promise<void> {
  const dims = (r: { origin_scope: string; origin_code: string; industry: string }) =>
    `${r.origin_scope || '-'} ${r.origin_code || '-'} ${r.industry || '-'}`;
  type B = {
    year: unknown;
    month: unknown;
    unit_code: string;
    status: string;
    origin_scope: string;
    origin_code: string;
    industry: string;
  };
  const bk = (r: B) => `${Number(r.year)}-${Number(r.month)} ${r.unit_code} ${r.status} ${dims(r)}`;
  const bv = (r: { yuan: unknown; entries: unknown }) => `${Number(r.yuan)} ${Number(r.entries)}`;
  const BD_DIMS = sql.raw(`COALESCE(i.origin_scope, '') AS origin_scope, COALESCE(i.origin_code, '') AS origin_code,
    COALESCE(p.industry, '') AS industry`);
  const expSums = await sql<B & { yuan: unknown; entries: unknown }>`
    SELECT f.year, f.month, f.unit_code, f.status, ${BD_DIMS}, SUM(f.amount_yuan) AS yuan, COUNT(*) AS entries
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 5, 6, 7
    UNION ALL
    SELECT f.year, f.month, '*', f.status, ${BD_DIMS}, SUM(f.amount_yuan), COUNT(*)
    FROM fund_entries f ${DIMS} GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(db);
  const actSums = await db.selectFrom('fund_breakdown_rollups').selectAll().execute();
  compare(
    'fund_breakdown_rollups',
    new Map(expSums.rows.map((r) => [bk(r), bv(r)])),
    new Map(actSums.map((r) => [bk(r), bv({ yuan: r.amount_yuan, entries: r.entries })])),
  );

  type F = { project_id: unknown; year: unknown; basis: string; unit_code: string; first_month: unknown } & Parameters<typeof dims>[0];
  const fk = (r: F) => `${Number(r.project_id)} ${Number(r.year)} ${r.basis} ${r.unit_code}`;
  const fv = (r: F) => `${Number(r.first_month)} ${dims(r)}`;
  const expFirsts = (
    await sql<F>`WITH fund_project_firsts AS (
      SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month) AS first_month
      FROM fund_entries f GROUP BY 1, 2, 3, 4)
    SELECT s.project_id, s.year, s.basis, s.unit_code, s.first_month, ${BD_DIMS}
    FROM (${sql.raw(breakdownFirstsSelect())}) s ${sql.raw(DIMS_SQL('s'))}`.execute(db)
  ).rows;
  const actFirsts = await db.selectFrom('fund_breakdown_firsts').selectAll().execute();
  compare('fund_breakdown_firsts', new Map(expFirsts.map((r) => [fk(r), fv(r)])), new Map(actFirsts.map((r) => [fk(r), fv(r)])));

  const ck = (r: Omit<F, 'project_id'>) => `${Number(r.year)} ${r.basis} ${r.unit_code} ${Number(r.first_month)} ${dims(r)}`;
  const expCounts = new Map<string, number>();
  for (const r of expFirsts) expCounts.set(ck(r), (expCounts.get(ck(r)) ?? 0) + 1);
  const actCounts = await db.selectFrom('fund_breakdown_counts').selectAll().execute();
  compare(
    'fund_breakdown_counts',
    new Map([...expCounts].map(([k, v]) => [k, String(v)])),
    new Map(actCounts.map((r) => [ck(r), String(Number(r.projects))])),
  );
}

export type TriggerDifference = { name: string; problem: 'missing' | 'different' | 'unexpected' };

/**
 * Compares the rollup triggers stored in the database with what rollups.sql.ts generates now
 * (docs/adr/0005): SQLite keeps a trigger's text verbatim (sqlite_master); PostgreSQL keeps a
 * function's body verbatim (pg_proc.prosrc) and a trigger's definition in its own normal form
 * (pg_get_triggerdef), so each generated trigger is created under a probe name in a transaction
 * that is rolled back, and the two normal forms are compared.
 */
export async function checkRollupTriggers(db: Db): Promise<TriggerDifference[]> {
  const out: TriggerDifference[] = [];
  const generated = rollupObjects(dialectOf(db));
  const compare = (expected: Map<string, string>, actual: Map<string, string>) => {
    for (const [name, text] of expected) {
      if (!actual.has(name)) out.push({ name, problem: 'missing' });
      else if (actual.get(name) !== text) out.push({ name, problem: 'different' });
    }
    for (const name of actual.keys()) if (!expected.has(name)) out.push({ name, problem: 'unexpected' });
  };
  if (dialectOf(db) === 'sqlite') {
    const rows = await sql<{
      name: string;
      sql: string;
    }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fund\_%' ESCAPE '\\'`.execute(db);
    compare(new Map(generated.map((o) => [o.name, o.sql])), new Map(rows.rows.map((r) => [r.name, r.sql])));
    return out;
  }
  const fns = await sql<{ name: string; src: string }>`SELECT p.proname AS name, p.prosrc AS src FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() AND p.proname LIKE 'fund\_%'`.execute(db);
  compare(
    new Map(generated.filter((o) => o.kind === 'function').map((o) => [o.name, pgFunctionBody(o.sql)])),
    new Map(fns.rows.map((r) => [r.name, r.src])),
  );
  const defs = async (q: Tx) =>
    new Map(
      (
        await sql<{ name: string; def: string }>`SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND n.nspname = current_schema() AND t.tgname LIKE 'fund\_%'`.execute(q)
      ).rows.map((r) => [r.name, r.def]),
    );
  const stored = await defs(db);
  const expected = new Map<string, string>();
  const probe = (name: string) => `${name}__probe`;
  const rollback = new Error('probe');
  await db
    .transaction()
    .execute(async (tx) => {
      for (const o of generated) {
        if (o.kind === 'trigger') await sql.raw(o.sql.replace(`CREATE TRIGGER ${o.name} `, `CREATE TRIGGER ${probe(o.name)} `)).execute(tx);
      }
      const all = await defs(tx);
      for (const o of generated) {
        const def = all.get(probe(o.name));
        if (o.kind === 'trigger' && def !== undefined) expected.set(o.name, def.replace(probe(o.name), o.name));
      }
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  compare(expected, new Map([...stored].filter(([name]) => !name.endsWith('__probe'))));
  return out;
}
