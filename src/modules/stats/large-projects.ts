// The rows of the 重点项目进展表: every large non-local project in scope with its funds this year and to
// date. Not part of the dispatch statistics or the speech (a province has tens of thousands of these);
// the count and sum the briefing reads out are the statistics' largeProjects, which the table's subtotal
// repeats, so the two always reconcile.
import type { Tx } from '../../db/database';
import type { LargeProjectRow } from '../../contracts/stats';
import { countedFundStatuses as countedStatuses } from '../../domain/stats';
import type { StatsScope } from './stats.service';

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Large non-local projects (DESIGN "largeProjects": investment ≥ threshold, investor not local):
 * every one still running in scope, plus any with counted funds this year (a dropped project
 * with funds still counts). countedThisYear marks the ones in largeProjects.count.
 */
export async function largeProjectList(db: Tx, s: StatsScope, thresholdYuan: number): Promise<LargeProjectRow[]> {
  const { year, month } = s.period;
  const projects = await db
    .selectFrom('projects as p')
    .innerJoin('units as u', 'u.code', 'p.unit_code')
    .innerJoin('investors as i', 'i.id', 'p.investor_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.unit_code',
      'u.name as uname',
      'i.origin_name',
      'p.total_investment_yuan',
      'p.stage',
      'p.contract_date',
      'p.start_date',
      'p.owner',
      'p.sponsor',
    ])
    .where('p.total_investment_yuan', '>=', thresholdYuan)
    .where('i.origin_scope', 'is not', null)
    .where('i.origin_scope', 'not in', ['', 'local'])
    .execute();
  if (!projects.length) return [];
  // Entries are scoped by their own unit, as the statistics count them.
  // The same projects by a join, not an IN list of their ids: a province has tens of thousands of
  // large projects, beyond SQLite's limit on parameters in one statement.
  let q = db
    .selectFrom('fund_entries as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .innerJoin('investors as i', 'i.id', 'p.investor_id')
    .select((eb) => ['f.project_id', 'f.year', eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('f.amount_yuan').as('yuan')])
    .where('f.status', 'in', countedStatuses(s.basis))
    .where((eb) => eb.or([eb('f.year', '<', year), eb.and([eb('f.year', '=', year), eb('f.month', '<=', month)])]))
    .where('p.total_investment_yuan', '>=', thresholdYuan)
    .where('i.origin_scope', 'is not', null)
    .where('i.origin_scope', 'not in', ['', 'local'])
    .groupBy(['f.project_id', 'f.year']);
  if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
  const ytd = new Map<number, { c: number; yuan: number }>();
  const toDate = new Map<number, number>();
  for (const r of await q.execute()) {
    const id = Number(r.project_id);
    toDate.set(id, (toDate.get(id) ?? 0) + n(r.yuan));
    if (n(r.year) === year) ytd.set(id, { c: n(r.c), yuan: n(r.yuan) });
  }
  return projects
    .filter((p) => ytd.has(p.id) || (p.stage !== 'dropped' && (s.unitCode === null || p.unit_code === s.unitCode)))
    .map((p) => ({
      projectId: p.id,
      code: p.code,
      name: p.name,
      unitCode: p.unit_code,
      unitName: p.uname,
      originName: p.origin_name,
      totalInvestmentYuan: n(p.total_investment_yuan),
      stage: p.stage,
      contractDate: p.contract_date,
      startDate: p.start_date,
      owner: p.owner,
      sponsor: p.sponsor,
      fundsYtdYuan: ytd.get(p.id)?.yuan ?? 0,
      fundsToDateYuan: toDate.get(p.id) ?? 0,
      countedThisYear: (ytd.get(p.id)?.c ?? 0) > 0,
    }))
    .sort(
      (a, b) =>
        Number(b.countedThisYear) - Number(a.countedThisYear) ||
        b.totalInvestmentYuan - a.totalInvestmentYuan ||
        a.code.localeCompare(b.code),
    );
}
