// The sample ledger's dispatch statistics must equal the expected JSON exactly, on every database,
// through the API and the service alike.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_KINDS, login } from '../../test/harness';
import { sampleSuite, SAMPLE_EXPECTED } from './sample.testutil';
import { dispatchStats } from './stats.service';

const expected = JSON.parse(fs.readFileSync(SAMPLE_EXPECTED, 'utf8'));

/**
 * The fields the expected JSON has, exactly as they are (the statistics add fields — kind,
 * completionStretch, the counting rule's figures, per-unit foreign capital … — but never change one).
 */
function comparable(s: Record<string, unknown>) {
  const pick = (o: Record<string, unknown>, like: Record<string, unknown>) => Object.fromEntries(Object.keys(like).map((k) => [k, o[k]]));
  const unitLike = (expected.units as Record<string, unknown>[])[0]!;
  return { ...pick(s, expected), units: (s.units as Record<string, unknown>[]).map((u) => pick(u, unitLike)) };
}

describe.each(DB_KINDS)('dispatch statistics of the sample ledger on %s', (kind) => {
  const ctx = sampleSuite(kind, [
    ['office', ['city_office']],
    ['rep1', ['reporter'], 'U01'],
    ['rep2', ['reporter'], 'U02'],
  ]);

  it('returns exactly the expected figures for 2026-05', async () => {
    const c = await login(ctx.app, 'office');
    const res = await c.get('/api/v1/stats/dispatch?period=2026-05');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(comparable(body)).toEqual(expected);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(Object.keys(expected)));
    // The default counting rule counts local investors' funds in the headline, as the sample does.
    expect(body.countingRule).toBe('all');
    expect(body.headlineYtdYuan).toBe(expected.fundsYtdYuan);
    expect(body.source).toBe('rollups');
    expect(body.completionStretch).toBe(422214174 / 1600000000);
    expect(body.units.map((u: { kind: string }) => u.kind)).toEqual([
      'county',
      'county',
      'county',
      'county',
      'zone',
      'zone',
      'department',
      'department',
    ]);
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

  it('answers the dashboard a summary: the same figures without the briefing’s parts, much smaller', async () => {
    const c = await login(ctx.app, 'office');
    const full = await c.get('/api/v1/stats/dispatch?period=2026-05');
    const summary = await c.get('/api/v1/stats/dispatch?period=2026-05&detail=summary');
    expect(summary.statusCode).toBe(200);
    const { speech, activityDetail, ...rest } = full.json();
    expect(speech.blockers).toBeDefined();
    expect(activityDetail).toBeDefined();
    expect(summary.json()).toEqual(rest);
    expect(summary.body.length).toBeLessThan(full.body.length / 2);
    expect(summary.headers.etag).not.toBe(full.headers.etag);
    expect((await c.get('/api/v1/stats/dispatch?period=2026-05&detail=all')).statusCode).toBe(400);
  });

  it('answers 304 to an unchanged dispatch or monthly request (ETag), 200 once figures change', async () => {
    const c = await login(ctx.app, 'office');
    const get = (url: string, tag?: string) =>
      c.inject({ method: 'GET', url, headers: { cookie: c.cookie, ...(tag ? { 'if-none-match': tag } : {}) } });
    for (const url of ['/api/v1/stats/dispatch?period=2026-05', '/api/v1/stats/monthly?period=2026-05']) {
      const first = await get(url);
      const tag = first.headers.etag as string;
      expect(tag).toMatch(/^W\/"/);
      const again = await get(url, tag);
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await get(url.replace('2026-05', '2026-04'), tag)).statusCode).toBe(200);
    }
    const url = '/api/v1/stats/dispatch?period=2026-05&basis=reported';
    const tag = (await get(url)).headers.etag as string;
    const p = await ctx.t.db
      .selectFrom('projects')
      .select(['id', 'unit_code'])
      .where('unit_code', '=', 'U01')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await ctx.t.db
      .insertInto('fund_entries')
      .values({
        project_id: p.id,
        unit_code: p.unit_code,
        period: '2026-05',
        year: 2026,
        month: 5,
        kind: 'adjustment',
        amount_yuan: 1_000_000,
        foreign_usd: 0,
        status: 'submitted',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const changed = await get(url, tag);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
  });
});
