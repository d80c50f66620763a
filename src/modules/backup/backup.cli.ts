import type { Command } from 'commander';
import { isPostgresUrl } from '../../db/database';
import { loadConfig } from '../../config';
import { withDb } from '../../cli-context';
import { backupLogical, backupSqlite, restore } from './backup.service';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function backupCli(program: Command): void {
  program
    .command('backup')
    .description('在线备份整个数据库到文件（服务运行中也可执行；SQLite 用其备份接口，PostgreSQL 导出每张表）')
    .argument('<file>', '备份文件路径（不会覆盖已有文件）')
    .option('--logical', 'SQLite 也导出为逻辑备份（gzip JSON 行），可恢复到 PostgreSQL')
    .action(async (file: string, o: { logical?: boolean }) => {
      const config = loadConfig();
      const started = Date.now();
      const s =
        !isPostgresUrl(config.databaseUrl) && !o.logical
          ? await backupSqlite(config.databaseUrl, file)
          : await withDb((db) => backupLogical(db, file));
      console.log(
        `备份完成：${s.file}（${s.kind === 'sqlite' ? 'SQLite 数据库文件' : '逻辑备份'}，${s.tables} 张表，${s.rows} 行，${mb(s.bytes)}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
      );
    });
  program
    .command('restore')
    .description('从备份文件恢复到一个空数据库（DATABASE_URL 指向的数据库必须为空）')
    .argument('<file>', '备份文件（zhaoshang backup 生成）')
    .action(async (file: string) => {
      const started = Date.now();
      await withDb(async (db) => {
        const s = await restore(db, file);
        console.log(`恢复完成：${s.tables} 张表，${s.rows} 行，统计汇总已重建，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      });
    });
}
