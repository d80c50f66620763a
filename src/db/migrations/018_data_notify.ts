// Frozen in time: never import app code here. A later change is a new migration.
// Each instance keeps the open month's dashboard figures in memory (src/db/change-caches.ts). On
// PostgreSQL a write to any table a statistic reads tells every instance through NOTIFY 'zs_data',
// whoever made it; PostgreSQL sends one notification per transaction however many rows it wrote.
// A table added later that the statistics read needs the same trigger in its own migration.
import { sql, type Kysely } from 'kysely';

/** Tables no statistic reads (kept in step with NOT_FIGURES in src/db/change-caches.ts). */
const NOT_FIGURES = [
  'sessions',
  'users',
  'api_tokens',
  'audit_log',
  'login_attempts',
  'login_throttle',
  'job_locks',
  'job_runs',
  'notifications',
  'webhook_deliveries',
  'webhooks',
  'documents',
  'saved_filters',
  'inquiries',
  'commitment_links',
  'attachments',
  'kysely_migration',
  'kysely_migration_lock',
];

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE OR REPLACE FUNCTION zs_data_changed() RETURNS trigger AS $$
    BEGIN PERFORM pg_notify('zs_data', ''); RETURN NULL; END $$ LANGUAGE plpgsql`.execute(db);
  const tables = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`.execute(db);
  for (const { tablename } of tables.rows) {
    if (NOT_FIGURES.includes(tablename)) continue;
    await sql`CREATE TRIGGER ${sql.id(`zs_data_${tablename}`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.id(tablename)}
      FOR EACH STATEMENT EXECUTE FUNCTION zs_data_changed()`.execute(db);
  }
}
