import { sql } from 'kysely';
// The statistics engine: SQL sums and counts for one period and scope, turned into figures by
// src/domain/stats.ts (buildDispatchStats). Every screen, Excel file and the briefing read this.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { currentPeriod, formatPeriod, parsePeriod, type Period } from '../../domain/period';
import { buildDispatchStats, countedFundStatuses, ratio, yoy, type DispatchInput, type DispatchStats, type MonthAmount } from '../../domain/stats';
import { ORIGIN_GROUP_LABELS, ORIGIN_SCOPE_LABELS, originGroup, type OriginScope } from '../../domain/origin';
import { INDUSTRY_LABELS } from '../../domain/labels';
import type { UnitKind } from '../../domain/labels';
import type { Stage } from '../../domain/stages';
import type { StatsBasis, BreakdownDto, MonthlyDto } from '../../contracts/stats';
import type { Actor } from '../auth/actor';
import { scopeUnit } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { rollupThresholdYuan } from './rollups';
import { withSpeech, type DispatchStatsWithSpeech } from './speech.service';

/** Fund statuses that count for a basis: verified only, or everything a unit has reported. */
export function countedStatuses(basis: StatsBasis): string[] {
  return countedFundStatuses(basis);
}

export type StatsScope = { period: Period; unitCode: string | null; basis: StatsBasis };

const KIND_ORDER: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };

/** Period text → Period, with a message a clerk understands. */
export function requirePeriod(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new AppError('validation', `报告期“${text}”格式不对，应为 YYYY-MM，例如 2026-05`, { period: '应为 YYYY-MM' });
  return p;
}

/** The latest period that has counted funds, or the current month when there is none. */
export async function latestPeriod(db: Tx, actor: Actor | null, basis: StatsBasis = 'verified'): Promise<{ period: string; hasData: boolean }> {
  let q = db.selectFrom('fund_rollups').select(['year', 'month']).where('status', 'in', countedStatuses(basis)).where('entries', '>', 0)
    .orderBy('year', 'desc').orderBy('month', 'desc').limit(1);
  const unit = actor ? scopeUnit(actor) : null;
  if (unit !== null) q = q.where('unit_code', '=', unit);
  const row = await q.executeTakeFirst();
  if (row) return { period: formatPeriod({ year: n(row.year), month: n(row.month) }), hasData: true };
  return { period: formatPeriod(currentPeriod()), hasData: false };
}

/**
 * Resolves the scope an actor may ask for: a unit user always gets their own unit; asking for
 * another unit is answered as "not found" so that codes reveal nothing.
 */
export async function resolveScope(
  db: Tx,
  actor: Actor,
  q: { period?: string | undefined; unit?: string | undefined; basis?: StatsBasis | undefined },
): Promise<StatsScope> {
  const basis = q.basis ?? 'verified';
  const period = requirePeriod(q.period ?? (await latestPeriod(db, actor, basis)).period);
  const own = scopeUnit(actor);
  let unitCode: string | null = q.unit ?? null;
  if (own !== null) {
    if (unitCode !== null && unitCode !== own) throw new AppError('not_found', `单位 ${unitCode} 不存在或无权查看`);
    unitCode = own;
  }
  if (unitCode !== null) {
    const u = await db.selectFrom('units').select(['code', 'kind']).where('code', '=', unitCode).executeTakeFirst();
    if (!u) throw new AppError('not_found', `单位 ${unitCode} 不存在或无权查看`);
    // The city's own unit stands for the whole city.
    if (u.kind === 'city' && own === null) unitCode = null;
  }
  return { period, unitCode, basis };
}

function endDateExclusive(p: Period): string {
  return p.month === 12 ? `${p.year + 1}-01-01` : `${p.year}-${String(p.month + 1).padStart(2, '0')}-01`;
}
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

type UnitRow = { code: string; name: string; kind: UnitKind; sort: number };

async function listStatUnits(db: Tx): Promise<UnitRow[]> {
  const rows = await db.selectFrom('units').select(['code', 'name', 'kind', 'sort', 'active']).execute();
  return rows
    .filter((r) => r.active)
    .map((r) => ({ code: r.code, name: r.name, kind: r.kind as UnitKind, sort: r.sort }))
    .sort((a, b) => (KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]!) || a.sort - b.sort || a.code.localeCompare(b.code));
}

/**
 * Where the fund sums come from: 'rollups' (fund_rollups / fund_project_firsts, kept exact by
 * database triggers — docs/adr/0003-statistics-rollups.md) or 'entries' (aggregating fund_entries
 * directly: the reference the rollups are tested against, and the fallback while the rollups were
 * built with another large-project threshold than the setting says).
 */
export type FundsSource = 'rollups' | 'entries';

/** Σ funds of years Y and Y−1, months ≤ M, by year, month and unit. */
async function fundsByUnitMonth(db: Tx, s: StatsScope, source: FundsSource) {
  const rows = await db
    .selectFrom(source === 'rollups' ? 'fund_rollups' : 'fund_entries')
    .select((eb) => ['year', 'month', 'unit_code', eb.fn.sum<number>('amount_yuan').as('yuan'), eb.fn.sum<number>('foreign_usd').as('usd')])
    .where('year', 'in', [s.period.year, s.period.year - 1])
    .where('status', 'in', countedStatuses(s.basis))
    .where('month', '<=', s.period.month)
    .groupBy(['year', 'month', 'unit_code'])
    .execute();
  return rows.map((r) => ({ year: n(r.year), month: n(r.month), unitCode: r.unit_code, yuan: n(r.yuan), usd: n(r.usd) }));
}

/**
 * One pass over the year's counted entries joined to project and investor: Σ funds by origin
 * scope, and for projects at or above the large-project threshold, their count and Σ funds.
 * (A project has one scope, so per-group distinct counts add up.)
 */
async function fundsByOrigin(db: Tx, s: StatsScope, thresholdYuan: number, source: FundsSource) {
  if (source === 'rollups' && (await rollupThresholdYuan(db)) === thresholdYuan) return fundsByOriginRollups(db, s);
  return fundsByOriginDirect(db, s, thresholdYuan);
}

/**
 * The same from the rollups: Σ by (scope, large) from fund_rollups; the large projects with
 * counted funds up to M are those whose first counted month (fund_project_firsts) is ≤ M.
 */
async function fundsByOriginRollups(db: Tx, s: StatsScope) {
  const statuses = countedStatuses(s.basis);
  let sums = db.selectFrom('fund_rollups')
    .select((eb) => ['origin_scope as scope', 'large', eb.fn.sum<number>('amount_yuan').as('yuan')])
    .where('year', '=', s.period.year).where('status', 'in', statuses).where('month', '<=', s.period.month)
    .where('origin_scope', 'not in', ['', 'local'])
    .groupBy(['origin_scope', 'large']);
  // Large non-local projects whose first counted month is ≤ M (fund_large_counts, migration 004;
  // unit '*' holds the whole city so that a project is counted once).
  const count = db.selectFrom('fund_large_counts')
    .select((eb) => eb.fn.sum<number>('projects').as('c'))
    .where('year', '=', s.period.year).where('basis', '=', s.basis).where('unit_code', '=', s.unitCode ?? '*')
    .where('first_month', '<=', s.period.month);
  if (s.unitCode) sums = sums.where('unit_code', '=', s.unitCode);
  const [rows, c] = await Promise.all([sums.execute(), count.executeTakeFirst()]);
  const byScope = new Map<string, number>();
  const large = { count: n(c?.c), fundsYtdYuan: 0 };
  for (const r of rows) {
    byScope.set(String(r.scope), (byScope.get(String(r.scope)) ?? 0) + n(r.yuan));
    if (n(r.large) === 1) large.fundsYtdYuan += n(r.yuan);
  }
  return { byScope, large };
}

async function fundsByOriginDirect(db: Tx, s: StatsScope, thresholdYuan: number) {
  // The threshold is an integer setting, written as a literal so SELECT and GROUP BY match on PostgreSQL.
  const isLarge = sql<number>`case when p.total_investment_yuan >= ${sql.lit(Math.trunc(thresholdYuan))} then 1 else 0 end`;
  let q = db
    .selectFrom('fund_entries as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .innerJoin('investors as i', 'i.id', 'p.investor_id')
    .select((eb) => [
      'i.origin_scope as scope',
      isLarge.as('large'),
      eb.fn.sum<number>('f.amount_yuan').as('yuan'),
      eb.fn.count<number>('p.id').distinct().as('projects'),
    ])
    .where('f.year', '=', s.period.year)
    .where('f.status', 'in', countedStatuses(s.basis))
    .where('f.month', '<=', s.period.month)
    .where('i.origin_scope', '<>', 'local')
    .groupBy(['i.origin_scope', isLarge]);
  if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
  const rows = await q.execute();
  const byScope = new Map<string, number>();
  const large = { count: 0, fundsYtdYuan: 0 };
  for (const r of rows) {
    byScope.set(String(r.scope), (byScope.get(String(r.scope)) ?? 0) + n(r.yuan));
    if (n(r.large) === 1) { large.count += n(r.projects); large.fundsYtdYuan += n(r.yuan); }
  }
  return { byScope, large };
}

/** Loads every sum and count the dispatch statistics need (the raw input of buildDispatchStats). */
export async function loadDispatchInput(db: Tx, s: StatsScope, source: FundsSource = 'rollups'): Promise<DispatchInput> {
  const settings = await getSettings(db);
  const { year, month } = s.period;
  const largeThreshold = settings.largeProjectThresholdWan * 10000;
  const reserveThreshold = settings.reserveThresholdWan * 10000;
  const from = `${year}-01-01`;
  const to = endDateExclusive(s.period);

  const [units, funds, origin, targets, reserve, trips, contracts, stages] = await Promise.all([
    listStatUnits(db),
    fundsByUnitMonth(db, s, source),
    fundsByOrigin(db, s, largeThreshold, source),
    db.selectFrom('targets').select(['unit_code', 'base_value', 'stretch_value'])
      .where('year', '=', year).where('indicator', '=', 'funds').execute(),
    (() => {
      let q = db.selectFrom('reserve_projects')
        .select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('total_investment_yuan').as('t')])
        .where('status', 'in', ['reserve', 'promoted'])
        .where('total_investment_yuan', '>=', reserveThreshold);
      if (s.unitCode) q = q.where('unit_code', '=', s.unitCode);
      return q.executeTakeFirst();
    })(),
    (() => {
      let q = db.selectFrom('activities')
        .select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('person_times').as('p')])
        .where('kind', '=', 'trip').where('start_date', '>=', from).where('start_date', '<', to);
      if (s.unitCode) q = q.where('unit_code', '=', s.unitCode);
      return q.executeTakeFirst();
    })(),
    db.selectFrom('projects')
      .select((eb) => ['unit_code', eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('total_investment_yuan').as('t')])
      .where('contract_date', '>=', from).where('contract_date', '<', to)
      .groupBy('unit_code').execute(),
    (() => {
      let q = db.selectFrom('projects').select((eb) => ['stage', eb.fn.countAll<number>().as('c')]).groupBy('stage');
      if (s.unitCode) q = q.where('unit_code', '=', s.unitCode);
      return q.execute();
    })(),
  ]);

  const inScope = (code: string) => s.unitCode === null || code === s.unitCode;
  const fundsByMonth: MonthAmount[] = [];
  const lastYearByMonth: MonthAmount[] = [];
  let foreignUsdYtd = 0;
  const unitYtd = new Map<string, number>();
  const unitLast = new Map<string, number>();
  for (const r of funds) {
    if (r.year === year) unitYtd.set(r.unitCode, (unitYtd.get(r.unitCode) ?? 0) + r.yuan);
    else unitLast.set(r.unitCode, (unitLast.get(r.unitCode) ?? 0) + r.yuan);
    if (!inScope(r.unitCode)) continue;
    if (r.year === year) {
      fundsByMonth.push({ month: r.month, yuan: r.yuan });
      foreignUsdYtd += r.usd;
    } else lastYearByMonth.push({ month: r.month, yuan: r.yuan });
  }

  const targetOf = new Map(targets.map((t) => [t.unit_code, { base: n(t.base_value), stretch: t.stretch_value === null ? null : n(t.stretch_value) }]));
  const city = units.find((u) => u.kind === 'city');
  const scopeTarget = s.unitCode ? targetOf.get(s.unitCode) : city ? targetOf.get(city.code) : undefined;
  const contractsByUnit = new Map(contracts.map((c) => [c.unit_code, { count: n(c.c), total: n(c.t) }]));
  let contractCount = 0;
  let contractTotal = 0;
  for (const [code, c] of contractsByUnit) {
    if (!inScope(code)) continue;
    contractCount += c.count;
    contractTotal += c.total;
  }
  const origins = origin.byScope;
  const large = origin.large;
  const province = origins.get('province') ?? 0;
  const domestic = origins.get('domestic') ?? 0;
  const abroad = origins.get('abroad') ?? 0;

  return {
    period: s.period,
    fundsByMonth,
    lastYearByMonth,
    targetBaseYuan: scopeTarget ? scopeTarget.base : null,
    targetStretchYuan: scopeTarget ? scopeTarget.stretch : null,
    foreignUsdYtd,
    outsideRegionYtdYuan: province + domestic + abroad,
    // 省外 counts everything from outside the province, abroad included (matches the sample).
    outOfProvinceYtdYuan: domestic + abroad,
    abroadYtdYuan: abroad,
    largeProjects: { thresholdYuan: largeThreshold, ...large },
    reserve: { thresholdYuan: reserveThreshold, count: n(reserve?.c), totalInvestmentYuan: n(reserve?.t) },
    activities: { trips: n(trips?.c), personTimes: n(trips?.p) },
    contractsYtd: { count: contractCount, totalInvestmentYuan: contractTotal },
    stageCounts: Object.fromEntries(stages.map((r) => [r.stage, n(r.c)])) as Partial<Record<Stage, number>>,
    units: units
      .filter((u) => u.kind !== 'city')
      .map((u) => ({
        code: u.code,
        name: u.name,
        kind: u.kind,
        targetBaseYuan: targetOf.get(u.code)?.base ?? null,
        fundsYtdYuan: unitYtd.get(u.code) ?? 0,
        fundsYtdLastYearYuan: unitLast.get(u.code) ?? 0,
        hasContractYtd: (contractsByUnit.get(u.code)?.count ?? 0) > 0,
      })),
  };
}

/**
 * Dispatch statistics for a scope. Ranks are always among all units; a unit scope returns only
 * its own row of the ranking (and its own no-result flag).
 */
export async function dispatchStats(db: Tx, s: StatsScope, source: FundsSource = 'rollups'): Promise<DispatchStatsWithSpeech> {
  const stats = buildDispatchStats(await loadDispatchInput(db, s, source));
  const dto = s.unitCode === null ? stats : {
    ...stats,
    units: stats.units.filter((u) => u.code === s.unitCode),
    zeroResultUnits: stats.zeroResultUnits.filter((c) => c === s.unitCode),
  };
  return withSpeech(db, s, dto);
}

/** Counted funds of every month of year Y up to M against Y − 1 (the dashboard's bar + line). */
export async function monthlyStats(db: Tx, s: StatsScope, source: FundsSource = 'rollups'): Promise<MonthlyDto> {
  let q = db
    .selectFrom(source === 'rollups' ? 'fund_rollups' : 'fund_entries')
    .select((eb) => ['year', 'month', eb.fn.sum<number>('amount_yuan').as('yuan')])
    .where('year', 'in', [s.period.year, s.period.year - 1])
    .where('status', 'in', countedStatuses(s.basis))
    .groupBy(['year', 'month']);
  if (s.unitCode) q = q.where('unit_code', '=', s.unitCode);
  const rows = await q.execute();
  const cur = new Map<number, number>();
  const last = new Map<number, number>();
  for (const r of rows) (n(r.year) === s.period.year ? cur : last).set(n(r.month), n(r.yuan));
  const months = [];
  for (let m = 1; m <= 12; m++) {
    const fundsYuan = m <= s.period.month ? cur.get(m) ?? 0 : 0;
    const lastYearYuan = last.get(m) ?? 0;
    months.push({ month: m, fundsYuan, lastYearYuan, yoy: m <= s.period.month ? yoy(fundsYuan, lastYearYuan) : null });
  }
  return { year: s.period.year, month: s.period.month, months };
}

/** YTD funds by origin scope, by economic region (长三角, 珠三角, 京津冀) and by industry. */
export async function breakdownStats(db: Tx, s: StatsScope): Promise<BreakdownDto> {
  let q = db
    .selectFrom('fund_entries as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .leftJoin('investors as i', 'i.id', 'p.investor_id')
    .select((eb) => [
      'i.origin_scope as scope', 'i.origin_code as origin', 'p.industry as industry',
      eb.fn.sum<number>('f.amount_yuan').as('yuan'), eb.fn.count<number>('p.id').distinct().as('projects'),
    ])
    .where('f.year', '=', s.period.year)
    .where('f.status', 'in', countedStatuses(s.basis))
    .where('f.month', '<=', s.period.month)
    .groupBy(['i.origin_scope', 'i.origin_code', 'p.industry']);
  if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
  const rows = await q.execute();
  let total = 0;
  const scopes = new Map<string, { yuan: number; projects: number }>();
  const groups = new Map<string, { yuan: number; projects: number }>();
  const industries = new Map<string, { yuan: number; projects: number }>();
  const add = (m: Map<string, { yuan: number; projects: number }>, k: string, yuan: number, projects: number) => {
    const e = m.get(k) ?? { yuan: 0, projects: 0 };
    e.yuan += yuan;
    e.projects += projects;
    m.set(k, e);
  };
  for (const r of rows) {
    const yuan = n(r.yuan);
    const projects = n(r.projects);
    total += yuan;
    const scope = (r.scope as OriginScope | null) ?? 'unknown';
    add(scopes, scope, yuan, projects);
    if (scope === 'domestic' && r.origin) {
      const g = originGroup(r.origin);
      if (g) add(groups, g, yuan, projects);
    }
    add(industries, r.industry ?? '', yuan, projects);
  }
  const scopeLabel = (k: string) => (k in ORIGIN_SCOPE_LABELS ? ORIGIN_SCOPE_LABELS[k as OriginScope] : '未填投资方');
  const order = ['local', 'province', 'domestic', 'abroad', 'unknown'];
  const items = (m: Map<string, { yuan: number; projects: number }>, label: (k: string) => string) =>
    [...m.entries()].map(([key, v]) => ({ key, label: label(key), fundsYuan: v.yuan, projects: v.projects, share: ratio(v.yuan, total) }));
  return {
    period: { year: s.period.year, month: s.period.month },
    fundsYtdYuan: total,
    originScopes: items(scopes, scopeLabel).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)),
    originGroups: items(groups, (k) => ORIGIN_GROUP_LABELS[k as keyof typeof ORIGIN_GROUP_LABELS]).sort((a, b) => b.fundsYuan - a.fundsYuan),
    industries: items(industries, (k) => (k === '' ? '未填行业' : (INDUSTRY_LABELS as Record<string, string>)[k] ?? k)).sort((a, b) => b.fundsYuan - a.fundsYuan),
  };
}

