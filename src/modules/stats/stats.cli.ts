import type { Command } from 'commander';
import { Option } from 'commander';
import { cliActor, withDb } from '../../cli-context';
import { briefingFigures } from '../../domain/stats';
import { formatPercent, formatYi } from '../../domain/money';
import { dispatchStats, resolveScope } from './stats.service';
import { checkFundRollups, checkRollupTriggers, rebuildFundRollups } from './rollups';
import type { StatsBasis } from '../../contracts/stats';

export function statsCli(program: Command): void {
  const stats = program.command('stats').description('统计');
  stats
    .command('dispatch')
    .description('调度会统计：累计到位资金、同比、完成率、单位排名等')
    .option('--period <YYYY-MM>', '报告期（默认：有数据的最新月份）')
    .option('--unit <code>', '只统计该单位')
    .addOption(
      new Option('--basis <basis>', '口径：verified 仅已核实；reported 含已报送').choices(['verified', 'reported']).default('verified'),
    )
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
        console.log(
          `${f.periodText}${o.unit ? `（${o.unit}）` : ''}：到位资金${f.fundsYi}，完成全年目标的${f.completionText}（时间进度${f.timeProgressText}），${f.yoyText}；利用外资${f.foreignText}；域外资金${f.outsideRegionYi}。`,
        );
        for (const u of s.units) {
          console.log(
            `  ${String(u.rank ?? '-').padStart(2)}  ${u.code.padEnd(6)} ${u.name.padEnd(10)} ${formatYi(u.fundsYtdYuan).padStart(10)}  ${formatPercent(u.completion)}`,
          );
        }
      });
    });
  stats
    .command('check-rollups')
    .description('核对统计汇总表（fund_rollups、fund_project_firsts）与到位资金明细是否一致；不一致时退出码为 1')
    .action(async () => {
      await withDb(async (db) => {
        const triggers = await checkRollupTriggers(db);
        for (const d of triggers) {
          console.error(
            `  触发器 ${d.name}：${d.problem === 'missing' ? '缺失' : d.problem === 'different' ? '与当前统计口径生成的不同' : '多余'}`,
          );
        }
        if (triggers.length) process.exitCode = 1;
        const diffs = await checkFundRollups(db);
        if (diffs.length === 0) {
          console.log('统计汇总表与到位资金明细一致。');
          return;
        }
        console.error(`统计汇总表有 ${diffs.length} 处与明细不一致（可运行 stats rebuild-rollups 重建）：`);
        for (const d of diffs.slice(0, 50))
          console.error(`  ${d.table} ${d.key}: 应为 ${d.expected ?? '（无）'}，实为 ${d.actual ?? '（无）'}`);
        process.exitCode = 1;
      });
    });
  stats
    .command('rebuild-rollups')
    .description('按到位资金明细重建统计汇总表')
    .action(async () => {
      await withDb(async (db) => {
        const t0 = Date.now();
        await db.transaction().execute((tx) => rebuildFundRollups(tx));
        console.log(`统计汇总表已重建（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。`);
      });
    });
}
