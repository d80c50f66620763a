import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ChangeCache, changedAuthTable, changesFigures } from './change-caches';
import { loadSample } from '../modules/stats/sample.testutil';
import { nowIso } from './clock';
import { authCacheOf, createDb, figuresCacheOf, type Db } from './database';
import { DB_KINDS, addUser, freshDb, login, seedBasics, testApp, type TestDb } from '../test/harness';

describe('session cache rules', () => {
  it('a lookup that began before a change does not store what it read', () => {
    const c = new ChangeCache(5000, true);
    const gen = c.generation();
    c.clear(); // a logout ran while the lookup was reading
    c.set('k', 1, gen);
    expect(c.get('k')).toBeUndefined();
    c.set('k', 2, c.generation());
    expect(c.get('k')).toBe(2);
  });

  it('remember: one computation for everyone asking meanwhile; a change starts a fresh one and is not kept stale', async () => {
    const c = new ChangeCache(60_000, true);
    let runs = 0;
    let release: (v: number) => void = () => {};
    const slow = () => {
      runs++;
      return new Promise<number>((r) => {
        release = r;
      });
    };
    const a = c.remember('k', slow);
    const b = c.remember('k', slow);
    expect(runs).toBe(1);
    release(1);
    expect([await a, await b]).toEqual([1, 1]);
    expect(await c.remember('k', async () => 2)).toBe(1); // kept
    c.clear();
    const during = c.remember('k', slow); // began before the next change…
    c.clear();
    const after = c.remember('k', async () => 3); // …so a caller after it does not share it
    release(2);
    expect([await during, await after]).toEqual([2, 3]);
    expect(await c.remember('k', async () => 4)).toBe(3); // the stale 2 was not kept
    await expect(c.remember('e', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await c.remember('e', async () => 5)).toBe(5); // failures are not cached
  });

  it('an entry never outlives its session, and 0 ms turns the cache off', () => {
    const c = new ChangeCache(5000, true);
    c.set('k', 1, c.generation(), Date.now() - 1);
    expect(c.get('k')).toBeUndefined();
    const off = new ChangeCache(0, true);
    off.set('k', 1, off.generation());
    expect(off.get('k')).toBeUndefined();
  });

  it('recognises the statements that can end or narrow a sign-in', () => {
    const db = createDb(':memory:');
    const node = (q: { toOperationNode(): unknown }) => changedAuthTable(q.toOperationNode() as never);
    expect(node(db.deleteFrom('sessions').where('id_hash', '=', 'x'))).toBe('sessions');
    expect(node(db.updateTable('users').set({ active: 0 }))).toBe('users');
    expect(node(db.updateTable('api_tokens').set({ revoked_at: 'now' }))).toBe('api_tokens');
    expect(node(db.updateTable('units').set({ code: 'U9' }))).toBe('units');
    // a token's last-use stamp changes nobody's rights; reads and other tables do not matter
    expect(node(db.updateTable('api_tokens').set({ last_used_at: 'now' }))).toBeNull();
    expect(node(db.selectFrom('users').selectAll())).toBeNull();
    expect(node(db.updateTable('projects').set({ name: 'x' }))).toBeNull();
    expect(node(sql`DELETE FROM sessions WHERE 1 = 1`)).toBe('sessions');
    expect(node(sql`update "users" set active = 0`)).toBe('users');
    expect(node(sql`select * from users`)).toBeNull();
    void db.destroy();
  });

  it('recognises the statements that can change a figure', () => {
    const db = createDb(':memory:');
    const node = (q: { toOperationNode(): unknown }) => changesFigures(q.toOperationNode() as never);
    expect(node(db.insertInto('fund_entries').values({} as never))).toBe(true);
    expect(node(db.updateTable('projects').set({ name: 'x' }))).toBe(true);
    expect(node(db.deleteFrom('targets'))).toBe(true);
    expect(node(sql`UPDATE fund_entries SET status = 'verified'`)).toBe(true);
    // sign-ins, the audit trail and reads change no figure
    expect(node(db.insertInto('sessions').values({} as never))).toBe(false);
    expect(node(db.insertInto('audit_log').values({} as never))).toBe(false);
    expect(node(db.selectFrom('fund_entries').selectAll())).toBe(false);
    expect(node(sql`select 1`)).toBe(false);
    void db.destroy();
  });
});

describe.each(DB_KINDS)('figures cache on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let other: Db;
  beforeAll(async () => {
    t = await freshDb(kind);
    await loadSample(t.db);
    await seedUsersIfMissing(t.db);
    app = await testApp(t.db);
    other = createDb(t.url);
  });
  afterAll(async () => {
    await app?.close();
    await other?.destroy();
    await t?.drop();
  });
  async function seedUsersIfMissing(db: Db) {
    const has = await db.selectFrom('users').select('id').where('username', '=', 'office').executeTakeFirst();
    if (!has) await addUser(db, 'office', ['city_office']);
  }
  const ytd = async (c: Awaited<ReturnType<typeof login>>) =>
    (await c.get('/api/v1/stats/dispatch?period=2026-05')).json().fundsYtdYuan as number;
  const entry = async (db: Db, amount: number, month: number) => {
    const p = await db.selectFrom('projects').select(['id', 'unit_code']).orderBy('id').executeTakeFirstOrThrow();
    const ts = nowIso();
    await db
      .insertInto('fund_entries')
      .values({
        project_id: p.id,
        unit_code: p.unit_code,
        period: `2026-0${month}`,
        year: 2026,
        month,
        kind: 'adjustment',
        amount_yuan: amount,
        foreign_usd: 0,
        status: 'verified',
        created_at: ts,
        updated_at: ts,
      } as never)
      .execute();
  };

  it('serves an open month from memory and forgets it at the first write, here or elsewhere', async () => {
    const office = await login(app, 'office');
    const cache = figuresCacheOf(t.db)!;
    for (let i = 0; i < 200 && !cache.enabled; i++) await new Promise((r) => setTimeout(r, 25));
    expect(cache.enabled).toBe(true);
    const before = await ytd(office);
    expect(cache.size).toBeGreaterThan(0);
    expect(await ytd(office)).toBe(before);
    // a write on this instance: the very next answer has it
    await entry(t.db, 1_000_000, 2);
    expect(await ytd(office)).toBe(before + 1_000_000);
    // a write by another instance or the CLI: it arrives by NOTIFY (PostgreSQL) or data_version (SQLite)
    await entry(other, 2_000_000, 3);
    let seen = 0;
    for (let i = 0; i < 200; i++) {
      seen = await ytd(office);
      if (seen === before + 3_000_000) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen).toBe(before + 3_000_000);
  });
});

describe.each(DB_KINDS)('session cache on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let other: Db; // another instance (or the CLI) on the same database

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
    other = createDb(t.url);
  });
  afterAll(async () => {
    await app?.close();
    await other?.destroy();
    await t?.drop();
  });

  /** The cache is on (PostgreSQL: once its listener is connected). */
  async function cacheReady(): Promise<void> {
    const cache = authCacheOf(t.db)!;
    for (let i = 0; i < 200 && !cache.enabled; i++) await new Promise((r) => setTimeout(r, 25));
    expect(cache.enabled).toBe(true);
  }

  /** Polls until the request gets the status (another instance's change reaches this one by NOTIFY). */
  async function eventually(get: () => Promise<{ statusCode: number }>, status: number): Promise<number> {
    let last = 0;
    for (let i = 0; i < 200; i++) {
      last = (await get()).statusCode;
      if (last === status) return last;
      await new Promise((r) => setTimeout(r, 10));
    }
    return last;
  }

  it('answers a known session from memory', async () => {
    const office = await login(app, 'office');
    await cacheReady();
    expect((await office.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(authCacheOf(t.db)!.size).toBeGreaterThan(0);
  });

  it('logout and deactivation on this instance take effect on the very next request', async () => {
    const office = await login(app, 'office');
    await cacheReady();
    expect((await office.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await office.post('/api/v1/auth/logout')).statusCode).toBeLessThan(300);
    expect((await office.get('/api/v1/auth/me')).statusCode).toBe(401);

    const again = await login(app, 'office');
    expect((await again.get('/api/v1/units')).statusCode).toBe(200);
    const admin = await login(app, 'admin');
    const u = (await admin.get('/api/v1/users')).json().items.find((x: { username: string }) => x.username === 'office');
    const off = await admin.patch(`/api/v1/users/${u.id}`, { active: false, version: u.version });
    expect(off.statusCode, off.body).toBe(200);
    expect((await again.get('/api/v1/units')).statusCode).toBe(401);
    await admin.patch(`/api/v1/users/${u.id}`, { active: true, version: off.json().version });
  });

  it('a role taken away by another instance narrows the session at once', async () => {
    const office = await login(app, 'office');
    await cacheReady();
    expect((await office.get('/api/v1/users')).statusCode).toBe(403); // city office does not manage users
    const me = (await office.get('/api/v1/auth/me')).json();
    expect(me.user?.roles ?? me.roles).toContain('city_office');
    // another instance turns the office user into a supervisor
    await other.updateTable('users').set({ role: 'supervisor' }).where('username', '=', 'office').execute();
    const roles = async () => {
      const m = (await office.get('/api/v1/auth/me')).json();
      return (m.user?.roles ?? m.roles) as string[];
    };
    let seen: string[] = [];
    for (let i = 0; i < 200; i++) {
      seen = await roles();
      if (!seen.includes('city_office')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen).toEqual(['supervisor']);
    await other.updateTable('users').set({ role: 'city_office' }).where('username', '=', 'office').execute();
  });

  it('a session ended by another instance or the CLI stops working', async () => {
    const office = await login(app, 'office');
    await cacheReady();
    expect((await office.get('/api/v1/auth/me')).statusCode).toBe(200);
    await other.deleteFrom('sessions').execute();
    expect(await eventually(() => office.get('/api/v1/auth/me'), 401)).toBe(401);
  });
});
