// [L] item 5: a department named as a project's serving unit (包保部门) sees the project and writes its
// follow-ups, blockers and commitments, without owning it; its funds still count for the owning unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addUnit, addUser, DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';

describe.each(DB_KINDS)('serving departments on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let rep1: Client;
  let dept: Client;
  let rep2: Client;
  let projectId: number;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    await addUnit(t.db, 'D01', '市商务局', 'department');
    await addUser(t.db, 'dept', ['reporter'], 'D01');
    app = await testApp(t.db);
    rep1 = await login(app, 'rep1');
    dept = await login(app, 'dept');
    rep2 = await login(app, 'rep2');
    const res = await rep1.post('/api/v1/projects', {
      name: '包保测试项目',
      owner: '张三',
      totalInvestmentYuan: 100_000_000,
      servingUnitCode: 'D01',
      registeredOn: '2026-03-02',
    });
    expect(res.statusCode).toBe(201);
    projectId = res.json().id;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('the serving department finds and opens the project; another unit does not', async () => {
    const list = (await dept.get('/api/v1/projects')).json();
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([projectId]);
    expect((await dept.get(`/api/v1/projects/${projectId}`)).statusCode).toBe(200);
    expect((await rep2.get(`/api/v1/projects/${projectId}`)).statusCode).toBe(404);
  });

  it('writes follow-ups, blockers and commitments, audited under the owning unit', async () => {
    const f = await dept.post(`/api/v1/projects/${projectId}/follow-ups`, {
      date: '2026-03-05',
      kind: 'visit',
      content: '上门服务，协调用地',
    });
    expect(f.statusCode).toBe(201);
    const b = await dept.post(`/api/v1/projects/${projectId}/blockers`, { title: '用地指标', dueDate: '2026-04-30' });
    expect(b.statusCode).toBe(201);
    const c = await dept.post(`/api/v1/projects/${projectId}/commitments`, { title: '协助办理环评', dueDate: '2026-05-30' });
    expect(c.statusCode).toBe(201);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['unit_code', 'entity'])
      .where('entity', 'in', ['follow_up', 'blocker', 'commitment'])
      .execute();
    expect(audit.every((a) => a.unit_code === 'U01')).toBe(true);
  });

  it('cannot edit the project, move its stage, or book funds on it', async () => {
    const p = (await dept.get(`/api/v1/projects/${projectId}`)).json();
    const edit = await dept.patch(`/api/v1/projects/${projectId}`, { name: '改名', version: p.version });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.message).toContain('包保');
    const move = await dept.post(`/api/v1/projects/${projectId}/moves`, { to: 'negotiating', version: p.version });
    expect(move.statusCode, move.body).toBe(403);
    const fund = await dept.post('/api/v1/fund-entries', { projectId, period: '2026-03', amountYuan: 1_000_000 });
    expect([403, 404]).toContain(fund.statusCode);
    const after = await t.db
      .selectFrom('projects')
      .select(['name', 'stage', 'unit_code'])
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ name: '包保测试项目', stage: 'lead', unit_code: 'U01' });
    expect(await t.db.selectFrom('fund_entries').select('id').where('project_id', '=', projectId).execute()).toEqual([]);
  });
});
