// Frozen in time: never import app code here. A later change is a new migration.
// Login throttling kept as counter rows changed by single atomic statements (see auth/throttle.ts):
//   kind 'acct' — one row per (address, account): failures and the earliest time of the next try
//                 (exponential delay; the owner at another address is not slowed);
//   kind 'ip'   — one row per address: failures in the current window (the only lockout).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, _dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('username', 'varchar(200)')
    .addColumn('fails', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', 'varchar(32)', (c) => c.notNull())
    .addColumn('next_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_username').on('login_throttle').column('username').execute();
}
