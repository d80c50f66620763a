// Investors (客商): credit-code checks, origin resolution and the unit visibility rule of
// docs/adr/0002-investor-visibility.md (a unit user sees investors linked to the unit's projects
// or registered by the unit).
import type { Tx } from '../../db/database';
import type { InvestorRow } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { validateCreditCode } from '../../domain/creditCode';
import { originScope, resolveOrigin, type OriginKind } from '../../domain/origin';
import type { Contact, Investor, InvestorCreate, InvestorDetail, InvestorQuery, InvestorUpdate } from '../../contracts/investors';
import { audit } from '../audit/audit.service';
import { nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { scopeUnit } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { lockedPeriodsCountingInvestor } from '../funds/locked-guards';

function parseContacts(s: string): Contact[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? (v as Contact[]) : [];
  } catch {
    return [];
  }
}

export const toInvestor = (r: InvestorRow & { project_count?: number | string | null }): Investor => ({
  id: Number(r.id),
  name: r.name,
  creditCode: r.credit_code,
  originInput: r.origin_input,
  originCode: r.origin_code,
  originName: r.origin_name,
  originKind: (r.origin_kind as OriginKind | null) ?? null,
  originScope: (r.origin_scope as Investor['originScope']) ?? null,
  ownership: (r.ownership as Investor['ownership']) ?? null,
  industry: (r.industry as Investor['industry']) ?? null,
  contacts: parseContacts(r.contacts_json),
  notes: r.notes,
  createdByUnit: r.created_by_unit,
  ...(r.project_count === undefined ? {} : { projectCount: Number(r.project_count ?? 0) }),
  isDemo: !!r.is_demo,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Restricts an investors query to what the actor may see (see the ADR). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function scopedInvestors<QB extends { where: (...args: any[]) => QB }>(qb: QB, actor: Actor): QB {
  const unit = scopeUnit(actor);
  if (unit === null) return qb;
  return qb.where((eb: any) =>
    eb.or([
      eb('investors.created_by_unit', '=', unit),
      eb.exists(
        eb
          .selectFrom('projects')
          .select('projects.id')
          .whereRef('projects.investor_id', '=', 'investors.id')
          .where('projects.unit_code', '=', unit),
      ),
    ]),
  );
}

function likeText(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listInvestors(
  db: Tx,
  actor: Actor,
  q: InvestorQuery,
): Promise<{ items: Investor[]; total: number; page: number; pageSize: number }> {
  let base = scopedInvestors(db.selectFrom('investors'), actor);
  if (q.q) {
    const like = likeText(q.q);
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['investors.name']), 'like', like),
        eb(eb.fn('lower', ['investors.credit_code']), 'like', like),
        eb(eb.fn('lower', ['investors.origin_name']), 'like', like),
      ]),
    );
  }
  if (q.originScope) base = base.where('investors.origin_scope', '=', q.originScope);
  if (q.industry) base = base.where('investors.industry', '=', q.industry);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const unit = scopeUnit(actor);
  const rows = await base
    .selectAll('investors')
    .select((eb) => {
      let sub = eb.selectFrom('projects').select(eb.fn.countAll<number>().as('c')).whereRef('projects.investor_id', '=', 'investors.id');
      if (unit !== null) sub = sub.where('projects.unit_code', '=', unit);
      return sub.as('project_count');
    })
    .orderBy('investors.updated_at', 'desc')
    .orderBy('investors.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(toInvestor), total: Number(totalRow?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getInvestorInScope(db: Tx, actor: Actor, id: number): Promise<Investor> {
  const r = await scopedInvestors(db.selectFrom('investors'), actor)
    .selectAll('investors')
    .where('investors.id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', '客商不存在或无权查看');
  return toInvestor(r);
}

export async function getInvestorDetail(db: Tx, actor: Actor, id: number): Promise<InvestorDetail> {
  const inv = await getInvestorInScope(db, actor, id);
  let q = db
    .selectFrom('projects')
    .select(['id', 'code', 'name', 'unit_code', 'stage', 'total_investment_yuan', 'owner'])
    .where('investor_id', '=', id);
  const unit = scopeUnit(actor);
  if (unit !== null) q = q.where('unit_code', '=', unit);
  const projects = await q.orderBy('id', 'desc').execute();
  return {
    ...inv,
    projects: projects.map((p) => ({
      id: Number(p.id),
      code: p.code,
      name: p.name,
      unitCode: p.unit_code,
      stage: p.stage,
      totalInvestmentYuan: Number(p.total_investment_yuan),
      owner: p.owner,
    })),
  };
}

type Resolved = {
  origin_input: string | null;
  origin_code: string | null;
  origin_name: string | null;
  origin_kind: string | null;
  origin_scope: string | null;
};

async function resolveOriginFields(db: Tx, input: string | null | undefined): Promise<Resolved> {
  const text = input?.trim() ?? '';
  if (!text) return { origin_input: null, origin_code: null, origin_name: null, origin_kind: null, origin_scope: null };
  const r = resolveOrigin(text);
  if (!r) {
    throw new AppError(
      'validation',
      `无法识别投资方所在地“${text}”，请填写省市区名称（如 浙江省杭州市）、6位行政区划代码或国家/地区（如 香港、美国）`,
      { origin: '无法识别的所在地，请填写省市区名称、6位代码或国家/地区' },
    );
  }
  const { homeRegionCode } = await getSettings(db);
  return {
    origin_input: text,
    origin_code: r.code,
    origin_name: r.name,
    origin_kind: r.kind,
    origin_scope: originScope(r, homeRegionCode),
  };
}

async function checkCreditCode(db: Tx, input: string | null | undefined, selfId: number | null): Promise<string | null> {
  const text = input?.trim() ?? '';
  if (!text) return null;
  const v = validateCreditCode(text);
  if (!v.ok) throw new AppError('validation', `统一社会信用代码有误：${v.reason}`, { creditCode: v.reason });
  const dup = await db.selectFrom('investors').select(['id', 'name']).where('credit_code', '=', v.code).executeTakeFirst();
  if (dup && Number(dup.id) !== selfId) {
    throw new AppError(
      'conflict',
      `统一社会信用代码 ${v.code} 已登记为客商“${dup.name}”，请直接选用该客商，不要重复登记`,
      { creditCode: `已登记为客商“${dup.name}”` },
      { existingId: Number(dup.id), existingName: dup.name },
    );
  }
  return v.code;
}

export async function createInvestor(tx: Tx, actor: Actor, input: InvestorCreate): Promise<Investor> {
  requirePermission(actor, 'project.write');
  const creditCode = await checkCreditCode(tx, input.creditCode, null);
  const origin = await resolveOriginFields(tx, input.origin);
  const t = nowIso();
  const row = await tx
    .insertInto('investors')
    .values({
      name: input.name,
      credit_code: creditCode,
      ...origin,
      ownership: input.ownership ?? null,
      industry: input.industry ?? null,
      contacts_json: JSON.stringify(input.contacts ?? []),
      notes: input.notes ?? null,
      created_by_unit: actor.unitCode,
      created_at: t,
      updated_at: t,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const inv = toInvestor(row);
  await audit(tx, actor, {
    action: 'create',
    entity: 'investor',
    entityId: inv.id,
    unitCode: actor.unitCode,
    summary: `登记客商 ${inv.name}`,
    after: inv,
  });
  return inv;
}

export async function updateInvestor(
  tx: Tx,
  actor: Actor,
  id: number,
  input: InvestorUpdate,
  opts: { viaRevision?: boolean } = {},
): Promise<Investor> {
  requirePermission(actor, 'project.write');
  const before = await getInvestorInScope(tx, actor, id);
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.creditCode !== undefined) patch.credit_code = await checkCreditCode(tx, input.creditCode, id);
  if (input.origin !== undefined) {
    const origin = await resolveOriginFields(tx, input.origin);
    const row = await tx.selectFrom('investors').select(['origin_code', 'origin_scope']).where('id', '=', id).executeTakeFirstOrThrow();
    if (!opts.viaRevision && (origin.origin_code !== row.origin_code || origin.origin_scope !== row.origin_scope)) {
      const locked = await lockedPeriodsCountingInvestor(tx, id);
      if (locked.length) {
        throw new AppError(
          'locked',
          `客商“${before.name}”的项目在已锁定的报告期（${locked.slice(0, 6).join('、')}${locked.length > 6 ? ' 等' : ''}）` +
            '有计入统计的到位资金，修改所在地会改变这些月份已锁定的境外/域外等数据；如确需更正，请由市招商办在“修订”中提出修订申请，审批后生效',
          { origin: '已锁定月份的数据会因此改变，请走修订' },
          { lockedPeriods: locked },
        );
      }
    }
    Object.assign(patch, origin);
  }
  if (input.ownership !== undefined) patch.ownership = input.ownership;
  if (input.industry !== undefined) patch.industry = input.industry;
  if (input.contacts !== undefined) patch.contacts_json = JSON.stringify(input.contacts);
  if (input.notes !== undefined) patch.notes = input.notes;
  await updateVersioned(tx, 'investors', id, input.version, patch, `客商“${before.name}”`);
  const after = await getInvestorInScope(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'investor',
    entityId: id,
    unitCode: actor.unitCode,
    summary: `修改客商 ${after.name}`,
    before,
    after,
  });
  return after;
}

/**
 * Re-derives every investor's origin scope for a new home city (called by settings when
 * homeRegionCode changes). One UPDATE per distinct origin, not per investor.
 */
export async function recomputeOriginScopes(tx: Tx, homeRegionCode: string): Promise<number> {
  const origins = await tx
    .selectFrom('investors')
    .select(['origin_code', 'origin_kind'])
    .distinct()
    .where('origin_code', 'is not', null)
    .execute();
  let changed = 0;
  for (const o of origins) {
    if (!o.origin_code) continue;
    const kind: OriginKind = o.origin_kind === 'country' ? 'country' : 'region';
    const scope = originScope({ code: o.origin_code, kind }, homeRegionCode);
    const res = await tx
      .updateTable('investors')
      .set({ origin_scope: scope })
      .where('origin_code', '=', o.origin_code)
      .where((eb) => eb.or([eb('origin_scope', 'is', null), eb('origin_scope', '!=', scope)]))
      .executeTakeFirst();
    changed += Number(res.numUpdatedRows);
  }
  return changed;
}

/** Used by projects: an investor may be linked when it exists (a duplicate credit code points the clerk to it). */
export async function assertInvestorExists(db: Tx, id: number): Promise<{ id: number; name: string }> {
  const r = await db.selectFrom('investors').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('validation', '所选客商不存在，请重新选择', { investorId: '客商不存在' });
  return { id: Number(r.id), name: r.name };
}
