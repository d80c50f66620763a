// The daily digest: one markdown message per unit to that unit's robots (and a city-wide one to the
// city office's robots) instead of one message per warning — red and yellow counts, the red list,
// and supervision tasks due or overdue.
import type { Db, Tx } from '../../db/database';
import { addDays, todayIso } from '../../domain/period';
import { WARNING_RULE_LABELS, type WarningRule } from '../../domain/warnings';
import { audit } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { enqueue } from './webhooks.service';

export interface Digest {
  unitCode: string | null;
  unitName: string;
  title: string;
  markdown: string;
  red: number;
  yellow: number;
  due: number;
  overdue: number;
}

const RED_LIST = 10;
const DUE_WITHIN_DAYS = 3;

/** The digest of one unit (null: the whole city, for the city office) as of a day. */
export async function composeDigest(db: Tx, unitCode: string | null, today = todayIso()): Promise<Digest> {
  const unitName = unitCode
    ? ((await db.selectFrom('units').select('name').where('code', '=', unitCode).executeTakeFirst())?.name ?? unitCode)
    : '全市';
  let wq = db
    .selectFrom('warnings')
    .leftJoin('units', 'units.code', 'warnings.unit_code')
    .select([
      'warnings.rule',
      'warnings.level',
      'warnings.project_name',
      'warnings.message',
      'warnings.first_seen',
      'units.name as unit_name',
    ])
    .where('warnings.cleared_at', 'is', null);
  if (unitCode) wq = wq.where('warnings.unit_code', '=', unitCode);
  const warnings = await wq.orderBy('warnings.first_seen').orderBy('warnings.id').execute();
  let tq = db
    .selectFrom('supervision_tasks')
    .select(['id', 'title', 'deadline', 'status'])
    .where('status', '<>', 'closed')
    .where('deadline', '<=', addDays(today, DUE_WITHIN_DAYS));
  if (unitCode) tq = tq.where('unit_code', '=', unitCode);
  const tasks = await tq.orderBy('deadline').orderBy('id').execute();
  const red = warnings.filter((w) => w.level === 'red');
  const overdue = tasks.filter((t) => t.deadline < today);
  const due = tasks.filter((t) => t.deadline >= today);
  const title = `${unitName}招商预警日报（${today}）`;
  const lines = [
    // plain markdown only: the three robots agree on bold and lists, not on colours
    `**在预警**：红色 ${red.length} 条，黄色 ${warnings.length - red.length} 条`,
    `**督办**：超期 ${overdue.length} 件，${DUE_WITHIN_DAYS} 日内到期 ${due.length} 件`,
  ];
  if (red.length) {
    lines.push('', `**红色预警${red.length > RED_LIST ? `（前 ${RED_LIST} 条，共 ${red.length} 条）` : ''}**`);
    for (const w of red.slice(0, RED_LIST)) {
      const who = unitCode ? '' : `${w.unit_name ?? ''}·`;
      lines.push(`- ${who}${WARNING_RULE_LABELS[w.rule as WarningRule]}：${w.project_name ? `${w.project_name}，` : ''}${w.message}`);
    }
  }
  if (overdue.length || due.length) {
    lines.push('', '**督办事项**');
    for (const t of [...overdue, ...due].slice(0, RED_LIST))
      lines.push(`- ${t.deadline < today ? '已超期' : '将到期'}（期限 ${t.deadline}）：${t.title}`);
  }
  if (!warnings.length && !tasks.length) lines.push('', '今日无在预警事项，无到期督办。');
  return {
    unitCode,
    unitName,
    title,
    markdown: lines.join('\n'),
    red: red.length,
    yellow: warnings.length - red.length,
    due: due.length,
    overdue: overdue.length,
  };
}

export interface DigestRun {
  date: string;
  dryRun: boolean;
  digests: (Digest & { webhooks: number })[];
  queued: number;
}

/** Composes the digest of every unit that has an active robot and queues it (unless a dry run). */
export async function runDigest(db: Db, actor: Actor, opts: { dryRun?: boolean; today?: string; now?: number } = {}): Promise<DigestRun> {
  requirePermission(actor, 'webhook.manage');
  const today = opts.today ?? todayIso();
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'unit_code'])
    .where('active', '=', 1)
    .orderBy('unit_code')
    .orderBy('id')
    .execute();
  const units = [...new Set(hooks.map((h) => h.unit_code))];
  return db.transaction().execute(async (tx) => {
    const digests: DigestRun['digests'] = [];
    let queued = 0;
    for (const unit of units) {
      const d = await composeDigest(tx, unit, today);
      const mine = hooks.filter((h) => h.unit_code === unit);
      digests.push({ ...d, webhooks: mine.length });
      if (opts.dryRun) continue;
      for (const h of mine) {
        await enqueue(
          tx,
          Number(h.id),
          { summary: `每日简报 ${today}：红 ${d.red}，黄 ${d.yellow}，督办超期 ${d.overdue}`, title: d.title, markdown: d.markdown },
          opts.now,
        );
        queued++;
      }
    }
    if (!opts.dryRun) {
      await audit(tx, actor, {
        action: 'create',
        entity: 'webhook_digest',
        entityId: today,
        summary: `每日简报（${today}）：${digests.length} 个单位，排队 ${queued} 条消息`,
      });
    }
    return { date: today, dryRun: !!opts.dryRun, digests, queued };
  });
}

/** The job: after 08:00 (Asia/Shanghai, when the morning's warnings are in) once per day, whichever instance first. */
export async function runDailyDigest(db: Db, actor: Actor, now = new Date()): Promise<void> {
  const shanghaiHour = (now.getUTCHours() + 8) % 24;
  if (shanghaiHour < 8) return;
  const today = todayIso(now);
  // The scheduler's lock keeps other instances out of this tick; the audited run marks the day as done
  // (a digest the city office already sent by hand today counts).
  const done = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'webhook_digest')
    .where('entity_id', '=', today)
    .executeTakeFirst();
  if (done) return;
  await runDigest(db, actor, { today });
}
