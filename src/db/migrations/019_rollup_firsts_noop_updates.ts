// Frozen in time: never import app code here. A later change is a new migration.
// The rollup triggers regenerated (src/modules/stats/rollups.sql.ts, docs/adr/0005) so that a fund entry
// whose month is not earlier than its project's first month of the year leaves fund_project_firsts
// untouched: the upsert used to set first_month = min(old, new) on every entry, an UPDATE that fired the
// large-project and breakdown "firsts" triggers downstream each time although nothing changed (a 60,000-row
// ledger import spent 40 of its 45 s there). Same rows, same figures; no refill needed.
import { sql, type Kysely } from 'kysely';
import { POSTGRES, SQLITE } from './019_rollup_firsts_noop_updates.sql';

type Db = Kysely<unknown>;

export async function up(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') {
    for (const o of POSTGRES) if (o.kind === 'trigger') await sql.raw(`DROP TRIGGER IF EXISTS ${o.name} ON ${o.table}`).execute(db);
    for (const o of POSTGRES) if (o.kind === 'function') await sql.raw(`DROP FUNCTION IF EXISTS ${o.name}`).execute(db);
    for (const o of POSTGRES) await sql.raw(o.sql).execute(db);
  } else {
    for (const o of SQLITE) await sql.raw(`DROP TRIGGER IF EXISTS ${o.name}`).execute(db);
    for (const o of SQLITE) await sql.raw(o.sql).execute(db);
  }
}
