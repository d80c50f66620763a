// Frozen in time: never import app code here. A later change is a new migration.
// The statistics rollup triggers of migrations 003/004, now GENERATED from the definitions in
// src/domain/stats.definitions.ts by src/modules/stats/rollups.sql.ts (docs/adr/0005). The text is
// stored beside this file (006_regenerate_rollup_triggers.sql.ts, written by rollups.sql.write.ts);
// rollups.sql.test.ts fails when a migrated database's triggers differ from what the generator
// produces now. Changes against 003/004: the investor trigger stands still while
// stats_params.suspended = 1 (a home-city change re-derives every scope, then the rollups are
// rebuilt outside the request), and stats_params.ready says whether the rollups may be read
// (0 while a rebuild after a threshold or home-city change is pending: the statistics then
// aggregate fund_entries directly).
import { sql, type Kysely } from 'kysely';
import { POSTGRES, SQLITE } from './006_regenerate_rollup_triggers.sql';

type Db = Kysely<unknown>;

const OLD_SQLITE_TRIGGERS = [
  'fund_rollups_entry_insert',
  'fund_rollups_entry_delete',
  'fund_rollups_entry_update',
  'fund_firsts_entry_update',
  'fund_rollups_project_update',
  'fund_rollups_investor_update',
  'fund_large_firsts_on_insert',
  'fund_large_firsts_on_delete',
  'fund_large_firsts_on_update',
  'fund_large_counts_on_insert',
  'fund_large_counts_on_delete',
];
const OLD_PG_TRIGGERS: [string, string][] = [
  ['fund_rollups_entry_insert', 'fund_entries'],
  ['fund_rollups_entry_update', 'fund_entries'],
  ['fund_rollups_entry_delete', 'fund_entries'],
  ['fund_rollups_project_update', 'projects'],
  ['fund_rollups_investor_update', 'investors'],
  ['fund_large_firsts_sync', 'fund_project_firsts'],
  ['fund_large_counts_sync', 'fund_large_firsts'],
];
const OLD_PG_FUNCTIONS = [
  'fund_rollups_entries()',
  'fund_rollups_project()',
  'fund_rollups_investor()',
  'fund_large_firsts_sync()',
  'fund_large_counts_sync()',
  'fund_large_firsts_recompute(bigint, integer)',
];

export async function up(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .alterTable('stats_params')
    .addColumn('ready', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  if (dialect === 'postgres') {
    for (const [name, table] of OLD_PG_TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`).execute(db);
    for (const f of OLD_PG_FUNCTIONS) await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
    for (const o of POSTGRES) await sql.raw(o.sql).execute(db);
  } else {
    for (const name of OLD_SQLITE_TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
    for (const o of SQLITE) await sql.raw(o.sql).execute(db);
  }
}
