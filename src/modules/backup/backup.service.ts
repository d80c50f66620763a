// Backup and restore of the whole database (docs/security.md, README "Backup").
// - SQLite: SQLite's online backup API (better-sqlite3 `backup()`): a consistent copy while the server
//   keeps serving and writing; the result is an ordinary SQLite file.
// - PostgreSQL: a logical export of every table inside one REPEATABLE READ READ ONLY transaction (one
//   snapshot), as gzip'd JSON lines — pg_dump is not needed and its version need not match the server.
// Restore reads either kind of file into an EMPTY database of either kind (so it also moves a city from
// SQLite to PostgreSQL), in one transaction, tables in foreign-key order; statistics rollups are rebuilt
// from the restored fund entries (not copied) and PostgreSQL sequences are moved past the restored ids.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import SQLite from 'better-sqlite3';
import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { rebuildFundRollups } from '../stats/rollups';

export const BACKUP_FORMAT = 'zhaoshang-backup';
const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** Not worth keeping (sessions, throttling, job locks) or kept by the migrator itself. */
const NOT_BACKED_UP = new Set(['kysely_migration', 'kysely_migration_lock', 'sessions', 'login_attempts', 'login_throttle', 'job_locks']);
/** Kept by triggers from fund_entries/projects/investors (ADR 0003, 0006): rebuilt after a restore, never copied. */
export const DERIVED_TABLES = new Set([
  'fund_rollups',
  'fund_project_firsts',
  'fund_large_firsts',
  'fund_large_counts',
  'fund_breakdown_rollups',
  'fund_breakdown_firsts',
  'fund_breakdown_counts',
]);
/** A database with a row in any of these is not empty: restore refuses it. */
const CONTENT_TABLES = ['users', 'units', 'investors', 'projects', 'fund_entries', 'audit_log'] as const;
const BATCH = 200;

/** Works on a transaction too (dialectOf knows only the root handles). */
const isPg = (db: Tx) => db.getExecutor().adapter instanceof PostgresAdapter;
const dialectName = (db: Tx) => (isPg(db) ? 'postgres' : 'sqlite');

type TableInfo = { name: string; columns: string[]; refs: string[] };

/** Tables of the connected database (app tables only) with their columns and foreign-key targets. */
export async function tableInfo(db: Tx): Promise<TableInfo[]> {
  const out: TableInfo[] = [];
  if (isPg(db)) {
    const cols = await sql<{ table_name: string; column_name: string }>`SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db);
    const fks = await sql<{ table_name: string; ref: string }>`SELECT DISTINCT tc.table_name, ccu.table_name AS ref
      FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu
        ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`.execute(db);
    const byTable = new Map<string, TableInfo>();
    for (const c of cols.rows) {
      if (!byTable.has(c.table_name)) byTable.set(c.table_name, { name: c.table_name, columns: [], refs: [] });
      byTable.get(c.table_name)!.columns.push(c.column_name);
    }
    for (const f of fks.rows) byTable.get(f.table_name)?.refs.push(f.ref);
    out.push(...byTable.values());
  } else {
    const tables = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${name})`.execute(db);
      const fks = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${name})`.execute(db);
      out.push({ name, columns: cols.rows.map((c) => c.name), refs: [...new Set(fks.rows.map((f) => f.table))] });
    }
  }
  return out.filter((t) => !NOT_BACKED_UP.has(t.name));
}

/** Referenced tables first (a table's own self-reference does not count). */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of t.refs) {
      const rt = byName.get(r);
      if (rt && r !== t.name) visit(rt, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

const encode = (v: unknown) =>
  Buffer.isBuffer(v) ? { $b64: v.toString('base64') } : v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
const decode = (v: unknown) =>
  v && typeof v === 'object' && '$b64' in (v as object) ? Buffer.from((v as { $b64: string }).$b64, 'base64') : v;

async function migrationsOf(db: Tx): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return r.rows.map((x) => x.name);
}

export type BackupSummary = { file: string; kind: 'sqlite' | 'jsonl'; tables: number; rows: number; bytes: number };

/** SQLite: an online, consistent copy of the database file through SQLite's backup API. */
export async function backupSqlite(dbFile: string, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(dbFile)) throw new AppError('not_found', `数据库文件不存在：${dbFile}`);
  if (fs.existsSync(file)) throw new AppError('conflict', `备份文件已存在：${file}；请换一个文件名，以免覆盖旧备份`);
  const src = new SQLite(dbFile, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    // After the first step, copy everything in one step: a reader in WAL mode does not block writers, and
    // a copy made in small steps restarts whenever another connection writes, which a busy server does.
    await src.backup(file, { progress: () => 1 << 30 });
  } finally {
    src.close();
  }
  const copy = new SQLite(file, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`备份文件校验失败：${String(check)}`);
    const tables = copy.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
    }[];
    let rows = 0;
    for (const t of tables) rows += (copy.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n;
    return { file, kind: 'sqlite', tables: tables.length, rows, bytes: fs.statSync(file).size };
  } finally {
    copy.close();
  }
}

/** PostgreSQL: every table from one snapshot into gzip'd JSON lines (header, then per table a header and its rows). */
export async function backupLogical(db: Db, file: string): Promise<BackupSummary> {
  if (fs.existsSync(file)) throw new AppError('conflict', `备份文件已存在：${file}；请换一个文件名，以免覆盖旧备份`);
  const tmp = `${file}.partial`;
  const gz = zlib.createGzip();
  const outFile = fs.createWriteStream(tmp);
  gz.pipe(outFile);
  const write = async (obj: unknown) => {
    if (!gz.write(`${JSON.stringify(obj)}\n`)) await once(gz, 'drain');
  };
  let rows = 0;
  let tables = 0;
  const pg = isPg(db);
  try {
    await db
      .transaction()
      .setIsolationLevel(pg ? 'repeatable read' : 'serializable')
      .execute(async (tx) => {
        if (pg) await sql`SET TRANSACTION READ ONLY`.execute(tx);
        await write({
          format: BACKUP_FORMAT,
          version: 1,
          dialect: dialectName(db),
          createdAt: new Date().toISOString(),
          migrations: await migrationsOf(tx),
        });
        for (const t of foreignKeyOrder(await tableInfo(tx))) {
          if (DERIVED_TABLES.has(t.name)) continue;
          tables++;
          await write({ table: t.name, columns: t.columns });
          const order = t.columns.includes('id') ? sql`ORDER BY id` : sql``;
          const select = sql`SELECT ${sql.join(t.columns.map((c) => sql.ref(c)))} FROM ${sql.table(t.name)} ${order}`;
          if (pg) {
            await sql`DECLARE zs_backup NO SCROLL CURSOR FOR ${select}`.execute(tx);
            for (;;) {
              const page = await sql<Record<string, unknown>>`FETCH 1000 FROM zs_backup`.execute(tx);
              for (const r of page.rows) {
                await write(t.columns.map((c) => encode(r[c])));
                rows++;
              }
              if (page.rows.length < 1000) break;
            }
            await sql`CLOSE zs_backup`.execute(tx);
          } else {
            for (const r of (await select.execute(tx)).rows as Record<string, unknown>[]) {
              await write(t.columns.map((c) => encode(r[c])));
              rows++;
            }
          }
        }
        await write({ end: true, tables, rows });
      });
    gz.end();
    await once(outFile, 'close');
    fs.renameSync(tmp, file);
  } catch (e) {
    gz.destroy();
    outFile.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { file, kind: 'jsonl', tables, rows, bytes: fs.statSync(file).size };
}

type SourceTable = { table: string; columns: string[]; rows: AsyncIterable<unknown[][]> };
type Source = { migrations: string[]; tables: AsyncIterable<SourceTable>; close: () => void };

function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(16);
    fs.readSync(fd, b, 0, 16, 0);
    return b.toString('latin1') === SQLITE_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

function sqliteSource(file: string, order: string[]): Source {
  const src = new SQLite(file, { readonly: true, fileMustExist: true });
  const names = new Set(
    (src.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
  );
  const migrations = names.has('kysely_migration')
    ? (src.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name)
    : [];
  async function* tables(): AsyncIterable<SourceTable> {
    for (const name of order) {
      if (!names.has(name)) continue;
      const columns = (src.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name);
      const stmt = src.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${name}" ORDER BY rowid`).raw(true);
      async function* rows(): AsyncIterable<unknown[][]> {
        let batch: unknown[][] = [];
        for (const r of stmt.iterate() as Iterable<unknown[]>) {
          batch.push(r);
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      }
      yield { table: name, columns, rows: rows() };
    }
  }
  return { migrations, tables: tables(), close: () => src.close() };
}

async function jsonlSource(file: string): Promise<Source> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  const head = first.done ? null : (JSON.parse(first.value) as { format?: string; migrations?: string[] });
  if (!head || head.format !== BACKUP_FORMAT)
    throw new AppError('validation', '这不是本系统的备份文件（既不是 SQLite 数据库，也不是 zhaoshang-backup 格式）');
  let pending: { table: string; columns: string[] } | null = null;
  let ended = false;
  async function* tables(): AsyncIterable<SourceTable> {
    let next = await lines.next();
    while (!next.done) {
      const obj = JSON.parse(next.value);
      if (obj.end) {
        ended = true;
        break;
      }
      pending = { table: obj.table, columns: obj.columns };
      let following: IteratorResult<string> = { done: true, value: undefined };
      async function* rows(): AsyncIterable<unknown[][]> {
        let batch: unknown[][] = [];
        for (;;) {
          following = await lines.next();
          if (following.done || !following.value.startsWith('[')) break;
          batch.push((JSON.parse(following.value) as unknown[]).map(decode));
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      }
      const current = pending;
      yield { table: current.table, columns: current.columns, rows: rows() };
      next = following;
    }
    if (!ended) throw new AppError('validation', '备份文件不完整（缺少结尾标记），可能在写入时被中断；请使用另一份备份');
  }
  return { migrations: head.migrations ?? [], tables: tables(), close: () => input.destroy() };
}

export type RestoreSummary = { tables: number; rows: number };

/** Refuses a database that already holds a city: restore never merges into or overwrites data. */
export async function assertEmpty(db: Db): Promise<void> {
  for (const t of CONTENT_TABLES) {
    const r = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(t)}`.execute(db);
    if (Number(r.rows[0]?.n ?? 0) > 0) {
      throw new AppError(
        'conflict',
        `目标数据库不是空的（${t} 表已有数据）；恢复只写入空数据库，请新建一个空数据库（或指定新的 SQLite 文件）后再恢复`,
      );
    }
  }
}

/** Restores FILE (a SQLite backup or a logical backup) into the migrated, empty database `db`. */
export async function restore(db: Db, file: string): Promise<RestoreSummary> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `备份文件不存在：${file}`);
  await assertEmpty(db);
  const target = foreignKeyOrder(await tableInfo(db));
  const targetCols = new Map(target.map((t) => [t.name, new Set(t.columns)]));
  const source = isSqliteFile(file)
    ? sqliteSource(
        file,
        target.map((t) => t.name),
      )
    : await jsonlSource(file);
  try {
    const known = new Set(await migrationsOf(db));
    const newer = source.migrations.filter((m) => !known.has(m));
    if (newer.length) throw new AppError('validation', `备份来自更新版本的系统（迁移 ${newer.join('、')}），请先升级本系统再恢复`);
    const pg = isPg(db);
    return await db.transaction().execute(async (tx) => {
      let tables = 0;
      let rows = 0;
      const restored: string[] = [];
      for await (const t of source.tables) {
        const cols = targetCols.get(t.table);
        if (!cols || DERIVED_TABLES.has(t.table) || NOT_BACKED_UP.has(t.table)) {
          for await (const _ of t.rows) {
            /* skip */
          }
          continue;
        }
        const missing = t.columns.filter((c) => !cols.has(c));
        if (missing.length)
          throw new AppError('validation', `备份中 ${t.table} 表的列 ${missing.join('、')} 在本系统中不存在；请先升级本系统再恢复`);
        // Rows a migration seeded (settings, stats_params) give way to the backup's.
        await sql`DELETE FROM ${sql.table(t.table)}`.execute(tx);
        tables++;
        restored.push(t.table);
        for await (const batch of t.rows) {
          const values = batch.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`);
          await sql`INSERT INTO ${sql.table(t.table)} (${sql.join(t.columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(
            tx,
          );
          rows += batch.length;
        }
      }
      await rebuildFundRollups(tx);
      if (pg) {
        for (const name of restored) {
          if (!targetCols.get(name)?.has('id')) continue;
          await sql`SELECT setval(pg_get_serial_sequence(${name}, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM ${sql.table(name)}
            WHERE pg_get_serial_sequence(${name}, 'id') IS NOT NULL`.execute(tx);
        }
      }
      return { tables, rows };
    });
  } finally {
    source.close();
  }
}
