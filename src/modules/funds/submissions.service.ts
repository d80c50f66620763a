// The unit's monthly submission: the reporter submits the month, the unit head approves it, the
// head or the city office may return it; its entries move with it.
import { sql } from 'kysely';
import { isPostgres, type Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import type { Submission, SubmissionStatus } from '../../contracts/funds';
import { audit, nowIso } from '../audit/audit.service';
import { can, requirePermission, type Actor } from '../auth/actor';
import { assertUnitVisible, assertUnitWritable, scoped } from '../auth/scope';
import { assertPeriod, assertPeriodOpen } from './period-locks.service';

const OPEN_SUBMISSION: readonly string[] = ['draft', 'returned'];

export async function submissionRow(db: Tx, unitCode: string, period: string) {
  return db.selectFrom('submissions').selectAll().where('unit_code', '=', unitCode).where('period', '=', period).executeTakeFirst();
}

/** The unit may change its month only while its submission is not with the head or the city office. */
export async function assertSubmissionOpen(db: Tx, unitCode: string, period: string): Promise<void> {
  // The entry writer holds the month's submission row until it commits, so a concurrent submit
  // waits and then moves this entry too; or the submit came first and the entry is refused.
  await ensureSubmission(db, unitCode, period);
  const s = isPostgres(db)
    ? await db
        .selectFrom('submissions')
        .selectAll()
        .where('unit_code', '=', unitCode)
        .where('period', '=', period)
        .forUpdate()
        .executeTakeFirst()
    : await submissionRow(db, unitCode, period);
  if (s && !OPEN_SUBMISSION.includes(s.status)) {
    throw new AppError(
      'conflict',
      `${unitCode} 的 ${period} 月报已报送（${s.status === 'approved' ? '已审核' : '待审核'}），不能再修改；如需更正，请由单位负责人或市招商办退回后修改`,
    );
  }
}

export async function ensureSubmission(tx: Tx, unitCode: string, period: string): Promise<void> {
  const s = await submissionRow(tx, unitCode, period);
  if (s) return;
  const t = nowIso();
  // Two first entries of the unit's month at once: one row, no unique-constraint error.
  await tx
    .insertInto('submissions')
    .values({ unit_code: unitCode, period, status: 'draft', created_at: t, updated_at: t })
    .onConflict((oc) => oc.columns(['unit_code', 'period']).doNothing())
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Monthly submissions

async function submissionsFor(db: Tx, actor: Actor, period: string, unitCode?: string): Promise<Submission[]> {
  let units = scoped(db.selectFrom('units').select(['code', 'name', 'kind', 'sort', 'active']), 'units.code', actor);
  if (unitCode) units = units.where('code', '=', unitCode);
  const unitRows = await units.execute();
  let subs = db
    .selectFrom('submissions')
    .leftJoin('users as su', 'su.id', 'submissions.submitted_by')
    .leftJoin('users as au', 'au.id', 'submissions.approved_by')
    .selectAll('submissions')
    .select(['su.display_name as submitted_name', 'au.display_name as approved_name'])
    .where('submissions.period', '=', period);
  subs = scoped(subs, 'submissions.unit_code', actor);
  if (unitCode) subs = subs.where('submissions.unit_code', '=', unitCode);
  const subRows = await subs.execute();
  let counts = db
    .selectFrom('fund_entries')
    .select(['unit_code', 'status'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('amount_yuan').as('amount'),
      eb.fn.sum<number>('foreign_usd').as('usd'),
    ])
    .where('period', '=', period)
    .groupBy(['unit_code', 'status']);
  counts = scoped(counts, 'fund_entries.unit_code', actor);
  if (unitCode) counts = counts.where('unit_code', '=', unitCode);
  const countRows = await counts.execute();
  const bySub = new Map(subRows.map((s) => [s.unit_code, s]));
  const kindOrder: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };
  return (
    unitRows
      // The city's own unit reports only when it has something; inactive units only when they did.
      .filter((u) => (u.kind !== 'city' && u.active) || bySub.has(u.code) || unitCode === u.code)
      .sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || a.sort - b.sort || a.code.localeCompare(b.code))
      .map((u) => {
        const s = bySub.get(u.code);
        const c = { draft: 0, submitted: 0, approved: 0, verified: 0, returned: 0, total: 0 };
        let amountYuan = 0;
        let verifiedYuan = 0;
        let foreignUsd = 0;
        for (const r of countRows.filter((x) => x.unit_code === u.code)) {
          const n = Number(r.n);
          if (r.status in c) c[r.status as keyof typeof c] += n;
          c.total += n;
          amountYuan += Number(r.amount ?? 0);
          foreignUsd += Number(r.usd ?? 0);
          if (r.status === 'verified') verifiedYuan += Number(r.amount ?? 0);
        }
        return {
          unitCode: u.code,
          unitName: u.name,
          period,
          status: (s?.status ?? 'not_started') as SubmissionStatus,
          submittedBy: s?.submitted_name ?? null,
          submittedAt: s?.submitted_at ?? null,
          approvedBy: s?.approved_name ?? null,
          approvedAt: s?.approved_at ?? null,
          returnedReason: s?.returned_reason ?? null,
          version: s?.version ?? null,
          counts: c,
          amountYuan,
          verifiedYuan,
          foreignUsd,
        };
      })
  );
}

export async function listSubmissions(db: Tx, actor: Actor, period: string): Promise<Submission[]> {
  assertPeriod(period);
  return submissionsFor(db, actor, period);
}

export async function getSubmission(db: Tx, actor: Actor, unitCode: string, period: string): Promise<Submission> {
  assertPeriod(period);
  assertUnitVisible(actor, unitCode, '单位月报');
  const [s] = await submissionsFor(db, actor, period, unitCode);
  if (!s) throw new AppError('not_found', `单位 ${unitCode} 不存在`);
  return s;
}

async function transition(
  tx: Tx,
  unitCode: string,
  period: string,
  from: readonly string[],
  patch: Record<string, unknown>,
): Promise<boolean> {
  const t = nowIso();
  const res = await tx
    .updateTable('submissions')
    .set({ ...patch, version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode)
    .where('period', '=', period)
    .where('status', 'in', from as string[])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function submitSubmission(tx: Tx, actor: Actor, unitCode: string, period: string): Promise<Submission> {
  requirePermission(actor, 'submission.submit');
  assertPeriod(period);
  assertUnitVisible(actor, unitCode, '单位月报');
  assertUnitWritable(actor, unitCode);
  await assertPeriodOpen(tx, period);
  const unit = await tx.selectFrom('units').select('code').where('code', '=', unitCode).executeTakeFirst();
  if (!unit) throw new AppError('not_found', `单位 ${unitCode} 不存在`);
  await ensureSubmission(tx, unitCode, period);
  const t = nowIso();
  const before = await submissionRow(tx, unitCode, period);
  const ok = await transition(tx, unitCode, period, OPEN_SUBMISSION, {
    status: 'submitted',
    submitted_by: actor.userId,
    submitted_at: t,
    approved_by: null,
    approved_at: null,
  });
  if (!ok) throw new AppError('conflict', `${unitCode} 的 ${period} 月报已报送，无需重复报送`);
  const moved = await tx
    .updateTable('fund_entries')
    .set({ status: 'submitted', version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode)
    .where('period', '=', period)
    .where('status', 'in', ['draft', 'returned'])
    .executeTakeFirst();
  const after = await getSubmission(tx, actor, unitCode, period);
  await audit(tx, actor, {
    action: 'submit',
    entity: 'submission',
    entityId: `${unitCode}/${period}`,
    unitCode,
    summary: `报送 月报 ${unitCode} ${period}（${Number(moved.numUpdatedRows)} 条${after.counts.total === 0 ? '，本月无到位资金' : ''}）${before?.status === 'returned' ? '，退回后重报' : ''}`,
    before: { status: before?.status ?? 'not_started' },
    after: { status: after.status },
  });
  return after;
}

export async function approveSubmission(tx: Tx, actor: Actor, unitCode: string, period: string): Promise<Submission> {
  requirePermission(actor, 'submission.approve');
  assertPeriod(period);
  assertUnitVisible(actor, unitCode, '单位月报');
  assertUnitWritable(actor, unitCode);
  await assertPeriodOpen(tx, period);
  const t = nowIso();
  const ok = await transition(tx, unitCode, period, ['submitted'], {
    status: 'approved',
    approved_by: actor.userId,
    approved_at: t,
    returned_reason: null,
  });
  if (!ok) {
    const s = await submissionRow(tx, unitCode, period);
    throw new AppError(
      'conflict',
      s?.status === 'approved' ? `${unitCode} 的 ${period} 月报已审核` : `${unitCode} 的 ${period} 月报尚未报送，填报员报送后才能审核`,
    );
  }
  const moved = await tx
    .updateTable('fund_entries')
    .set({ status: 'approved', version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode)
    .where('period', '=', period)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  const after = await getSubmission(tx, actor, unitCode, period);
  await audit(tx, actor, {
    action: 'approve',
    entity: 'submission',
    entityId: `${unitCode}/${period}`,
    unitCode,
    summary: `审核通过 月报 ${unitCode} ${period}（${Number(moved.numUpdatedRows)} 条）`,
    before: { status: 'submitted' },
    after: { status: 'approved' },
  });
  return after;
}

/** The unit head sends a submitted month back to the reporter; the city office may send an approved one back too. */
export async function returnSubmission(tx: Tx, actor: Actor, unitCode: string, period: string, reason: string): Promise<Submission> {
  assertPeriod(period);
  assertUnitVisible(actor, unitCode, '单位月报');
  const s = await submissionRow(tx, unitCode, period);
  if (!s || !['submitted', 'approved'].includes(s.status))
    throw new AppError('conflict', `${unitCode} 的 ${period} 月报未处于已报送或已审核状态，无需退回`);
  if (s.status === 'approved') requirePermission(actor, 'fund.verify');
  else if (!can(actor, 'submission.approve')) requirePermission(actor, 'fund.verify');
  assertUnitWritable(actor, unitCode);
  await assertPeriodOpen(tx, period);
  const t = nowIso();
  const ok = await transition(tx, unitCode, period, [s.status], { status: 'returned', returned_reason: reason });
  if (!ok) throw new AppError('stale', '该月报刚被他人处理，请刷新');
  const moved = await tx
    .updateTable('fund_entries')
    .set({ status: 'returned', returned_reason: reason, version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode)
    .where('period', '=', period)
    .where('status', 'in', ['submitted', 'approved'])
    .executeTakeFirst();
  const after = await getSubmission(tx, actor, unitCode, period);
  await audit(tx, actor, {
    action: 'return',
    entity: 'submission',
    entityId: `${unitCode}/${period}`,
    unitCode,
    summary: `退回 月报 ${unitCode} ${period}（${Number(moved.numUpdatedRows)} 条）：${reason}`,
    before: { status: s.status },
    after: { status: 'returned', reason },
  });
  return after;
}
