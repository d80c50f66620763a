// Roles hold everywhere, accounts resist guessing, and bounded input is refused with 400 (both databases).
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, addUser, freshDb, login, seedBasics, testApp, TEST_PASSWORD, type TestDb } from '../../test/harness';
import { escapeHtml } from '../../../web/src/features/dashboard/escape';
import { checkPasswordStrength } from './password-policy';
import { delayAfter } from './throttle';

describe('password policy and throttle rules', () => {
  it('needs 10 characters and refuses common passwords', () => {
    expect(checkPasswordStrength('short1')).toMatch(/至少10位/);
    expect(checkPasswordStrength('password1')).toMatch(/至少10位/);
    expect(checkPasswordStrength('password123')).toMatch(/常见/);
    expect(checkPasswordStrength('1234567890')).toMatch(/常见/);
    expect(checkPasswordStrength('qwertyuiop')).toMatch(/常见/);
    expect(checkPasswordStrength('admin12345')).toMatch(/常见/);
    expect(checkPasswordStrength('Jilin-admin-2026')).toBeNull();
  });
  it('delays grow exponentially after three free tries, capped at 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 2, 4, 8, 16]);
    expect(delayAfter(40)).toBe(900);
  });
  it('escapes markup put into chart tooltips', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });
});

describe.each(DB_KINDS)('security on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  const bearer = (token: string, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    await addUser(t.db, 'admin2', ['admin']);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("a token acts as itself: its own name in the audit, no access to its creator's saved filters", async () => {
    const admin2 = await login(app, 'admin2');
    expect((await admin2.post('/api/v1/saved-filters', { scope: 'projects', name: '我的', query: { stage: 'contract' } })).statusCode).toBe(
      201,
    );
    const { token } = (await admin2.post('/api/v1/tokens', { name: '对接', role: 'admin' })).json();
    const filters = await bearer(token, '/api/v1/saved-filters');
    expect(filters.statusCode).toBe(403);
    const created = await bearer(token, '/api/v1/users', 'POST', {
      username: 'bytoken',
      displayName: 'T',
      password: 'Token-made-2026',
      roles: ['leader'],
    });
    expect(created.statusCode).toBe(201);
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(created.json().id))
      .executeTakeFirstOrThrow();
    expect(row.actor_id).toBeNull();
    expect(row.actor_name).toBe('令牌「对接」（创建人 admin2）');
  });

  it('a token stops when its creator is deactivated or loses the admin role', async () => {
    const admin = await login(app, 'admin');
    const admin2 = await login(app, 'admin2');
    const { token } = (await admin2.post('/api/v1/tokens', { name: '只读', role: 'leader' })).json();
    expect((await bearer(token, '/api/v1/auth/me')).statusCode).toBe(200);
    const u = (await admin.get('/api/v1/users')).json().items.find((x: { username: string }) => x.username === 'admin2');
    const demoted = await admin.patch(`/api/v1/users/${u.id}`, { roles: ['leader'], version: u.version });
    expect(demoted.statusCode).toBe(200);
    expect((await bearer(token, '/api/v1/auth/me')).statusCode).toBe(401);
    const back = await admin.patch(`/api/v1/users/${u.id}`, { roles: ['admin'], version: demoted.json().version });
    expect((await bearer(token, '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { active: false, version: back.json().version })).statusCode).toBe(200);
    expect((await bearer(token, '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('the last active administrator cannot be deactivated or demoted (409)', async () => {
    const admin = await login(app, 'admin');
    const office = await addUser(t.db, 'admin3', ['admin']);
    const a3 = await login(app, 'admin3');
    const me = (await admin.get('/api/v1/users')).json().items.find((x: { username: string }) => x.username === 'admin');
    // admin3 may demote admin while admin3 is an admin too …
    const demoted = await a3.patch(`/api/v1/users/${me.id}`, { roles: ['admin', 'leader'], version: me.version });
    expect(demoted.statusCode).toBe(200);
    const users = (await a3.get('/api/v1/users')).json().items as { id: number; username: string; version: number }[];
    const self = users.find((x) => x.username === 'admin3')!;
    // … and admin cannot now remove the admin role from admin3 while admin is still one: two admins left.
    const dropAdmin = await admin.patch(`/api/v1/users/${self.id}`, { roles: ['leader'], version: self.version });
    expect(dropAdmin.statusCode).toBe(200);
    const adminNow = (await admin.get('/api/v1/users')).json().items.find((x: { username: string }) => x.username === 'admin');
    const last = await admin.patch(`/api/v1/users/${adminNow.id}`, { roles: ['leader'], version: adminNow.version });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toContain('最后一个');
    expect(office).toBeGreaterThan(0);
  });

  it("a password change ends the user's other sessions and keeps this one", async () => {
    await addUser(t.db, 'pwuser', ['leader']);
    const a = await login(app, 'pwuser');
    const b = await login(app, 'pwuser');
    expect((await a.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Changed-pass-2026' })).statusCode).toBe(
      200,
    );
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a common password on create and change with a Chinese message', async () => {
    const admin = await login(app, 'admin');
    const r = await admin.post('/api/v1/users', { username: 'weak1', displayName: 'W', password: 'password123', roles: ['leader'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.password).toMatch(/常见/);
  });

  it('30 concurrent wrong passwords: at most 3 are checked, the rest wait (429)', async () => {
    await addUser(t.db, 'victim', ['leader']);
    const rs = await Promise.all(
      Array.from({ length: 30 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.1.1.1',
          payload: { username: 'victim', password: 'Wrong-guess-2026' },
        }),
      ),
    );
    const codes = rs.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(27);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    // The owner at another address is not locked out; an admin unlock clears the attacker's delay too.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.1.1.2',
          payload: { username: 'victim', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    const admin = await login(app, 'admin');
    const id = (await admin.get('/api/v1/users')).json().items.find((x: { username: string }) => x.username === 'victim').id;
    const un = await admin.post(`/api/v1/users/${id}/unlock`, {});
    expect(un.statusCode).toBe(200);
    expect(un.json().accounts).toBeGreaterThanOrEqual(1);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.1.1.1',
          payload: { username: 'victim', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('locks out only an address after 20 failures, across accounts', async () => {
    const names = Array.from({ length: 21 }, (_, i) => `nobody${i}`);
    const codes: number[] = [];
    for (const n of names)
      codes.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '10.2.2.2',
            payload: { username: n, password: 'Wrong-guess-2026' },
          })
        ).statusCode,
      );
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.2.2.3',
          payload: { username: 'leader', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('checks a password against a real hash even when the user does not exist (constant time)', async () => {
    const spy = vi.spyOn(argon2, 'verify');
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.3.3.3',
      payload: { username: 'no_such_user', password: 'Whatever-2026' },
    });
    expect(r.statusCode).toBe(401);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]![0])).toMatch(/^\$argon2id\$/);
    spy.mockRestore();
  });

  it('refuses bounded-input violations with 400, never 500', async () => {
    const office = await login(app, 'office');
    const admin = await login(app, 'admin');
    const long = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x'.repeat(300), password: 'p' } });
    expect(long.statusCode).toBe(400);
    const nul = await admin.post('/api/v1/units', { code: 'U09', name: '坏\u0000单位', kind: 'county' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('控制字符');
    const ctl = await office.get('/api/v1/projects?q=%00abc');
    expect(ctl.statusCode).toBe(400);
    // Built as text: JSON.stringify itself would overflow the stack on 20,000 levels.
    const deep = `{"scope":"projects","name":"深","query":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`;
    const nested = await office.inject({
      method: 'POST',
      url: '/api/v1/saved-filters',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': 'application/json' },
      payload: deep,
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.message).toContain('嵌套');
    const huge = await admin.patch('/api/v1/settings', { reserveThresholdWan: 2 ** 60 });
    expect(huge.statusCode).toBe(400);
    const users = (await admin.get('/api/v1/users')).json().items as { id: number }[];
    const big = await admin.patch(`/api/v1/users/${users[0]!.id}`, { displayName: 'x', version: 2 ** 40 });
    expect(big.statusCode).toBeGreaterThanOrEqual(400);
    expect(big.statusCode).toBeLessThan(500);
    for (const p of ['0000-01', '9999-12']) {
      const r = await office.get(`/api/v1/submissions?period=${p}`);
      expect(r.statusCode).toBe(400);
    }
  });
});
