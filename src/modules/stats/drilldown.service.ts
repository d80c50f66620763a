// Drill-down: the projects behind one figure of the dispatch statistics, each with its part of the
// figure, so that the list sums to the figure (tested for every figure). The filters are the
// statistics definitions themselves (src/domain/stats.definitions.ts).
import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import {
  ABROAD_SCOPES,
  countedStatuses,
  countingRuleOf,
  OUT_OF_PROVINCE_SCOPES,
  OUTSIDE_REGION_SCOPES,
  periodRange,
} from '../../domain/stats.definitions';
import type { DrilldownDto, DrilldownFigure } from '../../contracts/stats.drilldown';
import { getSettings } from '../settings/settings.service';
import type { StatsScope } from './stats.service';

const LABELS: Record<DrilldownFigure, string> = {
  fundsYtd: '到位资金',
  headlineYtd: '招商引资额（按口径）',
  localYtd: '本地投资方到位资金',
  fundsYtdLastYear: '上年同期到位资金',
  foreignUsdYtd: '其中利用外资',
  outsideRegionYtd: '域外资金',
  outOfProvinceYtd: '省外资金（含境外）',
  abroadYtd: '境外资金',
  largeProjects: '重点项目（大项目）到位资金',
  contractsYtd: '签约项目（总投资）',
};

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

type Row = {
  project_id: unknown;
  project_code: string;
  project_name: string;
  unit_code: string;
  unit_name: string;
  investor_name: string | null;
  origin_scope: string | null;
  total_investment_yuan: unknown;
  contract_date: string | null;
  amount: unknown;
  entries: unknown;
};

export async function drilldown(db: Tx, s: StatsScope, figure: DrilldownFigure, limit = 500): Promise<DrilldownDto> {
  const settings = await getSettings(db);
  const range = periodRange(s.period);
  let rows: Row[];
  if (figure === 'contractsYtd') {
    let q = db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.code', 'p.unit_code')
      .leftJoin('investors as i', 'i.id', 'p.investor_id')
      .select([
        'p.id as project_id',
        'p.code as project_code',
        'p.name as project_name',
        'p.unit_code',
        'u.name as unit_name',
        'i.name as investor_name',
        'i.origin_scope',
        'p.total_investment_yuan',
        'p.contract_date',
        'p.total_investment_yuan as amount',
        sql<number>`0`.as('entries'),
      ])
      .where('p.contract_date', '>=', range.yearStart)
      .where('p.contract_date', '<', range.endExclusive);
    if (s.unitCode) q = q.where('p.unit_code', '=', s.unitCode);
    rows = (await q.execute()) as Row[];
  } else {
    const year = figure === 'fundsYtdLastYear' ? s.period.year - 1 : s.period.year;
    const amount = figure === 'foreignUsdYtd' ? 'f.foreign_usd' : 'f.amount_yuan';
    let q = db
      .selectFrom('fund_entries as f')
      .innerJoin('projects as p', 'p.id', 'f.project_id')
      .innerJoin('units as u', 'u.code', 'p.unit_code')
      .leftJoin('investors as i', 'i.id', 'p.investor_id')
      .where('f.year', '=', year)
      .where('f.month', '<=', s.period.month)
      .where('f.status', 'in', countedStatuses(s.basis));
    if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
    const scopes = (list: readonly string[]) => {
      q = q.where('i.origin_scope', 'in', [...list]);
    };
    if (figure === 'localYtd') scopes(['local']);
    if (figure === 'headlineYtd' && countingRuleOf(settings.countLocalFundsInHeadline) === 'nonLocal') {
      q = q.where((eb) => eb.or([eb('i.origin_scope', 'is', null), eb('i.origin_scope', '<>', 'local')]));
    }
    if (figure === 'outsideRegionYtd') scopes(OUTSIDE_REGION_SCOPES);
    if (figure === 'outOfProvinceYtd') scopes(OUT_OF_PROVINCE_SCOPES);
    if (figure === 'abroadYtd') scopes(ABROAD_SCOPES);
    if (figure === 'foreignUsdYtd') q = q.where('f.foreign_usd', '<>', 0);
    if (figure === 'largeProjects') {
      scopes(OUTSIDE_REGION_SCOPES);
      q = q.where('p.total_investment_yuan', '>=', settings.largeProjectThresholdWan * 10000);
    }
    rows = (await q
      .select((eb) => [
        'p.id as project_id',
        'p.code as project_code',
        'p.name as project_name',
        'p.unit_code',
        'u.name as unit_name',
        'i.name as investor_name',
        'i.origin_scope',
        'p.total_investment_yuan',
        'p.contract_date',
        eb.fn.sum<number>(sql.ref(amount)).as('amount'),
        eb.fn.countAll<number>().as('entries'),
      ])
      .groupBy([
        'p.id',
        'p.code',
        'p.name',
        'p.unit_code',
        'u.name',
        'i.name',
        'i.origin_scope',
        'p.total_investment_yuan',
        'p.contract_date',
      ])
      .execute()) as Row[];
  }
  const items = rows
    .map((r) => ({
      projectId: n(r.project_id),
      projectCode: r.project_code,
      projectName: r.project_name,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      investorName: r.investor_name,
      originScope: r.origin_scope,
      totalInvestmentYuan: n(r.total_investment_yuan),
      amount: n(r.amount),
      entries: n(r.entries),
      contractDate: r.contract_date,
    }))
    .sort((a, b) => b.amount - a.amount || a.projectCode.localeCompare(b.projectCode));
  return {
    figure,
    label: LABELS[figure],
    measure: figure === 'foreignUsdYtd' ? 'usd' : 'yuan',
    period: { year: s.period.year, month: s.period.month },
    unitCode: s.unitCode,
    basis: s.basis,
    total: items.reduce((t, i) => t + i.amount, 0),
    projects: items.length,
    items: items.slice(0, limit),
    truncated: items.length > limit,
  };
}
