// Frozen in time: never import app code here. A later change is a new migration.
// Integrity (issue [I]):
//   period_snapshots — the official figures of a locked period, stored when it is locked: the
//     dispatch statistics and the monthly series (kind dispatch | monthly) for the city (scope '*')
//     and every unit, on both bases; payload is the JSON the statistics service returned then.
//   revisions — a change that would alter a locked month, proposed with a reason and applied
//     only when the city office approves it; figures_json keeps before → after per locked period.
//   write_mutex — named rows PostgreSQL writers lock (FOR SHARE / FOR UPDATE) to serialise a
//     period's lock against its entry writes, code generation and the first-run setup.
import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const id = dialect === 'postgres' ? 'id serial PRIMARY KEY' : 'id integer PRIMARY KEY AUTOINCREMENT';
  await sql
    .raw(`CREATE TABLE period_snapshots (
    period text NOT NULL, scope text NOT NULL, basis text NOT NULL, kind text NOT NULL,
    payload text NOT NULL, created_at text NOT NULL,
    PRIMARY KEY (period, scope, basis, kind))`)
    .execute(db);
  await sql
    .raw(`CREATE TABLE revisions (
    ${id}, entity text NOT NULL, entity_id text NOT NULL, change_json text NOT NULL, summary text NOT NULL,
    reason text NOT NULL, status text NOT NULL DEFAULT 'pending',
    requested_by integer REFERENCES users(id), requested_by_name text NOT NULL, requested_at text NOT NULL,
    decided_by integer REFERENCES users(id), decided_by_name text, decided_at text, decision_note text,
    periods_json text NOT NULL DEFAULT '[]', figures_json text, version integer NOT NULL DEFAULT 1)`)
    .execute(db);
  await sql.raw('CREATE INDEX revisions_status ON revisions (status, id)').execute(db);
  await sql.raw('CREATE TABLE write_mutex (key text PRIMARY KEY)').execute(db);
}
