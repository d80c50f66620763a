import { sql } from 'kysely';
// The statistics engine: SQL sums and counts for one period and scope, turned into figures by
// src/domain/stats.ts (buildDispatchStats). Every screen, Excel file and the briefing read this.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { currentPeriod, formatPeriod, parsePeriod, type Period } from '../../domain/period';
import { buildDispatchStats, ratio, yoy, type DispatchInput, type DispatchStats, type MonthAmount } from '../../domain/stats';
import {
  compareUnits,
  countedStatuses,
  countingRuleOf,
  isNonLocal,
  originFigures,
  OUTSIDE_REGION_SCOPES,
  periodRange,
} from '../../domain/stats.definitions';
import { ORIGIN_GROUP_LABELS, ORIGIN_SCOPE_LABELS, originGroup, type OriginScope } from '../../domain/origin';
import { INDUSTRY_LABELS } from '../../domain/labels';
import type { UnitKind } from '../../domain/labels';
import type { Stage } from '../../domain/stages';
import type { StatsBasis, BreakdownDto, MonthlyDto } from '../../contracts/stats';
import type { Actor } from '../auth/actor';
import { scopeUnit } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { rollupParams } from './rollups';
import { readFrozen } from '../funds/period-snapshots';
import { withSpeech, type DispatchStatsWithSpeech } from './speech.service';
import { activityDispatchFigures } from '../activities/activities.stats';
import type { ActivityDispatch } from '../../contracts/activities';

/** Fund statuses that count for a basis (defined once in src/domain/stats.definitions.ts). */
export { countedStatuses };

export type StatsScope = { period: Period; unitCode: string | null; basis: StatsBasis };

/** Period text → Period, with a message a clerk understands. */
export function requirePeriod(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new AppError('validation', `报告期“${text}”格式不对，应为 YYYY-MM，例如 2026-05`, { period: '应为 YYYY-MM' });
  return p;
}

/** The latest period that has counted funds, or the current month when there is none. */
export async function latestPeriod(
  db: Tx,
  actor: Actor | null,
  basis: StatsBasis = 'verified',
): Promise<{ period: string; hasData: boolean }> {
  let q = db
    .selectFrom('fund_rollups')
    .select(['year', 'month'])
    .where('status', 'in', countedStatuses(basis))
    .where('entries', '>', 0)
    .orderBy('year', 'desc')
    .orderBy('month', 'desc')
    .limit(1);
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

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

type UnitRow = { code: string; name: string; kind: UnitKind; sort: number };

async function listStatUnits(db: Tx): Promise<UnitRow[]> {
  const rows = await db.selectFrom('units').select(['code', 'name', 'kind', 'sort', 'active']).execute();
  return rows
    .filter((r) => r.active)
    .map((r) => ({ code: r.code, name: r.name, kind: r.kind as UnitKind, sort: r.sort }))
    .sort(compareUnits);
}

/**
 * Where the fund sums come from: 'rollups' (fund_rollups / fund_project_firsts, kept exact by
 * database triggers — docs/adr/0003-statistics-rollups.md) or 'entries' (aggregating fund_entries
 * directly: the reference the rollups are tested against, and the fallback while the rollups were
 * built with another large-project threshold than the setting says, or are being rebuilt).
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

/** Σ funds of year Y up to M by unit and origin scope; large non-local projects by unit and for the city. */
type OriginSums = {
  /** unit → origin scope ('' = no investor) → Σ yuan */
  byUnitScope: Map<string, Map<string, number>>;
  /** unit → large non-local projects with counted funds, and their Σ funds */
  largeByUnit: Map<string, { count: number; fundsYtdYuan: number }>;
  /** the whole city's count (a project whose entries sit in two units counts once) */
  cityLargeCount: number;
};

/** Whether the rollups may be read: built with the setting's threshold and not being rebuilt. */
export async function rollupsUsable(db: Tx, thresholdYuan: number): Promise<boolean> {
  const p = await rollupParams(db);
  return p !== null && p.thresholdYuan === thresholdYuan && p.ready;
}

async function fundsByOrigin(db: Tx, s: StatsScope, thresholdYuan: number, source: FundsSource): Promise<OriginSums> {
  if (source === 'rollups') return fundsByOriginRollups(db, s);
  return fundsByOriginDirect(db, s, thresholdYuan);
}

function addScope(out: OriginSums, unit: string, scope: string, yuan: number, large: boolean): void {
  const m = out.byUnitScope.get(unit) ?? new Map<string, number>();
  m.set(scope, (m.get(scope) ?? 0) + yuan);
  out.byUnitScope.set(unit, m);
  if (large && isNonLocal(scope)) {
    const l = out.largeByUnit.get(unit) ?? { count: 0, fundsYtdYuan: 0 };
    l.fundsYtdYuan += yuan;
    out.largeByUnit.set(unit, l);
  }
}

/**
 * From the rollups: Σ by (unit, scope, large) from fund_rollups; the large projects with counted
 * funds up to M from fund_large_counts (migration 004; unit '*' holds the whole city).
 */
async function fundsByOriginRollups(db: Tx, s: StatsScope): Promise<OriginSums> {
  const sums = db
    .selectFrom('fund_rollups')
    .select((eb) => ['unit_code', 'origin_scope as scope', 'large', eb.fn.sum<number>('amount_yuan').as('yuan')])
    .where('year', '=', s.period.year)
    .where('status', 'in', countedStatuses(s.basis))
    .where('month', '<=', s.period.month)
    .groupBy(['unit_code', 'origin_scope', 'large']);
  const counts = db
    .selectFrom('fund_large_counts')
    .select((eb) => ['unit_code', eb.fn.sum<number>('projects').as('c')])
    .where('year', '=', s.period.year)
    .where('basis', '=', s.basis)
    .where('first_month', '<=', s.period.month)
    .groupBy('unit_code');
  const [rows, c] = await Promise.all([sums.execute(), counts.execute()]);
  const out: OriginSums = { byUnitScope: new Map(), largeByUnit: new Map(), cityLargeCount: 0 };
  for (const r of rows) addScope(out, r.unit_code, String(r.scope ?? ''), n(r.yuan), n(r.large) === 1);
  for (const r of c) {
    if (r.unit_code === '*') {
      out.cityLargeCount = n(r.c);
      continue;
    }
    const l = out.largeByUnit.get(r.unit_code) ?? { count: 0, fundsYtdYuan: 0 };
    l.count = n(r.c);
    out.largeByUnit.set(r.unit_code, l);
  }
  return out;
}

async function fundsByOriginDirect(db: Tx, s: StatsScope, thresholdYuan: number): Promise<OriginSums> {
  // The threshold is an integer setting, written as a literal so SELECT and GROUP BY match on PostgreSQL.
  const isLarge = sql<number>`case when p.total_investment_yuan >= ${sql.lit(Math.trunc(thresholdYuan))} then 1 else 0 end`;
  const scope = sql<string>`coalesce(i.origin_scope, '')`;
  const base = () =>
    db
      .selectFrom('fund_entries as f')
      .innerJoin('projects as p', 'p.id', 'f.project_id')
      .leftJoin('investors as i', 'i.id', 'p.investor_id')
      .where('f.year', '=', s.period.year)
      .where('f.status', 'in', countedStatuses(s.basis))
      .where('f.month', '<=', s.period.month);
  const [rows, city] = await Promise.all([
    base()
      .select((eb) => [
        'f.unit_code',
        scope.as('scope'),
        isLarge.as('large'),
        eb.fn.sum<number>('f.amount_yuan').as('yuan'),
        eb.fn.count<number>('p.id').distinct().as('projects'),
      ])
      .groupBy(['f.unit_code', scope, isLarge])
      .execute(),
    base()
      .select((eb) => eb.fn.count<number>('p.id').distinct().as('c'))
      .where(isLarge, '=', 1)
      .where('i.origin_scope', 'in', [...OUTSIDE_REGION_SCOPES])
      .executeTakeFirst(),
  ]);
  const out: OriginSums = { byUnitScope: new Map(), largeByUnit: new Map(), cityLargeCount: n(city?.c) };
  for (const r of rows) {
    const sc = String(r.scope ?? '');
    const large = n(r.large) === 1;
    addScope(out, r.unit_code, sc, n(r.yuan), large);
    // A project has one scope and one size, so per-group distinct counts add up within a unit.
    if (large && isNonLocal(sc)) out.largeByUnit.get(r.unit_code)!.count += n(r.projects);
  }
  return out;
}

/** Loads every sum and count the dispatch statistics need (the raw input of buildDispatchStats). */
export async function loadDispatchInput(db: Tx, s: StatsScope, source: FundsSource = 'rollups'): Promise<DispatchInput> {
  return (await loadDispatchInputWithSource(db, s, source)).input;
}

async function loadDispatchInputWithSource(
  db: Tx,
  s: StatsScope,
  wanted: FundsSource,
): Promise<{ input: DispatchInput; source: FundsSource }> {
  const settings = await getSettings(db);
  const { year } = s.period;
  const largeThreshold = settings.largeProjectThresholdWan * 10000;
  const reserveThreshold = settings.reserveThresholdWan * 10000;
  const range = periodRange(s.period);
  const from = range.yearStart;
  const to = range.endExclusive;
  const source: FundsSource = wanted === 'rollups' && (await rollupsUsable(db, largeThreshold)) ? 'rollups' : 'entries';

  const [units, funds, origin, targets, reserve, trips, contracts, stages] = await Promise.all([
    listStatUnits(db),
    fundsByUnitMonth(db, s, source),
    fundsByOrigin(db, s, largeThreshold, source),
    db
      .selectFrom('targets')
      .select(['unit_code', 'base_value', 'stretch_value'])
      .where('year', '=', year)
      .where('indicator', '=', 'funds')
      .execute(),
    (() => {
      let q = db
        .selectFrom('reserve_projects')
        .select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('total_investment_yuan').as('t')])
        .where('status', 'in', ['reserve', 'promoted'])
        .where('total_investment_yuan', '>=', reserveThreshold);
      if (s.unitCode) q = q.where('unit_code', '=', s.unitCode);
      return q.executeTakeFirst();
    })(),
    (() => {
      let q = db
        .selectFrom('activities')
        .select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('person_times').as('p')])
        .where('kind', '=', 'trip')
        .where('start_date', '>=', from)
        .where('start_date', '<', to);
      if (s.unitCode) q = q.where('unit_code', '=', s.unitCode);
      return q.executeTakeFirst();
    })(),
    db
      .selectFrom('projects')
      .select((eb) => ['unit_code', eb.fn.countAll<number>().as('c'), eb.fn.sum<number>('total_investment_yuan').as('t')])
      .where('contract_date', '>=', from)
      .where('contract_date', '<', to)
      .groupBy('unit_code')
      .execute(),
    (() => {
      let q = db
        .selectFrom('projects')
        .select((eb) => ['stage', eb.fn.countAll<number>().as('c')])
        .groupBy('stage');
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
  const unitUsd = new Map<string, number>();
  for (const r of funds) {
    if (r.year === year) {
      unitYtd.set(r.unitCode, (unitYtd.get(r.unitCode) ?? 0) + r.yuan);
      unitUsd.set(r.unitCode, (unitUsd.get(r.unitCode) ?? 0) + r.usd);
    } else unitLast.set(r.unitCode, (unitLast.get(r.unitCode) ?? 0) + r.yuan);
    if (!inScope(r.unitCode)) continue;
    if (r.year === year) {
      fundsByMonth.push({ month: r.month, yuan: r.yuan });
      foreignUsdYtd += r.usd;
    } else lastYearByMonth.push({ month: r.month, yuan: r.yuan });
  }

  const targetOf = new Map(
    targets.map((t) => [t.unit_code, { base: n(t.base_value), stretch: t.stretch_value === null ? null : n(t.stretch_value) }]),
  );
  const city = units.find((u) => u.kind === 'city');
  const scopeTarget = s.unitCode ? targetOf.get(s.unitCode) : city ? targetOf.get(city.code) : undefined;
  const contractsByUnit = new Map(contracts.map((c) => [c.unit_code, { count: n(c.c), totalInvestmentYuan: n(c.t) }]));
  let contractCount = 0;
  let contractTotal = 0;
  for (const [code, c] of contractsByUnit) {
    if (!inScope(code)) continue;
    contractCount += c.count;
    contractTotal += c.totalInvestmentYuan;
  }
  // Σ by origin scope over the units in scope; the large projects of the scope.
  const byScope = new Map<string, number>();
  let largeFunds = 0;
  for (const [code, m] of origin.byUnitScope) {
    if (!inScope(code)) continue;
    for (const [k, v] of m) byScope.set(k, (byScope.get(k) ?? 0) + v);
    largeFunds += origin.largeByUnit.get(code)?.fundsYtdYuan ?? 0;
  }
  const largeCount = s.unitCode === null ? origin.cityLargeCount : (origin.largeByUnit.get(s.unitCode)?.count ?? 0);
  const o = originFigures(byScope);

  return {
    source,
    input: {
      period: s.period,
      fundsByMonth,
      lastYearByMonth,
      targetBaseYuan: scopeTarget ? scopeTarget.base : null,
      targetStretchYuan: scopeTarget ? scopeTarget.stretch : null,
      foreignUsdYtd,
      outsideRegionYtdYuan: o.outsideRegionYtdYuan,
      // 省外 counts everything from outside the province, abroad included (matches the sample).
      outOfProvinceYtdYuan: o.outOfProvinceYtdYuan,
      abroadYtdYuan: o.abroadYtdYuan,
      localYtdYuan: o.localYtdYuan,
      countingRule: countingRuleOf(settings.countLocalFundsInHeadline),
      largeProjects: { thresholdYuan: largeThreshold, count: largeCount, fundsYtdYuan: largeFunds },
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
          targetStretchYuan: targetOf.get(u.code)?.stretch ?? null,
          fundsYtdYuan: unitYtd.get(u.code) ?? 0,
          fundsYtdLastYearYuan: unitLast.get(u.code) ?? 0,
          hasContractYtd: (contractsByUnit.get(u.code)?.count ?? 0) > 0,
          localYtdYuan: origin.byUnitScope.get(u.code)?.get('local') ?? 0,
          foreignUsdYtd: unitUsd.get(u.code) ?? 0,
          contractsYtd: contractsByUnit.get(u.code) ?? { count: 0, totalInvestmentYuan: 0 },
          largeProjects: origin.largeByUnit.get(u.code) ?? { count: 0, fundsYtdYuan: 0 },
        })),
    },
  };
}

export type DispatchStatsWithSource = DispatchStats & { source: FundsSource };

/**
 * Dispatch statistics for a scope. Ranks are always among all units; a unit scope returns only
 * its own row of the ranking (and its own no-result flag). `source` says where the fund sums came
 * from: 'entries' while the rollups are rebuilt after a threshold change (slower, still exact).
 */
export async function dispatchStats(
  db: Tx,
  s: StatsScope,
  source: FundsSource = 'rollups',
): Promise<DispatchStatsWithSource & DispatchStatsWithSpeech & { activityDetail?: ActivityDispatch }> {
  const frozen = await readFrozen<DispatchStatsWithSource & DispatchStatsWithSpeech & { activityDetail?: ActivityDispatch }>(
    db,
    'dispatch',
    s,
  ); // a locked period's official figures
  if (frozen) return frozen;
  const dto = await computeDispatchSummary(db, s, source);
  // The speech's activity figures ([F]): contracts and investment per activity, delegations, trips by region.
  return { ...(await withSpeech(db, s, dto)), activityDetail: await activityDispatchFigures(db, s) };
}

/**
 * The dispatch figures without what only the briefing reads (no `speech`, no `activityDetail`): what the
 * dashboard shows. A locked period's come from its stored figures like the full ones.
 */
export async function dispatchSummary(db: Tx, s: StatsScope, source: FundsSource = 'rollups'): Promise<DispatchStatsWithSource> {
  const frozen = await readFrozen<DispatchStatsWithSource & { speech?: unknown; activityDetail?: unknown }>(db, 'dispatch', s);
  if (frozen) {
    const { speech: _speech, activityDetail: _activities, ...summary } = frozen;
    return summary;
  }
  return computeDispatchSummary(db, s, source);
}

async function computeDispatchSummary(db: Tx, s: StatsScope, source: FundsSource): Promise<DispatchStatsWithSource> {
  const loaded = await loadDispatchInputWithSource(db, s, source);
  const stats = { ...buildDispatchStats(loaded.input), source: loaded.source };
  const dto =
    s.unitCode === null
      ? stats
      : {
          ...stats,
          units: stats.units.filter((u) => u.code === s.unitCode),
          zeroResultUnits: stats.zeroResultUnits.filter((c) => c === s.unitCode),
        };
  return dto;
}

/** Counted funds of every month of year Y up to M against Y − 1 (the dashboard's bar + line). */
export async function monthlyStats(db: Tx, s: StatsScope, source: FundsSource = 'rollups'): Promise<MonthlyDto> {
  const frozen = await readFrozen<MonthlyDto>(db, 'monthly', s); // a locked period's official figures
  if (frozen) return frozen;
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
    const fundsYuan = m <= s.period.month ? (cur.get(m) ?? 0) : 0;
    const lastYearYuan = last.get(m) ?? 0;
    months.push({ month: m, fundsYuan, lastYearYuan, yoy: m <= s.period.month ? yoy(fundsYuan, lastYearYuan) : null });
  }
  return { year: s.period.year, month: s.period.month, months };
}

type BreakdownRow = { scope: string | null; origin: string | null; industry: string | null; yuan: number; projects: number };

/**
 * The breakdown's groups from the rollups (migration 016, docs/adr/0006): Σ yuan from
 * fund_breakdown_rollups, distinct projects from fund_breakdown_counts — both for one unit, or
 * for unit '*' (the whole city, where a project with entries in two units counts once).
 */
async function breakdownRowsFromRollups(db: Tx, s: StatsScope): Promise<BreakdownRow[]> {
  const unit = s.unitCode ?? '*';
  const [sums, counts] = await Promise.all([
    db
      .selectFrom('fund_breakdown_rollups')
      .select((eb) => ['origin_scope', 'origin_code', 'industry', eb.fn.sum<number>('amount_yuan').as('yuan')])
      .where('year', '=', s.period.year)
      .where('unit_code', '=', unit)
      .where('status', 'in', countedStatuses(s.basis))
      .where('month', '<=', s.period.month)
      .groupBy(['origin_scope', 'origin_code', 'industry'])
      .execute(),
    db
      .selectFrom('fund_breakdown_counts')
      .select((eb) => ['origin_scope', 'origin_code', 'industry', eb.fn.sum<number>('projects').as('projects')])
      .where('year', '=', s.period.year)
      .where('basis', '=', s.basis)
      .where('unit_code', '=', unit)
      .where('first_month', '<=', s.period.month)
      .groupBy(['origin_scope', 'origin_code', 'industry'])
      .execute(),
  ]);
  // '' stands for "none" in the rollups (a key column cannot be NULL).
  const rows = new Map<string, BreakdownRow>();
  const row = (r: { origin_scope: string; origin_code: string; industry: string }) => {
    const k = `${r.origin_scope}\u0000${r.origin_code}\u0000${r.industry}`;
    let e = rows.get(k);
    if (!e) {
      e = { scope: r.origin_scope || null, origin: r.origin_code || null, industry: r.industry || null, yuan: 0, projects: 0 };
      rows.set(k, e);
    }
    return e;
  };
  for (const r of sums) row(r).yuan += n(r.yuan);
  for (const r of counts) row(r).projects += n(r.projects);
  return [...rows.values()];
}

/** The same groups aggregated from fund_entries directly: the reference, and the path while the rollups are rebuilt. */
async function breakdownRowsFromEntries(db: Tx, s: StatsScope): Promise<BreakdownRow[]> {
  let q = db
    .selectFrom('fund_entries as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .leftJoin('investors as i', 'i.id', 'p.investor_id')
    .select((eb) => [
      'i.origin_scope as scope',
      'i.origin_code as origin',
      'p.industry as industry',
      eb.fn.sum<number>('f.amount_yuan').as('yuan'),
      eb.fn.count<number>('p.id').distinct().as('projects'),
    ])
    .where('f.year', '=', s.period.year)
    .where('f.status', 'in', countedStatuses(s.basis))
    .where('f.month', '<=', s.period.month)
    .groupBy(['i.origin_scope', 'i.origin_code', 'p.industry']);
  if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
  return (await q.execute()).map((r) => ({ ...r, yuan: n(r.yuan), projects: n(r.projects) }));
}

/**
 * YTD funds and projects by origin scope, by economic region (长三角, 珠三角, 京津冀) and by industry.
 * From the rollups unless they are being rebuilt (`source` says which; the figures are the same).
 * A project has one investor and one industry at a time, so it sits in exactly one group and the
 * project counts of the groups add up.
 */
export async function breakdownStats(db: Tx, s: StatsScope, wanted: FundsSource = 'rollups'): Promise<BreakdownDto> {
  // The breakdown does not depend on the large-project threshold: only "not being rebuilt" matters.
  const source: FundsSource = wanted === 'rollups' && (await rollupParams(db))?.ready === true ? 'rollups' : 'entries';
  const rows = source === 'rollups' ? await breakdownRowsFromRollups(db, s) : await breakdownRowsFromEntries(db, s);
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
    total += r.yuan;
    const scope = (r.scope as OriginScope | null) ?? 'unknown';
    add(scopes, scope, r.yuan, r.projects);
    if (scope === 'domestic' && r.origin) {
      const g = originGroup(r.origin);
      if (g) add(groups, g, r.yuan, r.projects);
    }
    add(industries, r.industry ?? '', r.yuan, r.projects);
  }
  const scopeLabel = (k: string) => (k in ORIGIN_SCOPE_LABELS ? ORIGIN_SCOPE_LABELS[k as OriginScope] : '未填投资方');
  const order = ['local', 'province', 'domestic', 'abroad', 'unknown'];
  const items = (m: Map<string, { yuan: number; projects: number }>, label: (k: string) => string) =>
    [...m.entries()].map(([key, v]) => ({ key, label: label(key), fundsYuan: v.yuan, projects: v.projects, share: ratio(v.yuan, total) }));
  // Largest first; equal amounts by key, so the order does not depend on the rows' order.
  const bySize = (a: { fundsYuan: number; key: string }, b: { fundsYuan: number; key: string }) =>
    b.fundsYuan - a.fundsYuan || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    period: { year: s.period.year, month: s.period.month },
    fundsYtdYuan: total,
    originScopes: items(scopes, scopeLabel).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)),
    originGroups: items(groups, (k) => ORIGIN_GROUP_LABELS[k as keyof typeof ORIGIN_GROUP_LABELS]).sort(bySize),
    industries: items(industries, (k) => (k === '' ? '未填行业' : ((INDUSTRY_LABELS as Record<string, string>)[k] ?? k))).sort(bySize),
    source,
  };
}
