// The speech's figures on a constructed city, each worked out by hand (speech.fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, type TestDb } from '../../test/harness';
import { seedSpeechCity } from './speech.fixture';
import { dispatchSpeech } from './speech.service';
import { largeProjectList } from './large-projects';
import { dispatchStats, type StatsScope } from './stats.service';

const MAY: StatsScope = { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' };
const TODAY = '2026-12-02';

describe.each(DB_KINDS)('speech figures on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedSpeechCity(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  const speech = async (s: StatsScope, today = TODAY) => {
    const stats = await dispatchStats(t.db, s);
    return { stats, sp: await dispatchSpeech(t.db, s, stats, today) };
  };

  it('merges into the dispatch statistics, and the city unit’s own funds make the units add up', async () => {
    const stats = await dispatchStats(t.db, MAY);
    expect(stats.fundsYtdYuan).toBe(85_000_000);
    expect(stats.speech.cityOwn).toEqual({
      fundsYtdYuan: 30_000_000,
      fundsYtdLastYearYuan: 1_000_000,
      foreignUsdYtd: 0,
      foreignUsdYtdLastYear: 0,
    });
    const byUnit = Object.fromEntries(stats.units.map((u) => [u.code, u.fundsYtdYuan]));
    expect(byUnit).toEqual({ U01: 45_000_000, U02: 0, D01: 10_000_000 });
  });

  it('states the stretch target, months left and what each scope needs per month', async () => {
    const { stats, sp } = await speech(MAY);
    expect(stats.targetStretchYuan).toBe(1_200_000_000);
    expect(stats.completionStretch).toBe(85_000_000 / 1_200_000_000);
    expect(sp.monthsLeft).toBe(7);
    expect(sp.monthlyNeededBaseYuan).toBe(Math.ceil(915_000_000 / 7));
    expect(sp.monthlyNeededStretchYuan).toBe(Math.ceil(1_115_000_000 / 7));
    const u = Object.fromEntries(sp.units.map((x) => [x.code, x]));
    expect(u.U01).toMatchObject({
      targetStretchYuan: 500_000_000,
      completionStretch: 0.09,
      monthlyNeededBaseYuan: Math.ceil(355_000_000 / 7),
      monthlyNeededStretchYuan: 65_000_000,
      fundsYtdLastYearYuan: 4_000_000,
      foreignUsdYtd: 700_000,
      foreignTargetBaseUsd: 500_000,
      foreignTargetStretchUsd: 600_000,
    });
    expect(u.U02).toMatchObject({
      targetStretchYuan: null,
      monthlyNeededBaseYuan: Math.ceil(100_000_000 / 7),
      monthlyNeededStretchYuan: null,
    });
    expect(u.D01).toMatchObject({ monthlyNeededBaseYuan: null, monthlyNeededStretchYuan: null });
    expect(sp.foreignTargetBaseUsd).toBe(1_000_000);
    const dec = await speech({ ...MAY, period: { year: 2026, month: 12 } });
    expect(dec.sp.monthsLeft).toBe(0);
    expect(dec.sp.monthlyNeededBaseYuan).toBeNull();
  });

  it('counts starts and operations of the year up to the period', async () => {
    const { sp } = await speech(MAY);
    expect(sp.startsYtd).toEqual({ count: 1, totalInvestmentYuan: 100_000_000 });
    expect(sp.operatingYtd).toEqual({ count: 1, totalInvestmentYuan: 10_000_000 });
    const july = await speech({ ...MAY, period: { year: 2026, month: 7 } });
    expect(july.sp.operatingYtd).toEqual({ count: 2, totalInvestmentYuan: 110_000_000 });
    const u01 = await speech({ ...MAY, unitCode: 'U01' });
    expect(u01.sp.operatingYtd).toEqual({ count: 0, totalInvestmentYuan: 0 });
  });

  it('counts stages as of the period end from the stage history, not today', async () => {
    const { stats, sp } = await speech(MAY);
    expect(sp.stageCountsAtPeriodEnd).toEqual({
      lead: 0,
      negotiating: 1,
      intent: 0,
      agreement: 0,
      contract: 2,
      started: 1,
      operating: 1,
      dropped: 0,
    });
    expect(stats.stageCounts).toEqual({
      lead: 1,
      negotiating: 0,
      intent: 0,
      agreement: 0,
      contract: 2,
      started: 0,
      operating: 2,
      dropped: 1,
    });
    const feb = await speech({ ...MAY, period: { year: 2026, month: 2 } });
    expect(feb.sp.stageCountsAtPeriodEnd).toMatchObject({ negotiating: 1, contract: 2, started: 0, operating: 0 });
  });

  it('takes the later-recorded move when a project moved twice on one day, and none after the period', async () => {
    const ts = new Date().toISOString();
    const p = await t.db
      .insertInto('projects')
      .values({
        code: 'SAMEDAY',
        name: '同日两次推进',
        unit_code: 'U01',
        stage: 'intent',
        total_investment_yuan: 1,
        created_at: ts,
        updated_at: ts,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const move = (from: string, to: string, on: string) =>
      t.db.insertInto('stage_moves').values({ project_id: p.id, from_stage: from, to_stage: to, moved_on: on, created_at: ts }).execute();
    await move('lead', 'negotiating', '2026-03-02');
    await move('negotiating', 'intent', '2026-03-02');
    await move('intent', 'agreement', '2026-06-01');
    try {
      const { sp } = await speech(MAY);
      expect(sp.stageCountsAtPeriodEnd).toMatchObject({ lead: 0, negotiating: 1, intent: 1, agreement: 0 });
    } finally {
      await t.db.deleteFrom('stage_moves').where('project_id', '=', p.id).execute();
      await t.db.deleteFrom('projects').where('id', '=', p.id).execute();
    }
  });

  it('lists blockers and commitments open as of the period, the overdue ones with days, and reads out the largest', async () => {
    const { sp } = await speech(MAY);
    expect(sp.blockers).toMatchObject({ open: 4, overdue: 2, topN: 1 });
    const b = Object.fromEntries(sp.blockers.items.map((x) => [x.title, x]));
    expect(Object.keys(b).sort()).toEqual(['B1用地', 'B2电力', 'B3环评', 'B6无期限']);
    expect(b['B1用地']).toMatchObject({ daysOverdue: 30, readOut: true, projectCode: 'P1', unitName: '昌邑区' });
    expect(b['B3环评']).toMatchObject({ daysOverdue: 31, readOut: true });
    expect(b['B2电力']).toMatchObject({ daysOverdue: null, readOut: true });
    expect(b['B6无期限']).toMatchObject({ daysOverdue: null, readOut: false });
    expect(sp.commitments).toMatchObject({ open: 2, overdue: 1 });
    expect(sp.commitments.items.map((c) => [c.title, c.daysOverdue])).toEqual([
      ['C1供地承诺', 11],
      ['C3年底前', null],
    ]);
    // While June runs, "as of" is today: B3 is resolved by 10 June; B5 (raised 5 June) is open.
    const june = await speech({ ...MAY, period: { year: 2026, month: 6 } }, '2026-06-20');
    expect(june.sp.asOf).toBe('2026-06-20');
    expect(june.sp.blockers.items.map((x) => x.title).sort()).toEqual(['B1用地', 'B2电力', 'B5六月才提出', 'B6无期限']);
    expect(june.sp.blockers.items.find((x) => x.title === 'B1用地')!.daysOverdue).toBe(50);
    const u01 = await speech({ ...MAY, unitCode: 'U01' });
    expect(u01.sp.blockers.items.map((x) => x.title)).toEqual(['B1用地']);
  });

  it('reports unsubmitted submissions and entries not yet verified, with amounts', async () => {
    const { sp } = await speech(MAY);
    expect(sp.pending.unsubmitted).toEqual([
      { code: 'U02', name: '船营区', status: 'draft', draftYuan: 3_000_000 },
      { code: 'D01', name: '市商务局', status: 'not_started', draftYuan: 0 },
    ]);
    expect(sp.pending).toMatchObject({ unverifiedEntries: 2, unverifiedYuan: 5_000_000 });
    const reported = await speech({ ...MAY, basis: 'reported' });
    expect(reported.sp.pending).toMatchObject({ unverifiedEntries: 1, unverifiedYuan: 3_000_000 });
    const u01 = await speech({ ...MAY, unitCode: 'U01' });
    expect(u01.sp.pending).toEqual({ unsubmitted: [], unverifiedEntries: 1, unverifiedYuan: 2_000_000 });
  });

  it('lists the large non-local projects behind largeProjects, a dropped one with funds included', async () => {
    const { stats } = await speech(MAY);
    const list = await largeProjectList(t.db, MAY, stats.largeProjects.thresholdYuan);
    expect(list.map((p) => [p.code, p.countedThisYear, p.fundsYtdYuan, p.fundsToDateYuan])).toEqual([
      ['P1', true, 40_000_000, 44_000_000],
      ['P3', true, 5_000_000, 5_000_000],
      ['P5', false, 0, 0],
    ]);
    const counted = list.filter((p) => p.countedThisYear);
    expect(counted.length).toBe(stats.largeProjects.count);
    expect(counted.reduce((a, p) => a + p.fundsYtdYuan, 0)).toBe(stats.largeProjects.fundsYtdYuan);
    const d01 = await speech({ ...MAY, unitCode: 'D01' });
    expect((await largeProjectList(t.db, { ...MAY, unitCode: 'D01' }, stats.largeProjects.thresholdYuan)).map((p) => p.code)).toEqual([
      'P5',
    ]);
    expect(d01.stats.largeProjects.count).toBe(0);
  });
});
