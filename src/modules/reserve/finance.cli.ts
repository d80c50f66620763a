import type { Command } from 'commander';
import { AppError } from '../../domain/errors';
import { financeFigures } from '../../domain/finance';

function parseFlows(text: string): number[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const flows = parts.map(Number);
  if (parts.length < 2 || flows.some((f) => !Number.isFinite(f))) {
    throw new AppError('validation', `现金流“${text}”有误：请用逗号分隔的数字，第0年在前，例如 --flows=-1000,200,300`);
  }
  return flows;
}

/** `zhaoshang finance`: the investor's figures of a list of yearly net cash flows, for analysts. */
export function financeCli(program: Command): void {
  program
    .command('finance')
    .description('投资测算：按年净现金流（第0年在前，年末发生）计算净现值、内部收益率、回收期、投资回报率')
    .requiredOption('--flows <list>', '逗号分隔的年净现金流，例如 --flows=-1000,200,300,400,500')
    .option('--rate <r>', '折现率（小数，如 0.08）', '0.08')
    .option('--json', '输出 JSON')
    .action((o: { flows: string; rate: string; json?: boolean }) => {
      const flows = parseFlows(o.flows);
      const rate = Number(o.rate);
      if (!Number.isFinite(rate) || rate <= -1) throw new AppError('validation', `折现率“${o.rate}”有误：请填大于 -1 的小数，如 0.08`);
      const f = financeFigures(flows, rate);
      const round = (x: number | null, d: number) => (x === null ? null : Number(x.toFixed(d)));
      const out = {
        npv: round(f.npv, 2),
        irr: round(f.irr, 6),
        paybackYears: round(f.paybackYears, 4),
        discountedPaybackYears: round(f.discountedPaybackYears, 4),
        roi: round(f.roi, 6),
      };
      if (o.json) {
        console.log(JSON.stringify(out, null, 2));
        return;
      }
      const pct = (x: number | null) => (x === null ? '无' : `${(x * 100).toFixed(2)}%`);
      const yrs = (x: number | null) => (x === null ? '期内不能收回' : `${x.toFixed(2)} 年`);
      console.log(`净现值（折现率 ${pct(rate)}）：${out.npv}`);
      console.log(`内部收益率：${pct(f.irr)}`);
      console.log(`静态回收期：${yrs(f.paybackYears)}；动态回收期：${yrs(f.discountedPaybackYears)}`);
      console.log(`投资回报率：${pct(f.roi)}`);
    });
}
