import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';
import { activityBriefingSentence, activityDispatchFigures } from './activities.stats';

describe.each(DB_KINDS)('promotion activities on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let rep1: Client;
  let rep2: Client;
  let office: Client;
  let leader: Client;
  let tripId: number;

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    const ts = nowIso();
    await t.db
      .insertInto('projects')
      .values([
        {
          code: 'U01-S1',
          name: '苏州客商新材料项目',
          unit_code: 'U01',
          stage: 'contract',
          contract_date: '2026-03-20',
          total_investment_yuan: 300_000_000,
          created_at: ts,
          updated_at: ts,
        },
        {
          code: 'U01-L1',
          name: '仍在洽谈的项目',
          unit_code: 'U01',
          stage: 'negotiating',
          total_investment_yuan: 50_000_000,
          created_at: ts,
          updated_at: ts,
        },
        {
          code: 'U02-S1',
          name: '二号单位的签约项目',
          unit_code: 'U02',
          stage: 'started',
          contract_date: '2026-02-01',
          total_investment_yuan: 90_000_000,
          created_at: ts,
          updated_at: ts,
        },
      ] as never)
      .execute();
    app = await testApp(t.db);
    rep1 = await login(app, 'rep1');
    rep2 = await login(app, 'rep2');
    office = await login(app, 'office');
    leader = await login(app, 'leader');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const projectId = async (code: string) =>
    Number((await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);

  it("plans a trip for the reporter's own unit, audited, with members and enterprises", async () => {
    const res = await rep1.post('/api/v1/activities', {
      name: '赴苏州新材料产业链招商小分队',
      kind: 'trip',
      startDate: '2026-03-02',
      endDate: '2026-03-05',
      destination: '江苏省苏州市',
      personTimes: 6,
      members: ['张三', '李四'],
      enterprises: [{ name: '苏州某材料公司', representatives: 2 }],
      promoted: ['新材料产业园'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    tripId = a.id;
    expect(a).toMatchObject({
      unitCode: 'U01',
      destinationGroup: 'yrd',
      reportDueOn: '2026-03-20',
      reportOverdue: true,
      signedCount: 0,
      version: 1,
    });
    const audits = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'activity').execute();
    expect(audits.map((x) => x.summary)).toContain('登记招商活动：赴苏州新材料产业链招商小分队');
  });

  it('refuses bad input with a clear 4xx: end before start, another unit, duplicate, leader without permission', async () => {
    const bad = await rep1.post('/api/v1/activities', { name: '日期错', kind: 'trip', startDate: '2026-03-05', endDate: '2026-03-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.endDate).toBeTruthy();
    expect(
      (await rep1.post('/api/v1/activities', { name: '别的单位', kind: 'event', startDate: '2026-03-05', unitCode: 'U02' })).statusCode,
    ).toBe(403);
    expect(
      (await rep1.post('/api/v1/activities', { name: '赴苏州新材料产业链招商小分队', kind: 'trip', startDate: '2026-03-02' })).statusCode,
    ).toBe(409);
    expect(
      (await office.post('/api/v1/activities', { name: '无此单位', kind: 'event', startDate: '2026-03-05', unitCode: 'X99' })).statusCode,
    ).toBe(400);
    expect((await leader.post('/api/v1/activities', { name: '领导', kind: 'event', startDate: '2026-03-05' })).statusCode).toBe(403);
  });

  it('another unit neither sees nor changes the trip', async () => {
    expect((await rep2.get(`/api/v1/activities/${tripId}`)).statusCode).toBe(404);
    expect((await rep2.get('/api/v1/activities')).json().total).toBe(0);
    expect((await rep2.patch(`/api/v1/activities/${tripId}`, { name: '改', version: 1 })).statusCode).toBe(404);
    expect((await office.get('/api/v1/activities?q=苏州')).json().total).toBe(1);
  });

  it('files the report (clearing the overdue flag), with versions: a stale edit is refused', async () => {
    const rep = await rep1.put(`/api/v1/activities/${tripId}/report`, {
      report: '拜访企业5家，达成意向2个，下一步邀请来吉考察。',
      reportedOn: '2026-03-10',
      version: 1,
    });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json()).toMatchObject({ reportOverdue: false, reportedOn: '2026-03-10', version: 2 });
    expect((await rep1.patch(`/api/v1/activities/${tripId}`, { personTimes: 8, version: 1 })).statusCode).toBe(409);
    expect((await rep1.get('/api/v1/activities?reportOverdue=true')).json().total).toBe(0);
  });

  it("credits signed contracts only, sums their investment, and keeps another unit's project out", async () => {
    const notSigned = await rep1.post(`/api/v1/activities/${tripId}/projects`, { projectId: await projectId('U01-L1') });
    expect(notSigned.statusCode).toBe(400);
    expect(notSigned.json().error.message).toContain('尚未签约');
    expect((await rep1.post(`/api/v1/activities/${tripId}/projects`, { projectId: await projectId('U02-S1') })).statusCode).toBe(404);
    const ok = await rep1.post(`/api/v1/activities/${tripId}/projects`, { projectId: await projectId('U01-S1') });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ signedCount: 1, signedInvestmentYuan: 300_000_000 });
    expect(ok.json().signedProjects[0].code).toBe('U01-S1');
    expect((await rep1.post(`/api/v1/activities/${tripId}/projects`, { projectId: await projectId('U01-S1') })).statusCode).toBe(409);
  });

  it("calendar, totals per unit and region, and the dispatch figures with the speech's sentences", async () => {
    await office.post('/api/v1/activities', {
      name: '深圳客商代表团来吉考察',
      kind: 'delegation',
      startDate: '2026-04-10',
      endDate: '2026-04-12',
      destination: '吉林市',
      unitCode: 'U02',
      personTimes: 12,
      enterprises: [
        { name: '甲公司', representatives: 3 },
        { name: '乙公司', representatives: 2 },
      ],
      promoted: ['项目一', '项目二'],
    });
    const cal = await rep1.get('/api/v1/activities/calendar?from=2026-03-01&to=2026-03-31');
    expect(cal.json().items.map((i: { name: string }) => i.name)).toEqual(['赴苏州新材料产业链招商小分队']);
    expect((await rep1.get('/api/v1/activities/calendar?from=2026-03-31&to=2026-03-01')).statusCode).toBe(400);
    const totals = (await office.get('/api/v1/activities/totals?from=2026-01-01&to=2026-12-31')).json();
    expect(totals.total).toMatchObject({ activities: 2, trips: 1, personTimes: 18, signedCount: 1, signedInvestmentYuan: 300_000_000 });
    expect(totals.byRegion.find((r: { region: string }) => r.region === 'yrd')).toMatchObject({ activities: 1, trips: 1 });
    expect(totals.byUnit.map((u: { unitCode: string }) => u.unitCode)).toEqual(['U01', 'U02']);
    const mine = (await rep1.get('/api/v1/activities/totals?from=2026-01-01&to=2026-12-31')).json();
    expect(mine.total.activities).toBe(1);

    const stats = await office.get('/api/v1/stats/activities?period=2026-05');
    expect(stats.statusCode, stats.body).toBe(200);
    const s = stats.json();
    expect(s).toMatchObject({ activities: 2, trips: 1, signedContracts: 1, signedInvestmentYuan: 300_000_000, reportsOverdue: 1 }); // the delegation's report is missing
    expect(s.delegations).toEqual({ count: 1, enterprises: 2, representatives: 5, projectsPromoted: 2 });
    expect(s.signedSentence).toBe('共签约合同项目1个，引进资金达3.00亿元');
    expect(s.delegationSentence).toBe('2户企业的5名代表');
    expect(s.tripsByRegion.find((r: { region: string }) => r.region === 'yrd').trips).toBe(1);
    // before the trip, nothing; a unit user gets only the own unit
    expect((await office.get('/api/v1/stats/activities?period=2026-02')).json().activities).toBe(0);
    expect((await rep2.get('/api/v1/stats/activities?period=2026-05')).json()).toMatchObject({
      unitCode: 'U02',
      signedContracts: 0,
      activities: 1,
    });
    const f = await activityDispatchFigures(t.db, { period: { year: 2026, month: 5 }, unitCode: null });
    expect(activityBriefingSentence(f)).toContain('共签约合同项目1个，引进资金达3.00亿元');
    expect(activityBriefingSentence(f)).toContain('长三角1次');
  });

  it('removes a credit and deletes an activity, both audited', async () => {
    const pid = await projectId('U01-S1');
    const un = await rep1.delete(`/api/v1/activities/${tripId}/projects/${pid}`);
    expect(un.statusCode, un.body).toBe(200);
    expect(un.json().signedCount).toBe(0);
    expect((await rep1.delete(`/api/v1/activities/${tripId}/projects/${pid}`)).statusCode).toBe(404);
    expect((await rep1.delete(`/api/v1/activities/${tripId}`)).statusCode).toBe(204);
    expect((await rep1.get(`/api/v1/activities/${tripId}`)).statusCode).toBe(404);
  });
});
