// A backup restores to an identical city: every table row by row, and the dispatch statistics.
// Source: the sample ledger + users + a locked month + a follow-up + an exchange rate, on each database;
// the backup is taken while another connection keeps writing (online), restored into a fresh database of
// the same kind and, from SQLite, also into PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, addUser, freshDb, login, testApp, type TestDb } from '../../test/harness';
import type { Db } from '../../db/database';
import { loadSample, SAMPLE_EXPECTED } from '../stats/sample.testutil';
import { backupLogical, backupSqlite, DERIVED_TABLES, restore, tableInfo } from './backup.service';

const expected = JSON.parse(fs.readFileSync(SAMPLE_EXPECTED, 'utf8'));
const VOLATILE = new Set(['sessions', 'login_attempts', 'login_throttle', 'job_locks']);

/** Every app table's rows, each as sorted JSON text (Buffers as base64), keyed by table. */
async function dump(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await tableInfo(db)) {
    if (VOLATILE.has(t.name)) continue;
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.name)}`.execute(db)).rows;
    out[t.name] = rows
      .map((r) =>
        JSON.stringify(
          t.columns.map((c) => {
            const v = r[c];
            return Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? Number(v) : v;
          }),
        ),
      )
      .sort();
  }
  return out;
}

async function dispatch(app: FastifyInstance) {
  const c = await login(app, 'office');
  const res = await c.get('/api/v1/stats/dispatch?period=2026-05');
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe.each(DB_KINDS)('backup and restore on %s', (kind) => {
  let src: TestDb;
  let app: FastifyInstance;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-backup-'));
  const file = path.join(dir, kind === 'sqlite' ? 'city.db' : 'city.jsonl.gz');
  const targets: TestDb[] = [];

  beforeAll(async () => {
    src = await freshDb(kind);
    await loadSample(src.db);
    await addUser(src.db, 'office', ['city_office']);
    await addUser(src.db, 'rep1', ['reporter'], 'U01');
    await addUser(src.db, 'admin', ['admin']);
    app = await testApp(src.db);
    const office = await login(app, 'office');
    expect((await office.post('/api/v1/periods/2026-04/lock', { note: '调度会后封账', acknowledgeUnfinished: true })).statusCode).toBe(200);
    expect((await office.put('/api/v1/exchange-rates', { period: '2026-06', cnyPerUsdE4: 71234 })).statusCode).toBeLessThan(300);
    const project = await src.db.selectFrom('projects').select(['id', 'unit_code']).orderBy('id').executeTakeFirstOrThrow();
    const t = new Date().toISOString();
    await src.db
      .insertInto('follow_ups')
      .values({
        project_id: project.id,
        date: '2026-05-10',
        kind: 'visit',
        participants: '张三',
        content: '实地走访，推进签约',
        next_step: '签约',
        next_date: '2026-06-01',
        created_by: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    for (const t of targets) await t.drop();
    await src?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while the server writes, and restores every table and the statistics exactly', async () => {
    // Online: writes keep landing while the backup runs; the copy is one consistent snapshot.
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        // Yield to the event loop: SQLite's driver resolves at once, and the backup runs in later ticks.
        await new Promise((r) => setImmediate(r));
        await src.db
          .insertInto('audit_log')
          .values({
            at: new Date().toISOString(),
            actor_id: null,
            actor_name: '并发写入',
            action: 'update',
            entity: 'test',
            entity_id: String(i++),
            unit_code: null,
            summary: null,
            before_json: null,
            after_json: null,
          })
          .execute();
      }
      return i;
    })();
    let s: Awaited<ReturnType<typeof backupSqlite>>;
    try {
      s = kind === 'sqlite' ? await backupSqlite(src.url, file) : await backupLogical(src.db, file);
    } finally {
      writing = false;
      await writer;
    }
    expect(s.rows).toBeGreaterThan(300);

    // Compare against the backup's own content: restore it, then dump both the restored DB and a DB
    // restored from the same file twice must agree; and the source minus the writes after the backup.
    const target = await freshDb(kind);
    targets.push(target);
    const r = await restore(target.db, file);
    expect(r.rows).toBeGreaterThan(300);
    const after = await dump(target.db);
    const before = await dump(src.db);
    for (const [table, rows] of Object.entries(before)) {
      if (table === 'audit_log') {
        // Rows written after the snapshot are missing in the copy; every copied row is identical.
        const restored = new Set(after[table]);
        const copied = rows.filter((x) => restored.has(x));
        expect(copied.length).toBe(after[table]!.length);
        continue;
      }
      expect({ table, rows: after[table] }).toEqual({ table, rows });
    }
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const d of DERIVED_TABLES) expect(after[d]!.length).toBeGreaterThan(0);

    const restoredApp = await testApp(target.db);
    try {
      const a = await dispatch(app);
      const b = await dispatch(restoredApp);
      expect(b).toEqual(a);
      expect(b.fundsYtdYuan).toBe(expected.fundsYtdYuan);
      // Sequences continue past the restored ids (PostgreSQL): a new row gets a fresh id.
      const admin = await login(restoredApp, 'admin');
      const u = await admin.post('/api/v1/units', { code: 'Z99', name: '恢复后新增', kind: 'department' });
      expect(u.statusCode).toBeLessThan(300);
    } finally {
      await restoredApp.close();
    }
  }, 180_000);

  it('refuses to restore into a database that is not empty', async () => {
    await expect(restore(src.db, file)).rejects.toMatchObject({ code: 'conflict' });
  });

  it.runIf(kind === 'sqlite' && DB_KINDS.includes('postgres'))(
    'moves a SQLite backup into PostgreSQL with the same statistics',
    async () => {
      const target = await freshDb('postgres');
      targets.push(target);
      await restore(target.db, file);
      const restoredApp = await testApp(target.db);
      try {
        expect(await dispatch(restoredApp)).toEqual(await dispatch(app));
      } finally {
        await restoredApp.close();
      }
    },
    180_000,
  );
});
