// Data-quality flags on fund entries for the verification queue: the pure checks are in
// src/domain/warnings.ts (fundQualityFlags); this loads the unit's pattern and the project history.
import type { Tx } from '../../db/database';
import { fundQualityFlags, type FundQualityFlag } from '../../domain/warnings';
import type { Actor } from '../auth/actor';
import { scoped } from '../auth/scope';
import { getSettings } from '../settings/settings.service';

export async function fundQuality(
  db: Tx,
  actor: Actor,
  period: string,
  unit?: string,
): Promise<{ entryId: number; flags: FundQualityFlag[] }[]> {
  let q = scoped(
    db
      .selectFrom('fund_entries')
      .select(['id', 'project_id', 'unit_code', 'period', 'amount_yuan', 'foreign_usd'])
      .where('period', '=', period)
      .where('status', '<>', 'returned'),
    'fund_entries.unit_code',
    actor,
  );
  if (unit) q = q.where('unit_code', '=', unit);
  const entries = await q.execute();
  if (entries.length === 0) return [];
  const settings = await getSettings(db);
  const unitCodes = [...new Set(entries.map((e) => e.unit_code))];
  const projectIds = [...new Set(entries.map((e) => Number(e.project_id)))];
  const counted = ['submitted', 'approved', 'verified'];
  const [months, history, projects, rate] = await Promise.all([
    db
      .selectFrom('fund_entries')
      .select((eb) => ['unit_code', 'period', eb.fn.sum<number>('amount_yuan').as('yuan')])
      .where('unit_code', 'in', unitCodes)
      .where('period', '<', period)
      .where('status', 'in', counted)
      .groupBy(['unit_code', 'period'])
      .execute(),
    db
      .selectFrom('fund_entries')
      .select(['project_id', 'period', 'amount_yuan'])
      .where('project_id', 'in', projectIds)
      .where('period', '<', period)
      .where('status', 'in', counted)
      .orderBy('period')
      .execute(),
    db.selectFrom('projects').select(['id', 'stage', 'total_investment_yuan', 'contract_date']).where('id', 'in', projectIds).execute(),
    db
      .selectFrom('exchange_rates')
      .select('cny_per_usd_e4')
      .where('period', '<=', period)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const unitMonths = new Map<string, Map<string, number>>();
  for (const m of months) {
    const map = unitMonths.get(m.unit_code) ?? new Map<string, number>();
    map.set(m.period, Number(m.yuan ?? 0));
    unitMonths.set(m.unit_code, map);
  }
  const projectHistory = new Map<number, { period: string; amountYuan: number }[]>();
  for (const h of history) {
    const list = projectHistory.get(Number(h.project_id)) ?? [];
    list.push({ period: h.period, amountYuan: Number(h.amount_yuan) });
    projectHistory.set(Number(h.project_id), list);
  }
  const flags = fundQualityFlags(
    entries.map((e) => ({
      id: Number(e.id),
      projectId: Number(e.project_id),
      unitCode: e.unit_code,
      period: e.period,
      amountYuan: Number(e.amount_yuan),
      foreignUsd: Number(e.foreign_usd),
    })),
    {
      thresholds: {
        spikeFactor: settings.qualitySpikeFactor,
        roundRunLength: settings.qualityRoundRunLength,
        roundUnitYuan: settings.qualityRoundUnitWan * 10_000,
      },
      projects: new Map(
        projects.map((p) => [
          Number(p.id),
          { id: Number(p.id), stage: p.stage, totalInvestmentYuan: Number(p.total_investment_yuan), contractDate: p.contract_date },
        ]),
      ),
      unitMonths,
      projectHistory,
      cnyPerUsdE4: rate ? Number(rate.cny_per_usd_e4) : null,
    },
  );
  return [...flags.entries()].map(([entryId, f]) => ({ entryId, flags: f }));
}
