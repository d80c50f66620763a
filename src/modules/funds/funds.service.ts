// Funds in place and the monthly reporting cycle: entries (draft → submitted → approved → verified,
// or returned → submitted again), the unit's monthly submission, period locks and exchange rates.
// Every function takes the database (or a transaction) first; the caller owns the transaction.
import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { updateVersioned } from '../../db/versioned';
import { checkUpload } from '../attachments/upload';
import { AppError } from '../../domain/errors';
import { formatWan, formatWanUsd } from '../../domain/money';
import { parsePeriod, monthsBetween } from '../../domain/period';
import { STAGE_LABELS, isStage } from '../../domain/stages';
import {
  ATTACHMENT_TYPES, formatRateE4, lockedMessage,
  type Attachment, type ExchangeRate, type FundEntry, type FundEntryKind, type FundEntryStatus, type PeriodLock,
  type ProjectOption, type Submission, type SubmissionStatus,
} from '../../contracts/funds';
import { audit, nowIso } from '../audit/audit.service';
import { can, requirePermission, type Actor } from '../auth/actor';
import { assertUnitVisible, assertUnitWritable, scoped, scopeUnit } from '../auth/scope';

// ---------------------------------------------------------------------------------------------
// Period locks

export { lockedMessage };

export async function isPeriodLocked(db: Tx, period: string): Promise<boolean> {
  const r = await db.selectFrom('period_locks').select('period').where('period', '=', period).executeTakeFirst();
  return !!r;
}

/** Throws the 409 `locked` error when the period is locked; the ledger importer and others call this too. */
export async function assertPeriodOpen(db: Tx, period: string): Promise<void> {
  if (await isPeriodLocked(db, period)) throw new AppError('locked', lockedMessage(period), undefined, { period });
}

function assertPeriod(period: string): { year: number; month: number } {
  const p = parsePeriod(period);
  if (!p) throw new AppError('validation', `报告期格式应为 YYYY-MM，例如 2026-05（收到：${period}）`, { period: '格式应为 YYYY-MM' });
  return p;
}

export async function getPeriodLock(db: Tx, period: string): Promise<PeriodLock> {
  assertPeriod(period);
  const row = await db.selectFrom('period_locks').leftJoin('users', 'users.id', 'period_locks.locked_by')
    .select(['period_locks.period', 'period_locks.locked_at', 'period_locks.note', 'users.display_name'])
    .where('period_locks.period', '=', period).executeTakeFirst();
  const history = await db.selectFrom('audit_log').select(['action', 'at', 'actor_name', 'summary'])
    .where('entity', '=', 'period').where('entity_id', '=', period).orderBy('id', 'desc').limit(50).execute();
  return {
    period,
    locked: !!row,
    lockedBy: row?.display_name ?? null,
    lockedAt: row?.locked_at ?? null,
    note: row?.note ?? null,
    history: history.map((h) => ({ action: h.action, at: h.at, actorName: h.actor_name, summary: h.summary })),
  };
}

export async function listPeriodLocks(db: Tx): Promise<{ period: string; lockedAt: string; note: string | null }[]> {
  const rows = await db.selectFrom('period_locks').select(['period', 'locked_at', 'note']).orderBy('period', 'desc').execute();
  return rows.map((r) => ({ period: r.period, lockedAt: r.locked_at, note: r.note }));
}

export async function lockPeriod(tx: Tx, actor: Actor, period: string, note?: string | null): Promise<PeriodLock> {
  requirePermission(actor, 'period.lock');
  assertPeriod(period);
  if (await isPeriodLocked(tx, period)) throw new AppError('conflict', `报告期 ${period} 已经锁定，无需重复锁定`);
  const row = { period, locked_by: actor.userId, locked_at: nowIso(), note: note ?? null };
  await tx.insertInto('period_locks').values(row).execute();
  await audit(tx, actor, { action: 'lock', entity: 'period', entityId: period, summary: `锁定报告期 ${period}${note ? `：${note}` : ''}`, after: row });
  return getPeriodLock(tx, period);
}

export async function unlockPeriod(tx: Tx, actor: Actor, period: string, reason: string): Promise<PeriodLock> {
  requirePermission(actor, 'period.lock');
  assertPeriod(period);
  const reasonText = reason.trim();
  if (reasonText.length < 2) throw new AppError('validation', '解锁须说明原因（至少2个字），原因将记入操作日志', { reason: '请填写解锁原因' });
  const before = await tx.selectFrom('period_locks').selectAll().where('period', '=', period).executeTakeFirst();
  if (!before) throw new AppError('conflict', `报告期 ${period} 未锁定，无需解锁`);
  await tx.deleteFrom('period_locks').where('period', '=', period).execute();
  await audit(tx, actor, { action: 'unlock', entity: 'period', entityId: period, summary: `解锁报告期 ${period}，原因：${reasonText}`, before, after: { reason: reasonText } });
  return getPeriodLock(tx, period);
}

// ---------------------------------------------------------------------------------------------
// Exchange rates

export async function listExchangeRates(db: Tx): Promise<ExchangeRate[]> {
  const rows = await db.selectFrom('exchange_rates').selectAll().orderBy('period', 'desc').execute();
  return rows.map((r) => ({ period: r.period, cnyPerUsdE4: r.cny_per_usd_e4, version: r.version, updatedAt: r.updated_at }));
}

/** The rate of the period, or else the latest one before it. */
export async function rateFor(db: Tx, period: string): Promise<{ period: string; cnyPerUsdE4: number } | null> {
  const r = await db.selectFrom('exchange_rates').select(['period', 'cny_per_usd_e4']).where('period', '<=', period)
    .orderBy('period', 'desc').limit(1).executeTakeFirst();
  return r ? { period: r.period, cnyPerUsdE4: r.cny_per_usd_e4 } : null;
}

export async function putExchangeRate(tx: Tx, actor: Actor, input: { period: string; cnyPerUsdE4: number; version?: number | undefined }): Promise<ExchangeRate> {
  requirePermission(actor, 'exchange_rate.write');
  assertPeriod(input.period);
  const before = await tx.selectFrom('exchange_rates').selectAll().where('period', '=', input.period).executeTakeFirst();
  const t = nowIso();
  if (!before) {
    await tx.insertInto('exchange_rates').values({ period: input.period, cny_per_usd_e4: input.cnyPerUsdE4, updated_at: t }).execute();
  } else {
    if (input.version !== undefined && input.version !== before.version) {
      throw new AppError('stale', `${input.period} 的汇率已被他人修改（当前 ${formatRateE4(before.cny_per_usd_e4)}），请刷新后再改`, undefined, { currentVersion: before.version });
    }
    const res = await tx.updateTable('exchange_rates').set({ cny_per_usd_e4: input.cnyPerUsdE4, version: before.version + 1, updated_at: t })
      .where('period', '=', input.period).where('version', '=', before.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale', `${input.period} 的汇率已被他人修改，请刷新后再改`);
  }
  const after = await tx.selectFrom('exchange_rates').selectAll().where('period', '=', input.period).executeTakeFirstOrThrow();
  await audit(tx, actor, {
    action: before ? 'update' : 'create', entity: 'exchange_rate', entityId: input.period,
    summary: `${input.period} 美元汇率 ${before ? `${formatRateE4(before.cny_per_usd_e4)} → ` : ''}${formatRateE4(after.cny_per_usd_e4)}`,
    before: before ?? null, after,
  });
  return { period: after.period, cnyPerUsdE4: after.cny_per_usd_e4, version: after.version, updatedAt: after.updated_at };
}

// ---------------------------------------------------------------------------------------------
// Fund entries — reading

function entryQuery(db: Tx) {
  return db.selectFrom('fund_entries')
    .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
    .leftJoin('units', 'units.code', 'fund_entries.unit_code')
    .selectAll('fund_entries')
    .select(['projects.code as project_code', 'projects.name as project_name', 'projects.stage as project_stage', 'units.name as unit_name'])
    .select((eb) => eb.selectFrom('attachments').select((e) => e.fn.countAll<number>().as('n'))
      .where('attachments.owner_type', '=', 'fund_entry').whereRef('attachments.owner_id', '=', 'fund_entries.id').as('attachment_count'));
}
type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

const toEntry = (r: EntryRow): FundEntry => ({
  id: r.id, projectId: r.project_id, projectCode: r.project_code, projectName: r.project_name, projectStage: r.project_stage,
  unitCode: r.unit_code, unitName: r.unit_name ?? r.unit_code, period: r.period, kind: r.kind as FundEntryKind,
  adjustsPeriod: r.adjusts_period, amountYuan: Number(r.amount_yuan), foreignUsd: Number(r.foreign_usd),
  status: r.status as FundEntryStatus, note: r.note, returnedReason: r.returned_reason, verifiedAt: r.verified_at,
  attachmentCount: Number(r.attachment_count ?? 0), version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
});

export interface FundEntryQuery { unitCode?: string | undefined; period?: string | undefined; status?: FundEntryStatus | undefined; projectId?: number | undefined; kind?: FundEntryKind | undefined }

export async function listFundEntries(db: Tx, actor: Actor, q: FundEntryQuery): Promise<FundEntry[]> {
  let qb = scoped(entryQuery(db), 'fund_entries.unit_code', actor);
  if (q.unitCode) qb = qb.where('fund_entries.unit_code', '=', q.unitCode);
  if (q.period) qb = qb.where('fund_entries.period', '=', q.period);
  if (q.status) qb = qb.where('fund_entries.status', '=', q.status);
  if (q.projectId) qb = qb.where('fund_entries.project_id', '=', q.projectId);
  if (q.kind) qb = qb.where('fund_entries.kind', '=', q.kind);
  const rows = await qb.orderBy('fund_entries.period', 'desc').orderBy('fund_entries.unit_code').orderBy('projects.code').orderBy('fund_entries.kind', 'desc').limit(5000).execute();
  return rows.map(toEntry);
}

export async function getFundEntry(db: Tx, actor: Actor, id: number): Promise<FundEntry> {
  const r = await entryQuery(db).where('fund_entries.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '到位资金条目不存在或无权查看');
  assertUnitVisible(actor, r.unit_code, '到位资金条目');
  return toEntry(r);
}

export async function listProjectOptions(db: Tx, actor: Actor, q: { unitCode?: string | undefined; q?: string | undefined }): Promise<ProjectOption[]> {
  let qb = scoped(db.selectFrom('projects').select(['id', 'code', 'name', 'unit_code', 'stage', 'total_investment_yuan'])
    .select((eb) => eb.selectFrom('fund_entries').select((e) => e.fn.coalesce(e.fn.sum<number>('fund_entries.amount_yuan'), sql<number>`0`).as('s'))
      .whereRef('fund_entries.project_id', '=', 'projects.id').as('funds')), 'projects.unit_code', actor);
  if (q.unitCode) qb = qb.where('projects.unit_code', '=', q.unitCode);
  if (q.q) qb = qb.where((eb) => eb.or([eb('projects.code', 'like', `%${q.q}%`), eb('projects.name', 'like', `%${q.q}%`)]));
  const rows = await qb.orderBy('projects.unit_code').orderBy('projects.code').limit(3000).execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, unitCode: r.unit_code, stage: r.stage,
    totalInvestmentYuan: Number(r.total_investment_yuan), fundsToDateYuan: Number(r.funds ?? 0),
  }));
}

// ---------------------------------------------------------------------------------------------
// Fund entries — writing

const EDITABLE: readonly string[] = ['draft', 'returned'];
const OPEN_SUBMISSION: readonly string[] = ['draft', 'returned'];

async function submissionRow(db: Tx, unitCode: string, period: string) {
  return db.selectFrom('submissions').selectAll().where('unit_code', '=', unitCode).where('period', '=', period).executeTakeFirst();
}

/** The unit may change its month only while its submission is not with the head or the city office. */
async function assertSubmissionOpen(db: Tx, unitCode: string, period: string): Promise<void> {
  const s = await submissionRow(db, unitCode, period);
  if (s && !OPEN_SUBMISSION.includes(s.status)) {
    throw new AppError('conflict', `${unitCode} 的 ${period} 月报已报送（${s.status === 'approved' ? '已审核' : '待审核'}），不能再修改；如需更正，请由单位负责人或市招商办退回后修改`);
  }
}

async function ensureSubmission(tx: Tx, unitCode: string, period: string): Promise<void> {
  const s = await submissionRow(tx, unitCode, period);
  if (s) return;
  const t = nowIso();
  await tx.insertInto('submissions').values({ unit_code: unitCode, period, status: 'draft', created_at: t, updated_at: t }).execute();
}

async function projectFor(db: Tx, actor: Actor, projectId: number) {
  const p = await db.selectFrom('projects').select(['id', 'code', 'name', 'unit_code', 'stage', 'total_investment_yuan']).where('id', '=', projectId).executeTakeFirst();
  if (!p) throw new AppError('not_found', '项目不存在或无权查看', { projectId: '项目不存在' });
  assertUnitVisible(actor, p.unit_code, '项目');
  return p;
}

/** Plausibility checks that warn but do not refuse: the clerk may know better (e.g. a late contract record). */
async function warningsFor(db: Tx, e: { projectId: number; period: string; amountYuan: number; foreignUsd: number }): Promise<string[]> {
  const out: string[] = [];
  const p = await db.selectFrom('projects').select(['name', 'stage', 'total_investment_yuan']).where('id', '=', e.projectId).executeTakeFirstOrThrow();
  if (e.foreignUsd > 0) {
    const rate = await rateFor(db, e.period);
    if (!rate) {
      out.push(`报告期 ${e.period} 未设置美元汇率，无法核对外资折合人民币是否超过到位金额；请市招商办在“汇率”页录入`);
    } else {
      const cny = (BigInt(e.foreignUsd) * BigInt(rate.cnyPerUsdE4) + 5000n) / 10000n;
      if (cny > BigInt(e.amountYuan)) {
        out.push(`其中外资 ${formatWanUsd(e.foreignUsd)} 按汇率 ${formatRateE4(rate.cnyPerUsdE4)}（${rate.period}）折合 ${formatWan(Number(cny))}，超过到位金额 ${formatWan(e.amountYuan)}；到位金额应包含外资部分，请核对`);
      }
    }
  }
  const stageOrder = ['lead', 'negotiating', 'intent', 'agreement'];
  if (p.stage === 'dropped') out.push(`项目“${p.name}”已终止，仍录入到位资金，请核对`);
  else if (stageOrder.includes(p.stage)) {
    const label = isStage(p.stage) ? STAGE_LABELS[p.stage] : p.stage;
    out.push(`项目“${p.name}”目前处于“${label}”阶段，尚未合同签约；如已签约请先更新项目阶段`);
  }
  const total = Number(p.total_investment_yuan);
  if (total > 0) {
    const s = await db.selectFrom('fund_entries').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_yuan'), sql<number>`0`).as('s'))
      .where('project_id', '=', e.projectId).executeTakeFirstOrThrow();
    const cumulative = Number(s.s);
    if (cumulative > total) out.push(`项目“${p.name}”累计到位 ${formatWan(cumulative)}，超过项目总投资 ${formatWan(total)}；请核对金额，或先更新项目总投资`);
  }
  return out;
}

function checkAmounts(kind: FundEntryKind, amountYuan: number, foreignUsd: number): void {
  const fields: Record<string, string> = {};
  if (kind === 'regular') {
    if (amountYuan <= 0) fields.amountYuan = '到位金额应大于0（更正已锁定月份请录入调整数）';
    if (foreignUsd < 0) fields.foreignUsd = '其中外资不能为负数';
  } else {
    if (amountYuan === 0 && foreignUsd === 0) fields.amountYuan = '调整数不能为0';
  }
  if (Object.keys(fields).length) throw new AppError('validation', Object.values(fields).join('；'), fields);
}

export interface FundEntryInput {
  projectId: number; period: string; kind?: FundEntryKind | undefined; adjustsPeriod?: string | null | undefined;
  amountYuan: number; foreignUsd?: number | undefined; note?: string | null | undefined;
}

export async function createFundEntry(tx: Tx, actor: Actor, input: FundEntryInput): Promise<{ entry: FundEntry; warnings: string[] }> {
  requirePermission(actor, 'fund.write');
  const { year, month } = assertPeriod(input.period);
  const kind = input.kind ?? 'regular';
  const foreignUsd = input.foreignUsd ?? 0;
  const project = await projectFor(tx, actor, input.projectId);
  assertUnitWritable(actor, project.unit_code);
  await assertPeriodOpen(tx, input.period);
  let adjustsPeriod: string | null = null;
  if (kind === 'adjustment') {
    if (!input.adjustsPeriod) throw new AppError('validation', '调整数须注明所更正的报告期（已锁定的月份）', { adjustsPeriod: '请选择被更正的报告期' });
    assertPeriod(input.adjustsPeriod);
    if (monthsBetween(input.adjustsPeriod, input.period) <= 0) throw new AppError('validation', '调整数应录入在被更正月份之后的未锁定报告期', { adjustsPeriod: '应早于录入的报告期' });
    if (!(await isPeriodLocked(tx, input.adjustsPeriod))) throw new AppError('validation', `报告期 ${input.adjustsPeriod} 未锁定，请直接修改该期的到位资金，无需录入调整数`, { adjustsPeriod: '该报告期未锁定' });
    adjustsPeriod = input.adjustsPeriod;
  }
  checkAmounts(kind, input.amountYuan, foreignUsd);
  await assertSubmissionOpen(tx, project.unit_code, input.period);
  const dup = await tx.selectFrom('fund_entries').select(['id', 'status']).where('project_id', '=', project.id)
    .where('period', '=', input.period).where('kind', '=', kind).executeTakeFirst();
  if (dup) {
    throw new AppError('conflict', `项目“${project.name}”在 ${input.period} 已有${kind === 'regular' ? '到位资金' : '调整数'}条目，请直接修改该条目（每个项目每月一条）`, { projectId: '本月已有条目' }, { existingId: dup.id });
  }
  await ensureSubmission(tx, project.unit_code, input.period);
  const t = nowIso();
  const row = await tx.insertInto('fund_entries').values({
    project_id: project.id, unit_code: project.unit_code, period: input.period, year, month, kind,
    amount_yuan: input.amountYuan, foreign_usd: foreignUsd, status: 'draft', note: input.note || null,
    adjusts_period: adjustsPeriod, created_by: actor.userId, created_at: t, updated_at: t,
  }).returning('id').executeTakeFirstOrThrow();
  const entry = await getFundEntry(tx, actor, row.id);
  await audit(tx, actor, { action: 'create', entity: 'fund_entry', entityId: entry.id, unitCode: entry.unitCode, summary: `${entry.projectName} ${entry.period} ${formatWan(entry.amountYuan, 4)}`, after: entry });
  return { entry, warnings: await warningsFor(tx, entry) };
}

/** Loads an entry the actor may change now: visible, writable, editable status, open period and submission. */
async function editableEntry(tx: Tx, actor: Actor, id: number): Promise<FundEntry> {
  const before = await getFundEntry(tx, actor, id);
  assertUnitWritable(actor, before.unitCode);
  await assertPeriodOpen(tx, before.period);
  if (!EDITABLE.includes(before.status)) {
    throw new AppError('conflict', `该条目${before.status === 'verified' ? '已核实' : '已报送'}，不能再修改；如需更正，请由单位负责人或市招商办退回后修改`);
  }
  await assertSubmissionOpen(tx, before.unitCode, before.period);
  return before;
}

export async function updateFundEntry(tx: Tx, actor: Actor, id: number, input: { amountYuan?: number | undefined; foreignUsd?: number | undefined; note?: string | null | undefined; version: number }): Promise<{ entry: FundEntry; warnings: string[] }> {
  requirePermission(actor, 'fund.write');
  const before = await editableEntry(tx, actor, id);
  const amountYuan = input.amountYuan ?? before.amountYuan;
  const foreignUsd = input.foreignUsd ?? before.foreignUsd;
  checkAmounts(before.kind, amountYuan, foreignUsd);
  const patch: Record<string, unknown> = { amount_yuan: amountYuan, foreign_usd: foreignUsd };
  if (input.note !== undefined) patch.note = input.note || null;
  await updateVersioned(tx, 'fund_entries', id, input.version, patch, `项目“${before.projectName}” ${before.period} 的到位资金`);
  const entry = await getFundEntry(tx, actor, id);
  await audit(tx, actor, { action: 'update', entity: 'fund_entry', entityId: id, unitCode: entry.unitCode, summary: `${entry.projectName} ${entry.period} ${formatWan(before.amountYuan, 4)} → ${formatWan(entry.amountYuan, 4)}`, before, after: entry });
  return { entry, warnings: await warningsFor(tx, entry) };
}

export async function deleteFundEntry(tx: Tx, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'fund.write');
  const before = await editableEntry(tx, actor, id);
  await tx.deleteFrom('attachments').where('owner_type', '=', 'fund_entry').where('owner_id', '=', id).execute();
  await tx.deleteFrom('fund_entries').where('id', '=', id).execute();
  await audit(tx, actor, { action: 'delete', entity: 'fund_entry', entityId: id, unitCode: before.unitCode, summary: `删除 ${before.projectName} ${before.period}`, before });
}

/** Rows pasted from Excel: create or update each project's regular entry for the period, all or nothing. */
export async function saveFundEntryBatch(tx: Tx, actor: Actor, input: { period: string; rows: { projectCode: string; amountYuan: number; foreignUsd?: number | undefined; note?: string | null | undefined }[] }) {
  requirePermission(actor, 'fund.write');
  assertPeriod(input.period);
  await assertPeriodOpen(tx, input.period);
  const codes = input.rows.map((r) => r.projectCode.trim());
  const projects = await scoped(tx.selectFrom('projects').select(['id', 'code', 'name', 'unit_code']), 'projects.unit_code', actor)
    .where('code', 'in', codes).execute();
  const byCode = new Map(projects.map((p) => [p.code, p]));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  input.rows.forEach((r, i) => {
    const code = r.projectCode.trim();
    if (seen.has(code)) fields[`rows.${i}.projectCode`] = `第${i + 1}行：项目编号 ${code} 重复`;
    seen.add(code);
    const p = byCode.get(code);
    if (!p) fields[`rows.${i}.projectCode`] = `第${i + 1}行：项目编号 ${code} 不存在或不属于本单位`;
    else if (scopeUnit(actor) !== null && p.unit_code !== actor.unitCode) fields[`rows.${i}.projectCode`] = `第${i + 1}行：只能填报本单位项目`;
    if (r.amountYuan <= 0) fields[`rows.${i}.amountYuan`] = `第${i + 1}行：到位金额应大于0`;
    if ((r.foreignUsd ?? 0) < 0) fields[`rows.${i}.foreignUsd`] = `第${i + 1}行：其中外资不能为负数`;
  });
  if (Object.keys(fields).length) throw new AppError('validation', `粘贴的数据有误，未保存任何行：${Object.values(fields).slice(0, 5).join('；')}`, fields);
  const items: { row: number; entry: FundEntry; warnings: string[]; created: boolean }[] = [];
  for (const [i, r] of input.rows.entries()) {
    const p = byCode.get(r.projectCode.trim())!;
    const existing = await tx.selectFrom('fund_entries').select(['id', 'version']).where('project_id', '=', p.id)
      .where('period', '=', input.period).where('kind', '=', 'regular').executeTakeFirst();
    try {
      if (existing) {
        const res = await updateFundEntry(tx, actor, existing.id, { amountYuan: r.amountYuan, foreignUsd: r.foreignUsd ?? 0, note: r.note ?? null, version: existing.version });
        items.push({ row: i + 1, ...res, created: false });
      } else {
        const res = await createFundEntry(tx, actor, { projectId: p.id, period: input.period, amountYuan: r.amountYuan, foreignUsd: r.foreignUsd ?? 0, note: r.note ?? null });
        items.push({ row: i + 1, ...res, created: true });
      }
    } catch (e) {
      if (e instanceof AppError && e.code !== 'locked') {
        throw new AppError(e.code, `第${i + 1}行（${p.code}）：${e.message}；未保存任何行`, { [`rows.${i}.projectCode`]: e.message });
      }
      throw e;
    }
  }
  return { items };
}

// ---------------------------------------------------------------------------------------------
// City office: verify or return entries

export async function verifyFundEntry(tx: Tx, actor: Actor, id: number): Promise<FundEntry> {
  requirePermission(actor, 'fund.verify');
  const before = await getFundEntry(tx, actor, id);
  await assertPeriodOpen(tx, before.period);
  if (before.status !== 'approved') {
    throw new AppError('conflict', before.status === 'verified' ? '该条目已核实' : `该条目当前为“${statusText(before.status)}”，须经单位负责人审核后才能核实`);
  }
  const t = nowIso();
  const res = await tx.updateTable('fund_entries').set({ status: 'verified', verified_by: actor.userId, verified_at: t, version: before.version + 1, updated_at: t })
    .where('id', '=', id).where('status', '=', 'approved').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale', '该条目刚被他人处理，请刷新');
  const entry = await getFundEntry(tx, actor, id);
  await audit(tx, actor, { action: 'verify', entity: 'fund_entry', entityId: id, unitCode: entry.unitCode, summary: `核实 ${entry.projectName} ${entry.period} ${formatWan(entry.amountYuan, 4)}`, before: { status: before.status }, after: { status: entry.status } });
  return entry;
}

export async function verifyFundEntries(tx: Tx, actor: Actor, ids: number[]): Promise<{ verified: number[]; skipped: { id: number; reason: string }[] }> {
  requirePermission(actor, 'fund.verify');
  const verified: number[] = [];
  const skipped: { id: number; reason: string }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await verifyFundEntry(tx, actor, id);
      verified.push(id);
    } catch (e) {
      // A locked period refuses the whole request, as it does for a single entry.
      if (e instanceof AppError && e.code !== 'locked') skipped.push({ id, reason: e.message });
      else throw e;
    }
  }
  return { verified, skipped };
}

export async function returnFundEntry(tx: Tx, actor: Actor, id: number, reason: string): Promise<FundEntry> {
  requirePermission(actor, 'fund.verify');
  const before = await getFundEntry(tx, actor, id);
  await assertPeriodOpen(tx, before.period);
  if (!['submitted', 'approved', 'verified'].includes(before.status)) {
    throw new AppError('conflict', `该条目当前为“${statusText(before.status)}”，尚未报送，无需退回`);
  }
  const t = nowIso();
  await tx.updateTable('fund_entries').set({ status: 'returned', returned_reason: reason, verified_by: null, verified_at: null, version: before.version + 1, updated_at: t })
    .where('id', '=', id).execute();
  await tx.updateTable('submissions').set({ status: 'returned', returned_reason: `${before.projectName}：${reason}`, version: sql`version + 1`, updated_at: t })
    .where('unit_code', '=', before.unitCode).where('period', '=', before.period).execute();
  const entry = await getFundEntry(tx, actor, id);
  await audit(tx, actor, { action: 'return', entity: 'fund_entry', entityId: id, unitCode: entry.unitCode, summary: `退回 ${entry.projectName} ${entry.period}：${reason}`, before: { status: before.status }, after: { status: 'returned', reason } });
  return entry;
}

function statusText(s: string): string {
  return ({ draft: '草稿', submitted: '已报送待审核', approved: '已审核', verified: '已核实', returned: '已退回' } as Record<string, string>)[s] ?? s;
}

// ---------------------------------------------------------------------------------------------
// Monthly submissions

async function submissionsFor(db: Tx, actor: Actor, period: string, unitCode?: string): Promise<Submission[]> {
  let units = scoped(db.selectFrom('units').select(['code', 'name', 'kind', 'sort', 'active']), 'units.code', actor);
  if (unitCode) units = units.where('code', '=', unitCode);
  const unitRows = await units.execute();
  let subs = db.selectFrom('submissions').leftJoin('users as su', 'su.id', 'submissions.submitted_by').leftJoin('users as au', 'au.id', 'submissions.approved_by')
    .selectAll('submissions').select(['su.display_name as submitted_name', 'au.display_name as approved_name'])
    .where('submissions.period', '=', period);
  subs = scoped(subs, 'submissions.unit_code', actor);
  if (unitCode) subs = subs.where('submissions.unit_code', '=', unitCode);
  const subRows = await subs.execute();
  let counts = db.selectFrom('fund_entries').select(['unit_code', 'status'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_yuan').as('amount'), eb.fn.sum<number>('foreign_usd').as('usd')])
    .where('period', '=', period).groupBy(['unit_code', 'status']);
  counts = scoped(counts, 'fund_entries.unit_code', actor);
  if (unitCode) counts = counts.where('unit_code', '=', unitCode);
  const countRows = await counts.execute();
  const bySub = new Map(subRows.map((s) => [s.unit_code, s]));
  const kindOrder: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };
  return unitRows
    // The city's own unit reports only when it has something; inactive units only when they did.
    .filter((u) => (u.kind !== 'city' && u.active) || bySub.has(u.code) || unitCode === u.code)
    .sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || a.sort - b.sort || a.code.localeCompare(b.code))
    .map((u) => {
      const s = bySub.get(u.code);
      const c = { draft: 0, submitted: 0, approved: 0, verified: 0, returned: 0, total: 0 };
      let amountYuan = 0; let verifiedYuan = 0; let foreignUsd = 0;
      for (const r of countRows.filter((x) => x.unit_code === u.code)) {
        const n = Number(r.n);
        if (r.status in c) c[r.status as keyof typeof c] += n;
        c.total += n;
        amountYuan += Number(r.amount ?? 0);
        foreignUsd += Number(r.usd ?? 0);
        if (r.status === 'verified') verifiedYuan += Number(r.amount ?? 0);
      }
      return {
        unitCode: u.code, unitName: u.name, period,
        status: (s?.status ?? 'not_started') as SubmissionStatus,
        submittedBy: s?.submitted_name ?? null, submittedAt: s?.submitted_at ?? null,
        approvedBy: s?.approved_name ?? null, approvedAt: s?.approved_at ?? null,
        returnedReason: s?.returned_reason ?? null, version: s?.version ?? null,
        counts: c, amountYuan, verifiedYuan, foreignUsd,
      };
    });
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

async function transition(tx: Tx, unitCode: string, period: string, from: readonly string[], patch: Record<string, unknown>): Promise<boolean> {
  const t = nowIso();
  const res = await tx.updateTable('submissions').set({ ...patch, version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode).where('period', '=', period).where('status', 'in', from as string[]).executeTakeFirst();
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
  const ok = await transition(tx, unitCode, period, OPEN_SUBMISSION, { status: 'submitted', submitted_by: actor.userId, submitted_at: t, approved_by: null, approved_at: null });
  if (!ok) throw new AppError('conflict', `${unitCode} 的 ${period} 月报已报送，无需重复报送`);
  const moved = await tx.updateTable('fund_entries').set({ status: 'submitted', version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode).where('period', '=', period).where('status', 'in', ['draft', 'returned']).executeTakeFirst();
  const after = await getSubmission(tx, actor, unitCode, period);
  await audit(tx, actor, {
    action: 'submit', entity: 'submission', entityId: `${unitCode}/${period}`, unitCode,
    summary: `报送 ${period} 月报（${Number(moved.numUpdatedRows)} 条${after.counts.total === 0 ? '，本月无到位资金' : ''}）${before?.status === 'returned' ? '，退回后重报' : ''}`,
    before: { status: before?.status ?? 'not_started' }, after: { status: after.status },
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
  const ok = await transition(tx, unitCode, period, ['submitted'], { status: 'approved', approved_by: actor.userId, approved_at: t, returned_reason: null });
  if (!ok) {
    const s = await submissionRow(tx, unitCode, period);
    throw new AppError('conflict', s?.status === 'approved' ? `${unitCode} 的 ${period} 月报已审核` : `${unitCode} 的 ${period} 月报尚未报送，填报员报送后才能审核`);
  }
  const moved = await tx.updateTable('fund_entries').set({ status: 'approved', version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode).where('period', '=', period).where('status', '=', 'submitted').executeTakeFirst();
  const after = await getSubmission(tx, actor, unitCode, period);
  await audit(tx, actor, { action: 'approve', entity: 'submission', entityId: `${unitCode}/${period}`, unitCode, summary: `审核通过 ${period} 月报（${Number(moved.numUpdatedRows)} 条）`, before: { status: 'submitted' }, after: { status: 'approved' } });
  return after;
}

/** The unit head sends a submitted month back to the reporter; the city office may send an approved one back too. */
export async function returnSubmission(tx: Tx, actor: Actor, unitCode: string, period: string, reason: string): Promise<Submission> {
  assertPeriod(period);
  assertUnitVisible(actor, unitCode, '单位月报');
  const s = await submissionRow(tx, unitCode, period);
  if (!s || !['submitted', 'approved'].includes(s.status)) throw new AppError('conflict', `${unitCode} 的 ${period} 月报未处于已报送或已审核状态，无需退回`);
  if (s.status === 'approved') requirePermission(actor, 'fund.verify');
  else if (!can(actor, 'submission.approve')) requirePermission(actor, 'fund.verify');
  assertUnitWritable(actor, unitCode);
  await assertPeriodOpen(tx, period);
  const t = nowIso();
  const ok = await transition(tx, unitCode, period, [s.status], { status: 'returned', returned_reason: reason });
  if (!ok) throw new AppError('stale', '该月报刚被他人处理，请刷新');
  const moved = await tx.updateTable('fund_entries').set({ status: 'returned', returned_reason: reason, version: sql`version + 1`, updated_at: t } as never)
    .where('unit_code', '=', unitCode).where('period', '=', period).where('status', 'in', ['submitted', 'approved']).executeTakeFirst();
  const after = await getSubmission(tx, actor, unitCode, period);
  await audit(tx, actor, { action: 'return', entity: 'submission', entityId: `${unitCode}/${period}`, unitCode, summary: `退回 ${period} 月报（${Number(moved.numUpdatedRows)} 条）：${reason}`, before: { status: s.status }, after: { status: 'returned', reason } });
  return after;
}

// ---------------------------------------------------------------------------------------------
// Evidence attachments (bank slips, invoices, capital verification reports)

const toAttachment = (r: { id: number; filename: string; mime: string; size: number; created_at: string }): Attachment =>
  ({ id: r.id, filename: r.filename, mime: r.mime, size: Number(r.size), createdAt: r.created_at });

export async function listAttachments(db: Tx, actor: Actor, entryId: number): Promise<Attachment[]> {
  await getFundEntry(db, actor, entryId);
  const rows = await db.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', 'fund_entry').where('owner_id', '=', entryId).orderBy('id').execute();
  return rows.map(toAttachment);
}

export async function addAttachment(tx: Tx, actor: Actor, entryId: number, file: { filename: string; data: Buffer }): Promise<Attachment> {
  requirePermission(actor, 'fund.write');
  const entry = await editableEntry(tx, actor, entryId);
  const { filename, mime } = checkUpload(file.filename, file.data, Object.keys(ATTACHMENT_TYPES), 'PDF、JPG、PNG、OFD、Excel 或 Word 文件');
  const count = await tx.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_type', '=', 'fund_entry').where('owner_id', '=', entryId).executeTakeFirstOrThrow();
  if (Number(count.n) >= 20) throw new AppError('conflict', '每个条目最多20个附件，请合并后上传');
  const row = await tx.insertInto('attachments').values({
    owner_type: 'fund_entry', owner_id: entryId, unit_code: entry.unitCode, filename, mime, size: file.data.length,
    data: file.data, created_by: actor.userId, created_at: nowIso(),
  }).returning(['id', 'filename', 'mime', 'size', 'created_at']).executeTakeFirstOrThrow();
  const a = toAttachment(row);
  await audit(tx, actor, { action: 'upload', entity: 'fund_entry', entityId: entryId, unitCode: entry.unitCode, summary: `上传凭证 ${filename}（${entry.projectName} ${entry.period}）`, after: a });
  return a;
}

export async function getAttachmentFile(db: Tx, actor: Actor, entryId: number, attachmentId: number): Promise<{ filename: string; mime: string; data: Buffer }> {
  await getFundEntry(db, actor, entryId);
  const r = await db.selectFrom('attachments').select(['filename', 'mime', 'data']).where('id', '=', attachmentId)
    .where('owner_type', '=', 'fund_entry').where('owner_id', '=', entryId).executeTakeFirst();
  if (!r) throw new AppError('not_found', '附件不存在或已删除');
  return { filename: r.filename, mime: r.mime, data: Buffer.from(r.data) };
}

export async function deleteAttachment(tx: Tx, actor: Actor, entryId: number, attachmentId: number): Promise<void> {
  requirePermission(actor, 'fund.write');
  const entry = await editableEntry(tx, actor, entryId);
  const r = await tx.selectFrom('attachments').select(['id', 'filename']).where('id', '=', attachmentId)
    .where('owner_type', '=', 'fund_entry').where('owner_id', '=', entryId).executeTakeFirst();
  if (!r) throw new AppError('not_found', '附件不存在或已删除');
  await tx.deleteFrom('attachments').where('id', '=', attachmentId).execute();
  await audit(tx, actor, { action: 'delete', entity: 'fund_entry', entityId: entryId, unitCode: entry.unitCode, summary: `删除凭证 ${r.filename}`, before: { attachmentId, filename: r.filename } });
}
