import { Command, Option } from 'commander';
import { roleSchema } from '../contracts/common';
import { AppError } from '../domain/errors';
import { createUser } from '../modules/users/users.service';
import { loadDemo } from '../modules/demo/demo.service';
import { ledgerCli } from '../modules/ledger/ledger.cli';
import { statsCli } from '../modules/stats/stats.cli';
import { reportsCli } from '../modules/reports/reports.cli';
import { forecastCli } from '../modules/forecast/forecast.cli';
import { warningsCli } from '../modules/warnings/warnings.cli';
import { financeCli } from '../modules/reserve/finance.cli';
import { notificationsCli } from '../modules/notifications/notifications.cli';
import { cliActor, withDb } from '../cli-context';
import { backupCli } from '../modules/backup/backup.cli';

const program = new Command();
program.name('zhaoshang').description('招商引资调度平台 — 命令行').showHelpAfterError();

program
  .command('serve')
  .description('启动服务（迁移数据库、提供网页与 API）')
  .option('-p, --port <port>', '端口（默认读取 PORT，否则 3000）')
  .action(async (o: { port?: string }) => {
    if (o.port) process.env.PORT = o.port;
    const { serve } = await import('../server/main');
    await serve();
  });

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    await withDb(async (_db, config) => console.log(`数据库已是最新：${config.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`));
  });

program
  .command('demo')
  .description('加载演示数据：虚构的吉林市（约300个项目、三年的到位资金）')
  .option('--seed <n>', '随机种子', '2026')
  .option('--as <user>', '以该用户名义记入审计日志')
  .option('--fixed-password', '演示账号使用固定密码 demo1234（默认为每个账号生成随机密码，只显示这一次）')
  .action(async (o: { seed: string; as?: string; fixedPassword?: boolean }) => {
    await withDb(async (db) => {
      const s = await loadDemo(db, await cliActor(db, o.as), { seed: Number(o.seed), fixedPassword: !!o.fixedPassword });
      console.log(
        `已加载演示数据：${s.units} 个单位，${s.investors} 个客商，${s.projects} 个项目，${s.fundEntries} 条到位资金，${s.targets} 条目标，${s.activities} 次招商活动，${s.reserveProjects} 个储备项目`,
      );
      if (s.users.length) {
        console.log(o.fixedPassword ? '演示账号（仅供试用）：' : '演示账号（仅供试用；随机密码只显示这一次，请现在记下）：');
        for (const u of s.users) console.log(`  ${u.username} / ${u.password}  ${u.role}${u.unitCode ? ` ${u.unitCode}` : ''}`);
      }
    });
  });

const user = program.command('user').description('用户管理');
user
  .command('add')
  .description('新增用户')
  .requiredOption('-u, --username <name>', '用户名')
  .requiredOption('--password <pw>', '密码（至少10位，不能是常见密码）')
  .option('-n, --name <displayName>', '姓名')
  .addOption(new Option('-r, --role <roles>', '角色，逗号分隔：city_office,reporter,unit_head,leader,supervisor,admin').default('reporter'))
  .option('--unit <code>', '所属单位代码（填报员、负责人必填）')
  .action(async (o: { username: string; password: string; name?: string; role: string; unit?: string }) => {
    const roles = o.role.split(',').map((r) => roleSchema.parse(r.trim()));
    await withDb(async (db) => {
      const u = await db.transaction().execute(async (tx) =>
        createUser(
          tx,
          await cliActor(db),
          {
            username: o.username,
            displayName: o.name ?? o.username,
            password: o.password,
            roles,
            unitCode: o.unit ?? null,
          },
          { skipPermission: true },
        ),
      );
      console.log(`已新增用户 ${u.username}（${u.roles.join(',')}${u.unitCode ? `，${u.unitCode}` : ''}）`);
    });
  });

ledgerCli(program);
statsCli(program);
reportsCli(program);
backupCli(program);
forecastCli(program);
warningsCli(program);
financeCli(program);
notificationsCli(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError)
    console.error(
      `错误：${err.message}${
        err.fields
          ? `\n${Object.entries(err.fields)
              .map(([k, v]) => `  ${k}: ${v}`)
              .join('\n')}`
          : ''
      }`,
    );
  else console.error(err instanceof Error ? `错误：${err.message}` : err);
  process.exitCode = 1;
});
