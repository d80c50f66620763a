import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, TEST_PASSWORD, type TestDb } from '../../test/harness';

describe.each(DB_KINDS)('accounts on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('refuses API calls without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('请先登录');
  });

  it('logs in, tells who I am, and logs out', async () => {
    const c = await login(app, 'rep1');
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.roles).toEqual(['reporter']);
    expect(me.unitCode).toBe('U01');
    expect(me.cityWide).toBe(false);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite session cookie and security headers', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'office', password: TEST_PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'zs_session')!;
    expect(c.httpOnly).toBe(true);
    expect(String(c.sameSite).toLowerCase()).toBe('lax');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('refuses a cookie write without the CSRF token', async () => {
    const c = await login(app, 'admin');
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: { cookie: c.cookie },
      payload: { reserveThresholdWan: 2000 },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('CSRF');
    expect((await c.patch('/api/v1/settings', { reserveThresholdWan: 2000 })).statusCode).toBe(200);
  });

  it('slows repeated wrong passwords per address and account, not the owner elsewhere', async () => {
    const from = (ip: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username: 'leader', password } });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.9', 'wrong')).statusCode).toBe(401);
    const slowed = await from('10.0.0.9', TEST_PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error.message).toMatch(/秒后再试/);
    expect((await from('10.0.0.10', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('changes a password with the current one and rejects a weak one', async () => {
    const c = await login(app, 'super');
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Abc-defg-1234' })).statusCode).toBe(400);
    expect(
      (await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' })).json().error.fields.newPassword,
    ).toBeTruthy();
    expect((await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Super-visor-2026' })).statusCode).toBe(
      200,
    );
    await login(app, 'super', 'Super-visor-2026');
  });

  it('issues API tokens scoped to a role and unit, and revokes them', async () => {
    const admin = await login(app, 'admin');
    const created = await admin.post('/api/v1/tokens', { name: '数据接口', role: 'reporter', unitCode: 'U02' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().unitCode).toBe('U02');
    expect((await admin.delete(`/api/v1/tokens/${id}`)).statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('lets only administrators manage users, and records it in the audit log', async () => {
    const rep = await login(app, 'rep1');
    expect((await rep.get('/api/v1/users')).statusCode).toBe(403);
    const admin = await login(app, 'admin');
    const bad = await admin.post('/api/v1/users', { username: 'x1', displayName: 'X', password: 'Xone-pass-2026', roles: ['reporter'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.unitCode).toBeTruthy();
    const ok = await admin.post('/api/v1/users', {
      username: 'x1',
      displayName: 'X',
      password: 'Xone-pass-2026',
      roles: ['reporter'],
      unitCode: 'U01',
    });
    expect(ok.statusCode).toBe(201);
    const stale = await admin.patch(`/api/v1/users/${ok.json().id}`, { displayName: 'Y', version: 99 });
    expect(stale.statusCode).toBe(409);
    const audit = (await admin.get('/api/v1/audit?entity=user')).json();
    expect(
      audit.items.some((a: { action: string; entityId: string }) => a.action === 'create' && a.entityId === String(ok.json().id)),
    ).toBe(true);
  });
});
