import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DB_KINDS, login } from '../../test/harness';
import { sampleSuite } from '../stats/sample.testutil';

describe.each(DB_KINDS)('assessment on %s', (kind) => {
  const ctx = sampleSuite(kind, [
    ['super', ['supervisor']],
    ['rep1', ['reporter'], 'U01'],
  ]);

  it('scores every unit and shows how each point was earned', async () => {
    const c = await login(ctx.app, 'super');
    const res = await c.get('/api/v1/assessment?period=2026-05');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.asOf).toBe('2026-05-31');
    const u01 = a.units.find((u: { code: string }) => u.code === 'U01');
    expect(u01.indicators.map((i: { indicator: string; effectiveWeight: number }) => [i.indicator, i.effectiveWeight])).toEqual([
      ['funds', 75],
      ['foreign', 0],
      ['contracts', 25],
    ]);
    expect(u01.indicators[0].value).toBe(298717370);
    expect(u01.indicators[2]).toMatchObject({ value: 2, target: 4, completion: 0.5, points: 12.5 });
    // The ledger's fund rows count as U01's reports for March and April; January and February have
    // none, so by 2026-05-31 those two monthly submissions are overdue (2 points each).
    expect(u01.deductions.map((d: { reason: string }) => d.reason)).toEqual(['2026-01 月报未按时报送', '2026-02 月报未按时报送']);
    expect(u01.score).toBeCloseTo(75 * (298717370 / 980000000) + 12.5 - 4, 10);
    const z01 = a.units.find((u: { code: string }) => u.code === 'Z01');
    expect(z01.deductions.some((d: { reason: string }) => d.reason.includes('P0027'))).toBe(true);
    const d02 = a.units.find((u: { code: string }) => u.code === 'D02');
    expect(d02.rank).toBeNull();
  });

  it('shows a unit user their own sheet only, and exports Excel', async () => {
    const c = await login(ctx.app, 'rep1');
    const a = (await c.get('/api/v1/assessment?period=2026-05')).json();
    expect(a.units.map((u: { code: string }) => u.code)).toEqual(['U01']);
    const x = await c.inject({ method: 'GET', url: '/api/v1/assessment.xlsx?period=2026-05', headers: { cookie: c.cookie } });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核得分', '得分明细']);
  });
});
