// The forecast through the real database and routes, on histories whose answers are known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';

const A = 2_000_000; // 200万元 a month

async function project(db: TestDb['db'], code: string, unit: string, stage: string, contractDate: string | null, ti: number) {
  const t = nowIso();
  const r = await db
    .insertInto('projects')
    .values({
      code,
      name: `项目${code}`,
      unit_code: unit,
      stage,
      registered_on: '2023-12-01',
      contract_date: contractDate,
      total_investment_yuan: ti,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(r.id);
  await db
    .insertInto('stage_moves')
    .values({ project_id: id, from_stage: null, to_stage: 'lead', moved_on: '2023-12-01', created_at: t })
    .execute();
  if (contractDate)
    await db
      .insertInto('stage_moves')
      .values({ project_id: id, from_stage: 'lead', to_stage: 'contract', moved_on: contractDate, created_at: t })
      .execute();
  return id;
}

async function entry(db: TestDb['db'], projectId: number, unit: string, year: number, month: number, yuan: number, status = 'verified') {
  const t = nowIso();
  const period = `${year}-${String(month).padStart(2, '0')}`;
  await db
    .insertInto('fund_entries')
    .values({
      project_id: projectId,
      unit_code: unit,
      period,
      year,
      month,
      amount_yuan: yuan,
      status,
      created_at: t,
      updated_at: t,
    })
    .execute();
}

describe.each(DB_KINDS)('forecast on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    // U01: the same amount every month from 2024-01 to 2026-05 (two years and five months).
    const p1 = await project(t.db, 'P1', 'U01', 'started', '2023-12-15', 1_000_000_000);
    for (const y of [2024, 2025, 2026]) for (let m = 1; m <= (y === 2026 ? 5 : 12); m++) await entry(t.db, p1, 'U01', y, m, A);
    // After the as-of month: must not move the forecast as of 2026-05.
    await entry(t.db, p1, 'U01', 2026, 6, 50 * A);
    // Unverified: not the official basis.
    const p2 = await project(t.db, 'P2', 'U01', 'intent', null, 10_000_000);
    await entry(t.db, p2, 'U01', 2026, 5, 40 * A, 'submitted');
    const ts = nowIso();
    for (const [unit, base, stretch] of [
      ['U01', 6 * A, 19.2 * A],
      ['C00', 6 * A, null],
    ] as const) {
      await t.db
        .insertInto('targets')
        .values({
          year: 2026,
          unit_code: unit,
          indicator: 'funds',
          base_value: base,
          stretch_value: stretch,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
    }
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('forecasts a steady unit at twelve times its month; half of it almost surely reached, 1.6 times almost surely missed', async () => {
    const c = await login(app, 'office');
    const res = await c.get('/api/v1/forecast?asOf=2026-05');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    const u01 = f.units.find((u: { code: string }) => u.code === 'U01');
    expect(u01.fundsYtdYuan).toBe(5 * A);
    expect(Math.abs(u01.expectedYuan - 12 * A) / (12 * A)).toBeLessThan(0.02);
    expect(u01.probabilityBase).toBeGreaterThan(0.99);
    expect(u01.probabilityStretch).toBeLessThan(0.01);
    expect(u01.neededMonthlyBaseYuan).toBe(Math.ceil((6 * A - 5 * A) / 7));
    // The city forecast equals U01's (nothing else arrives); its target is the city unit's.
    expect(Math.abs(f.expectedYuan - 12 * A) / (12 * A)).toBeLessThan(0.02);
    expect(f.targetBaseYuan).toBe(6 * A);
    expect(f.probabilityStretch).toBeNull();
    // Backtest on 2024 and 2025 as of May: the steady series is predicted exactly.
    expect(f.backtest.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025]);
    expect(f.backtest.mape).toBeLessThan(0.02);
    expect(f.sentence).toContain('按目前进度预计全年完成');
    // U02 has nothing: zero, no target → null probabilities.
    expect(f.units.find((u: { code: string }) => u.code === 'U02')).toMatchObject({ expectedYuan: 0, probabilityBase: null });
  });

  it('a unit user gets their own unit only, and asking for another is not found', async () => {
    const rep = await login(app, 'rep2');
    const f = (await rep.get('/api/v1/forecast?asOf=2026-05')).json();
    expect(f.scope.unitCode).toBe('U02');
    expect(f.units.map((u: { code: string }) => u.code)).toEqual(['U02']);
    expect((await rep.get('/api/v1/forecast?asOf=2026-05&unit=U01')).statusCode).toBe(404);
  });

  it('refuses a malformed period with a clear 400', async () => {
    const c = await login(app, 'leader');
    const res = await c.get('/api/v1/forecast?asOf=2026-13');
    expect(res.statusCode).toBe(400);
  });

  it('pipeline analytics: conversion and days in stage per unit, scoped for unit users', async () => {
    const c = await login(app, 'office');
    const a = (await c.get('/api/v1/forecast/pipeline?groupBy=unit')).json();
    expect(a.overall.projects).toBe(2);
    const lead = a.overall.stages.find((s: { stage: string }) => s.stage === 'lead');
    expect(lead).toMatchObject({ entered: 2, advanced: 1, conversion: 0.5, medianDays: 14 });
    const rep = await login(app, 'rep2');
    expect((await rep.get('/api/v1/forecast/pipeline')).json().overall.projects).toBe(0);
  });
});
