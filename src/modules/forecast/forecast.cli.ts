import type { Command } from 'commander';
import { cliActor, withDb } from '../../cli-context';
import { formatPercent, formatYi } from '../../domain/money';
import { forecast } from './forecast.service';

/** `zhaoshang stats forecast`: a subcommand of `stats` (registered after statsCli). */
export function forecastCli(program: Command): void {
  const stats = program.commands.find((c) => c.name() === 'stats') ?? program.command('stats').description('统计');
  stats
    .command('forecast')
    .description('全年到位资金预测（已核实口径）：预计值、80%区间、完成目标的概率、回测误差')
    .option('--year <YYYY>', '年度（默认：报告期所在年）')
    .option('--as-of <YYYY-MM>', '报告期：只使用截至该月末的数据（默认：有已核实资金的最新月份）')
    .option('--unit <code>', '只预测该单位')
    .option('--json', '输出 JSON')
    .option('--as <user>', '以该用户身份查询（单位用户只能看本单位）')
    .action(async (o: { year?: string; asOf?: string; unit?: string; json?: boolean; as?: string }) => {
      if (o.year && !/^\d{4}$/.test(o.year)) throw new Error(`年度“${o.year}”应为四位数字`);
      if (o.year && o.asOf && !o.asOf.startsWith(`${o.year}-`)) throw new Error(`--as-of ${o.asOf} 不在 --year ${o.year} 年内`);
      const asOf = o.asOf ?? (o.year ? `${o.year}-12` : undefined);
      await withDb(async (db) => {
        const actor = await cliActor(db, o.as);
        const f = await forecast(db, actor, { asOf, unit: o.unit });
        if (o.json) {
          console.log(JSON.stringify(f, null, 2));
          return;
        }
        console.log(`${f.asOf} ${f.scope.name}：${f.sentence}`);
        for (const u of f.units) {
          console.log(
            `  ${u.code.padEnd(6)} ${u.name.padEnd(10)} 预计${formatYi(u.expectedYuan).padStart(10)}  ` +
              `区间 ${formatYi(u.lowYuan)}–${formatYi(u.highYuan)}  确保 ${formatPercent(u.probabilityBase)}${u.gapUncovered ? '  ⚠ 在手项目难以补足缺口' : ''}`,
          );
        }
      });
    });
}
