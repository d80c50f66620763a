import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';
import { overdueInquiries } from './public.service';

describe.each(DB_KINDS)('public page for investors on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let office: Client;
  let rep1: Client;
  let rep2: Client;
  let supervisor: Client;
  let promotedId: number;
  let commitmentId: number;

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    const ts = nowIso();
    const ins = (name: string, status: string) =>
      t.db
        .insertInto('reserve_projects')
        .values({
          name,
          unit_code: 'U01',
          status,
          total_investment_yuan: 5e8,
          created_at: ts,
          updated_at: ts,
          cashflow_json: JSON.stringify({
            capitalOutlayYuan: [1000],
            revenueYuan: [500],
            operatingCostYuan: [],
            taxYuan: [],
            horizonYears: 3,
            discountRate: 0.08,
          }),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    promotedId = Number((await ins('公开推介的光伏项目', 'promoted')).id);
    await ins('内部储备未推介项目', 'reserve');
    const p = await t.db
      .insertInto('projects')
      .values({
        code: 'U01-C1',
        name: '承诺项目',
        unit_code: 'U01',
        stage: 'contract',
        contract_date: '2026-01-01',
        created_at: ts,
        updated_at: ts,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await t.db
      .insertInto('commitments')
      .values({
        project_id: p.id,
        title: '三个月内完成供电接入',
        status: 'fulfilled',
        fulfilled_on: '2026-04-01',
        created_at: ts,
        updated_at: ts,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    commitmentId = Number(c.id);
    app = await testApp(t.db);
    office = await login(app, 'office');
    rep1 = await login(app, 'rep1');
    rep2 = await login(app, 'rep2');
    supervisor = await login(app, 'super');
  });
  afterAll(async () => {
    vi.useRealTimers();
    await app.close();
    await t.drop();
  });

  const anon = (method: 'GET' | 'POST', url: string, payload?: object, ip = '10.0.0.1') =>
    app.inject({ method, url, remoteAddress: ip, ...(payload ? { payload } : {}) });

  it('shows only projects marked 已推介, with their figures and brochure, without login', async () => {
    const list = await anon('GET', '/api/v1/public/reserve-projects');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('公开推介的光伏项目');
    expect(list.body).not.toContain('内部储备未推介项目');
    expect(list.json().items[0].paybackYears).toBe(2);
    const other = (await t.db.selectFrom('reserve_projects').select('id').where('status', '=', 'reserve').executeTakeFirstOrThrow()).id;
    expect((await anon('GET', `/api/v1/public/reserve-projects/${other}/brochure`)).statusCode).toBe(404);
    const doc = await anon('GET', `/api/v1/public/reserve-projects/${promotedId}/brochure?lang=en`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await anon('GET', '/api/v1/inquiries')).statusCode).toBe(401);
  });

  it('signs the form with a key kept in the database, so every instance accepts it', async () => {
    const info = (await anon('GET', '/api/v1/public/info')).json();
    const [ts, mac] = String(info.formToken).split('.');
    const doc = await t.db.selectFrom('documents').select('data').where('key', '=', 'secret:public-form-key').executeTakeFirstOrThrow();
    const key = Buffer.from(doc.data as Uint8Array);
    expect(key.length).toBe(32);
    expect(mac).toBe(createHmac('sha256', key).update(ts!).digest('base64url').slice(0, 32));
    // A second read gives the same key (it is created once).
    const again = (await anon('GET', '/api/v1/public/info')).json();
    expect(createHmac('sha256', key).update(String(again.formToken).split('.')[0]!).digest('base64url').slice(0, 32)).toBe(
      String(again.formToken).split('.')[1],
    );
  });

  it('an inquiry creates a lead for the city office; spam is refused or swallowed', async () => {
    const info = (await anon('GET', '/api/v1/public/info')).json();
    const body = {
      name: '陈先生',
      company: '深圳某光伏科技',
      contact: '13800000000',
      message: '想了解光伏项目的用地和电价政策',
      reserveProjectId: promotedId,
      formToken: info.formToken,
    };
    // too fast: a person needs more than 3 seconds
    const fast = await anon('POST', '/api/v1/public/inquiries', body);
    expect(fast.statusCode).toBe(400);
    expect(fast.json().error.message).toContain('提交过快');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10_000);
    const xss = await anon('POST', '/api/v1/public/inquiries', { ...body, message: '<script>alert(1)</script>' });
    expect(xss.statusCode, xss.body).toBe(400);
    expect((await anon('POST', '/api/v1/public/inquiries', { ...body, formToken: '1.forged' })).statusCode).toBe(400);
    const ok = await anon('POST', '/api/v1/public/inquiries', body);
    expect(ok.statusCode, ok.body).toBe(201);
    // honeypot: accepted in appearance, stored nowhere
    expect((await anon('POST', '/api/v1/public/inquiries', { ...body, website: 'http://spam' })).statusCode).toBe(201);
    for (let i = 0; i < 4; i++) expect((await anon('POST', '/api/v1/public/inquiries', body)).statusCode).toBe(201);
    const limited = await anon('POST', '/api/v1/public/inquiries', body);
    expect(limited.statusCode).toBe(429);
    expect((await anon('POST', '/api/v1/public/inquiries', body, '10.0.0.2')).statusCode).toBe(201);
    const mine = (await office.get('/api/v1/inquiries')).json().items;
    expect(mine).toHaveLength(6);
    expect(mine[0]).toMatchObject({ name: '陈先生', reserveProjectName: '公开推介的光伏项目', status: 'new', overdue: false });
    expect((await rep1.get('/api/v1/inquiries')).json().items).toEqual([]);
    // past the response time (48 h by default) unanswered inquiries are overdue
    const later = new Date(Date.now() + 49 * 3600_000);
    vi.useRealTimers();
    expect((await overdueInquiries(t.db, later)).length).toBe(6);
    const first = mine[0];
    expect((await office.patch(`/api/v1/inquiries/${first.id}`, { status: 'answered', version: 1 })).statusCode).toBe(400);
    const ans = await office.patch(`/api/v1/inquiries/${first.id}`, {
      status: 'answered',
      answer: '已电话联系，约定下周来考察',
      version: 1,
    });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json()).toMatchObject({ status: 'answered', overdue: false });
    expect((await overdueInquiries(t.db, later)).length).toBe(5);
    expect((await office.get('/api/v1/inquiries?overdue=true')).json().items).toHaveLength(0);
  });

  it('investors confirm or dispute a fulfilled commitment through a one-time link; disputes go to supervision', async () => {
    expect((await rep2.post(`/api/v1/commitments/${commitmentId}/confirmation-link`)).statusCode).toBe(404);
    const res = await rep1.post(`/api/v1/commitments/${commitmentId}/confirmation-link`);
    expect(res.statusCode, res.body).toBe(201);
    const { token, url } = res.json();
    expect(url).toBe(`/invest/confirm/${token}`);
    const stored = await t.db.selectFrom('commitment_links').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const view = await anon('GET', `/api/v1/public/commitment-links/${token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ projectName: '承诺项目', title: '三个月内完成供电接入' });
    const ans = await anon('POST', `/api/v1/public/commitment-links/${token}`, { answer: 'dispute', comment: '实际晚了两个月才通电' });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json().result).toBe('disputed');
    // one time only
    expect((await anon('POST', `/api/v1/public/commitment-links/${token}`, { answer: 'confirm' })).statusCode).toBe(404);
    expect((await anon('GET', `/api/v1/public/commitment-links/${token}`)).statusCode).toBe(404);
    const disputed = (await supervisor.get('/api/v1/commitments/disputed')).json().items;
    expect(disputed).toHaveLength(1);
    expect(disputed[0]).toMatchObject({ title: '三个月内完成供电接入', investorComment: '实际晚了两个月才通电' });
    expect((await rep2.get('/api/v1/commitments/disputed')).json().items).toEqual([]);
    // a commitment not yet fulfilled cannot be sent
    await t.db.updateTable('commitments').set({ status: 'pending' }).where('id', '=', commitmentId).execute();
    expect((await rep1.post(`/api/v1/commitments/${commitmentId}/confirmation-link`)).statusCode).toBe(400);
  });
});
