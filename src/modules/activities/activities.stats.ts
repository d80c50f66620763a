// The dispatch meeting's activity figures (issue 11 item 6) and the per-unit / per-region totals of
// the activities page. One place computes them, so the page, the API and the briefing agree.
import type { Tx } from '../../db/database';
import type { Period } from '../../domain/period';
import {
  DESTINATION_GROUPS,
  DESTINATION_GROUP_LABELS,
  delegationSentence,
  destinationGroup,
  signedSentence,
  type DestinationGroup,
} from '../../domain/activity';
import type { Activity, ActivityDispatch, ActivityTotals } from '../../contracts/activities';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor';
import { queryActivities } from './activities.service';

function endOfMonth(p: Period): string {
  const last = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

type Sums = { activities: number; trips: number; personTimes: number; signedCount: number; signedInvestmentYuan: number };
const zero = (): Sums => ({ activities: 0, trips: 0, personTimes: 0, signedCount: 0, signedInvestmentYuan: 0 });
function add(s: Sums, a: Activity): void {
  s.activities += 1;
  if (a.kind === 'trip') s.trips += 1;
  s.personTimes += a.personTimes;
  s.signedCount += a.signedCount;
  s.signedInvestmentYuan += a.signedInvestmentYuan;
}

/** Activities that started within [from, to], per organising unit and per destination region. */
export async function activityTotals(db: Tx, actor: Actor, from: string, to: string): Promise<ActivityTotals> {
  const items = (await queryActivities(db, actor, { to })).filter((a) => a.startDate >= from);
  const byUnit = new Map<string, Sums & { unitCode: string | null; unitName: string | null }>();
  const byRegion = new Map<DestinationGroup, Sums>(DESTINATION_GROUPS.map((g) => [g, zero()]));
  const total = zero();
  for (const a of items) {
    const key = a.unitCode ?? '';
    if (!byUnit.has(key)) byUnit.set(key, { unitCode: a.unitCode, unitName: a.unitName, ...zero() });
    add(byUnit.get(key)!, a);
    add(byRegion.get(a.destinationGroup)!, a);
    add(total, a);
  }
  return {
    from,
    to,
    byUnit: [...byUnit.values()].sort((x, y) => y.signedInvestmentYuan - x.signedInvestmentYuan || y.activities - x.activities),
    byRegion: DESTINATION_GROUPS.map((g) => ({ region: g, label: DESTINATION_GROUP_LABELS[g], ...byRegion.get(g)! })),
    total,
  };
}

/**
 * The activity figures of a dispatch scope: activities that started from 1 January of the period's
 * year to the end of its month (the same window as DESIGN.md's `activities` KPI), of one unit or of
 * the whole city. `scope` is shaped like stats.service's StatsScope, so the lead can pass that.
 */
export async function activityDispatchFigures(db: Tx, scope: { period: Period; unitCode: string | null }): Promise<ActivityDispatch> {
  const from = `${scope.period.year}-01-01`;
  const to = endOfMonth(scope.period);
  const all = (await queryActivities(db, SYSTEM_ACTOR, { to, ...(scope.unitCode ? { unitCode: scope.unitCode } : {}) })).filter(
    (a) => a.startDate >= from,
  );
  const regions = new Map<DestinationGroup, { trips: number; personTimes: number }>(
    DESTINATION_GROUPS.map((g) => [g, { trips: 0, personTimes: 0 }]),
  );
  let signedContracts = 0;
  let signedInvestmentYuan = 0;
  let personTimes = 0;
  const delegations = { count: 0, enterprises: 0, representatives: 0, projectsPromoted: 0 };
  for (const a of all) {
    signedContracts += a.signedCount;
    signedInvestmentYuan += a.signedInvestmentYuan;
    personTimes += a.personTimes;
    if (a.kind === 'delegation') {
      delegations.count += 1;
      delegations.enterprises += a.enterprises.length;
      delegations.representatives += a.enterprises.reduce((s, e) => s + e.representatives, 0);
      delegations.projectsPromoted += a.promoted.length;
    }
    if (a.kind === 'trip') {
      const r = regions.get(destinationGroup(a.destination))!;
      r.trips += 1;
      r.personTimes += a.personTimes;
    }
  }
  const period = `${scope.period.year}-${String(scope.period.month).padStart(2, '0')}`;
  return {
    period,
    unitCode: scope.unitCode,
    activities: all.length,
    trips: all.filter((a) => a.kind === 'trip').length,
    personTimes,
    signedContracts,
    signedInvestmentYuan,
    delegations,
    tripsByRegion: DESTINATION_GROUPS.map((g) => ({ region: g, label: DESTINATION_GROUP_LABELS[g], ...regions.get(g)! })),
    perActivity: all
      .filter((a) => a.signedCount > 0 || a.enterprises.length > 0 || a.promoted.length > 0)
      .map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        startDate: a.startDate,
        signedCount: a.signedCount,
        signedInvestmentYuan: a.signedInvestmentYuan,
        enterprises: a.enterprises.length,
        representatives: a.enterprises.reduce((s, e) => s + e.representatives, 0),
        promoted: a.promoted.length,
      })),
    reportsOverdue: all.filter((a) => a.reportOverdue).length,
    signedSentence: signedSentence(signedContracts, signedInvestmentYuan),
    delegationSentence: delegationSentence(delegations.enterprises, delegations.representatives),
  };
}

/** The briefing's sentence: 「…开展招商活动X次，共签约合同项目X个，引进资金达X亿元；邀请X户企业的X名代表…」 */
export function activityBriefingSentence(f: ActivityDispatch): string {
  // personTimes counts every activity; the trips' own person-times are the dispatch figure (DESIGN "activities").
  const tripPersonTimes = f.tripsByRegion.reduce((sum, r) => sum + r.personTimes, 0);
  const parts = [`开展招商活动${f.activities}次（其中招商小分队外出招商${f.trips}次、${tripPersonTimes}人次）`, f.signedSentence];
  if (f.delegations.count)
    parts.push(`${f.delegations.count}个代表团共${f.delegationSentence}参加，推介项目${f.delegations.projectsPromoted}个`);
  const regions = f.tripsByRegion.filter((r) => r.trips > 0 && r.region !== 'other').map((r) => `${r.label}${r.trips}次`);
  if (regions.length) parts.push(`小分队赴${regions.join('、')}`);
  return `${parts.join('；')}。`;
}
