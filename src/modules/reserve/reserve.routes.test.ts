import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import PizZip from 'pizzip';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';

const CASHFLOW = {
  capitalOutlayYuan: [10_000_000],
  revenueYuan: [2_000_000, 3_000_000, 4_000_000, 5_000_000],
  operatingCostYuan: [0],
  taxYuan: [0],
  horizonYears: 4,
  discountRate: 0.08,
};

describe.each(DB_KINDS)('reserve projects on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let rep1: Client;
  let rep2: Client;
  let office: Client;
  let id: number;

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
    rep1 = await login(app, 'rep1');
    rep2 = await login(app, 'rep2');
    office = await login(app, 'office');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("packages a reserve project with an expert review and cash-flow estimates → the investor's figures", async () => {
    const res = await rep1.post('/api/v1/reserve-projects', {
      name: '新材料产业园标准厂房项目',
      industry: '新材料',
      location: '经开区',
      totalInvestmentYuan: 10_000_000,
      description: '建设标准厂房5万平方米。',
      marketOutlook: '东北新材料需求年增10%。',
      advantages: '园区配套齐全，电价优惠。',
      review: { experts: '王教授、李总工', date: '2026-03-01', verdict: 'pass', comments: '方案可行' },
      cashflow: CASHFLOW,
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p).toMatchObject({ unitCode: 'U01', status: 'reserve', review: { verdict: 'pass' } });
    // the analysts' example scaled by 10 000: flows −1000, 200, 300, 400, 500 (万元)
    expect(p.finance.flows).toEqual([-10_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000]);
    expect(p.finance.npv).toBeCloseTo(1_274_346.5, 0);
    expect(p.finance.paybackYears).toBeCloseTo(3.2, 9);
    expect(p.finance.roi).toBeCloseTo(0.4, 9);
    expect(p.finance.sensitivity).toHaveLength(10);
  });

  it('refuses nonsense estimates and another unit, and keeps versions', async () => {
    const bad = await rep1.patch(`/api/v1/reserve-projects/${id}`, { cashflow: { ...CASHFLOW, horizonYears: 0 }, version: 1 });
    expect(bad.statusCode).toBe(400);
    expect((await rep2.get(`/api/v1/reserve-projects/${id}`)).statusCode).toBe(404);
    expect((await rep2.patch(`/api/v1/reserve-projects/${id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
    const ok = await rep1.patch(`/api/v1/reserve-projects/${id}`, { status: 'promoted', nameEn: 'Standard factory buildings', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().promotedOn).toBeTruthy();
    expect((await rep1.patch(`/api/v1/reserve-projects/${id}`, { name: 'stale', version: 1 })).statusCode).toBe(409);
    expect((await rep1.patch(`/api/v1/reserve-projects/${id}`, { status: 'converted', version: 2 })).statusCode).toBe(400);
  });

  it('the brochure is a Word file with the figures and the cash-flow chart, in Chinese and English', async () => {
    for (const lang of ['zh', 'en']) {
      const res = await rep1.get(`/api/v1/reserve-projects/${id}/brochure?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const zip = new PizZip(res.rawPayload);
      const xml = zip.file('word/document.xml')!.asText();
      const png = Object.keys(zip.files).find((f) => f.startsWith('word/media/') && f.endsWith('.png'));
      expect(png).toBeTruthy();
      expect(zip.file(png!)!.asUint8Array().length).toBeGreaterThan(5000);
      if (lang === 'zh') expect(xml).toContain('新材料产业园标准厂房项目');
      else expect(xml).toContain('Standard factory buildings');
      expect(xml).toContain(lang === 'zh' ? '内部收益率' : 'IRR');
      expect(xml).toContain('12.83%');
    }
    expect((await rep2.get(`/api/v1/reserve-projects/${id}/brochure`)).statusCode).toBe(404);
  });

  it('converts to a pipeline project, keeping the link both ways; a second conversion is refused', async () => {
    const res = await rep1.post(`/api/v1/reserve-projects/${id}/convert`, { version: 2, stage: 'negotiating' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.status).toBe('converted');
    expect(r.projectId).toBeGreaterThan(0);
    const project = (await rep1.get(`/api/v1/projects/${r.projectId}`)).json();
    expect(project).toMatchObject({
      name: '新材料产业园标准厂房项目',
      stage: 'negotiating',
      unitCode: 'U01',
      totalInvestmentYuan: 10_000_000,
    });
    const back = (await rep1.get(`/api/v1/reserve-projects?projectId=${r.projectId}`)).json();
    expect(back.items.map((x: { id: number }) => x.id)).toEqual([id]);
    expect((await rep1.post(`/api/v1/reserve-projects/${id}/convert`, { version: r.version })).statusCode).toBe(409);
  });

  it('rolls the reserve over in January: carried forward or retired, the decision recorded', async () => {
    const a = (await office.post('/api/v1/reserve-projects', { name: '旧储备甲', unitCode: 'U01', totalInvestmentYuan: 1 })).json();
    const b = (await office.post('/api/v1/reserve-projects', { name: '旧储备乙', unitCode: 'U02', totalInvestmentYuan: 1 })).json();
    const list = (await office.get('/api/v1/reserve-projects/rollover?year=2027')).json();
    expect(list.items.map((x: { name: string }) => x.name).sort()).toEqual(['旧储备乙', '旧储备甲']);
    expect(
      (await rep1.post('/api/v1/reserve-projects/rollover', { year: 2027, decisions: [{ id: b.id, decision: 'retire' }] })).statusCode,
    ).toBe(404);
    const done = await office.post('/api/v1/reserve-projects/rollover', {
      year: 2027,
      decisions: [
        { id: a.id, decision: 'carry', note: '仍有客商关注' },
        { id: b.id, decision: 'retire', note: '用地已调整' },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    const items = done.json().items as { id: number; decision: string; status: string }[];
    expect(items.find((x) => x.id === a.id)).toMatchObject({ decision: 'carry', status: 'reserve' });
    expect(items.find((x) => x.id === b.id)).toMatchObject({ decision: 'retire', status: 'withdrawn' });
    const detail = (await office.get(`/api/v1/reserve-projects/${b.id}`)).json();
    expect(detail.rollovers[0]).toMatchObject({ year: 2027, decision: 'retire', note: '用地已调整' });
    expect((await rep2.get('/api/v1/reserve-projects/rollover?year=2027')).json().items.map((x: { name: string }) => x.name)).toEqual([
      '旧储备乙',
    ]);
  });
});
