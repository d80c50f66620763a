// 20-way races on both databases: every request ends 2xx or 409 (never 500), and the month is
// consistent afterwards — no entry committed into a period after its lock, no draft entry in a
// submitted month, no duplicate code, one administrator after concurrent first-run setups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../test/harness';
import { nowIso } from '../db/clock';

const N = 20;
let racesRun = 0;

function expectOnly(responses: LightMyRequestResponse[], allowed: number[]): void {
  racesRun++;
  const bad = responses.filter((r) => !allowed.includes(r.statusCode));
  expect(bad.map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`)).toEqual([]);
  for (const r of responses.filter((x) => x.statusCode === 409)) expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
}

/** Starts all requests at once, in a shuffled order. */
function race(requests: (() => Promise<LightMyRequestResponse>)[]): Promise<LightMyRequestResponse[]> {
  const order = requests.map((r, i) => ({ r, k: (i * 7919) % requests.length }));
  order.sort((a, b) => a.k - b.k);
  return Promise.all(order.map((o) => o.r()));
}

describe.each(DB_KINDS)('20-way races on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let office: Client, rep1: Client, admin: Client;
  let projects: number[];

  async function addProjects(unit: string, prefix: string, n: number): Promise<number[]> {
    const ts = nowIso();
    const rows = await t.db
      .insertInto('projects')
      .values(
        Array.from({ length: n }, (_, i) => ({
          unit_code: unit,
          code: `${prefix}-${i}`,
          name: `项目${prefix}${i}`,
          stage: 'started',
          total_investment_yuan: 1_000_000_000,
          created_at: ts,
          updated_at: ts,
        })),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
    [office, rep1, admin] = (await Promise.all(['office', 'rep1', 'admin'].map((u) => login(app, u)))) as [Client, Client, Client];
    projects = await addProjects('U01', 'RACE', N);
  });
  afterAll(async () => {
    console.log(`[concurrency ${kind}] races run: ${racesRun} (each ${N}-way)`);
    await app?.close();
    await t?.drop();
  });

  it('lock vs entry writes: no entry commits into the period after its lock', async () => {
    const period = '2026-03';
    const res = await race([
      ...projects.map((id) => () => rep1.post('/api/v1/fund-entries', { projectId: id, period, amountYuan: 1_000_000 })),
      () => office.post(`/api/v1/periods/${period}/lock`, { note: '并发测试', acknowledgeUnfinished: true }),
    ]);
    expectOnly(res, [200, 201, 409]);
    const lockAudit = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'period')
      .where('action', '=', 'lock')
      .where('entity_id', '=', period)
      .executeTakeFirstOrThrow();
    const entryIds = (await t.db.selectFrom('fund_entries').select('id').where('period', '=', period).execute()).map((e) => String(e.id));
    const entryAudits =
      entryIds.length === 0
        ? []
        : await t.db
            .selectFrom('audit_log')
            .select('id')
            .where('entity', '=', 'fund_entry')
            .where('action', '=', 'create')
            .where('entity_id', 'in', entryIds)
            .execute();
    expect(entryAudits.length).toBe(entryIds.length);
    // Every entry's write finished before the lock took the period.
    for (const a of entryAudits) expect(Number(a.id)).toBeLessThan(Number(lockAudit.id));
    expect(res.filter((r) => r.statusCode === 201).length).toBe(entryIds.length);
    // The snapshot taken by the lock counts what is there.
    expect((await t.db.selectFrom('period_snapshots').select('period').where('period', '=', period).execute()).length).toBeGreaterThan(0);
  });

  it('submit vs entry writes: a submitted month has no draft entry', async () => {
    const period = '2026-04';
    const res = await race([
      ...projects.map((id) => () => rep1.post('/api/v1/fund-entries', { projectId: id, period, amountYuan: 2_000_000 })),
      () => rep1.post(`/api/v1/submissions/U01/${period}/submit`),
    ]);
    expectOnly(res, [200, 201, 409]);
    const sub = await t.db.selectFrom('submissions').select('status').where('unit_code', '=', 'U01').where('period', '=', period).execute();
    expect(sub.length).toBe(1);
    const statuses = (await t.db.selectFrom('fund_entries').select('status').where('period', '=', period).execute()).map((e) => e.status);
    if (sub[0]!.status === 'submitted') expect(statuses.filter((s) => s === 'draft')).toEqual([]);
  });

  it('first entries of a unit-month: one submission row, every entry saved', async () => {
    const period = '2026-05';
    const res = await race(projects.map((id) => () => rep1.post('/api/v1/fund-entries', { projectId: id, period, amountYuan: 3_000_000 })));
    expectOnly(res, [201]);
    expect(
      (await t.db.selectFrom('submissions').select('id').where('unit_code', '=', 'U01').where('period', '=', period).execute()).length,
    ).toBe(1);
  });

  it('the same entry 20 times: one saved, the rest 409', async () => {
    const res = await race(
      Array.from(
        { length: N },
        () => () => rep1.post('/api/v1/fund-entries', { projectId: projects[0], period: '2026-06', amountYuan: 10 }),
      ),
    );
    expectOnly(res, [201, 409]);
    expect(res.filter((r) => r.statusCode === 201).length).toBe(1);
  });

  it('20 project registrations get 20 distinct generated codes', async () => {
    const res = await race(
      Array.from({ length: N }, (_, i) => () => rep1.post('/api/v1/projects', { name: `并发登记${i}`, registeredOn: '2026-07-01' })),
    );
    expectOnly(res, [201]);
    const codes = res.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(N);
  });

  it('the same unit code and user name 20 times: one created, the rest 409', async () => {
    const units = await race(
      Array.from({ length: N }, () => () => admin.post('/api/v1/units', { code: 'U77', name: '并发单位', kind: 'zone' })),
    );
    expectOnly(units, [201, 409]);
    expect(units.filter((r) => r.statusCode === 201).length).toBe(1);
    const users = await race(
      Array.from(
        { length: N },
        (_, i) => () =>
          admin.post('/api/v1/users', {
            username: 'samename',
            displayName: `同名${i}`,
            password: 'Abcdefgh12345!',
            roles: ['reporter'],
            unitCode: 'U01',
          }),
      ),
    );
    expectOnly(users, [201, 409]);
    expect(users.filter((r) => r.statusCode === 201).length).toBe(1);
  });

  it('20 locks of one period: one locks, the rest 409', async () => {
    const res = await race(
      Array.from({ length: N }, () => () => office.post('/api/v1/periods/2026-08/lock', { acknowledgeUnfinished: true })),
    );
    expectOnly(res, [200, 409]);
    expect(res.filter((r) => r.statusCode === 200).length).toBe(1);
  });
});

describe.each(DB_KINDS)('20 concurrent first-run setups on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('create exactly one administrator', async () => {
    const res = await race(
      Array.from(
        { length: N },
        (_, i) => () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/setup',
            payload: {
              cityName: '吉林市',
              homeRegionCode: '220200',
              adminUsername: `admin${i}`,
              adminDisplayName: `管理员${i}`,
              adminPassword: 'Abcdefgh12345!',
            },
          }),
      ),
    );
    expectOnly(res, [201, 409]);
    expect(res.filter((r) => r.statusCode === 201).length).toBe(1);
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(1);
  });
});
