// The policy register (政策库): each policy with its document number, issuer, dates, status and
// the projects that used it; a review campaign in which every policy in force gets a decision —
// keep, revise or abolish — with its reason ("该修订的马上修订，该废止的立即废止").
import type { Tx } from '../../db/database';
import type { Policy, ReviewCampaign } from '../../contracts/policies';
import { AppError } from '../../domain/errors';
import { todayIso } from '../../domain/period';
import { updateVersioned } from '../../db/versioned';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { scopeUnit } from '../auth/scope';

type PolicyRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const baseQuery = (db: Tx) => db.selectFrom('policies').selectAll();

async function toPolicies(db: Tx, actor: Actor, rows: PolicyRow[], today: string): Promise<Policy[]> {
  const ids = rows.map((r) => Number(r.id));
  const links =
    ids.length === 0
      ? []
      : await db
          .selectFrom('policy_projects')
          .innerJoin('projects', 'projects.id', 'policy_projects.project_id')
          .select(['policy_projects.policy_id', 'projects.id', 'projects.code', 'projects.name', 'projects.unit_code'])
          .where('policy_projects.policy_id', 'in', ids)
          .orderBy('projects.code')
          .execute();
  // A unit user sees which of its own projects used a policy, not other units' projects.
  const unit = scopeUnit(actor);
  return rows.map((r) => ({
    id: Number(r.id),
    docNumber: r.doc_number,
    title: r.title,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    status: r.status as Policy['status'],
    reviewDue: r.review_due,
    summary: r.summary,
    version: r.version,
    projects: links
      .filter((l) => Number(l.policy_id) === Number(r.id) && (unit === null || l.unit_code === unit))
      .map((l) => ({ id: Number(l.id), code: l.code, name: l.name, unitCode: l.unit_code })),
    reviewOverdue: r.status === 'active' && ((!!r.review_due && r.review_due < today) || (!!r.expires_on && r.expires_on < today)),
  }));
}

export async function listPolicies(
  db: Tx,
  actor: Actor,
  q: { status?: string | undefined; q?: string | undefined } = {},
  today = todayIso(),
): Promise<Policy[]> {
  let qb = baseQuery(db);
  if (q.status) qb = qb.where('status', '=', q.status);
  if (q.q)
    qb = qb.where((eb) => eb.or([eb('title', 'like', `%${q.q}%`), eb('doc_number', 'like', `%${q.q}%`), eb('issuer', 'like', `%${q.q}%`)]));
  return toPolicies(db, actor, await qb.orderBy('issued_on', 'desc').orderBy('id', 'desc').limit(1000).execute(), today);
}

export async function getPolicy(db: Tx, actor: Actor, id: number): Promise<Policy> {
  const r = await baseQuery(db).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '政策不存在或已被删除');
  return (await toPolicies(db, actor, [r], todayIso()))[0]!;
}

type PolicyInput = {
  docNumber?: string | undefined;
  title?: string | undefined;
  issuer?: string | undefined;
  issuedOn?: string | undefined;
  expiresOn?: string | null | undefined;
  reviewDue?: string | null | undefined;
  summary?: string | null | undefined;
  projectIds?: number[] | undefined;
};

async function checkInput(tx: Tx, input: PolicyInput, selfId: number | null): Promise<void> {
  if (input.docNumber) {
    const dup = await tx.selectFrom('policies').select('id').where('doc_number', '=', input.docNumber).executeTakeFirst();
    if (dup && Number(dup.id) !== selfId)
      throw new AppError('conflict', `文号 ${input.docNumber} 已登记，请检查是否重复录入`, { docNumber: '文号已存在' });
  }
  if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) {
    throw new AppError('validation', '有效期至不能早于发布日期', { expiresOn: '不能早于发布日期' });
  }
  if (input.projectIds?.length) {
    const found = await tx.selectFrom('projects').select('id').where('id', 'in', input.projectIds).execute();
    if (found.length !== new Set(input.projectIds).size)
      throw new AppError('validation', '所选项目中有的不存在，请刷新后重选', { projectIds: '项目不存在' });
  }
}

async function setProjects(tx: Tx, policyId: number, projectIds: number[] | undefined): Promise<void> {
  if (projectIds === undefined) return;
  await tx.deleteFrom('policy_projects').where('policy_id', '=', policyId).execute();
  const ids = [...new Set(projectIds)];
  if (ids.length)
    await tx
      .insertInto('policy_projects')
      .values(ids.map((project_id) => ({ policy_id: policyId, project_id })))
      .execute();
}

export async function createPolicy(
  tx: Tx,
  actor: Actor,
  input: PolicyInput & { docNumber: string; title: string; issuer: string; issuedOn: string },
): Promise<Policy> {
  requirePermission(actor, 'policy.write');
  await checkInput(tx, input, null);
  const t = nowIso();
  const row = await tx
    .insertInto('policies')
    .values({
      doc_number: input.docNumber,
      title: input.title,
      issuer: input.issuer,
      issued_on: input.issuedOn,
      expires_on: input.expiresOn ?? null,
      status: 'active',
      review_due: input.reviewDue ?? null,
      summary: input.summary ?? null,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await setProjects(tx, id, input.projectIds);
  const p = await getPolicy(tx, actor, id);
  await audit(tx, actor, { action: 'create', entity: 'policy', entityId: id, summary: `登记政策 ${p.docNumber}《${p.title}》`, after: p });
  return p;
}

export async function updatePolicy(tx: Tx, actor: Actor, id: number, input: PolicyInput & { version: number }): Promise<Policy> {
  requirePermission(actor, 'policy.write');
  const before = await getPolicy(tx, actor, id);
  await checkInput(
    tx,
    {
      ...input,
      issuedOn: input.issuedOn ?? before.issuedOn,
      expiresOn: input.expiresOn === undefined ? before.expiresOn : input.expiresOn,
    },
    id,
  );
  const patch: Record<string, unknown> = {};
  const map: [keyof PolicyInput, string][] = [
    ['docNumber', 'doc_number'],
    ['title', 'title'],
    ['issuer', 'issuer'],
    ['issuedOn', 'issued_on'],
    ['expiresOn', 'expires_on'],
    ['reviewDue', 'review_due'],
    ['summary', 'summary'],
  ];
  for (const [k, col] of map) if (input[k] !== undefined) patch[col] = input[k];
  await updateVersioned(tx, 'policies', id, input.version, patch, '政策');
  await setProjects(tx, id, input.projectIds);
  const after = await getPolicy(tx, actor, id);
  await audit(tx, actor, { action: 'update', entity: 'policy', entityId: id, summary: `修改政策 ${after.docNumber}`, before, after });
  return after;
}

/** The campaign's list: every policy that was in force when the campaign started, with its decision. */
export async function reviewCampaign(db: Tx, actor: Actor, campaign: string): Promise<ReviewCampaign> {
  const decisions = await db.selectFrom('policy_reviews').selectAll().where('campaign', '=', campaign).execute();
  const decided = new Set(decisions.map((d) => Number(d.policy_id)));
  const rows = await baseQuery(db)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('id', 'in', decided.size ? [...decided] : [-1])]))
    .orderBy('issued_on')
    .orderBy('id')
    .execute();
  const policies = await toPolicies(db, actor, rows, todayIso());
  const byPolicy = new Map(decisions.map((d) => [Number(d.policy_id), d]));
  const items = policies.map((p) => {
    const d = byPolicy.get(p.id);
    return {
      policy: p,
      decision: (d?.decision ?? null) as 'keep' | null,
      reason: d?.reason ?? null,
      decidedBy: d?.decided_by_name ?? null,
      decidedAt: d?.decided_at ?? null,
    };
  });
  const count = (k: string) => decisions.filter((d) => d.decision === k).length;
  return {
    campaign,
    total: items.length,
    decided: decisions.length,
    counts: { keep: count('keep'), revise: count('revise'), abolish: count('abolish') },
    items,
  };
}

const STATUS_AFTER = { keep: 'active', revise: 'to_revise', abolish: 'abolished' } as const;

/** One decision of a campaign; it sets the policy's status (revise → 待修订, abolish → 已废止). */
export async function decidePolicy(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { campaign: string; decision: 'keep' | 'revise' | 'abolish'; reason: string },
): Promise<ReviewCampaign> {
  requirePermission(actor, 'policy.write');
  const before = await getPolicy(tx, actor, id);
  const existing = await tx
    .selectFrom('policy_reviews')
    .select('id')
    .where('campaign', '=', input.campaign)
    .where('policy_id', '=', id)
    .executeTakeFirst();
  if (existing) throw new AppError('conflict', `《${before.title}》在本次清理（${input.campaign}）中已有结论，不能重复决定`);
  if (before.status !== 'active') throw new AppError('conflict', `《${before.title}》当前已不是“有效”状态，无需纳入本次清理`);
  await tx
    .insertInto('policy_reviews')
    .values({
      campaign: input.campaign,
      policy_id: id,
      decision: input.decision,
      reason: input.reason,
      decided_by_name: actor.name,
      decided_at: nowIso(),
    })
    .execute();
  const status = STATUS_AFTER[input.decision];
  if (status !== before.status) await updateVersioned(tx, 'policies', id, before.version, { status }, '政策');
  await audit(tx, actor, {
    action: 'update',
    entity: 'policy',
    entityId: id,
    summary: `政策清理（${input.campaign}）：${before.docNumber} ${input.decision === 'keep' ? '继续有效' : input.decision === 'revise' ? '修订' : '废止'}——${input.reason}`,
    before: { status: before.status },
    after: { status, decision: input.decision, reason: input.reason },
  });
  return reviewCampaign(tx, actor, input.campaign);
}
