// Every figure drills down to the projects behind it, and the list sums to the figure — for the
// city, a unit, both bases, and with funds booked on the city's own unit and a unit without target.
import { describe, expect, it } from 'vitest';
import { DB_KINDS, login } from '../../test/harness';
import { nowIso } from '../audit/audit.service';
import { sampleSuite } from './sample.testutil';
import { DRILLDOWN_FIGURES } from '../../contracts/stats.drilldown';

type Dispatch = Record<string, unknown> & {
  fundsYtdYuan: number;
  headlineYtdYuan: number;
  localYtdYuan: number;
  fundsYtdLastYearYuan: number;
  foreignUsdYtd: number;
  outsideRegionYtdYuan: number;
  outOfProvinceYtdYuan: number;
  abroadYtdYuan: number;
  largeProjects: { count: number; fundsYtdYuan: number };
  contractsYtd: { count: number; totalInvestmentYuan: number };
};

/** The figure a drill-down must add up to, and the project count where the figure is a count. */
function expected(d: Dispatch, figure: string): { total: number; projects?: number } {
  switch (figure) {
    case 'fundsYtd':
      return { total: d.fundsYtdYuan };
    case 'headlineYtd':
      return { total: d.headlineYtdYuan };
    case 'localYtd':
      return { total: d.localYtdYuan };
    case 'fundsYtdLastYear':
      return { total: d.fundsYtdLastYearYuan };
    case 'foreignUsdYtd':
      return { total: d.foreignUsdYtd };
    case 'outsideRegionYtd':
      return { total: d.outsideRegionYtdYuan };
    case 'outOfProvinceYtd':
      return { total: d.outOfProvinceYtdYuan };
    case 'abroadYtd':
      return { total: d.abroadYtdYuan };
    case 'largeProjects':
      return { total: d.largeProjects.fundsYtdYuan, projects: d.largeProjects.count };
    case 'contractsYtd':
      return { total: d.contractsYtd.totalInvestmentYuan, projects: d.contractsYtd.count };
    default:
      throw new Error(figure);
  }
}

describe.each(DB_KINDS)('drill-down on %s', (kind) => {
  const ctx = sampleSuite(
    kind,
    [
      ['office', ['city_office']],
      ['rep1', ['reporter'], 'U01'],
      ['admin', ['admin']],
    ],
    async (db) => {
      // Funds booked on the city's own unit, and on a unit without a funds target (D02 has none).
      const t = nowIso();
      const project = async (unit: string) =>
        (await db.selectFrom('projects').select('id').where('unit_code', '=', unit).orderBy('id').executeTakeFirst())?.id;
      const investor = await db
        .selectFrom('investors')
        .select('id')
        .where('origin_scope', '=', 'domestic')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const cityProject = await db
        .insertInto('projects')
        .values({
          code: 'PCITY1',
          name: '市本级项目',
          unit_code: 'C00',
          stage: 'started',
          total_investment_yuan: 600_000_000,
          investor_id: investor.id,
          created_at: t,
          updated_at: t,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ids = [cityProject.id, await project('D02')].filter((x): x is number => typeof x === 'number');
      for (const id of ids) {
        const unit = (await db.selectFrom('projects').select('unit_code').where('id', '=', id).executeTakeFirstOrThrow()).unit_code;
        await db
          .insertInto('fund_entries')
          .values({
            project_id: id,
            unit_code: unit,
            period: '2026-03',
            year: 2026,
            month: 3,
            kind: 'regular',
            amount_yuan: 30_000_000,
            foreign_usd: 1_000,
            status: 'verified',
            created_at: t,
            updated_at: t,
          })
          .execute();
      }
    },
  );

  it('lists projects that add up to every figure, for the city and a unit, on both bases', async () => {
    const office = await login(ctx.app, 'office');
    for (const basis of ['verified', 'reported']) {
      for (const unit of ['', 'U01', 'D02', 'C00']) {
        const q = `period=2026-05&basis=${basis}${unit ? `&unit=${unit}` : ''}`;
        const d = (await office.get(`/api/v1/stats/dispatch?${q}`)).json() as Dispatch;
        for (const figure of DRILLDOWN_FIGURES) {
          const res = await office.get(`/api/v1/stats/drilldown?${q}&figure=${figure}&limit=5000`);
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json();
          const want = expected(d, figure);
          const label = `${basis} ${unit || 'city'} ${figure}`;
          expect(body.truncated, label).toBe(false);
          expect(body.total, label).toBe(want.total);
          expect(
            body.items.reduce((t: number, i: { amount: number }) => t + i.amount, 0),
            label,
          ).toBe(want.total);
          if (want.projects !== undefined) expect(body.projects, label).toBe(want.projects);
        }
      }
    }
  });

  it('the city total includes the funds booked on the city unit', async () => {
    const office = await login(ctx.app, 'office');
    const d = (await office.get('/api/v1/stats/drilldown?period=2026-05&figure=fundsYtd')).json();
    expect(d.items.some((i: { unitCode: string }) => i.unitCode === 'C00')).toBe(true);
  });

  it('keeps a unit user to their unit and names a bad figure', async () => {
    const rep = await login(ctx.app, 'rep1');
    const d = (await rep.get('/api/v1/stats/drilldown?period=2026-05&figure=fundsYtd')).json();
    expect(d.unitCode).toBe('U01');
    expect(d.total).toBe(298717370);
    expect(new Set(d.items.map((i: { unitCode: string }) => i.unitCode))).toEqual(new Set(['U01']));
    expect((await rep.get('/api/v1/stats/drilldown?period=2026-05&figure=fundsYtd&unit=U02')).statusCode).toBe(404);
    expect((await rep.get('/api/v1/stats/drilldown?period=2026-05&figure=nope')).statusCode).toBe(400);
  });

  it('follows the counting rule: without local funds the headline drops them', async () => {
    const admin = await login(ctx.app, 'admin');
    const office = await login(ctx.app, 'office');
    expect((await admin.patch('/api/v1/settings', { countLocalFundsInHeadline: false })).statusCode).toBe(200);
    const d = (await office.get('/api/v1/stats/dispatch?period=2026-05')).json() as Dispatch & {
      countingRule: string;
      completion: number;
      targetBaseYuan: number;
    };
    expect(d.countingRule).toBe('nonLocal');
    expect(d.headlineYtdYuan).toBe(d.fundsYtdYuan - d.localYtdYuan);
    expect(d.localYtdYuan).toBeGreaterThan(0);
    expect(d.completion).toBe(d.headlineYtdYuan / d.targetBaseYuan);
    const h = (await office.get('/api/v1/stats/drilldown?period=2026-05&figure=headlineYtd')).json();
    expect(h.total).toBe(d.headlineYtdYuan);
    expect((await admin.patch('/api/v1/settings', { countLocalFundsInHeadline: true })).statusCode).toBe(200);
  });
});
