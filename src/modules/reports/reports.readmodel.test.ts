// One read model: every figure of the four Excel reports, the briefing text and the dashboard API
// equals the dispatch statistics of the same period, scope and basis — on the sample ledger plus
// funds booked on the city's own unit and on a unit without a target.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DB_KINDS, login, type Client } from '../../test/harness';
import { formatPercent, formatYi } from '../../domain/money';
import { sampleSuite } from '../stats/sample.testutil';
import { dispatchStats } from '../stats/stats.service';
import type { StatsBasis } from '../../contracts/stats';
import type { DispatchStatsWithSpeech } from '../stats/speech.service';

const ts = '2026-03-01T08:00:00.000Z';
/** A 万 cell back in 元 / USD (cells hold yuan / 10000). */
const units = (v: unknown) => (v === null || v === undefined || v === '' ? null : Math.round(Number(v) * 10000));

async function workbook(c: Client, name: string, query: string): Promise<ExcelJS.Worksheet> {
  const res = await c.inject({ method: 'GET', url: `/api/v1/reports/${name}.xlsx?${query}`, headers: { cookie: c.cookie } });
  expect(res.statusCode, name).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** Body rows (below the two header rows) as arrays of cell values, column 1 first. */
function body(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 5; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: ws.columnCount }, (_x, k) => row.getCell(k + 1).value));
  }
  return out;
}

describe.each(DB_KINDS)('one read model for reports, briefing and API on %s', (kind) => {
  const ctx = sampleSuite(
    kind,
    [
      ['office', ['city_office']],
      ['rep1', ['reporter'], 'U01'],
    ],
    async (db) => {
      const city = await db.selectFrom('units').select('code').where('kind', '=', 'city').executeTakeFirstOrThrow();
      const inv = await db
        .insertInto('investors')
        .values({ name: '深圳某集团', origin_scope: 'domestic', origin_code: '440300', created_at: ts, updated_at: ts })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [code, unit, yuan, usd] of [
        ['CITY-1', city.code, 30_000_000, 120_000],
        ['D02-X', 'D02', 10_000_000, 0],
      ] as const) {
        const p = await db
          .insertInto('projects')
          .values({
            code,
            name: `${code}项目`,
            unit_code: unit,
            investor_id: inv.id,
            total_investment_yuan: 90_000_000,
            stage: 'contract',
            contract_date: '2026-02-10',
            created_at: ts,
            updated_at: ts,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('fund_entries')
          .values({
            project_id: p.id,
            unit_code: unit,
            period: '2026-03',
            year: 2026,
            month: 3,
            amount_yuan: yuan,
            foreign_usd: usd,
            status: 'verified',
            created_at: ts,
            updated_at: ts,
          })
          .execute();
      }
    },
  );

  const cases: { who: string; unit: string | null; basis: StatsBasis }[] = [
    { who: 'office', unit: null, basis: 'verified' },
    { who: 'office', unit: null, basis: 'reported' },
    { who: 'rep1', unit: 'U01', basis: 'verified' },
  ];

  it.each(cases)('agrees everywhere for $who, unit $unit, basis $basis', async ({ who, unit, basis }) => {
    const c = await login(ctx.app, who);
    const query = `period=2026-05&basis=${basis}`;
    const st = (await dispatchStats(ctx.t.db, { period: { year: 2026, month: 5 }, unitCode: unit, basis })) as DispatchStatsWithSpeech;
    const sp = st.speech;
    // The dashboard API is the same read model.
    const api = await c.get(`/api/v1/stats/dispatch?${query}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual(JSON.parse(JSON.stringify(st)));
    if (unit === null) {
      expect(sp.cityOwn.fundsYtdYuan).toBe(30_000_000);
      expect(st.units.find((u) => u.code === 'D02')!.targetBaseYuan).toBeNull();
    }

    // 到位资金完成情况表: a row per unit, 市本级, and 全市 = fundsYtdYuan.
    const funds = body(await workbook(c, 'funds-by-unit', query));
    st.units.forEach((u, i) => {
      const r = funds[i]!;
      const x = sp.units.find((e) => e.code === u.code)!;
      expect(r[1]).toBe(u.name);
      expect([units(r[2]), units(r[3]), units(r[4]), units(r[5])]).toEqual([
        u.targetBaseYuan,
        x.targetStretchYuan,
        u.fundsYtdYuan,
        x.fundsYtdLastYearYuan,
      ]);
      expect([r[6], r[7], r[8]]).toEqual([u.yoy, u.completion, x.completionStretch]);
      expect(r[10]).toBe(u.rank ?? '—');
      expect(units(r[11])).toBe(x.monthlyNeededBaseYuan);
    });
    if (unit === null) {
      const own = funds[st.units.length]!;
      expect(own[1]).toBe('市本级');
      expect(units(own[4])).toBe(sp.cityOwn.fundsYtdYuan);
      const total = funds[st.units.length + 1]!;
      expect(total[1]).toBe('全市');
      expect([units(total[2]), units(total[3]), units(total[4]), units(total[5])]).toEqual([
        st.targetBaseYuan,
        st.targetStretchYuan,
        st.fundsYtdYuan,
        st.fundsYtdLastYearYuan,
      ]);
      expect([total[6], total[7], total[8]]).toEqual([st.yoy, st.completion, st.completionStretch]);
      expect(funds.slice(0, -1).reduce((a, r) => a + units(r[4])!, 0)).toBe(st.fundsYtdYuan);
      expect(units(total[11])).toBe(sp.monthlyNeededBaseYuan);
    } else expect(funds).toHaveLength(1);

    // 签约项目明细表: its list and total are contractsYtd.
    const contracts = body(await workbook(c, 'contracts', query));
    const cTotal = contracts.at(-1)!;
    expect(cTotal[1]).toBe(`合计 ${st.contractsYtd.count} 个`);
    expect(units(cTotal[8])).toBe(st.contractsYtd.totalInvestmentYuan);
    expect(contracts.length - 1).toBe(st.contractsYtd.count === 0 ? 1 : st.contractsYtd.count);
    if (st.contractsYtd.count)
      expect(contracts.slice(0, -1).reduce((a, r) => a + units(r[8])!, 0)).toBe(st.contractsYtd.totalInvestmentYuan);

    // 重点项目进展表: the projects with funds this year, as a subtotal, are largeProjects.
    const large = body(await workbook(c, 'large-projects', query));
    const sub = large.findIndex((r) => String(r[1]).startsWith('其中本年有到位资金的重大项目'));
    expect(large[sub]![1]).toBe(`其中本年有到位资金的重大项目 ${st.largeProjects.count} 个`);
    expect(sub).toBe(st.largeProjects.count);
    expect(units(large[sub]![9])).toBe(st.largeProjects.fundsYtdYuan);
    expect(large.slice(0, sub).reduce((a, r) => a + units(r[9])!, 0)).toBe(st.largeProjects.fundsYtdYuan);

    // 利用外资情况表: per unit, 市本级, and 全市 = foreignUsdYtd.
    const foreign = body(await workbook(c, 'foreign', query));
    st.units.forEach((u, i) => {
      expect(foreign[i]![1]).toBe(u.name);
      expect(units(foreign[i]![4])).toBe(sp.units.find((e) => e.code === u.code)!.foreignUsdYtd);
    });
    if (unit === null) {
      expect(foreign.at(-2)![1]).toBe('市本级');
      expect(units(foreign.at(-2)![4])).toBe(sp.cityOwn.foreignUsdYtd);
      expect(units(foreign.at(-1)![4])).toBe(st.foreignUsdYtd);
      expect(foreign.slice(0, -1).reduce((a, r) => a + units(r[4])!, 0)).toBe(st.foreignUsdYtd);
    }

    // The briefing reads out the same figures.
    const b = (await c.get(`/api/v1/reports/briefing?${query}`)).json();
    const text = b.sections.map((s: { paragraphs: string[] }) => s.paragraphs.join('')).join('');
    expect(text).toContain(`实际到位资金${formatYi(st.fundsYtdYuan)}`);
    if (st.completion !== null) expect(text).toContain(`的${formatPercent(st.completion)}`);
    expect(text).toContain(`省外资金${formatYi(st.outOfProvinceYtdYuan)}（含境外${formatYi(st.abroadYtdYuan)}）`);
    if (st.largeProjects.count)
      expect(text).toContain(`域外重大项目${st.largeProjects.count}个，到位资金${formatYi(st.largeProjects.fundsYtdYuan)}`);
    if (st.contractsYtd.count)
      expect(text).toContain(`新签约项目${st.contractsYtd.count}个，总投资${formatYi(st.contractsYtd.totalInvestmentYuan)}`);
    for (const row of b.units) {
      const u = st.units.find((e) => e.code === row.code)!;
      expect(row.fundsYi).toBe(formatYi(u.fundsYtdYuan));
      expect(row.completionText).toBe(formatPercent(u.completion));
    }
  });
});
