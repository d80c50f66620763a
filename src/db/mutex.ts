// Named mutex rows for PostgreSQL, where transactions run concurrently (READ COMMITTED): a writer
// takes the row FOR SHARE or FOR UPDATE and holds it until its transaction ends. Keys in use:
//   period:YYYY-MM   — shared by every write into the period, exclusive for locking / unlocking it;
//   code:<prefix>    — generating the next code with that prefix (projects);
//   setup            — the first-run setup.
// On SQLite every write transaction already holds the database's single write lock (BEGIN
// IMMEDIATE, see database.ts), so this is a no-op there.
import { sql } from 'kysely';
import { isPostgres, type Tx } from './database';

export async function takeMutex(tx: Tx, key: string, mode: 'shared' | 'exclusive'): Promise<void> {
  if (!isPostgres(tx)) return;
  await sql`INSERT INTO write_mutex (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`.execute(tx);
  if (mode === 'shared') await sql`SELECT key FROM write_mutex WHERE key = ${key} FOR SHARE`.execute(tx);
  else await sql`SELECT key FROM write_mutex WHERE key = ${key} FOR UPDATE`.execute(tx);
}
