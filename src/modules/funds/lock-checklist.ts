// Guard the month: before a period is locked, what is still unfinished — units that have not
// submitted, submissions waiting for approval, entries waiting for verification (with amounts).
// Locking over unfinished work needs an explicit acknowledgement, which goes into the audit log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { periodSchema } from '../../contracts/common';
import { lockChecklistSchema, type LockChecklist } from '../../contracts/lock-checklist';
import { AppError } from '../../domain/errors';
import type { Tx } from '../../db/database';
import type { Actor } from '../auth/actor';
import { audit } from '../audit/audit.service';

type Row = LockChecklist['notSubmitted'][number];

export async function lockChecklist(db: Tx, period: string): Promise<LockChecklist> {
  const units = await db.selectFrom('units').select(['code', 'name', 'kind', 'active', 'sort']).orderBy('sort').orderBy('code').execute();
  const subs = await db.selectFrom('submissions').select(['unit_code', 'status']).where('period', '=', period).execute();
  const sums = await db
    .selectFrom('fund_entries')
    .select(['unit_code', 'status'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_yuan').as('amount')])
    .where('period', '=', period)
    .groupBy(['unit_code', 'status'])
    .execute();
  const locked = !!(await db.selectFrom('period_locks').select('period').where('period', '=', period).executeTakeFirst());
  const statusOf = new Map(subs.map((s) => [s.unit_code, s.status]));
  const of = (code: string, statuses?: string[]) =>
    sums
      .filter((r) => r.unit_code === code && (!statuses || statuses.includes(r.status)))
      .reduce((a, r) => ({ n: a.n + Number(r.n), amount: a.amount + Number(r.amount ?? 0) }), { n: 0, amount: 0 });
  const notSubmitted: Row[] = [];
  const awaitingApproval: Row[] = [];
  const awaitingVerification: Row[] = [];
  for (const u of units) {
    const status = statusOf.get(u.code) ?? 'not_started';
    // Like the status board: the city's own unit and inactive units count only when they reported.
    if ((u.kind === 'city' || !u.active) && !statusOf.has(u.code)) continue;
    const all = of(u.code);
    const row = (x: { n: number; amount: number }) => ({ unitCode: u.code, unitName: u.name, status, entries: x.n, amountYuan: x.amount });
    if (status === 'not_started' || status === 'draft' || status === 'returned') notSubmitted.push(row(all));
    else if (status === 'submitted') awaitingApproval.push(row(all));
    const approved = of(u.code, ['approved']);
    if (approved.n > 0) awaitingVerification.push(row(approved));
  }
  const unfinished = notSubmitted.length + awaitingApproval.length + awaitingVerification.length > 0;
  return { period, locked, notSubmitted, awaitingApproval, awaitingVerification, unfinished };
}

/**
 * Called before locking: an unfinished month is refused (409 with the checklist in detail) unless
 * the person acknowledged it; the acknowledgement and what was unfinished are audited.
 */
export async function guardLock(tx: Tx, actor: Actor, period: string, acknowledgeUnfinished: boolean): Promise<void> {
  const c = await lockChecklist(tx, period);
  if (c.locked || !c.unfinished) return;
  const summary = `${c.notSubmitted.length}个单位未报送、${c.awaitingApproval.length}个单位待审核、${c.awaitingVerification.length}个单位有待核实条目`;
  if (!acknowledgeUnfinished) {
    throw new AppError('conflict', `报告期 ${period} 还有未完成的工作（${summary}）。请先处理，或确认后仍然锁定。`, undefined, {
      checklist: c,
    });
  }
  await audit(tx, actor, {
    action: 'lock',
    entity: 'period',
    entityId: period,
    summary: `确认未完成事项后锁定报告期 ${period}：${summary}`,
    after: {
      acknowledgeUnfinished: true,
      notSubmitted: c.notSubmitted,
      awaitingApproval: c.awaitingApproval,
      awaitingVerification: c.awaitingVerification,
    },
  });
}

export const lockChecklistRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/periods/:period/lock-checklist',
    {
      config: { permission: 'period.lock' },
      schema: {
        tags: ['到位资金 funds'],
        summary: '锁定前检查：未报送单位、待审核月报、待核实条目（含金额）',
        params: z.object({ period: periodSchema }),
        response: { 200: lockChecklistSchema },
      },
    },
    async (req) => lockChecklist(app.db, req.params.period),
  );
};
