import { createDb, type Db } from './db/database';
import { migrate } from './db/migrate';
import { loadConfig, type Config } from './config';
import { makeActor, SYSTEM_ACTOR, parseRoles, type Actor } from './modules/auth/actor';

/** Opens the configured database with migrations applied; the caller destroys it. */
export async function openDb(): Promise<{ db: Db; config: Config }> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  await migrate(db);
  return { db, config };
}

/** `--as USER` on the CLI: the audit log names that user; without it, the system actor. */
export async function cliActor(db: Db, username?: string): Promise<Actor> {
  if (!username) return SYSTEM_ACTOR;
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!u) throw new Error(`用户 ${username} 不存在`);
  return makeActor({ userId: u.id, name: u.display_name, roles: parseRoles(u.role), unitCode: u.unit_code, via: 'system' });
}

export async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const { db, config } = await openDb();
  try {
    return await fn(db, config);
  } finally {
    await db.destroy();
  }
}
