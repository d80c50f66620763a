import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';

describe.each(DB_KINDS)('policy register and review campaign (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let projectId: number;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    const ts = nowIso();
    const p = await t.db
      .insertInto('projects')
      .values({ code: 'P1', name: '用政策的项目', unit_code: 'U01', stage: 'started', created_at: ts, updated_at: ts } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    projectId = Number(p.id);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('registers policies with the projects that used them; duplicates and bad dates are refused', async () => {
    const office = await login(app, 'office');
    const a = await office.post('/api/v1/policies', {
      docNumber: '吉市政发〔2024〕1号',
      title: '招商奖励办法',
      issuer: '市政府',
      issuedOn: '2024-01-01',
      expiresOn: '2027-01-01',
      reviewDue: '2020-01-01',
      projectIds: [projectId],
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'active', reviewOverdue: true, projects: [{ code: 'P1' }] });
    expect(
      (await office.post('/api/v1/policies', { docNumber: '吉市政发〔2024〕1号', title: 'x', issuer: 'y', issuedOn: '2024-01-01' }))
        .statusCode,
    ).toBe(409);
    const bad = await office.post('/api/v1/policies', {
      docNumber: 'B-1',
      title: 'x',
      issuer: 'y',
      issuedOn: '2024-01-01',
      expiresOn: '2023-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.expiresOn).toBeDefined();
    expect(
      (
        await office.post('/api/v1/policies', {
          docNumber: '吉市政发〔2024〕2号',
          title: '用地办法',
          issuer: '市政府',
          issuedOn: '2024-02-01',
        })
      ).statusCode,
    ).toBe(201);
    const rep2 = await login(app, 'rep2');
    const seen = (await rep2.get('/api/v1/policies')).json().items;
    expect(seen).toHaveLength(2);
    expect(seen.every((p: { projects: unknown[] }) => p.projects.length === 0)).toBe(true); // U01's project is not shown to U02
    expect((await rep2.post('/api/v1/policies', { docNumber: 'X', title: 'x', issuer: 'y', issuedOn: '2024-01-01' })).statusCode).toBe(403);
  });

  it('a review campaign gives every active policy one decision with its reason, and sets the status', async () => {
    const office = await login(app, 'office');
    const c0 = (await office.get('/api/v1/policies/review?campaign=2026')).json();
    expect(c0).toMatchObject({ total: 2, decided: 0 });
    const [p1, p2] = c0.items.map((i: { policy: { id: number } }) => i.policy.id);
    expect((await office.post(`/api/v1/policies/${p1}/review`, { campaign: '2026', decision: 'revise', reason: '' })).statusCode).toBe(400);
    const r1 = await office.post(`/api/v1/policies/${p1}/review`, {
      campaign: '2026',
      decision: 'revise',
      reason: '奖励标准与省新规不一致',
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect((await office.post(`/api/v1/policies/${p1}/review`, { campaign: '2026', decision: 'keep', reason: '再议' })).statusCode).toBe(
      409,
    );
    const r2 = (
      await office.post(`/api/v1/policies/${p2}/review`, { campaign: '2026', decision: 'abolish', reason: '已被新文件替代' })
    ).json();
    expect(r2).toMatchObject({ total: 2, decided: 2, counts: { keep: 0, revise: 1, abolish: 1 } });
    const list = (await office.get('/api/v1/policies')).json().items;
    expect(list.map((p: { status: string }) => p.status).sort()).toEqual(['abolished', 'to_revise']);
    const audits = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'policy').execute();
    expect(audits.some((a) => a.summary?.includes('已被新文件替代'))).toBe(true);
  });
});
