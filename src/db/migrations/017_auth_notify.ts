// Frozen in time: never import app code here. A later change is a new migration.
// Sessions are cached for a few seconds in each instance (src/modules/auth/session-cache.ts). On
// PostgreSQL every change that can end or narrow a sign-in — a session deleted, a user's roles, unit,
// password or active flag changed, a token revoked, a unit renamed — tells every instance through
// NOTIFY, whoever made it (the app, the CLI, or an operator in psql). SQLite needs no trigger: one
// instance serves a SQLite file, and it sees other processes' writes through PRAGMA data_version.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE OR REPLACE FUNCTION zs_auth_changed() RETURNS trigger AS $$
    BEGIN PERFORM pg_notify('zs_auth', TG_TABLE_NAME); RETURN NULL; END $$ LANGUAGE plpgsql`.execute(db);
  await sql`CREATE TRIGGER zs_auth_sessions AFTER UPDATE OR DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION zs_auth_changed()`.execute(db);
  await sql`CREATE TRIGGER zs_auth_users AFTER UPDATE OF role, unit_code, active, password_hash, display_name OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION zs_auth_changed()`.execute(db);
  await sql`CREATE TRIGGER zs_auth_tokens AFTER UPDATE OF revoked_at, role, unit_code, name, created_by OR DELETE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION zs_auth_changed()`.execute(db);
  await sql`CREATE TRIGGER zs_auth_units AFTER UPDATE OF code OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION zs_auth_changed()`.execute(db);
}
