// 到位资金: one row per project and month. 状态 is 待核实 or 已核实 (FUND_STATUS_LABELS); a locked
// month refuses any row that would change it, with the period-lock message the services give.
import { sql } from 'kysely';
import { lockedMessage } from '../../../contracts/funds';
import { AppError } from '../../../domain/errors';
import { FUND_STATUS_LABELS, fundStatusFromLabel, type FundStatus } from '../../../domain/labels';
import { parsePeriod } from '../../../domain/period';
import { readRow } from '../ledger.columns';
import { updateManyById, type SqlType } from '../ledger.write';
import { changed, type CheckContext, type FundRec, type WriteContext } from '../ledger.plan';

const FUND_COLUMN_TYPES: Record<string, SqlType> = {
  amount_yuan: 'BIGINT',
  foreign_usd: 'BIGINT',
  status: 'TEXT',
  verified_by: 'BIGINT',
  verified_at: 'TEXT',
};

/** The two statuses a ledger row states: every status but 已核实 is written (and read) as 待核实. */
const STATUS_CHOICES = `${FUND_STATUS_LABELS.submitted}/${FUND_STATUS_LABELS.verified}`;

export async function checkFunds(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const sheet = ctx.raw.sheets.get('funds');
  if (!sheet) return;
  const existing = new Map<
    string,
    { id: number; version: number; amount_yuan: number; foreign_usd: number; status: string; unit_code: string }
  >();
  for (const f of await ctx.db
    .selectFrom('fund_entries')
    .select(['id', 'version', 'project_id', 'period', 'amount_yuan', 'foreign_usd', 'status', 'unit_code'])
    .where('kind', '=', 'regular')
    .execute()) {
    const code = ctx.projectCodeById.get(f.project_id);
    if (code !== undefined) existing.set(`${code}|${f.period}`, f);
  }
  const locked = new Set((await ctx.db.selectFrom('period_locks').select('period').execute()).map((l) => l.period));
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const v = readRow(ck, sheet, r, 'funds', st);
    const code = v.项目编号;
    const period = v.月份;
    const amount = v['到位金额(万元)'];
    if (code !== undefined && !ctx.projectCodes.has(code)) {
      ck.err(sheet, r.row, '项目编号', `项目“${code}”不存在：请先在“项目”表中列出该项目，或核对编号`);
      st.bad = true;
    }
    let status = 'submitted';
    if (v.状态) {
      // (typed wide: withAliases infers its code type from the aliases alone)
      const s = fundStatusFromLabel(v.状态) as FundStatus | null;
      if (s === 'verified' || s === 'submitted') status = s;
      else {
        ck.err(sheet, r.row, '状态', `“${v.状态}”不是有效状态 (${STATUS_CHOICES})`);
        st.bad = true;
      }
    }
    if (code === undefined || period === undefined) continue;
    const key = `${code}|${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ck.err(sheet, r.row, '月份', `项目 ${code} 的 ${period} 到位资金与第${first}行重复（同一项目每月一行）`);
      continue;
    }
    seen.set(key, r.row);
    if (st.bad || amount === undefined) continue;
    plan.funds.rows++;
    const rec: FundRec = { projectCode: code, period, amount_yuan: amount, foreign_usd: v['其中外资(万美元)'] ?? 0, status };
    const ex = existing.get(key);
    let write = true;
    if (!ex) plan.funds.creates.push(rec);
    else {
      // 待核实 stands for every status but 已核实 (export writes it so): no downgrade of approved etc.
      const sameStatus = status === 'verified' ? ex.status === 'verified' : ex.status !== 'verified';
      const next: Partial<FundRec & { status: string }> = { amount_yuan: rec.amount_yuan };
      if (ck.has(sheet, '其中外资(万美元)')) next.foreign_usd = rec.foreign_usd;
      const d = changed(ex as Partial<FundRec>, next);
      if (!sameStatus && ck.has(sheet, '状态')) {
        const dd = d ?? { before: {}, after: {} };
        dd.before.status = ex.status;
        dd.after.status = status;
        plan.funds.updates.push({ id: ex.id, version: ex.version, ...dd, rec });
      } else if (d) plan.funds.updates.push({ id: ex.id, version: ex.version, ...d, rec });
      else {
        plan.funds.unchanged++;
        write = false;
      }
    }
    if (write && locked.has(period)) ck.err(sheet, r.row, '月份', lockedMessage(period));
  }
}

export async function applyFunds(w: WriteContext): Promise<void> {
  const { tx, plan, now, actor } = w;
  const pid = (code: string) => {
    const id = plan.projectIdByCode.get(code);
    if (id === undefined) throw new AppError('validation', `项目 ${code} 不存在`);
    return id;
  };
  const what = (f: FundRec) => `${f.projectCode} ${f.period}`;
  await w.insertChunks(plan.funds.creates, async (chunk) => {
    const rows = await tx
      .insertInto('fund_entries')
      .values(
        chunk.map((f) => {
          const p = parsePeriod(f.period)!;
          const verified = f.status === 'verified';
          return {
            project_id: pid(f.projectCode),
            unit_code: plan.unitOfProject.get(f.projectCode)!,
            period: f.period,
            year: p.year,
            month: p.month,
            kind: 'regular',
            amount_yuan: f.amount_yuan,
            foreign_usd: f.foreign_usd,
            status: f.status,
            created_by: actor.userId,
            verified_by: verified ? actor.userId : null,
            verified_at: verified ? now : null,
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .returning(['id', 'project_id', 'period'])
      .execute();
    const byKey = new Map(chunk.map((f) => [`${pid(f.projectCode)}|${f.period}`, f]));
    for (const r of rows) {
      const f = byKey.get(`${r.project_id}|${r.period}`)!;
      w.audits.push({
        action: 'create',
        entity: 'fund_entry',
        entityId: r.id,
        unitCode: plan.unitOfProject.get(f.projectCode) ?? null,
        summary: w.summary('新增到位资金', what(f)),
        after: { period: f.period, amountYuan: f.amount_yuan, foreignUsd: f.foreign_usd, status: f.status },
      });
    }
  });
  // Changed months: one statement per chunk of rows changing the same columns.
  await w.insertChunks(plan.funds.updates, async (chunk) => {
    await updateManyById(
      tx,
      'fund_entries',
      chunk.map((f) => {
        const set: Record<string, unknown> = { ...f.after };
        if (set.status === 'verified') {
          set.verified_by = actor.userId;
          set.verified_at = now;
        } else if ('status' in set) {
          set.verified_by = null;
          set.verified_at = null;
        }
        return { id: f.id, version: f.version, set };
      }),
      FUND_COLUMN_TYPES,
      now,
    );
    for (const f of chunk) {
      w.audits.push({
        action: 'update',
        entity: 'fund_entry',
        entityId: f.id,
        unitCode: plan.unitOfProject.get(f.rec.projectCode) ?? null,
        summary: w.summary('修改到位资金', what(f.rec)),
        before: f.before,
        after: f.after,
      });
    }
  });
  await addMonthlySubmissions(w);
}

/**
 * A month that arrives through the ledger was reported outside the system: it gets the unit's
 * monthly submission (approved when every entry is verified, else submitted and awaiting
 * verification), so the status board does not show it as never reported.
 */
async function addMonthlySubmissions(w: WriteContext): Promise<void> {
  const { tx, plan, now, actor } = w;
  const fundPeriods = [...new Set([...plan.funds.creates.map((f) => f.period), ...plan.funds.updates.map((f) => f.rec.period)])];
  for (let i = 0; i < fundPeriods.length; i += 200) {
    const periods = fundPeriods.slice(i, i + 200);
    const missing = await tx
      .selectFrom('fund_entries as f')
      .select((eb) => [
        'f.unit_code',
        'f.period',
        eb.fn.min(sql<number>`case when f.status = 'verified' then 1 else 0 end`).as('all_verified'),
      ])
      .where('f.period', 'in', periods)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('submissions as s').select('s.id').whereRef('s.unit_code', '=', 'f.unit_code').whereRef('s.period', '=', 'f.period'),
          ),
        ),
      )
      .groupBy(['f.unit_code', 'f.period'])
      .execute();
    if (!missing.length) continue;
    await tx
      .insertInto('submissions')
      .values(
        missing.map((m) => {
          const approved = Number(m.all_verified) === 1;
          return {
            unit_code: m.unit_code,
            period: m.period,
            status: approved ? 'approved' : 'submitted',
            submitted_by: actor.userId,
            submitted_at: now,
            approved_by: approved ? actor.userId : null,
            approved_at: approved ? now : null,
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .execute();
    for (const m of missing) {
      w.audits.push({
        action: 'create',
        entity: 'submission',
        entityId: `${m.unit_code}/${m.period}`,
        unitCode: m.unit_code,
        summary: w.summary('月报', `${m.unit_code} ${m.period}`),
      });
    }
  }
}
