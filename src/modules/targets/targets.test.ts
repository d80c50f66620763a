import { describe, expect, it } from 'vitest';
import { DB_KINDS, login } from '../../test/harness';
import { sampleSuite } from '../stats/sample.testutil';

describe.each(DB_KINDS)('targets on %s', (kind) => {
  const ctx = sampleSuite(kind, [
    ['office', ['city_office']],
    ['rep1', ['reporter'], 'U01'],
    ['head1', ['unit_head'], 'U01'],
    ['head2', ['unit_head'], 'U02'],
  ]);

  it('creates, edits with a version, refuses stale edits and duplicates, audits', async () => {
    const c = await login(ctx.app, 'office');
    const created = await c.post('/api/v1/targets', {
      year: 2027,
      unitCode: 'U01',
      indicator: 'funds',
      baseValue: 100_000_000_0,
      stretchValue: 1_200_000_000,
    });
    expect(created.statusCode).toBe(201);
    const tg = created.json();
    expect(tg).toMatchObject({ unitName: '昌邑区', baseValue: 1_000_000_000, version: 1 });
    expect((await c.post('/api/v1/targets', { year: 2027, unitCode: 'U01', indicator: 'funds', baseValue: 1 })).statusCode).toBe(409);
    const bad = await c.post('/api/v1/targets', { year: 2027, unitCode: 'U02', indicator: 'funds', baseValue: 10, stretchValue: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.stretchValue).toBeTruthy();
    const up = await c.patch(`/api/v1/targets/${tg.id}`, { baseValue: 1_100_000_000, version: 1 });
    expect(up.json().version).toBe(2);
    expect((await c.patch(`/api/v1/targets/${tg.id}`, { baseValue: 1, version: 1 })).statusCode).toBe(409);
    const audit = await ctx.t.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'target')
      .where('entity_id', '=', String(tg.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect((await c.delete(`/api/v1/targets/${tg.id}?version=2`)).statusCode).toBe(200);
  });

  it('lets only the city office set targets; a unit user sees own and city targets', async () => {
    const rep = await login(ctx.app, 'rep1');
    expect((await rep.post('/api/v1/targets', { year: 2027, unitCode: 'U01', indicator: 'funds', baseValue: 1 })).statusCode).toBe(403);
    const list = (await rep.get('/api/v1/targets?year=2026')).json().items;
    expect(new Set(list.map((x: { unitCode: string }) => x.unitCode))).toEqual(new Set(['U01', 'C00']));
  });

  it('splits a unit target among owners and shows progress at each level', async () => {
    const head = await login(ctx.app, 'head1');
    const list = (await head.get('/api/v1/targets?year=2026&unit=U01')).json().items;
    const funds = list.find((x: { indicator: string }) => x.indicator === 'funds');
    expect((await head.post(`/api/v1/targets/${funds.id}/splits`, { assignee: '责任人32', baseValue: 500_000_000 })).statusCode).toBe(201);
    expect((await head.post(`/api/v1/targets/${funds.id}/splits`, { assignee: '责任人15', baseValue: 100_000_000 })).statusCode).toBe(201);
    const other = await login(ctx.app, 'head2');
    expect((await other.post(`/api/v1/targets/${funds.id}/splits`, { assignee: 'x', baseValue: 1 })).statusCode).toBe(404);
    const rep = await login(ctx.app, 'rep1');
    expect((await rep.post(`/api/v1/targets/${funds.id}/splits`, { assignee: 'y', baseValue: 1 })).statusCode).toBe(403);

    const office = await login(ctx.app, 'office');
    const prog = (await office.get('/api/v1/targets/progress?year=2026&period=2026-05')).json();
    expect(prog.timeProgress).toBeCloseTo(5 / 12, 12);
    const u01 = prog.items.find(
      (i: { target: { unitCode: string; indicator: string } }) => i.target.unitCode === 'U01' && i.target.indicator === 'funds',
    );
    expect(u01.actual).toBe(298717370);
    expect(u01.completion).toBe(298717370 / 980000000);
    expect(u01.splits.map((s: { assignee: string; actual: number }) => [s.assignee, s.actual])).toEqual([
      ['责任人32', 242916008],
      ['责任人15', 55801362],
    ]);
    expect(u01.unassignedActual).toBe(0);
    const city = prog.items.find(
      (i: { target: { unitCode: string; indicator: string } }) => i.target.unitCode === 'C00' && i.target.indicator === 'funds',
    );
    expect(city.actual).toBe(422214174);
    const contracts = prog.items.find(
      (i: { target: { unitCode: string; indicator: string } }) => i.target.unitCode === 'U01' && i.target.indicator === 'contracts',
    );
    expect(contracts.actual).toBe(2); // P0014, P0020
  });

  it('reads the dispatch statistics of a period (default the latest), with last year beside, and a unit user’s own figures', async () => {
    const office = await login(ctx.app, 'office');
    const byPeriod = (await office.get('/api/v1/targets/progress?period=2026-05')).json();
    expect(byPeriod).toMatchObject({ year: 2026, month: 5, period: '2026-05', countingRule: 'all' });
    const dispatch = (await office.get('/api/v1/stats/dispatch?period=2026-05')).json();
    const find = (p: { items: { target: { unitCode: string; indicator: string } }[] }, unit: string, ind: string) =>
      p.items.find((i) => i.target.unitCode === unit && i.target.indicator === ind) as unknown as Record<string, unknown> & {
        lastYear: Record<string, unknown>;
      };
    expect(find(byPeriod, 'C00', 'funds').actual).toBe(dispatch.fundsYtdYuan);
    expect(find(byPeriod, 'C00', 'funds').completion).toBe(dispatch.completion);
    for (const u of dispatch.units) {
      const item = find(byPeriod, u.code, 'funds');
      if (item) expect([u.code, item.actual, item.completion]).toEqual([u.code, u.fundsYtdYuan, u.completion]);
    }
    const last2025 = (await office.get('/api/v1/stats/dispatch?period=2025-12')).json();
    const lastSame = (await office.get('/api/v1/stats/dispatch?period=2025-05')).json();
    expect(find(byPeriod, 'C00', 'funds').lastYear).toMatchObject({
      actual: last2025.fundsYtdYuan,
      samePeriodActual: lastSame.fundsYtdYuan,
    });
    const latest = (await office.get('/api/v1/targets/progress')).json();
    expect(latest.period).toBe((await office.get('/api/v1/stats/latest-period')).json().period);

    const rep = await login(ctx.app, 'rep1');
    const mine = (await rep.get('/api/v1/targets/progress?period=2026-05')).json();
    expect(find(mine, 'U01', 'funds')).toMatchObject({ actual: 298717370, completion: 298717370 / 980000000, actualHidden: false });
    expect(find(mine, 'C00', 'funds')).toMatchObject({ actual: 0, completion: null, actualHidden: true });
  });
});
