// 首报首谈: two units that registered the same investor (same credit code) or a near-identical
// project are shown to the city office, who decides which unit leads; the decision is kept.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { findLeadConflicts, type LeadConflict } from '../../domain/warnings';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';

export type LeadConflictView = LeadConflict & {
  unitNames: Record<string, string>;
  decision: { leadUnitCode: string; reason: string; decidedBy: string | null; decidedAt: string } | null;
};

export async function leadConflicts(db: Tx, actor: Actor): Promise<LeadConflictView[]> {
  requirePermission(actor, 'lead.decide');
  const rows = await db
    .selectFrom('projects')
    .leftJoin('investors', 'investors.id', 'projects.investor_id')
    .select(['projects.id', 'projects.code', 'projects.name', 'projects.unit_code', 'projects.registered_on', 'investors.credit_code'])
    // Still being courted on both sides: an investor with contracts in two units is not a dispute.
    .where('projects.stage', 'in', ['lead', 'negotiating', 'intent', 'agreement'])
    .execute();
  const conflicts = findLeadConflicts(
    rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      unitCode: r.unit_code,
      creditCode: r.credit_code ?? null,
      registeredOn: r.registered_on,
    })),
  );
  const [decisions, units] = await Promise.all([
    db.selectFrom('lead_decisions').selectAll().execute(),
    db.selectFrom('units').select(['code', 'name']).execute(),
  ]);
  const byKey = new Map(decisions.map((d) => [d.pair_key, d]));
  const unitNames = Object.fromEntries(units.map((u) => [u.code, u.name]));
  return conflicts.map((c) => {
    const d = byKey.get(c.key);
    return {
      ...c,
      unitNames: {
        [c.projects[0].unitCode]: unitNames[c.projects[0].unitCode] ?? c.projects[0].unitCode,
        [c.projects[1].unitCode]: unitNames[c.projects[1].unitCode] ?? c.projects[1].unitCode,
      },
      decision: d ? { leadUnitCode: d.lead_unit_code, reason: d.reason, decidedBy: d.decided_by_name, decidedAt: d.decided_at } : null,
    };
  });
}

export async function decideLead(
  tx: Tx,
  actor: Actor,
  input: { key: string; leadUnitCode: string; reason: string },
): Promise<LeadConflictView> {
  requirePermission(actor, 'lead.decide');
  const conflict = (await leadConflicts(tx, actor)).find((c) => c.key === input.key);
  if (!conflict) throw new AppError('not_found', '该首报首谈争议已不存在（项目可能已修改或终止），请刷新');
  if (conflict.decision)
    throw new AppError(
      'conflict',
      `已于 ${conflict.decision.decidedAt.slice(0, 10)} 决定由 ${conflict.unitNames[conflict.decision.leadUnitCode]} 牵头，不能重复决定`,
    );
  if (!conflict.projects.some((p) => p.unitCode === input.leadUnitCode)) {
    throw new AppError('validation', '牵头单位应为登记该项目的两个单位之一', { leadUnitCode: '应为争议双方之一' });
  }
  await tx
    .insertInto('lead_decisions')
    .values({
      pair_key: input.key,
      lead_unit_code: input.leadUnitCode,
      reason: input.reason,
      decided_by_name: actor.name,
      decided_at: nowIso(),
    })
    .execute();
  await audit(tx, actor, {
    action: 'create',
    entity: 'lead_decision',
    entityId: input.key,
    unitCode: input.leadUnitCode,
    summary: `首报首谈：${conflict.projects.map((p) => `${p.code}（${conflict.unitNames[p.unitCode]}）`).join(' 与 ')}，由 ${conflict.unitNames[input.leadUnitCode]} 牵头——${input.reason}`,
    after: input,
  });
  return (await leadConflicts(tx, actor)).find((c) => c.key === input.key)!;
}
