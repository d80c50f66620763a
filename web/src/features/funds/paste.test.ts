import { describe, expect, it } from 'vitest';
import type { ProjectOption } from '../../../../src/contracts/funds';
import { parsePasted, planPaste } from './paste';

const opt = (code: string): ProjectOption => ({
  id: 1,
  code,
  name: `项目${code}`,
  unitCode: 'U01',
  stage: 'signed',
  totalInvestmentYuan: 0,
  fundsToDateYuan: 0,
});
const projects = new Map(['A-1', 'A-2', 'A-3'].map((c) => [c, opt(c)]));

describe('paste from Excel', () => {
  it('reads quoted cells with tabs and line breaks, full-width digits and thousands separators', () => {
    const text =
      '项目编号\t到位金额(万元)\t其中外资(万美元)\t备注\r\nA-1\t"1,200.5"\t\t"首期\t出资\n第二行"\r\nA-2\t３００\t１０\t\r\n\r\n';
    const rows = parsePasted(text, projects);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ code: 'A-1', amountYuan: 12_005_000, foreignUsd: 0, note: '首期\t出资\n第二行', errors: [] });
    expect(rows[1]).toMatchObject({ code: 'A-2', amountYuan: 3_000_000, foreignUsd: 100_000, errors: [] });
  });

  it('marks each row new, changed X → Y, duplicate, or fixed when the grid row cannot change', () => {
    const rows = parsePasted('A-1\t100\nA-2\t200\t\t备注\nA-3\t5\nZZ\t1\nA-1\t3', projects);
    const grid = new Map([
      ['A-2', { amount: '150', foreign: '', note: '备注', editable: true }],
      ['A-3', { amount: '5', foreign: '', note: '', editable: false }],
    ]);
    const plan = planPaste(rows, grid);
    expect(plan.map((p) => p.kind)).toEqual(['new', 'change', 'same', 'error', 'error']);
    expect(plan[1]!.changes).toEqual(['金额 150 → 200']);
    expect(plan[4]!.errors.join()).toContain('重复');
    const fixed = planPaste(parsePasted('A-3\t6', projects), grid);
    expect(fixed[0]!.kind).toBe('fixed');
  });
});
