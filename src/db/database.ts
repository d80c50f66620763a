// The database handle. DATABASE_URL picks the dialect: postgres://… → PostgreSQL, anything else is
// a file path for the embedded SQLite database (WAL, foreign keys on).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type Transaction,
} from 'kysely';
import type { DB } from './schema';
import { ChangeCache, AuthWritePlugin, listenForAuthChanges } from './change-caches';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;

// int8 and numeric (what SUM and COUNT return) come back as strings from pg; every stored number
// here is an integer far below 2^53, so JS numbers are exact.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const dialects = new WeakMap<object, Dialect>();
type AuthCacheSlot = { cache: ChangeCache; figures: ChangeCache; start: () => void };
const authCaches = new WeakMap<object, AuthCacheSlot>();

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function createDb(url: string, opts: { authCacheMs?: number; figuresCacheMs?: number } = {}): Db {
  let db: Db;
  const ttl = opts.authCacheMs ?? 5000;
  // PostgreSQL: off until the change listener is connected (started by the first lookup).
  const cache = new ChangeCache(ttl, !isPostgresUrl(url));
  const figures = new ChangeCache(opts.figuresCacheMs ?? 60_000, !isPostgresUrl(url));
  const plugins = [new AuthWritePlugin(cache, figures)];
  let start = () => {};
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    dialects.set(db, 'postgres');
    let stop: (() => Promise<void>) | null = null;
    start = () => {
      if (!stop && (cache.ttlMs > 0 || figures.ttlMs > 0)) stop = listenForAuthChanges(url, cache, (m) => console.warn(m), figures);
    };
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      await stop?.();
      await destroy();
    };
  } else {
    if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
    const sqlite = new SQLite(url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // Another process's commit (the CLI) changes data_version: then what is cached may be stale.
    const version = sqlite.prepare('PRAGMA data_version').pluck();
    let seen = version.get();
    cache.beforeLookup = () => {
      const now = version.get();
      if (now !== seen) {
        seen = now;
        cache.clear();
        figures.clear();
      }
    };
    figures.beforeLookup = cache.beforeLookup;
    db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), plugins });
    dialects.set(db, 'sqlite');
  }
  authCaches.set(db, { cache, figures, start });
  return db;
}

/** The figures cache of a handle (open months' statistics); on PostgreSQL the first call starts its listener. */
export function figuresCacheOf(db: Db): ChangeCache | null {
  const slot = authCaches.get(db);
  if (!slot) return null;
  slot.start();
  return slot.figures;
}

/** The session cache of a handle (src/db/change-caches.ts); on PostgreSQL the first call starts its listener. */
export function authCacheOf(db: Db): ChangeCache | null {
  const slot = authCaches.get(db);
  if (!slot) return null;
  slot.start();
  return slot.cache;
}

/**
 * SQLite write transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a
 * transaction that reads and then writes never has to upgrade its lock while another process (a
 * CLI import) writes — that upgrade fails at once with "database is locked" instead of waiting
 * busy_timeout. Inside one process kysely already runs one transaction at a time.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** The dialect of a handle or of a transaction on it (transactions are not in the WeakMap). */
export function isPostgres(db: Tx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function dialectOf(db: Db): Dialect {
  const d = dialects.get(db);
  if (!d) throw new Error('unknown database handle');
  return d;
}
