import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addUnit, addUser, DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../../test/harness';
import { SYSTEM_ACTOR } from '../auth/actor';
import { validateCreditCode } from '../../domain/creditCode';
import { currentPeriod, previousPeriod, formatPeriod } from '../../domain/period';
import { loadDemo, type DemoSummary } from './demo.service';

const FUNDED_STAGES = ['contract', 'started', 'operating'];

describe.each(DB_KINDS)('demo data on %s', (kind) => {
  let t: TestDb;
  let summary: DemoSummary;
  let ms = 0;
  beforeAll(async () => {
    t = await freshDb(kind);
    await addUnit(t.db, 'C00', '吉林市人民政府', 'city');
    const start = Date.now();
    summary = await loadDemo(t.db, SYSTEM_ACTOR, {});
    ms = Date.now() - start;
    console.log(`[demo ${kind}] loaded in ${ms} ms:`, JSON.stringify({ ...summary, users: summary.users.length }));
  });
  afterAll(async () => {
    await t.drop();
  });

  it('loads a city-sized data set quickly', async () => {
    expect(summary.projects).toBeGreaterThanOrEqual(280);
    expect(summary.projects).toBeLessThanOrEqual(320);
    expect(summary.investors).toBeGreaterThanOrEqual(200);
    expect(summary.units).toBe(18);
    expect(summary.fundEntries).toBeGreaterThan(1000);
    expect(summary.activities).toBeGreaterThan(90);
    expect(summary.reserveProjects).toBe(60);
    expect(summary.users.map((u) => u.username)).toEqual([
      'demo_office',
      'demo_leader',
      'demo_super',
      'demo_u01_rep',
      'demo_u01_head',
      'demo_u02_rep',
    ]);
    const n = await t.db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('is_demo', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(summary.projects);
    expect(ms).toBeLessThan(15_000);
  });

  it('marks the rows as demo and writes one audit row for the load', async () => {
    for (const table of ['units', 'investors', 'projects', 'fund_entries', 'targets', 'activities', 'reserve_projects'] as const) {
      const notDemo = await t.db.selectFrom(table).select('id').where('is_demo', '=', 0).execute();
      // the city unit existed before the load
      expect(notDemo.length, table).toBe(table === 'units' ? 1 : 0);
    }
    const investors = await t.db.selectFrom('investors').select('name').execute();
    expect(investors.every((i) => i.name.endsWith('（演示）'))).toBe(true);
    const audits = await t.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'demo').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.summary).toContain('个项目');
  });

  it('gives every investor a valid credit code and an origin spread over the four scopes', async () => {
    const rows = await t.db
      .selectFrom('projects')
      .innerJoin('investors', 'investors.id', 'projects.investor_id')
      .select(['investors.credit_code', 'investors.origin_scope', 'investors.origin_code'])
      .execute();
    expect(rows).toHaveLength(summary.projects);
    for (const r of rows) expect(validateCreditCode(r.credit_code ?? '').ok, r.credit_code ?? 'null').toBe(true);
    const inv = await t.db.selectFrom('investors').select(['origin_scope']).execute();
    const share = (s: string) => inv.filter((i) => i.origin_scope === s).length / inv.length;
    expect(share('local')).toBeGreaterThan(0.25);
    expect(share('local')).toBeLessThan(0.45);
    expect(share('province')).toBeGreaterThan(0.1);
    expect(share('domestic')).toBeGreaterThan(0.25);
    expect(share('abroad')).toBeGreaterThan(0.04);
    expect(share('abroad')).toBeLessThan(0.18);
  });

  it('keeps stage dates in order and every move chain ending at the current stage', async () => {
    const projects = await t.db.selectFrom('projects').selectAll().execute();
    const moves = await t.db.selectFrom('stage_moves').selectAll().orderBy('project_id').orderBy('moved_on').orderBy('id').execute();
    const byProject = new Map<number, typeof moves>();
    for (const m of moves) byProject.set(m.project_id, [...(byProject.get(m.project_id) ?? []), m]);
    const stages = new Set(projects.map((p) => p.stage));
    for (const s of ['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating', 'dropped'])
      expect(stages.has(s), s).toBe(true);
    for (const p of projects) {
      if (p.contract_date && p.start_date) expect(p.contract_date <= p.start_date, p.code).toBe(true);
      if (p.start_date && p.operating_date) expect(p.start_date <= p.operating_date, p.code).toBe(true);
      if (FUNDED_STAGES.includes(p.stage)) expect(p.contract_date, p.code).toBeTruthy();
      if (p.stage === 'started' || p.stage === 'operating') expect(p.start_date, p.code).toBeTruthy();
      if (p.stage === 'operating') expect(p.operating_date, p.code).toBeTruthy();
      if (p.stage === 'dropped') expect(p.dropped_reason, p.code).toBeTruthy();
      const chain = byProject.get(p.id) ?? [];
      expect(chain.length, p.code).toBeGreaterThan(0);
      expect(chain[0]!.from_stage).toBeNull();
      expect(chain[0]!.moved_on).toBe(p.registered_on);
      chain.forEach((m, i) => {
        if (i > 0) expect(m.from_stage, p.code).toBe(chain[i - 1]!.to_stage);
      });
      expect(chain[chain.length - 1]!.to_stage, p.code).toBe(p.stage);
      expect(chain.every((m) => m.actor_name === '演示数据')).toBe(true);
    }
  });

  it('records funds only for contracted projects, within their total investment', async () => {
    const rows = await t.db
      .selectFrom('fund_entries')
      .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
      .select([
        'projects.code',
        'projects.stage',
        'projects.contract_date',
        'projects.total_investment_yuan',
        'projects.unit_code as p_unit',
        'fund_entries.unit_code',
        'fund_entries.period',
        'fund_entries.amount_yuan',
        'fund_entries.status',
        'fund_entries.kind',
      ])
      .execute();
    const cumulative = new Map<string, number>();
    for (const r of rows) {
      expect(FUNDED_STAGES, r.code).toContain(r.stage);
      expect(r.unit_code).toBe(r.p_unit);
      expect(r.kind).toBe('regular');
      expect(Number.isInteger(r.amount_yuan)).toBe(true);
      expect(r.period >= r.contract_date!.slice(0, 7), r.code).toBe(true);
      cumulative.set(r.code, (cumulative.get(r.code) ?? 0) + r.amount_yuan);
    }
    const totals = new Map(rows.map((r) => [r.code, r.total_investment_yuan]));
    for (const [code, sum] of cumulative) expect(sum, code).toBeLessThanOrEqual(totals.get(code)!);
    // past months are verified; only the latest month may still be in the workflow
    const latest = formatPeriod(previousPeriod(currentPeriod()));
    expect(rows.filter((r) => r.period < latest).every((r) => r.status === 'verified')).toBe(true);
    expect(new Set(rows.filter((r) => r.period === latest).map((r) => r.status)).size).toBeGreaterThan(1);
  });

  it('adds up to a city of 100–200亿 a year, growing', async () => {
    const { year, month } = previousPeriod(currentPeriod());
    const sum = async (y: number, upTo = 12) => {
      const r = await t.db
        .selectFrom('fund_entries')
        .select((eb) => eb.fn.sum<number>('amount_yuan').as('s'))
        .where('year', '=', y)
        .where('month', '<=', upTo)
        .executeTakeFirstOrThrow();
      return Number(r.s ?? 0);
    };
    const y0 = await sum(year - 2);
    const y1 = await sum(year - 1);
    console.log(
      `[demo ${kind}] funds 亿元: ${year - 2}: ${(y0 / 1e8).toFixed(1)}, ${year - 1}: ${(y1 / 1e8).toFixed(1)}, ${year} to month ${month}: ${((await sum(year, month)) / 1e8).toFixed(1)}`,
    );
    expect(y0).toBeGreaterThan(100e8);
    expect(y1).toBeLessThan(200e8);
    expect(y1).toBeGreaterThan(y0);
    if (month >= 3) expect(await sum(year, month)).toBeGreaterThan(await sum(year - 1, month));
  });

  it('sets targets for the city, every county and zone, all but one department; two units have no result this year', async () => {
    const year = Number(formatPeriod(previousPeriod(currentPeriod())).slice(0, 4));
    const targets = await t.db.selectFrom('targets').select(['unit_code', 'indicator', 'year', 'base_value', 'stretch_value']).execute();
    for (const y of [year - 2, year - 1, year]) {
      const units = new Set(targets.filter((x) => x.year === y && x.indicator === 'funds').map((x) => x.unit_code));
      expect(units.size, String(y)).toBe(18); // the city and 17 of the 18 demo units
      expect(units.has('C00')).toBe(true);
      expect(units.has('D03')).toBe(false);
    }
    for (const x of targets) expect(x.stretch_value!).toBeGreaterThanOrEqual(x.base_value);
    for (const unit of ['D04', 'D05']) {
      const f = await t.db.selectFrom('fund_entries').select('id').where('unit_code', '=', unit).where('year', '=', year).execute();
      expect(f, unit).toHaveLength(0);
      const c = await t.db
        .selectFrom('projects')
        .select('id')
        .where('unit_code', '=', unit)
        .where('contract_date', 'like', `${year}-%`)
        .execute();
      expect(c, unit).toHaveLength(0);
    }
  });

  it('keeps monthly submissions consistent with the entries', async () => {
    const latest = formatPeriod(previousPeriod(currentPeriod()));
    const subs = await t.db.selectFrom('submissions').select(['unit_code', 'period', 'status']).execute();
    expect(subs.filter((s) => s.period < latest).every((s) => s.status === 'approved')).toBe(true);
    const entries = await t.db.selectFrom('fund_entries').select(['unit_code', 'status']).where('period', '=', latest).execute();
    const expected: Record<string, string[]> = {
      draft: ['draft'],
      submitted: ['submitted'],
      approved: ['approved', 'verified'],
      returned: ['returned'],
    };
    for (const s of subs.filter((x) => x.period === latest)) {
      const statuses = new Set(entries.filter((e) => e.unit_code === s.unit_code).map((e) => e.status));
      for (const st of statuses) expect(expected[s.status], `${s.unit_code} ${s.status}`).toContain(st);
    }
    const rates = await t.db.selectFrom('exchange_rates').select('cny_per_usd_e4').execute();
    expect(rates.length).toBeGreaterThan(24);
    expect(rates.every((r) => r.cny_per_usd_e4 >= 70000 && r.cny_per_usd_e4 <= 74000)).toBe(true);
    const locks = await t.db.selectFrom('period_locks').select('period').execute();
    expect(locks.every((l) => l.period < latest)).toBe(true);
  });

  it('links signing activities to the projects signed there', async () => {
    const links = await t.db
      .selectFrom('activity_projects')
      .innerJoin('activities', 'activities.id', 'activity_projects.activity_id')
      .innerJoin('projects', 'projects.id', 'activity_projects.project_id')
      .select(['activities.kind', 'activities.start_date', 'projects.contract_date', 'projects.stage'])
      .execute();
    const signings = links.filter((l) => l.kind === 'signing');
    expect(signings.length).toBeGreaterThan(20);
    for (const l of signings) expect(l.contract_date).toBe(l.start_date);
    // trips are credited with the signed contracts they were the source of ([F] activities.demo.ts)
    const trips_ = links.filter((l) => l.kind === 'trip');
    expect(trips_.length).toBeGreaterThan(0);
    for (const l of trips_) expect(['contract', 'started', 'operating']).toContain(l.stage);
    const trips = await t.db.selectFrom('activities').select(['person_times']).where('kind', '=', 'trip').execute();
    expect(trips.length).toBeGreaterThan(30);
  });

  it('refuses a second load with 409', async () => {
    await expect(loadDemo(t.db, SYSTEM_ACTOR, {})).rejects.toMatchObject({ code: 'conflict' });
    await addUser(t.db, 'admin', ['admin']);
    const app: FastifyInstance = await testApp(t.db);
    try {
      const c = await login(app, 'admin');
      const res = await c.post('/api/v1/demo/load', {});
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('演示数据已经加载过');
      const demoLogin = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'demo_u01_rep', password: summary.users.find((u) => u.username === 'demo_u01_rep')!.password },
      });
      expect(demoLogin.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe.each(DB_KINDS)('demo data next to existing units on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('reuses units of the same name and skips users that exist', async () => {
    const s = await loadDemo(t.db, SYSTEM_ACTOR, { seed: 7 });
    const units = await t.db.selectFrom('units').select(['code', 'name', 'is_demo']).execute();
    expect(units.filter((u) => u.name === '船营区')).toEqual([{ code: 'U02', name: '船营区', is_demo: 0 }]);
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    expect(units).toHaveLength(19); // the city and 18 demo units, two of them reused
    expect(s.projects).toBeGreaterThan(250);
    const u02 = await t.db.selectFrom('projects').select('id').where('unit_code', '=', 'U02').execute();
    expect(u02.length).toBeGreaterThan(0);
  });
});
