import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { financeCli } from './finance.cli';

describe('zhaoshang finance', () => {
  it('prints the five figures as JSON (numbers or null)', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const program = new Command().exitOverride();
    financeCli(program);
    await program.parseAsync(['node', 'x', 'finance', '--flows=-1000,200,300,400,500', '--rate', '0.08', '--json']);
    const out = JSON.parse(String(log.mock.calls[0]![0]));
    log.mockRestore();
    expect(Object.keys(out)).toEqual(['npv', 'irr', 'paybackYears', 'discountedPaybackYears', 'roi']);
    expect(out.npv).toBeCloseTo(127.43, 2);
    expect(out.paybackYears).toBe(3.2);
    expect(out.roi).toBe(0.4);
  });

  it('no IRR and never paid back come out as null', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const program = new Command().exitOverride();
    financeCli(program);
    await program.parseAsync(['node', 'x', 'finance', '--flows=-100,-50,-10', '--json']);
    const out = JSON.parse(String(log.mock.calls[0]![0]));
    log.mockRestore();
    expect(out).toMatchObject({ irr: null, paybackYears: null, discountedPaybackYears: null, roi: -1 });
  });
});
