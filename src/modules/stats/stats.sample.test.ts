// The sample ledger's dispatch statistics must equal the expected JSON exactly, on every database,
// through the API and the service alike.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_KINDS, login } from '../../test/harness';
import { sampleSuite, SAMPLE_EXPECTED } from './sample.testutil';
import { dispatchStats } from './stats.service';

const expected = JSON.parse(fs.readFileSync(SAMPLE_EXPECTED, 'utf8'));

/** Drops the fields the expected JSON does not have (kind, completionStretch, speech). */
function comparable(s: Record<string, unknown>) {
  const { completionStretch: _c, speech: _s, ...rest } = s;
  return { ...rest, units: (rest.units as Record<string, unknown>[]).map(({ kind: _k, ...u }) => u) };
}

describe.each(DB_KINDS)('dispatch statistics of the sample ledger on %s', (kind) => {
  const ctx = sampleSuite(kind, [['office', ['city_office']], ['rep1', ['reporter'], 'U01'], ['rep2', ['reporter'], 'U02']]);

  it('returns exactly the expected figures for 2026-05', async () => {
    const c = await login(ctx.app, 'office');
    const res = await c.get('/api/v1/stats/dispatch?period=2026-05');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(comparable(body)).toEqual(expected);
    expect(body.completionStretch).toBe(422214174 / 1600000000);
    expect(body.units.map((u: { kind: string }) => u.kind)).toEqual(['county', 'county', 'county', 'county', 'zone', 'zone', 'department', 'department']);
  });

  it('confines a unit user to their own unit, whatever they ask', async () => {
    const c = await login(ctx.app, 'rep1');
    const own = (await c.get('/api/v1/stats/dispatch?period=2026-05')).json();
    expect(own.fundsYtdYuan).toBe(298717370);
    expect(own.targetBaseYuan).toBe(980000000);
    expect(own.units).toEqual([expect.objectContaining({ code: 'U01', rank: 1 })]);
    expect((await c.get('/api/v1/stats/dispatch?period=2026-05&unit=U02')).statusCode).toBe(404);
    expect((await c.get('/api/v1/stats/dispatch?period=2026-05&unit=U01')).statusCode).toBe(200);
  });

  it('answers one unit for the city office, with that unit’s target and sums', async () => {
    const s = await dispatchStats(ctx.t.db, { period: { year: 2026, month: 5 }, unitCode: 'D02', basis: 'verified' });
    expect(s.fundsYtdYuan).toBe(101341465);
    expect(s.targetBaseYuan).toBeNull();
    expect(s.completion).toBeNull();
    expect(s.units).toEqual([expect.objectContaining({ code: 'D02', rank: null, yoy: 15.03347663685365 })]);
  });

  it('counts reported entries too on the reported basis', async () => {
    const v = await dispatchStats(ctx.t.db, { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' });
    const r = await dispatchStats(ctx.t.db, { period: { year: 2026, month: 5 }, unitCode: null, basis: 'reported' });
    // P0009 2026-01 346691600, P0018 2026-01 938408, P0020 2026-03 12237300 are 待核实.
    expect(r.fundsYtdYuan - v.fundsYtdYuan).toBe(346691600 + 938408 + 12237300);
  });

  it('rejects a malformed period with a message, and an unknown unit with 404', async () => {
    const c = await login(ctx.app, 'office');
    const bad = await c.get('/api/v1/stats/dispatch?period=2026-13');
    expect(bad.statusCode).toBe(400);
    expect((await c.get('/api/v1/stats/dispatch?period=2026-05&unit=NOPE')).statusCode).toBe(404);
  });

  it('serves monthly figures and breakdowns that add up to the YTD total', async () => {
    const c = await login(ctx.app, 'office');
    const m = (await c.get('/api/v1/stats/monthly?period=2026-05')).json();
    expect(m.months).toHaveLength(12);
    expect(m.months.reduce((a: number, x: { fundsYuan: number }) => a + x.fundsYuan, 0)).toBe(expected.fundsYtdYuan);
    const b = (await c.get('/api/v1/stats/breakdown?period=2026-05')).json();
    expect(b.fundsYtdYuan).toBe(expected.fundsYtdYuan);
    const scope = Object.fromEntries(b.originScopes.map((x: { key: string; fundsYuan: number }) => [x.key, x.fundsYuan]));
    expect(scope.abroad).toBe(expected.abroadYtdYuan);
    expect(scope.domestic + scope.abroad).toBe(expected.outOfProvinceYtdYuan);
    expect((await c.get('/api/v1/stats/latest-period')).json().period).toBe('2026-07');
  });
});
