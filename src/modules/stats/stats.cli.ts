import type { Command } from 'commander';
import { Option } from 'commander';
import { cliActor, withDb } from '../../cli/context';
import { briefingFigures } from '../../domain/stats';
import { formatPercent, formatYi } from '../../domain/money';
import { dispatchStats, resolveScope } from './stats.service';
import type { StatsBasis } from '../../contracts/stats';

export function statsCli(program: Command): void {
  const stats = program.command('stats').description('统计');
  stats.command('dispatch').description('调度会统计：累计到位资金、同比、完成率、单位排名等')
    .option('--period <YYYY-MM>', '报告期（默认：有数据的最新月份）')
    .option('--unit <code>', '只统计该单位')
    .addOption(new Option('--basis <basis>', '口径：verified 仅已核实；reported 含已报送').choices(['verified', 'reported']).default('verified'))
    .option('--json', '输出 JSON')
    .option('--as <user>', '以该用户身份查询（单位用户只能看本单位）')
    .action(async (o: { period?: string; unit?: string; basis: StatsBasis; json?: boolean; as?: string }) => {
      await withDb(async (db) => {
        const actor = await cliActor(db, o.as);
        const s = await dispatchStats(db, await resolveScope(db, actor, { period: o.period, unit: o.unit, basis: o.basis }));
        if (o.json) {
          console.log(JSON.stringify(s, null, 2));
          return;
        }
        const f = briefingFigures(s);
        console.log(`${f.periodText}${o.unit ? `（${o.unit}）` : ''}：到位资金${f.fundsYi}，完成全年目标的${f.completionText}（时间进度${f.timeProgressText}），${f.yoyText}；利用外资${f.foreignText}；域外资金${f.outsideRegionYi}。`);
        for (const u of s.units) {
          console.log(`  ${String(u.rank ?? '-').padStart(2)}  ${u.code.padEnd(6)} ${u.name.padEnd(10)} ${formatYi(u.fundsYtdYuan).padStart(10)}  ${formatPercent(u.completion)}`);
        }
      });
    });
}
