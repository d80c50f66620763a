import type { Command } from 'commander';
import { cliActor, withDb } from '../../cli-context';
import { runDigest } from './digest.service';
import { sendDue } from './webhooks.service';

export function notificationsCli(program: Command): void {
  const n = program.command('notifications').description('通知与群机器人');
  n.command('digest')
    .description('生成各单位的每日简报并推送到其群机器人（随后立即投递到期消息）')
    .option('--dry-run', '只显示简报内容，不发送')
    .option('--as <user>', '以该用户名义记入审计日志')
    .action(async (o: { dryRun?: boolean; as?: string }) => {
      await withDb(async (db) => {
        const r = await runDigest(db, await cliActor(db, o.as), { dryRun: !!o.dryRun });
        if (!r.digests.length) console.log('尚未配置任何启用的群机器人：请在“系统管理 → 群机器人”中添加');
        for (const d of r.digests) {
          console.log(`== ${d.title}（${d.webhooks} 个机器人）\n${d.markdown}\n`);
        }
        if (o.dryRun) {
          console.log(`预览：${r.digests.length} 份简报，未发送`);
          return;
        }
        const s = await sendDue(db);
        console.log(`已排队 ${r.queued} 条消息；本次发送成功 ${s.sent}，稍后重试 ${s.retrying}，失败 ${s.failed}`);
      });
    });
}
