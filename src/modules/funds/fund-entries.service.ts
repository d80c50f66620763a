// Fund entries: draft → submitted → approved → verified, or returned → submitted again; the
// unit's reporter writes them, the city office verifies or returns them; evidence attachments.
import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { formatWan, formatWanUsd } from '../../domain/money';
import { monthsBetween } from '../../domain/period';
import { STAGE_LABELS, isStage } from '../../domain/stages';
import {
  ATTACHMENT_TYPES,
  formatRateE4,
  type Attachment,
  type FundEntry,
  type FundEntryKind,
  type FundEntryStatus,
  type ProjectOption,
} from '../../contracts/funds';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { assertUnitVisible, assertUnitWritable, scoped, scopeUnit } from '../auth/scope';
import {
  listOwnerAttachments,
  readAttachmentFile,
  removeAttachment,
  removeOwnerAttachments,
  storeAttachment,
  type AttachmentRow,
} from '../attachments/attachments.service';
import { assertPeriod, assertPeriodOpen, isPeriodLocked } from './period-locks.service';
import { rateFor } from './exchange-rates.service';
import { assertSubmissionOpen, ensureSubmission } from './submissions.service';
// ---------------------------------------------------------------------------------------------
// Fund entries — reading

function entryQuery(db: Tx) {
  return db
    .selectFrom('fund_entries')
    .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
    .leftJoin('units', 'units.code', 'fund_entries.unit_code')
    .selectAll('fund_entries')
    .select([
      'projects.code as project_code',
      'projects.name as project_name',
      'projects.stage as project_stage',
      'units.name as unit_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('attachments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('attachments.owner_type', '=', 'fund_entry')
        .whereRef('attachments.owner_id', '=', 'fund_entries.id')
        .as('attachment_count'),
    );
}
type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

const toEntry = (r: EntryRow): FundEntry => ({
  id: r.id,
  projectId: r.project_id,
  projectCode: r.project_code,
  projectName: r.project_name,
  projectStage: r.project_stage,
  unitCode: r.unit_code,
  unitName: r.unit_name ?? r.unit_code,
  period: r.period,
  kind: r.kind as FundEntryKind,
  adjustsPeriod: r.adjusts_period,
  amountYuan: Number(r.amount_yuan),
  foreignUsd: Number(r.foreign_usd),
  status: r.status as FundEntryStatus,
  note: r.note,
  returnedReason: r.returned_reason,
  verifiedAt: r.verified_at,
  attachmentCount: Number(r.attachment_count ?? 0),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface FundEntryQuery {
  unitCode?: string | undefined;
  period?: string | undefined;
  status?: FundEntryStatus | undefined;
  projectId?: number | undefined;
  kind?: FundEntryKind | undefined;
}

export async function listFundEntries(db: Tx, actor: Actor, q: FundEntryQuery): Promise<FundEntry[]> {
  let qb = scoped(entryQuery(db), 'fund_entries.unit_code', actor);
  if (q.unitCode) qb = qb.where('fund_entries.unit_code', '=', q.unitCode);
  if (q.period) qb = qb.where('fund_entries.period', '=', q.period);
  if (q.status) qb = qb.where('fund_entries.status', '=', q.status);
  if (q.projectId) qb = qb.where('fund_entries.project_id', '=', q.projectId);
  if (q.kind) qb = qb.where('fund_entries.kind', '=', q.kind);
  const rows = await qb
    .orderBy('fund_entries.period', 'desc')
    .orderBy('fund_entries.unit_code')
    .orderBy('projects.code')
    .orderBy('fund_entries.kind', 'desc')
    .limit(5000)
    .execute();
  return rows.map(toEntry);
}

export async function getFundEntry(db: Tx, actor: Actor, id: number): Promise<FundEntry> {
  const r = await entryQuery(db).where('fund_entries.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '到位资金条目不存在或无权查看');
  assertUnitVisible(actor, r.unit_code, '到位资金条目');
  return toEntry(r);
}

export async function listProjectOptions(
  db: Tx,
  actor: Actor,
  q: { unitCode?: string | undefined; q?: string | undefined },
): Promise<ProjectOption[]> {
  let qb = scoped(
    db
      .selectFrom('projects')
      .select(['id', 'code', 'name', 'unit_code', 'stage', 'total_investment_yuan'])
      .select((eb) =>
        eb
          .selectFrom('fund_entries')
          .select((e) => e.fn.coalesce(e.fn.sum<number>('fund_entries.amount_yuan'), sql<number>`0`).as('s'))
          .whereRef('fund_entries.project_id', '=', 'projects.id')
          .as('funds'),
      ),
    'projects.unit_code',
    actor,
  );
  if (q.unitCode) qb = qb.where('projects.unit_code', '=', q.unitCode);
  if (q.q) qb = qb.where((eb) => eb.or([eb('projects.code', 'like', `%${q.q}%`), eb('projects.name', 'like', `%${q.q}%`)]));
  const rows = await qb.orderBy('projects.unit_code').orderBy('projects.code').limit(3000).execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    unitCode: r.unit_code,
    stage: r.stage,
    totalInvestmentYuan: Number(r.total_investment_yuan),
    fundsToDateYuan: Number(r.funds ?? 0),
  }));
}

// ---------------------------------------------------------------------------------------------
// Fund entries — writing

const EDITABLE: readonly string[] = ['draft', 'returned'];

async function projectFor(db: Tx, actor: Actor, projectId: number) {
  const p = await db
    .selectFrom('projects')
    .select(['id', 'code', 'name', 'unit_code', 'stage', 'total_investment_yuan'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!p) throw new AppError('not_found', '项目不存在或无权查看', { projectId: '项目不存在' });
  assertUnitVisible(actor, p.unit_code, '项目');
  return p;
}

/** Plausibility checks that warn but do not refuse: the clerk may know better (e.g. a late contract record). */
async function warningsFor(db: Tx, e: { projectId: number; period: string; amountYuan: number; foreignUsd: number }): Promise<string[]> {
  const out: string[] = [];
  const p = await db
    .selectFrom('projects')
    .select(['name', 'stage', 'total_investment_yuan'])
    .where('id', '=', e.projectId)
    .executeTakeFirstOrThrow();
  if (e.foreignUsd > 0) {
    const rate = await rateFor(db, e.period);
    if (!rate) {
      out.push(`报告期 ${e.period} 未设置美元汇率，无法核对外资折合人民币是否超过到位金额；请市招商办在“汇率”页录入`);
    } else {
      const cny = (BigInt(e.foreignUsd) * BigInt(rate.cnyPerUsdE4) + 5000n) / 10000n;
      if (cny > BigInt(e.amountYuan)) {
        out.push(
          `其中外资 ${formatWanUsd(e.foreignUsd)} 按汇率 ${formatRateE4(rate.cnyPerUsdE4)}（${rate.period}）折合 ${formatWan(Number(cny))}，超过到位金额 ${formatWan(e.amountYuan)}；到位金额应包含外资部分，请核对`,
        );
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
    const s = await db
      .selectFrom('fund_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_yuan'), sql<number>`0`).as('s'))
      .where('project_id', '=', e.projectId)
      .executeTakeFirstOrThrow();
    const cumulative = Number(s.s);
    if (cumulative > total)
      out.push(`项目“${p.name}”累计到位 ${formatWan(cumulative)}，超过项目总投资 ${formatWan(total)}；请核对金额，或先更新项目总投资`);
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
  projectId: number;
  period: string;
  kind?: FundEntryKind | undefined;
  adjustsPeriod?: string | null | undefined;
  amountYuan: number;
  foreignUsd?: number | undefined;
  note?: string | null | undefined;
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
    if (!input.adjustsPeriod)
      throw new AppError('validation', '调整数须注明所更正的报告期（已锁定的月份）', { adjustsPeriod: '请选择被更正的报告期' });
    assertPeriod(input.adjustsPeriod);
    if (monthsBetween(input.adjustsPeriod, input.period) <= 0)
      throw new AppError('validation', '调整数应录入在被更正月份之后的未锁定报告期', { adjustsPeriod: '应早于录入的报告期' });
    if (!(await isPeriodLocked(tx, input.adjustsPeriod)))
      throw new AppError('validation', `报告期 ${input.adjustsPeriod} 未锁定，请直接修改该期的到位资金，无需录入调整数`, {
        adjustsPeriod: '该报告期未锁定',
      });
    adjustsPeriod = input.adjustsPeriod;
  }
  checkAmounts(kind, input.amountYuan, foreignUsd);
  await assertSubmissionOpen(tx, project.unit_code, input.period);
  const dup = await tx
    .selectFrom('fund_entries')
    .select(['id', 'status'])
    .where('project_id', '=', project.id)
    .where('period', '=', input.period)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (dup) {
    throw new AppError(
      'conflict',
      `项目“${project.name}”在 ${input.period} 已有${kind === 'regular' ? '到位资金' : '调整数'}条目，请直接修改该条目（每个项目每月一条）`,
      { projectId: '本月已有条目' },
      { existingId: dup.id },
    );
  }
  await ensureSubmission(tx, project.unit_code, input.period);
  const t = nowIso();
  const row = await tx
    .insertInto('fund_entries')
    .values({
      project_id: project.id,
      unit_code: project.unit_code,
      period: input.period,
      year,
      month,
      kind,
      amount_yuan: input.amountYuan,
      foreign_usd: foreignUsd,
      status: 'draft',
      note: input.note || null,
      adjusts_period: adjustsPeriod,
      created_by: actor.userId,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entry = await getFundEntry(tx, actor, row.id);
  await audit(tx, actor, {
    action: 'create',
    entity: 'fund_entry',
    entityId: entry.id,
    unitCode: entry.unitCode,
    summary: `新增 ${entryName(entry)} ${formatWan(entry.amountYuan, 4)}`,
    after: entry,
  });
  return { entry, warnings: await warningsFor(tx, entry) };
}

/** Loads an entry the actor may change now: visible, writable, editable status, open period and submission. */
async function editableEntry(tx: Tx, actor: Actor, id: number): Promise<FundEntry> {
  const before = await getFundEntry(tx, actor, id);
  assertUnitWritable(actor, before.unitCode);
  await assertPeriodOpen(tx, before.period);
  if (!EDITABLE.includes(before.status)) {
    throw new AppError(
      'conflict',
      `该条目${before.status === 'verified' ? '已核实' : '已报送'}，不能再修改；如需更正，请由单位负责人或市招商办退回后修改`,
    );
  }
  await assertSubmissionOpen(tx, before.unitCode, before.period);
  return before;
}

export async function updateFundEntry(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { amountYuan?: number | undefined; foreignUsd?: number | undefined; note?: string | null | undefined; version: number },
): Promise<{ entry: FundEntry; warnings: string[] }> {
  requirePermission(actor, 'fund.write');
  const before = await editableEntry(tx, actor, id);
  const amountYuan = input.amountYuan ?? before.amountYuan;
  const foreignUsd = input.foreignUsd ?? before.foreignUsd;
  checkAmounts(before.kind, amountYuan, foreignUsd);
  const patch: Record<string, unknown> = { amount_yuan: amountYuan, foreign_usd: foreignUsd };
  if (input.note !== undefined) patch.note = input.note || null;
  await updateVersioned(tx, 'fund_entries', id, input.version, patch, `项目“${before.projectName}” ${before.period} 的到位资金`);
  const entry = await getFundEntry(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'fund_entry',
    entityId: id,
    unitCode: entry.unitCode,
    summary: `修改 ${entryName(entry)} ${formatWan(before.amountYuan, 4)} → ${formatWan(entry.amountYuan, 4)}`,
    before,
    after: entry,
  });
  return { entry, warnings: await warningsFor(tx, entry) };
}

export async function deleteFundEntry(tx: Tx, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'fund.write');
  const before = await editableEntry(tx, actor, id);
  await removeOwnerAttachments(tx, 'fund_entry', id);
  await tx.deleteFrom('fund_entries').where('id', '=', id).execute();
  await audit(tx, actor, {
    action: 'delete',
    entity: 'fund_entry',
    entityId: id,
    unitCode: before.unitCode,
    summary: `删除 ${entryName(before)}`,
    before,
  });
}

/** How people name an entry in the audit log: 到位资金 2026-05 项目「…」. */
const entryName = (e: { period: string; projectName: string; kind?: string }) =>
  `到位资金${e.kind === 'adjustment' ? '调整数' : ''} ${e.period} 项目「${e.projectName}」`;
/** Rows pasted from Excel: create or update each project's regular entry for the period, all or nothing. */
export async function saveFundEntryBatch(
  tx: Tx,
  actor: Actor,
  input: {
    period: string;
    rows: {
      projectCode: string;
      amountYuan: number;
      foreignUsd?: number | undefined;
      note?: string | null | undefined;
      replace?: boolean | undefined;
    }[];
  },
) {
  requirePermission(actor, 'fund.write');
  assertPeriod(input.period);
  await assertPeriodOpen(tx, input.period);
  const codes = input.rows.map((r) => r.projectCode.trim());
  const projects = await scoped(tx.selectFrom('projects').select(['id', 'code', 'name', 'unit_code']), 'projects.unit_code', actor)
    .where('code', 'in', codes)
    .execute();
  const byCode = new Map(projects.map((p) => [p.code, p]));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  input.rows.forEach((r, i) => {
    const code = r.projectCode.trim();
    if (seen.has(code)) fields[`rows.${i}.projectCode`] = `第${i + 1}行：项目编号 ${code} 重复`;
    seen.add(code);
    const p = byCode.get(code);
    if (!p) fields[`rows.${i}.projectCode`] = `第${i + 1}行：项目编号 ${code} 不存在或不属于本单位`;
    else if (scopeUnit(actor) !== null && p.unit_code !== actor.unitCode)
      fields[`rows.${i}.projectCode`] = `第${i + 1}行：只能填报本单位项目`;
    if (r.amountYuan <= 0) fields[`rows.${i}.amountYuan`] = `第${i + 1}行：到位金额应大于0`;
    if ((r.foreignUsd ?? 0) < 0) fields[`rows.${i}.foreignUsd`] = `第${i + 1}行：其中外资不能为负数`;
  });
  if (Object.keys(fields).length)
    throw new AppError('validation', `粘贴的数据有误，未保存任何行：${Object.values(fields).slice(0, 5).join('；')}`, fields);
  // Pasting must never silently overwrite what is already entered: a row whose project already has
  // an entry this period is refused unless the request says replace for that row.
  const existingRows = projects.length
    ? await tx
        .selectFrom('fund_entries')
        .select(['project_id'])
        .where(
          'project_id',
          'in',
          projects.map((p) => p.id),
        )
        .where('period', '=', input.period)
        .where('kind', '=', 'regular')
        .execute()
    : [];
  const existingIds = new Set(existingRows.map((e) => e.project_id));
  const clashes: string[] = [];
  const clashRows: { row: number; projectCode: string }[] = [];
  input.rows.forEach((r, i) => {
    const p = byCode.get(r.projectCode.trim())!;
    if (existingIds.has(p.id) && !r.replace) {
      clashes.push(`第${i + 1}行 ${p.code}`);
      clashRows.push({ row: i + 1, projectCode: p.code });
      fields[`rows.${i}.projectCode`] = `第${i + 1}行：${p.code} 本月已有到位资金，如要替换请选择“替换”`;
    }
  });
  if (clashes.length) {
    throw new AppError(
      'conflict',
      `以下行的项目本月已有到位资金，未保存任何行：${clashes.slice(0, 5).join('、')}${clashes.length > 5 ? ` 等${clashes.length}行` : ''}。如要用粘贴的数替换，请选择“替换”`,
      fields,
      { rows: clashRows },
    );
  }
  const items: { row: number; entry: FundEntry; warnings: string[]; created: boolean }[] = [];
  for (const [i, r] of input.rows.entries()) {
    const p = byCode.get(r.projectCode.trim())!;
    const existing = await tx
      .selectFrom('fund_entries')
      .select(['id', 'version'])
      .where('project_id', '=', p.id)
      .where('period', '=', input.period)
      .where('kind', '=', 'regular')
      .executeTakeFirst();
    try {
      if (existing) {
        const res = await updateFundEntry(tx, actor, existing.id, {
          amountYuan: r.amountYuan,
          foreignUsd: r.foreignUsd ?? 0,
          note: r.note ?? null,
          version: existing.version,
        });
        items.push({ row: i + 1, ...res, created: false });
      } else {
        const res = await createFundEntry(tx, actor, {
          projectId: p.id,
          period: input.period,
          amountYuan: r.amountYuan,
          foreignUsd: r.foreignUsd ?? 0,
          note: r.note ?? null,
        });
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
    throw new AppError(
      'conflict',
      before.status === 'verified' ? '该条目已核实' : `该条目当前为“${statusText(before.status)}”，须经单位负责人审核后才能核实`,
    );
  }
  const t = nowIso();
  const res = await tx
    .updateTable('fund_entries')
    .set({ status: 'verified', verified_by: actor.userId, verified_at: t, version: before.version + 1, updated_at: t })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale', '该条目刚被他人处理，请刷新');
  const entry = await getFundEntry(tx, actor, id);
  await audit(tx, actor, {
    action: 'verify',
    entity: 'fund_entry',
    entityId: id,
    unitCode: entry.unitCode,
    summary: `核实 ${entryName(entry)} ${formatWan(entry.amountYuan, 4)}`,
    before: { status: before.status },
    after: { status: entry.status },
  });
  return entry;
}

export async function verifyFundEntries(
  tx: Tx,
  actor: Actor,
  ids: number[],
): Promise<{ verified: number[]; skipped: { id: number; reason: string }[] }> {
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
  await tx
    .updateTable('fund_entries')
    .set({ status: 'returned', returned_reason: reason, verified_by: null, verified_at: null, version: before.version + 1, updated_at: t })
    .where('id', '=', id)
    .execute();
  await tx
    .updateTable('submissions')
    .set({ status: 'returned', returned_reason: `${before.projectName}：${reason}`, version: sql`version + 1`, updated_at: t })
    .where('unit_code', '=', before.unitCode)
    .where('period', '=', before.period)
    .execute();
  const entry = await getFundEntry(tx, actor, id);
  await audit(tx, actor, {
    action: 'return',
    entity: 'fund_entry',
    entityId: id,
    unitCode: entry.unitCode,
    summary: `退回 ${entryName(entry)}：${reason}`,
    before: { status: before.status },
    after: { status: 'returned', reason },
  });
  return entry;
}

function statusText(s: string): string {
  return (
    ({ draft: '草稿', submitted: '已报送待审核', approved: '已审核', verified: '已核实', returned: '已退回' } as Record<string, string>)[
      s
    ] ?? s
  );
}

// ---------------------------------------------------------------------------------------------
// Evidence attachments (bank slips, invoices, capital verification reports)

const FUND_ATTACHMENT_NOT_FOUND = '附件不存在或已删除';
const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  filename: r.filename,
  mime: r.mime,
  size: Number(r.size),
  createdAt: r.created_at,
});

export async function listAttachments(db: Tx, actor: Actor, entryId: number): Promise<Attachment[]> {
  await getFundEntry(db, actor, entryId);
  return (await listOwnerAttachments(db, 'fund_entry', entryId, 'asc')).map(toAttachment);
}

export async function addAttachment(tx: Tx, actor: Actor, entryId: number, file: { filename: string; data: Buffer }): Promise<Attachment> {
  requirePermission(actor, 'fund.write');
  const entry = await editableEntry(tx, actor, entryId);
  const row = await storeAttachment(
    tx,
    actor,
    { type: 'fund_entry', id: entryId, unitCode: entry.unitCode },
    file,
    Object.keys(ATTACHMENT_TYPES),
    'PDF、JPG、PNG、OFD、Excel 或 Word 文件',
    { max: 20, message: '每个条目最多20个附件，请合并后上传' },
  );
  const a = toAttachment(row);
  await audit(tx, actor, {
    action: 'upload',
    entity: 'fund_entry',
    entityId: entryId,
    unitCode: entry.unitCode,
    summary: `上传凭证「${a.filename}」（${entryName(entry)}）`,
    after: a,
  });
  return a;
}

export async function getAttachmentFile(
  db: Tx,
  actor: Actor,
  entryId: number,
  attachmentId: number,
): Promise<{ filename: string; mime: string; data: Buffer }> {
  await getFundEntry(db, actor, entryId);
  return readAttachmentFile(db, 'fund_entry', entryId, attachmentId, FUND_ATTACHMENT_NOT_FOUND);
}

export async function deleteAttachment(tx: Tx, actor: Actor, entryId: number, attachmentId: number): Promise<void> {
  requirePermission(actor, 'fund.write');
  const entry = await editableEntry(tx, actor, entryId);
  const r = await removeAttachment(tx, 'fund_entry', entryId, attachmentId, FUND_ATTACHMENT_NOT_FOUND);
  await audit(tx, actor, {
    action: 'delete',
    entity: 'fund_entry',
    entityId: entryId,
    unitCode: entry.unitCode,
    summary: `删除凭证「${r.filename}」（${entryName(entry)}）`,
    before: { attachmentId, filename: r.filename },
  });
}
