// The statistics rollups (fund_rollups, fund_project_firsts) stay exact under every kind of write,
// on every database: after each mutation they equal a recomputation from fund_entries, and the
// statistics read from them equal the statistics aggregated from fund_entries directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { addUser, DB_KINDS, freshDb, login, testApp, type Client, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';
import { loadSample } from './sample.testutil';
import { checkFundRollups, markRollupsStale, rebuildFundRollups, rebuildStaleRollups, rollupParams, rollupThresholdYuan } from './rollups';
import { breakdownStats, dispatchStats, latestPeriod, monthlyStats, type StatsScope } from './stats.service';
import { rollupRebuildSettled } from './rollups.job';

/** The figures without where they came from. */
const figures = ({ source: _s, ...rest }: Awaited<ReturnType<typeof dispatchStats>>) => rest;
const breakdownFigures = ({ source: _s, ...rest }: Awaited<ReturnType<typeof breakdownStats>>) => rest;
import type { StatsBasis } from '../../contracts/stats';

describe.each(DB_KINDS)('statistics rollups on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let office: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await freshDb(kind);
    await loadSample(t.db);
    await addUser(t.db, 'office', ['city_office']);
    await addUser(t.db, 'admin', ['admin']);
    app = await testApp(t.db);
    office = await login(app, 'office');
    admin = await login(app, 'admin');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  /** Rollups equal a recomputation, and every figure read from them equals the direct aggregation. */
  async function expectExact(): Promise<void> {
    expect(await checkFundRollups(t.db)).toEqual([]);
    const units = (await t.db.selectFrom('units').select('code').where('kind', '<>', 'city').execute()).map((u) => u.code);
    for (const period of [
      { year: 2026, month: 5 },
      { year: 2026, month: 12 },
      { year: 2025, month: 3 },
    ]) {
      for (const basis of ['verified', 'reported'] as StatsBasis[]) {
        for (const unitCode of [null, units[0]!, units[1]!]) {
          const s: StatsScope = { period, unitCode, basis };
          const fromRollups = await dispatchStats(t.db, s, 'rollups');
          expect(fromRollups.source).toBe('rollups');
          expect(figures(fromRollups)).toEqual(figures(await dispatchStats(t.db, s, 'entries')));
          expect(await monthlyStats(t.db, s, 'rollups')).toEqual(await monthlyStats(t.db, s, 'entries'));
          const breakdown = await breakdownStats(t.db, s, 'rollups');
          expect(breakdown.source).toBe('rollups');
          expect(breakdownFigures(breakdown)).toEqual(breakdownFigures(await breakdownStats(t.db, s, 'entries')));
        }
      }
    }
    const res = await office.get('/api/v1/stats/dispatch?period=2026-05');
    expect(res.statusCode).toBe(200);
    expect(figures(res.json())).toEqual(
      figures(await dispatchStats(t.db, { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' }, 'entries')),
    );
    const latest = await t.db
      .selectFrom('fund_entries')
      .select((eb) => eb.fn.max('period').as('p'))
      .where('status', '=', 'verified')
      .executeTakeFirst();
    expect((await latestPeriod(t.db, null)).period).toBe(latest?.p);
  }

  /** A project with verified funds in 2026 up to May and a non-local investor. */
  async function someProject() {
    const r = await t.db
      .selectFrom('fund_entries as f')
      .innerJoin('projects as p', 'p.id', 'f.project_id')
      .innerJoin('investors as i', 'i.id', 'p.investor_id')
      .select(['p.id', 'p.version', 'p.unit_code', 'p.investor_id', 'p.total_investment_yuan', 'i.origin_scope'])
      .where('f.year', '=', 2026)
      .where('f.month', '<=', 5)
      .where('f.status', '=', 'verified')
      .where('i.origin_scope', '<>', 'local')
      .orderBy('p.total_investment_yuan', 'desc')
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    return r;
  }
  const patchProject = async (id: number, body: Record<string, unknown>) => {
    const p = await t.db.selectFrom('projects').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const res = await office.patch(`/api/v1/projects/${id}`, { ...body, version: p.version });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('are exact after the sample ledger import', async () => {
    expect(await rollupThresholdYuan(t.db)).toBe(50_000_000);
    expect(
      (
        await t.db
          .selectFrom('fund_rollups')
          .select((eb) => eb.fn.countAll().as('c'))
          .executeTakeFirstOrThrow()
      ).c,
    ).not.toBe(0);
    await expectExact();
  });

  it('follow fund entries inserted, changed and deleted', async () => {
    const p = await someProject();
    const t0 = nowIso();
    const base = { project_id: p.id, unit_code: p.unit_code, kind: 'regular', foreign_usd: 0, created_at: t0, updated_at: t0 };
    // A new month in an existing group, a new year (new first month), a foreign amount.
    const [a] = await t.db
      .insertInto('fund_entries')
      .values([
        {
          ...base,
          period: '2026-01',
          year: 2026,
          month: 1,
          kind: 'adjustment',
          amount_yuan: 1_234_567,
          foreign_usd: 10_000,
          status: 'verified',
        },
        { ...base, period: '2024-07', year: 2024, month: 7, amount_yuan: 7_000_000, status: 'verified' },
        { ...base, period: '2026-04', year: 2026, month: 4, kind: 'adjustment', amount_yuan: 5, status: 'draft' },
      ])
      .returning('id')
      .execute();
    await expectExact();
    // Amount, then status, then month (its first month moves), then a bulk status change.
    await t.db.updateTable('fund_entries').set({ amount_yuan: 2_000_001, foreign_usd: 0 }).where('id', '=', a!.id).execute();
    await expectExact();
    await t.db.updateTable('fund_entries').set({ status: 'submitted' }).where('id', '=', a!.id).execute();
    await expectExact();
    await t.db.updateTable('fund_entries').set({ period: '2026-06', month: 6, status: 'verified' }).where('id', '=', a!.id).execute();
    await expectExact();
    await t.db.updateTable('fund_entries').set({ note: '只改备注', verified_at: t0 }).where('project_id', '=', p.id).execute();
    await expectExact();
    await t.db
      .updateTable('fund_entries')
      .set({ status: 'approved' })
      .where('unit_code', '=', p.unit_code)
      .where('period', '=', '2026-03')
      .execute();
    await expectExact();
    // Deleting the only entry of a (project, year, status), then the earliest of a project's year.
    await t.db.deleteFrom('fund_entries').where('project_id', '=', p.id).where('period', '=', '2024-07').execute();
    await expectExact();
    const first = await t.db
      .selectFrom('fund_entries')
      .select('id')
      .where('project_id', '=', p.id)
      .where('year', '=', 2026)
      .where('status', '=', 'verified')
      .orderBy('month')
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('fund_entries').where('id', '=', first.id).execute();
    await expectExact();
    // A bulk delete of several groups in one statement.
    await t.db.deleteFrom('fund_entries').where('status', '=', 'draft').execute();
    await expectExact();
  });

  it('follow fund entries written through the funds API', async () => {
    const p = await someProject();
    const res = await office.post('/api/v1/fund-entries', { projectId: p.id, period: '2026-11', amountYuan: 3_000_000, foreignUsd: 2_000 });
    expect(res.statusCode, res.body).toBe(201);
    await expectExact();
  });

  it('follow a project moved to another unit, given another investor, or crossing the threshold', async () => {
    const p = await someProject();
    const other = await t.db
      .selectFrom('units')
      .select('code')
      .where('kind', '<>', 'city')
      .where('code', '<>', p.unit_code)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    await patchProject(p.id, { unitCode: other.code });
    await expectExact();
    // Another investor: a local one, none, then back.
    const local = await t.db.selectFrom('investors').select('id').where('origin_scope', '=', 'local').executeTakeFirstOrThrow();
    await patchProject(p.id, { investorId: local.id });
    await expectExact();
    await patchProject(p.id, { investorId: null });
    await expectExact();
    await patchProject(p.id, { investorId: p.investor_id });
    await expectExact();
    // Below the large-project threshold and back above it; a change that keeps it large.
    await patchProject(p.id, { totalInvestmentYuan: 10_000_000 });
    await expectExact();
    await patchProject(p.id, { totalInvestmentYuan: 900_000_000 });
    await expectExact();
    await t.db.updateTable('projects').set({ total_investment_yuan: 900_000_001 }).where('id', '=', p.id).execute();
    await expectExact();
  });

  it('follow an investor whose origin scope changes', async () => {
    const p = await someProject();
    for (const scope of ['abroad', null, 'local', 'province', p.origin_scope]) {
      await t.db.updateTable('investors').set({ origin_scope: scope }).where('id', '=', p.investor_id!).execute();
      await expectExact();
    }
    // Every investor at once (as a change of the home city does).
    await sql`UPDATE investors SET origin_scope = CASE WHEN origin_scope = 'local' THEN 'province' ELSE origin_scope END`.execute(t.db);
    await expectExact();
  });

  it('follow a project given another industry (the breakdown by industry)', async () => {
    const p = await someProject();
    for (const industry of ['F', 'I', null, 'C']) {
      await patchProject(p.id, { industry });
      await expectExact();
    }
    // Several projects at once, by raw SQL (as an import or a repair would).
    await sql`UPDATE projects SET industry = CASE WHEN id % 3 = 0 THEN 'K' ELSE industry END`.execute(t.db);
    await expectExact();
  });

  it('follow an investor whose origin code changes (the breakdown by region)', async () => {
    const p = await someProject();
    const before = await t.db
      .selectFrom('investors')
      .select(['origin_code', 'origin_scope'])
      .where('id', '=', p.investor_id!)
      .executeTakeFirstOrThrow();
    // 上海 (长三角), 深圳 (珠三角), 北京 (京津冀), none, a country; scope and code together and apart.
    for (const [code, scope] of [
      ['310000', 'domestic'],
      ['440300', 'domestic'],
      ['110000', 'domestic'],
      [null, 'domestic'],
      ['USA', 'abroad'],
      ['320500', null],
    ] as const) {
      await t.db.updateTable('investors').set({ origin_code: code, origin_scope: scope }).where('id', '=', p.investor_id!).execute();
      await expectExact();
    }
    await t.db.updateTable('investors').set({ origin_code: '330100' }).where('id', '=', p.investor_id!).execute();
    await expectExact();
    await t.db.updateTable('investors').set(before).where('id', '=', p.investor_id!).execute();
    await expectExact();
  });

  it('stay exact under a random sequence of writes of every kind', async () => {
    let seed = 20260513;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const projects = await t.db.selectFrom('projects').select(['id', 'unit_code']).orderBy('id').execute();
    const investors = (await t.db.selectFrom('investors').select('id').orderBy('id').execute()).map((r) => r.id);
    const units = (await t.db.selectFrom('units').select('code').where('kind', '<>', 'city').orderBy('code').execute()).map((r) => r.code);
    const statuses = ['draft', 'submitted', 'approved', 'verified', 'returned'] as const;
    const codes = ['310000', '320500', '440300', '440100', '110000', '510100', 'USA', null];
    const scopes = ['local', 'province', 'domestic', 'abroad', null];
    const industries = ['A', 'C', 'F', 'I', 'K', null];
    const t0 = nowIso();
    const entry = async () =>
      t.db.selectFrom('fund_entries').select(['id', 'project_id']).orderBy('id').offset(rnd(50)).limit(1).executeTakeFirst();
    for (let step = 0; step < 60; step++) {
      const op = rnd(9);
      if (op === 0) {
        const p = pick(projects);
        const month = 1 + rnd(12);
        const year = pick([2025, 2026]);
        await t.db
          .insertInto('fund_entries')
          .values({
            project_id: p.id,
            unit_code: p.unit_code,
            period: `${year}-${String(month).padStart(2, '0')}`,
            year,
            month,
            kind: `r${step}`,
            amount_yuan: 1 + rnd(9_000_000),
            foreign_usd: 0,
            status: pick(statuses),
            created_at: t0,
            updated_at: t0,
          })
          .execute();
      } else if (op === 1) {
        const e = await entry();
        if (e)
          await t.db
            .updateTable('fund_entries')
            .set({ amount_yuan: 1 + rnd(5_000_000) })
            .where('id', '=', e.id)
            .execute();
      } else if (op === 2) {
        const e = await entry();
        if (e)
          await t.db
            .updateTable('fund_entries')
            .set({ status: pick(statuses) })
            .where('id', '=', e.id)
            .execute();
      } else if (op === 3) {
        // Another month of the same year (the first month of a project may move either way).
        const e = await entry();
        const month = 1 + rnd(12);
        const row = e && (await t.db.selectFrom('fund_entries').select(['year', 'kind']).where('id', '=', e.id).executeTakeFirstOrThrow());
        if (e && row)
          await t.db
            .updateTable('fund_entries')
            .set({ month, period: `${row.year}-${String(month).padStart(2, '0')}`, kind: `${row.kind}m${step}` })
            .where('id', '=', e.id)
            .execute();
      } else if (op === 4) {
        // Entries moved to another unit (a project's entries split over two units).
        const e = await entry();
        if (e)
          await t.db
            .updateTable('fund_entries')
            .set({ unit_code: pick(units) })
            .where('id', '=', e.id)
            .execute();
      } else if (op === 5) {
        const e = await entry();
        if (e) await t.db.deleteFrom('fund_entries').where('id', '=', e.id).execute();
      } else if (op === 6) {
        await t.db
          .updateTable('projects')
          .set({ industry: pick(industries) })
          .where('id', '=', pick(projects).id)
          .execute();
      } else if (op === 7) {
        const investor = rnd(5) === 0 ? null : pick(investors);
        await t.db.updateTable('projects').set({ investor_id: investor }).where('id', '=', pick(projects).id).execute();
      } else {
        const set =
          rnd(3) === 0
            ? { origin_scope: pick(scopes) }
            : rnd(2) === 0
              ? { origin_code: pick(codes) }
              : { origin_code: pick(codes), origin_scope: pick(scopes) };
        await t.db.updateTable('investors').set(set).where('id', '=', pick(investors)).execute();
      }
      if (step % 6 === 5) {
        expect(await checkFundRollups(t.db), `after step ${step} (operation ${op})`).toEqual([]);
        for (const unitCode of [null, ...units.slice(0, 3)]) {
          const s: StatsScope = { period: { year: 2026, month: 1 + rnd(12) }, unitCode, basis: pick(['verified', 'reported'] as const) };
          expect(breakdownFigures(await breakdownStats(t.db, s, 'rollups'))).toEqual(
            breakdownFigures(await breakdownStats(t.db, s, 'entries')),
          );
        }
      }
    }
    // Then a threshold change and the piecewise rebuild: the breakdown tables are refilled too.
    await t.db.transaction().execute((tx) => markRollupsStale(tx, 20_000_000));
    const s: StatsScope = { period: { year: 2026, month: 5 }, unitCode: null, basis: 'reported' };
    const pending = await breakdownStats(t.db, s);
    expect(pending.source).toBe('entries');
    expect(await rebuildStaleRollups(t.db)).toBeGreaterThan(1);
    expect(breakdownFigures(await breakdownStats(t.db, s))).toEqual(breakdownFigures(pending));
    await t.db.transaction().execute((tx) => markRollupsStale(tx, 50_000_000));
    await rebuildStaleRollups(t.db);
    await expectExact();
  });

  it('are rebuilt when the large-project threshold setting changes', async () => {
    const before = (await office.get('/api/v1/stats/dispatch?period=2026-05')).json();
    for (const wan of [1000, 100_000, 0, 5000]) {
      const res = await admin.patch('/api/v1/settings', { largeProjectThresholdWan: wan });
      expect(res.statusCode, res.body).toBe(200);
      expect(await rollupThresholdYuan(t.db)).toBe(wan * 10000);
      await rollupRebuildSettled();
      await expectExact();
    }
    expect((await office.get('/api/v1/stats/dispatch?period=2026-05')).json()).toEqual(before);
  });

  it('answer from the entries while a rebuild is pending, and are rebuilt year by year', async () => {
    const s: StatsScope = { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' };
    const direct = figures(await dispatchStats(t.db, s, 'entries'));
    await t.db.transaction().execute((tx) => markRollupsStale(tx, 50_000_000));
    // A write while stale is kept by the triggers and survives the rebuild.
    const p = await someProject();
    const res = await office.post('/api/v1/fund-entries', { projectId: p.id, period: '2026-10', amountYuan: 1_000_000, foreignUsd: 0 });
    expect(res.statusCode, res.body).toBe(201);
    const pending = await dispatchStats(t.db, s);
    expect(pending.source).toBe('entries');
    expect(figures(pending)).toEqual(direct);
    expect((await breakdownStats(t.db, s)).source).toBe('entries');
    expect((await rollupParams(t.db))?.ready).toBe(false);
    expect(await rebuildStaleRollups(t.db)).toBeGreaterThan(1);
    expect((await rollupParams(t.db))?.ready).toBe(true);
    expect((await dispatchStats(t.db, s)).source).toBe('rollups');
    expect((await breakdownStats(t.db, s)).source).toBe('rollups');
    await expectExact();
  });

  it('follow a change of the home city: scopes re-derived, rollups rebuilt outside the request', async () => {
    const before = await t.db.selectFrom('investors').select(['id', 'origin_scope']).orderBy('id').execute();
    const res = await admin.patch('/api/v1/settings', { homeRegionCode: '310100' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await t.db.selectFrom('investors').select(['id', 'origin_scope']).orderBy('id').execute();
    expect(after).not.toEqual(before);
    await rollupRebuildSettled();
    expect((await rollupParams(t.db))?.ready).toBe(true);
    await expectExact();
    expect((await admin.patch('/api/v1/settings', { homeRegionCode: '220200' })).statusCode).toBe(200);
    await rollupRebuildSettled();
    await expectExact();
  });

  it('fall back to the direct sums while the rollups were built with another threshold', async () => {
    await t.db.updateTable('stats_params').set({ large_threshold_yuan: 1 }).where('id', '=', 1).execute();
    expect(await checkFundRollups(t.db)).not.toEqual([]);
    const s: StatsScope = { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' };
    const direct = await dispatchStats(t.db, s, 'entries');
    expect(figures(await dispatchStats(t.db, s))).toEqual(figures(direct));
    await t.db.updateTable('stats_params').set({ large_threshold_yuan: 50_000_000 }).where('id', '=', 1).execute();
    await t.db.transaction().execute((tx) => rebuildFundRollups(tx));
    await expectExact();
  });
});
