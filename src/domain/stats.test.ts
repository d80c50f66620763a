import { describe, expect, it } from 'vitest';
// Copy of /work/shared/samples/expected-dispatch-2026-05.json (the figures the sample ledger must give).
import expectedJson from './fixtures/expected-dispatch-2026-05.json' with { type: 'json' };
import {
  behindPoints,
  briefingFigures,
  buildDispatchStats,
  isBehind,
  rankUnits,
  ratio,
  yoy,
  type DispatchInput,
  type DispatchStats,
} from './stats';

const expected = expectedJson as Omit<DispatchStats, 'completionStretch' | 'units'> & {
  units: {
    code: string;
    name: string;
    targetBaseYuan: number | null;
    fundsYtdYuan: number;
    completion: number | null;
    yoy: number | null;
    rank: number | null;
  }[];
};

/** The sample ledger's raw sums for 2026-05, written out by hand from the expected figures. */
function sampleInput(): DispatchInput {
  return {
    period: { year: 2026, month: 5 },
    // Q1 = 108231339, Q2 (Apr–May) = 313982835; June must be ignored, months may repeat.
    fundsByMonth: [
      { month: 1, yuan: 50_000_000 },
      { month: 2, yuan: 58_231_339 },
      { month: 4, yuan: 300_000_000 },
      { month: 5, yuan: 10_000_000 },
      { month: 5, yuan: 3_982_835 },
      { month: 6, yuan: 999_999_999 },
    ],
    lastYearByMonth: [
      { month: 3, yuan: 241_811_817 },
      { month: 7, yuan: 123_456 },
    ],
    targetBaseYuan: 1_400_000_000,
    targetStretchYuan: 1_600_000_000,
    foreignUsdYtd: 670_008,
    outsideRegionYtdYuan: 315_124_574,
    outOfProvinceYtdYuan: 313_445_835,
    abroadYtdYuan: 7_462_965,
    largeProjects: { thresholdYuan: 50_000_000, count: 3, fundsYtdYuan: 305_982_870 },
    reserve: { thresholdYuan: 10_000_000, count: 2, totalInvestmentYuan: 215_000_000 },
    activities: { trips: 4, personTimes: 83 },
    contractsYtd: { count: 4, totalInvestmentYuan: 768_378_200 },
    stageCounts: { lead: 2, negotiating: 3, intent: 2, agreement: 5, contract: 7, started: 4, operating: 3, dropped: 4 },
    units: [
      {
        code: 'C00',
        name: '吉林市人民政府',
        kind: 'city',
        targetBaseYuan: 1_400_000_000,
        fundsYtdYuan: 422_214_174,
        fundsYtdLastYearYuan: 241_811_817,
        hasContractYtd: true,
      },
      {
        code: 'U01',
        name: '昌邑区',
        kind: 'county',
        targetBaseYuan: 980_000_000,
        fundsYtdYuan: 298_717_370,
        fundsYtdLastYearYuan: 0,
        hasContractYtd: true,
      },
      {
        code: 'U02',
        name: '船营区',
        kind: 'county',
        targetBaseYuan: 50_000_000,
        fundsYtdYuan: 2_704_300,
        fundsYtdLastYearYuan: 8_602_000,
        hasContractYtd: false,
      },
      {
        code: 'U03',
        name: '永吉县',
        kind: 'county',
        targetBaseYuan: 50_000_000,
        fundsYtdYuan: 0,
        fundsYtdLastYearYuan: 0,
        hasContractYtd: false,
      },
      {
        code: 'U04',
        name: '蛟河市',
        kind: 'county',
        targetBaseYuan: 50_000_000,
        fundsYtdYuan: 0,
        fundsYtdLastYearYuan: 0,
        hasContractYtd: false,
      },
      {
        code: 'Z01',
        name: '吉林高新区',
        kind: 'zone',
        targetBaseYuan: 50_000_000,
        fundsYtdYuan: 10_506_800,
        fundsYtdLastYearYuan: 226_889_200,
        hasContractYtd: true,
      },
      {
        code: 'Z02',
        name: '吉林经开区',
        kind: 'zone',
        targetBaseYuan: 50_000_000,
        fundsYtdYuan: 1_678_739,
        fundsYtdLastYearYuan: 0,
        hasContractYtd: false,
      },
      {
        code: 'D01',
        name: '市商务局',
        kind: 'department',
        targetBaseYuan: 50_000_000,
        fundsYtdYuan: 7_265_500,
        fundsYtdLastYearYuan: 0,
        hasContractYtd: false,
      },
      {
        code: 'D02',
        name: '市工信局',
        kind: 'department',
        targetBaseYuan: null,
        fundsYtdYuan: 101_341_465,
        fundsYtdLastYearYuan: 6_320_617,
        hasContractYtd: false,
      },
    ],
  };
}

function emptyInput(month: number): DispatchInput {
  return {
    period: { year: 2026, month },
    fundsByMonth: [],
    lastYearByMonth: [],
    targetBaseYuan: null,
    targetStretchYuan: null,
    foreignUsdYtd: 0,
    outsideRegionYtdYuan: 0,
    outOfProvinceYtdYuan: 0,
    abroadYtdYuan: 0,
    largeProjects: { thresholdYuan: 50_000_000, count: 0, fundsYtdYuan: 0 },
    reserve: { thresholdYuan: 10_000_000, count: 0, totalInvestmentYuan: 0 },
    activities: { trips: 0, personTimes: 0 },
    contractsYtd: { count: 0, totalInvestmentYuan: 0 },
    stageCounts: {},
    units: [],
  };
}

describe('yoy / ratio / isBehind / behindPoints', () => {
  it('computes growth with the float ops the reports use', () => {
    expect(yoy(422214174, 241811817)).toBe(422214174 / 241811817 - 1);
    expect(yoy(150, 100)).toBe(0.5);
    expect(yoy(0, 100)).toBe(-1);
    expect(yoy(100, 0)).toBeNull();
    expect(yoy(0, 0)).toBeNull();
  });
  it('guards a missing or zero whole', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, null)).toBeNull();
    expect(ratio(1, undefined)).toBeNull();
    expect(ratio(0, 5)).toBe(0);
  });
  it('flags scopes behind time progress', () => {
    expect(isBehind(0.3, 5 / 12)).toBe(true);
    expect(isBehind(0.5, 5 / 12)).toBe(false);
    expect(isBehind(5 / 12, 5 / 12)).toBe(false);
    expect(isBehind(null, 5 / 12)).toBe(false);
    expect(behindPoints(0.2, 0.5)).toBeCloseTo(30, 10);
    expect(behindPoints(null, 0.5)).toBeNull();
  });
});

describe('rankUnits', () => {
  it('ranks by completion, then funds, then input order; keeps input order; skips units without target', () => {
    const units = [
      { code: 'A', targetBaseYuan: 100, fundsYtdYuan: 10, completion: 0.1 },
      { code: 'B', targetBaseYuan: null, fundsYtdYuan: 999, completion: null },
      { code: 'C', targetBaseYuan: 200, fundsYtdYuan: 20, completion: 0.1 },
      { code: 'D', targetBaseYuan: 100, fundsYtdYuan: 50, completion: 0.5 },
      { code: 'E', targetBaseYuan: 100, fundsYtdYuan: 0, completion: 0 },
      { code: 'F', targetBaseYuan: 100, fundsYtdYuan: 0, completion: 0 },
      { code: 'G', targetBaseYuan: 0, fundsYtdYuan: 5, completion: null },
    ];
    const ranked = rankUnits(units);
    expect(ranked.map((u) => [u.code, u.rank])).toEqual([
      ['A', 3],
      ['B', null],
      ['C', 2],
      ['D', 1],
      ['E', 4],
      ['F', 5],
      ['G', null],
    ]);
    expect(ranked[0]).toMatchObject(units[0]!);
  });
});

describe('buildDispatchStats against samples/expected-dispatch-2026-05.json', () => {
  const stats = buildDispatchStats(sampleInput());

  it('reproduces every figure exactly', () => {
    // Every field of the expected JSON, exactly; the statistics add fields (kind, completionStretch,
    // the counting rule's figures, per-unit foreign capital …) but never change one.
    const { units, ...rest } = expected;
    const pick = (o: object, like: object) => Object.fromEntries(Object.keys(like).map((k) => [k, (o as Record<string, unknown>)[k]]));
    const { units: actualUnits, completionStretch, ...actualRest } = stats;
    expect(pick(actualRest, rest)).toEqual(rest);
    expect(actualUnits.map((u) => pick(u, units[0]!))).toEqual(units);
    expect(completionStretch).toBe(422214174 / 1600000000);
    // Under the default counting rule the headline is all counted funds.
    expect(stats.countingRule).toBe('all');
    expect(stats.headlineYtdYuan).toBe(expected.fundsYtdYuan);
  });

  it('matches the derived ratios bit for bit', () => {
    expect(stats.fundsYtdYuan).toBe(expected.fundsYtdYuan);
    expect(stats.fundsYtdLastYearYuan).toBe(expected.fundsYtdLastYearYuan);
    expect(stats.yoy).toBe(expected.yoy);
    expect(stats.completion).toBe(expected.completion);
    expect(stats.timeProgress).toBe(expected.timeProgress);
    expect(stats.largeProjects.share).toBe(expected.largeProjects.share);
    expect(stats.quarters[0]?.yoy).toBe(expected.quarters[0]?.yoy);
    expect(stats.quarters[1]?.yoy).toBeNull();
    for (const u of expected.units) {
      const got = stats.units.find((x) => x.code === u.code);
      expect(got?.completion, u.code).toBe(u.completion);
      expect(got?.yoy, u.code).toBe(u.yoy);
      expect(got?.rank, u.code).toBe(u.rank);
    }
  });

  it("leaves out the city's own unit and lists units with no result", () => {
    expect(stats.units.map((u) => u.code)).not.toContain('C00');
    expect(stats.zeroResultUnits).toEqual(['U03', 'U04']);
    expect(stats.units.find((u) => u.code === 'Z01')?.kind).toBe('zone');
  });

  it('does not count a unit with a contract this year as without result', () => {
    const input = sampleInput();
    const u03 = input.units.find((u) => u.code === 'U03')!;
    u03.hasContractYtd = true;
    expect(buildDispatchStats(input).zeroResultUnits).toEqual(['U04']);
  });
});

describe('buildDispatchStats edge cases', () => {
  it('without a target: completion null, units unranked', () => {
    const input = sampleInput();
    input.targetBaseYuan = null;
    input.targetStretchYuan = 0;
    input.units = input.units.map((u) => ({ ...u, targetBaseYuan: null }));
    const s = buildDispatchStats(input);
    expect(s.completion).toBeNull();
    expect(s.completionStretch).toBeNull();
    expect(s.units.every((u) => u.rank === null && u.completion === null)).toBe(true);
    expect(s.zeroResultUnits).toEqual([]);
  });

  it('with nothing last year: yoy null everywhere', () => {
    const input = sampleInput();
    input.lastYearByMonth = [];
    const s = buildDispatchStats(input);
    expect(s.fundsYtdLastYearYuan).toBe(0);
    expect(s.yoy).toBeNull();
    expect(s.quarters.map((q) => q.yoy)).toEqual([null, null]);
  });

  it('January: one quarter of one month', () => {
    const input = emptyInput(1);
    input.fundsByMonth = [
      { month: 1, yuan: 300 },
      { month: 2, yuan: 1000 },
    ];
    input.lastYearByMonth = [
      { month: 1, yuan: 200 },
      { month: 2, yuan: 5000 },
    ];
    input.targetBaseYuan = 1200;
    const s = buildDispatchStats(input);
    expect(s.fundsYtdYuan).toBe(300);
    expect(s.fundsYtdLastYearYuan).toBe(200);
    expect(s.yoy).toBe(0.5);
    expect(s.completion).toBe(0.25);
    expect(s.timeProgress).toBe(1 / 12);
    expect(s.quarters).toEqual([{ quarter: 1, fundsYuan: 300, lastYearYuan: 200, yoy: 0.5 }]);
  });

  it('December: four full quarters', () => {
    const input = emptyInput(12);
    input.fundsByMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, yuan: (i + 1) * 100 }));
    input.lastYearByMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, yuan: 100 }));
    input.targetBaseYuan = 7800;
    const s = buildDispatchStats(input);
    expect(s.fundsYtdYuan).toBe(7800);
    expect(s.completion).toBe(1);
    expect(s.timeProgress).toBe(1);
    expect(s.quarters.map((q) => [q.quarter, q.fundsYuan, q.lastYearYuan])).toEqual([
      [1, 600, 300],
      [2, 1500, 300],
      [3, 2400, 300],
      [4, 3300, 300],
    ]);
    expect(s.quarters[3]?.yoy).toBe(3300 / 300 - 1);
  });

  it('an empty period gives zeros, nulls and all eight stage counts', () => {
    const s = buildDispatchStats(emptyInput(5));
    expect(s.fundsYtdYuan).toBe(0);
    expect(s.yoy).toBeNull();
    expect(s.completion).toBeNull();
    expect(s.largeProjects.share).toBeNull();
    expect(s.quarters).toEqual([
      { quarter: 1, fundsYuan: 0, lastYearYuan: 0, yoy: null },
      { quarter: 2, fundsYuan: 0, lastYearYuan: 0, yoy: null },
    ]);
    expect(s.stageCounts).toEqual({
      lead: 0,
      negotiating: 0,
      intent: 0,
      agreement: 0,
      contract: 0,
      started: 0,
      operating: 0,
      dropped: 0,
    });
    expect(s.units).toEqual([]);
    expect(s.zeroResultUnits).toEqual([]);
  });

  it('refuses an impossible month', () => {
    expect(() => buildDispatchStats(emptyInput(13))).toThrow(RangeError);
    expect(() => buildDispatchStats(emptyInput(0))).toThrow(RangeError);
  });
});

describe('briefingFigures', () => {
  it('formats the sample for a speech', () => {
    const b = briefingFigures(buildDispatchStats(sampleInput()));
    expect(b.periodText).toBe('2026年1-5月');
    expect(b.fundsYi).toBe('4.22亿元');
    expect(b.fundsWan).toBe('42221.42万元');
    expect(b.lastYearYi).toBe('2.42亿元');
    expect(b.yoyText).toBe('同比增长74.6%');
    expect(b.targetBaseYi).toBe('14.00亿元');
    expect(b.completionText).toBe('30.2%');
    expect(b.completionStretchText).toBe('26.4%');
    expect(b.timeProgressText).toBe('41.7%');
    expect(b.behind).toBe(true);
    expect(b.progressGapText).toBe('落后时间进度11.5个百分点');
    expect(b.foreignText).toBe('67.00万美元');
    expect(b.outsideRegionYi).toBe('3.15亿元');
    expect(b.outsideRegionShareText).toBe('74.6%');
    expect(b.outOfProvinceYi).toBe('3.13亿元');
    expect(b.abroadYi).toBe('0.07亿元');
    expect(b.quarters.map((q) => q.text)).toEqual([
      '一季度到位资金1.08亿元，同比下降55.2%',
      '二季度（4-5月）到位资金3.14亿元，同比无可比基数',
    ]);
    expect(b.largeProjectsThresholdWan).toBe('5000万元');
    expect(b.largeProjectsCount).toBe('3');
    expect(b.largeProjectsFundsYi).toBe('3.06亿元');
    expect(b.largeProjectsShareText).toBe('72.5%');
    expect(b.reserveThresholdWan).toBe('1000万元');
    expect(b.reserveCount).toBe('2');
    expect(b.reserveTotalYi).toBe('2.15亿元');
    expect(b.tripsCount).toBe('4');
    expect(b.personTimes).toBe('83');
    expect(b.contractsCount).toBe('4');
    expect(b.contractsTotalYi).toBe('7.68亿元');
    expect(b.rankedUnitNames).toBe('昌邑区、吉林高新区、市商务局、船营区、吉林经开区、永吉县、蛟河市');
    expect(b.behindUnitNames).toBe('昌邑区、吉林高新区、市商务局、船营区、吉林经开区、永吉县、蛟河市');
    expect(b.zeroResultUnitNames).toBe('永吉县、蛟河市');
  });

  it('handles January, no target and a growth figure', () => {
    const input = emptyInput(1);
    input.fundsByMonth = [{ month: 1, yuan: 1_531_000_000 }];
    input.lastYearByMonth = [{ month: 1, yuan: 614_702_000 }];
    const b = briefingFigures(buildDispatchStats(input));
    expect(b.periodText).toBe('2026年1月');
    expect(b.fundsYi).toBe('15.31亿元');
    expect(b.yoyText).toBe('同比增长149.1%');
    expect(b.completionText).toBe('—');
    expect(b.targetBaseYi).toBe('—');
    expect(b.behind).toBe(false);
    expect(b.progressGapText).toBe('');
    expect(b.quarters[0]?.text).toBe('一季度（1月）到位资金15.31亿元，同比增长149.1%');
  });

  it('says when a scope is ahead of time progress', () => {
    const input = emptyInput(6);
    input.fundsByMonth = [{ month: 3, yuan: 600 }];
    input.targetBaseYuan = 1000;
    const b = briefingFigures(buildDispatchStats(input));
    expect(b.behind).toBe(false);
    expect(b.progressGapText).toBe('超前时间进度10.0个百分点');
  });
});
