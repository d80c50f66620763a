// A locked month's official figures: whatever happens after the lock — a project moved to another
// unit, an investor's origin, a threshold or the home city, a rate, an entry — the dispatch
// figures of the locked month read the same for the city and every unit on both bases; a change
// that would alter them goes through a revision (修订) that records before → after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';

const LOCKED = '2026-10';
const SCOPES = ['', 'U01', 'U02'];
const BASES = ['verified', 'reported'];

describe.each(DB_KINDS)('frozen periods on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let office: Client, admin: Client, rep1: Client;
  let invHz: number, pA: number, pB: number;

  async function entry(projectId: number, unitCode: string, period: string, amountYuan: number, status = 'verified', foreignUsd = 0) {
    const ts = nowIso();
    await t.db
      .insertInto('fund_entries')
      .values({
        project_id: projectId,
        unit_code: unitCode,
        period,
        year: Number(period.slice(0, 4)),
        month: Number(period.slice(5)),
        kind: 'regular',
        amount_yuan: amountYuan,
        foreign_usd: foreignUsd,
        status,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
  }

  /** The locked month's dispatch and monthly figures for the city and each unit, both bases. */
  async function figures(period = LOCKED): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const unit of SCOPES) {
      for (const basis of BASES) {
        const q = `period=${period}&basis=${basis}${unit ? `&unit=${unit}` : ''}`;
        const d = await office.get(`/api/v1/stats/dispatch?${q}`);
        const m = await office.get(`/api/v1/stats/monthly?${q}`);
        expect(d.statusCode, d.body).toBe(200);
        expect(m.statusCode, m.body).toBe(200);
        out[`${unit || '*'}/${basis}`] = { dispatch: d.json(), monthly: m.json() };
      }
    }
    return out;
  }
  const ytd = async (unit: string, basis = 'verified') =>
    (await office.get(`/api/v1/stats/dispatch?period=${LOCKED}&basis=${basis}${unit ? `&unit=${unit}` : ''}`)).json()
      .fundsYtdYuan as number;

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
    [office, admin, rep1] = (await Promise.all(['office', 'admin', 'rep1'].map((u) => login(app, u)))) as [Client, Client, Client];
    invHz = (await office.post('/api/v1/investors', { name: '杭州某集团', origin: '浙江省杭州市' })).json().id;
    const ts = nowIso();
    const project = async (unit: string, code: string, investorId: number | null) =>
      (
        await t.db
          .insertInto('projects')
          .values({
            unit_code: unit,
            code,
            name: `项目${code}`,
            stage: 'started',
            total_investment_yuan: 2_000_000_000,
            investor_id: investorId,
            contract_date: '2026-01-15',
            created_at: ts,
            updated_at: ts,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    pA = await project('U01', 'U01-2026-001', invHz);
    pB = await project('U02', 'U02-2026-001', null);
    await entry(pA, 'U01', '2026-09', 35_000_000);
    await entry(pA, 'U01', '2026-10', 100_000_000, 'verified', 2_000_000);
    await entry(pB, 'U02', '2026-10', 20_000_000, 'submitted');
    await entry(pA, 'U01', '2026-11', 7_000_000, 'draft');
    expect((await office.put('/api/v1/exchange-rates', { period: LOCKED, cnyPerUsdE4: 71000 })).statusCode).toBe(200);
    // Months are locked in order after each dispatch meeting.
    expect((await office.post('/api/v1/periods/2026-09/lock', { acknowledgeUnfinished: true })).statusCode).toBe(200);
    expect((await office.post(`/api/v1/periods/${LOCKED}/lock`, { note: '调度会后封账', acknowledgeUnfinished: true })).statusCode).toBe(
      200,
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('stores the figures of the city and every unit, both bases, when the period is locked', async () => {
    const rows = await t.db.selectFrom('period_snapshots').select(['scope', 'basis', 'kind']).where('period', '=', LOCKED).execute();
    // City + U01 + U02 (not the city unit C00) × 2 bases × (dispatch, monthly).
    expect(rows.length).toBe(3 * 2 * 2);
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(['*', 'U01', 'U02']));
    expect(await ytd('U01')).toBe(135_000_000);
    expect(await ytd('', 'reported')).toBe(155_000_000);
  });

  it('sends a locked month exactly as stored, with an ETag answered by 304', async () => {
    for (const kind of ['dispatch', 'monthly'] as const) {
      const url = `/api/v1/stats/${kind}?period=${LOCKED}&unit=U01`;
      const stored = await t.db
        .selectFrom('period_snapshots')
        .select('payload')
        .where('period', '=', LOCKED)
        .where('scope', '=', 'U01')
        .where('basis', '=', 'verified')
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
      const res = await office.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toBe(stored.payload);
      const tag = res.headers.etag as string;
      const again = await office.inject({ method: 'GET', url, headers: { cookie: office.cookie, 'if-none-match': tag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    // The dashboard's summary of the locked month: the stored figures without the briefing's parts.
    const full = (await office.get(`/api/v1/stats/dispatch?period=${LOCKED}`)).json();
    const summary = (await office.get(`/api/v1/stats/dispatch?period=${LOCKED}&detail=summary`)).json();
    expect(full.speech).toBeDefined();
    const { speech: _s, activityDetail: _a, ...rest } = full;
    expect(summary).toEqual(rest);
  });

  it('leaves the locked figures identical after a project move, settings changes and refused changes', async () => {
    const before = await figures();
    const beforeSep = await figures('2026-09');
    // A project moved to another unit: its locked entries stay counted where they were.
    const p = (await office.get(`/api/v1/projects/${pA}`)).json();
    const moved = await office.patch(`/api/v1/projects/${pA}`, { unitCode: 'U02', version: p.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const entries = await t.db
      .selectFrom('fund_entries')
      .select(['period', 'unit_code'])
      .where('project_id', '=', pA)
      .orderBy('period')
      .execute();
    expect(entries).toEqual([
      { period: '2026-09', unit_code: 'U01' },
      { period: '2026-10', unit_code: 'U01' },
      { period: '2026-11', unit_code: 'U02' },
    ]);
    // The investor's origin would move locked 省外/境外 figures: refused, pointing to a revision.
    const inv = (await office.get(`/api/v1/investors/${invHz}`)).json();
    const origin = await office.patch(`/api/v1/investors/${invHz}`, { origin: '香港', version: inv.version });
    expect(origin.statusCode).toBe(409);
    expect(origin.json().error.message).toContain('修订');
    // Other edits of the investor still work.
    expect((await office.patch(`/api/v1/investors/${invHz}`, { notes: '已核对', version: inv.version })).statusCode).toBe(200);
    // Thresholds and the home city: allowed, the locked month reads its snapshot.
    const s = (await admin.get('/api/v1/settings')).json();
    const set = await admin.patch('/api/v1/settings', { largeProjectThresholdWan: 1, homeRegionCode: '330100', version: s.version });
    expect(set.statusCode, set.body).toBe(200);
    // The locked month's exchange rate and its entries: refused.
    expect((await office.put('/api/v1/exchange-rates', { period: LOCKED, cnyPerUsdE4: 65000 })).statusCode).toBe(409);
    expect((await rep1.post('/api/v1/fund-entries', { projectId: pA, period: LOCKED, amountYuan: 5 })).statusCode).toBe(404); // pA is U02's now
    expect((await office.post('/api/v1/fund-entries', { projectId: pB, period: LOCKED, kind: 'regular', amountYuan: 5 })).statusCode).toBe(
      409,
    );
    expect(await figures()).toEqual(before);
    expect(await figures('2026-09')).toEqual(beforeSep);
    // Back to the original settings, so that the revisions below change only what they say.
    const s2 = (await admin.get('/api/v1/settings')).json();
    await admin.patch('/api/v1/settings', {
      largeProjectThresholdWan: s.largeProjectThresholdWan,
      homeRegionCode: s.homeRegionCode,
      version: s2.version,
    });
  });

  it('applies an approved revision, refreezes the locked month and records before → after', async () => {
    const req = await office.post('/api/v1/revisions', {
      entity: 'investor',
      entityId: invHz,
      origin: '香港',
      reason: '营业执照显示注册地为香港',
    });
    expect(req.statusCode, req.body).toBe(201);
    const rev = req.json();
    expect(rev).toMatchObject({ status: 'pending', periods: ['2026-09', LOCKED], figures: null });
    // A unit reporter cannot see or decide revisions.
    expect((await rep1.get('/api/v1/revisions')).statusCode).toBe(403);
    const ok = await office.post(`/api/v1/revisions/${rev.id}/approve`, { version: rev.version, note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    const done = ok.json();
    expect(done.status).toBe('approved');
    const abroad = done.figures.find(
      (f: { period: string; scope: string; basis: string; field: string }) =>
        f.period === LOCKED && f.scope === '*' && f.basis === 'verified' && f.field === 'abroadYtdYuan',
    );
    expect(abroad).toMatchObject({ period: LOCKED, before: 0, after: 135_000_000 });
    expect((await office.get(`/api/v1/stats/dispatch?period=${LOCKED}`)).json().abroadYtdYuan).toBe(135_000_000);
    expect((await office.post(`/api/v1/revisions/${rev.id}/approve`, { version: done.version })).statusCode).toBe(409);
    const log = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'revision').execute();
    expect(log.map((l) => l.summary).join()).toContain('批准修订');

    // Moving the locked entries too, by revision: U01's locked year to date moves to U02.
    const move = (
      await office.post('/api/v1/revisions', { entity: 'project', entityId: pA, unitCode: 'U02', reason: '项目实际由船营区承办' })
    ).json();
    const rejected = await office.post(`/api/v1/revisions/${move.id}/reject`, { version: move.version, note: '请先核对' });
    expect(rejected.json().status).toBe('rejected');
    expect(await ytd('U01')).toBe(135_000_000);
    const again = (
      await office.post('/api/v1/revisions', { entity: 'project', entityId: pA, unitCode: 'U02', reason: '项目实际由船营区承办' })
    ).json();
    const applied = (await office.post(`/api/v1/revisions/${again.id}/approve`, { version: again.version })).json();
    expect(
      applied.figures.some(
        (f: { period: string; scope: string; field: string; before: number; after: number }) =>
          f.period === LOCKED && f.scope === 'U01' && f.field === 'fundsYtdYuan' && f.before === 135_000_000 && f.after === 0,
      ),
    ).toBe(true);
    expect(await ytd('U01')).toBe(0);
    expect(await ytd('U02')).toBe(135_000_000);
  });

  it('unlock deletes the snapshot (audited, with a reason) and relocking freezes the figures again', async () => {
    expect((await office.post(`/api/v1/periods/${LOCKED}/unlock`, { reason: '补录漏报数据' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('period_snapshots').select('period').where('period', '=', LOCKED).execute()).length).toBe(0);
    // Live again: a changed entry shows; relocking freezes the figures of that moment.
    await t.db
      .updateTable('fund_entries')
      .set({ amount_yuan: 30_000_000 })
      .where('project_id', '=', pB)
      .where('period', '=', LOCKED)
      .execute();
    expect(await ytd('U02', 'reported')).toBe(165_000_000);
    expect((await office.post(`/api/v1/periods/${LOCKED}/lock`, { acknowledgeUnfinished: true })).statusCode).toBe(200);
    expect((await t.db.selectFrom('period_snapshots').select('period').where('period', '=', LOCKED).execute()).length).toBe(12);
    const frozen = await figures();
    await t.db.updateTable('fund_entries').set({ amount_yuan: 1 }).where('period', '=', LOCKED).execute();
    expect(await figures()).toEqual(frozen);
  });
});
