// Guard the month (issue [K]): the checklist names what is unfinished, with amounts; locking over
// it is refused with 409 unless acknowledged, and the acknowledgement is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';

describe.each(DB_KINDS)('lock checklist on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let rep1: Client, head1: Client, office: Client;
  const P = '2026-03';

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    const now = nowIso();
    const pr = await t.db
      .insertInto('projects')
      .values({
        unit_code: 'U01',
        code: 'P-LC-1',
        name: '检查项目',
        stage: 'contract',
        total_investment_yuan: 1e8,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    app = await testApp(t.db);
    [rep1, head1, office] = (await Promise.all(['rep1', 'head1', 'office'].map((u) => login(app, u)))) as [Client, Client, Client];
    const e = await rep1.post('/api/v1/fund-entries', { projectId: pr.id, period: P, amountYuan: 12_345_600 });
    expect(e.statusCode).toBe(201);
    expect((await rep1.post(`/api/v1/submissions/U01/${P}/submit`)).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lists units not submitted and submissions waiting, with amounts', async () => {
    expect((await rep1.get(`/api/v1/periods/${P}/lock-checklist`)).statusCode).toBe(403);
    const c = (await office.get(`/api/v1/periods/${P}/lock-checklist`)).json();
    expect(c.unfinished).toBe(true);
    expect(c.awaitingApproval).toEqual([expect.objectContaining({ unitCode: 'U01', entries: 1, amountYuan: 12_345_600 })]);
    expect(c.notSubmitted.map((u: { unitCode: string }) => u.unitCode)).toContain('U02');
    expect(c.awaitingVerification).toEqual([]);
    // Approved by the head: now it waits for the city office's verification.
    expect((await head1.post(`/api/v1/submissions/U01/${P}/approve`)).statusCode).toBe(200);
    const c2 = (await office.get(`/api/v1/periods/${P}/lock-checklist`)).json();
    expect(c2.awaitingApproval).toEqual([]);
    expect(c2.awaitingVerification).toEqual([expect.objectContaining({ unitCode: 'U01', entries: 1, amountYuan: 12_345_600 })]);
  });

  it('refuses to lock an unfinished month unless acknowledged, and audits the acknowledgement', async () => {
    const refused = await office.post(`/api/v1/periods/${P}/lock`, { note: '调度会后' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/未完成|仍然锁定/);
    expect(refused.json().error.detail.checklist.unfinished).toBe(true);
    expect((await office.get(`/api/v1/periods/${P}/lock`)).json().locked).toBe(false);
    const ok = await office.post(`/api/v1/periods/${P}/lock`, { note: '调度会后', acknowledgeUnfinished: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locked).toBe(true);
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'period').where('entity_id', '=', P).execute();
    expect(log.some((r) => (r.summary ?? '').includes('确认未完成事项后锁定'))).toBe(true);
  });

  it('a month in which units have not reported at all still needs the choice', async () => {
    const c = (await office.get('/api/v1/periods/2025-01/lock-checklist')).json();
    expect(c.notSubmitted.length).toBeGreaterThan(0);
    expect((await office.post('/api/v1/periods/2025-01/lock', {})).statusCode).toBe(409);
  });
});
