import type { Command } from 'commander';
import { cliActor, withDb } from '../../cli-context';
import { WARNING_RULE_LABELS } from '../../domain/warnings';
import { runWarnings } from './warnings.service';

export function warningsCli(program: Command): void {
  const w = program.command('warnings').description('预警');
  w.command('run')
    .description('按预警规则计算（幂等；多实例时只有一个在算）并输出在预警清单')
    .option('--as-of <YYYY-MM-DD>', '截至日期（默认今天）')
    .option('--json', '输出 JSON')
    .option('--as <user>', '以该用户名义记入审计日志')
    .action(async (o: { asOf?: string; json?: boolean; as?: string }) => {
      await withDb(async (db) => {
        const r = await runWarnings(db, await cliActor(db, o.as), { asOf: o.asOf, trigger: 'cli' });
        const warnings = r.warnings.map((x) => ({
          rule: x.rule,
          level: x.level,
          unitCode: x.unitCode,
          ...(x.projectCode ? { projectCode: x.projectCode, projectName: x.projectName } : {}),
          ...(x.subjectKey.startsWith('activity:') ? { activityId: Number(x.subjectKey.slice('activity:'.length)) } : {}),
          ...(x.subjectKey.startsWith('inquiry:') ? { inquiryId: Number(x.subjectKey.slice('inquiry:'.length)) } : {}),
          owner: x.owner,
          message: x.message,
        }));
        if (o.json) {
          console.log(JSON.stringify({ asOf: r.asOf, warnings }, null, 2));
          return;
        }
        console.log(
          `截至 ${r.asOf}：在预警 ${r.open} 条（红 ${warnings.filter((x) => x.level === 'red').length}），新增 ${r.raised}，解除 ${r.cleared}`,
        );
        for (const x of warnings) {
          console.log(
            `  ${x.level === 'red' ? '红' : '黄'}  ${x.unitCode.padEnd(5)} ${WARNING_RULE_LABELS[x.rule]}  ${x.projectCode ?? ''} ${x.message}`,
          );
        }
      });
    });
}
