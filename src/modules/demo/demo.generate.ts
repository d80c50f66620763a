// The demo data set as a plan of rows, built in memory with a seeded PRNG: the same seed and the
// same day give the same data. Rows refer to each other by natural keys (credit code, project
// code, activity name + date); demo.service.ts inserts them and swaps the keys for ids.
import { makeCreditCode } from '../../domain/creditCode';
import { originScope, resolveOrigin, type OriginScope } from '../../domain/origin';
import { addDays, daysBetween, formatPeriod, type Period } from '../../domain/period';
import type { Stage } from '../../domain/stages';
import {
  BACKWARD_REASONS,
  BLOCKERS,
  CITY_LEADER_TITLES,
  COMMITMENTS,
  DEMO_TAG,
  DROP_REASONS,
  FOLLOW_UP_CONTENT,
  FOREIGN_WORDS,
  FORWARD_REASONS,
  GIVEN_NAMES,
  INDUSTRIES,
  NEXT_STEPS,
  NO_TARGET_UNITS,
  ORIGINS,
  PROMOTION_CITIES,
  RESERVE_NAMES,
  SEASONAL,
  SURNAMES,
  TRADE_WORDS,
  ZERO_RESULT_UNITS,
  type DemoUnitSpec,
  type IndustrySpec,
  type OriginGroupKey,
  type OriginSpec,
} from './demo.data';

// --- seeded randomness -------------------------------------------------------------------------

/** mulberry32: small, fast, and good enough for fake data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [a, b] */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  range(a: number, b: number): number {
    return a + this.next() * (b - a);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from empty list');
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  weighted<T>(xs: readonly T[], weight: (x: T) => number): T {
    const total = xs.reduce((s, x) => s + weight(x), 0);
    let r = this.next() * total;
    for (const x of xs) {
      r -= weight(x);
      if (r < 0) return x;
    }
    return xs[xs.length - 1] as T;
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// --- plan types --------------------------------------------------------------------------------

export interface PlanUnit {
  code: string;
  name: string;
  spec: DemoUnitSpec;
}

export interface GenInput {
  seed: number;
  /** YYYY-MM-DD in Asia/Shanghai */
  today: string;
  homeRegionCode: string;
  cityCode: string;
  units: PlanUnit[];
}

export interface InvestorPlan {
  name: string;
  credit_code: string;
  origin_input: string;
  origin_code: string | null;
  origin_name: string | null;
  origin_kind: string | null;
  origin_scope: OriginScope | null;
  ownership: string;
  industry: string;
  contacts_json: string;
  notes: string;
  created_by_unit: string;
}
export interface ProjectPlan {
  code: string;
  name: string;
  unit_code: string;
  owner: string;
  sponsor: string;
  investorKey: string;
  industry: string;
  project_type: string;
  total_investment_yuan: number;
  foreign_usd: number;
  location: string;
  land_area_mu: string | null;
  annual_output_yuan: number | null;
  annual_tax_yuan: number | null;
  jobs: number | null;
  activityKey: string | null;
  channel: string;
  tags_json: string;
  stage: Stage;
  registered_on: string;
  agreement_date: string | null;
  agreement_due_date: string | null;
  contract_date: string | null;
  start_date: string | null;
  operating_date: string | null;
  dropped_reason: string | null;
  assessed_on: string | null;
  last_follow_up_on: string | null;
}
export interface MovePlan {
  projectCode: string;
  from_stage: Stage | null;
  to_stage: Stage;
  moved_on: string;
  reason: string | null;
}
export interface FollowUpPlan {
  projectCode: string;
  date: string;
  kind: string;
  participants: string;
  content: string;
  next_step: string | null;
  next_date: string | null;
}
export interface BlockerPlan {
  projectCode: string;
  raised_on: string;
  title: string;
  coordinating_dept: string;
  due_date: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolved_on: string | null;
}
export interface CommitmentPlan {
  projectCode: string;
  made_on: string;
  title: string;
  due_date: string;
  status: 'pending' | 'fulfilled';
  evidence: string | null;
  fulfilled_on: string | null;
}
export interface ApprovalPlan {
  projectCode: string;
  kind: string;
  status: 'pending' | 'applied' | 'approved' | 'not_needed';
  applied_on: string | null;
  approved_on: string | null;
  note: string | null;
}
export interface FundPlan {
  projectCode: string;
  unit_code: string;
  period: string;
  year: number;
  month: number;
  amount_yuan: number;
  foreign_usd: number;
  status: 'draft' | 'submitted' | 'approved' | 'verified' | 'returned';
  returned_reason: string | null;
  verified_at: string | null;
}
export interface SubmissionPlan {
  unit_code: string;
  period: string;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  submitted_at: string | null;
  approved_at: string | null;
  returned_reason: string | null;
}
export interface TargetPlan {
  year: number;
  unit_code: string;
  indicator: 'funds' | 'foreign' | 'contracts';
  base_value: number;
  stretch_value: number;
}
export interface ActivityPlan {
  key: string;
  name: string;
  kind: 'trip' | 'delegation' | 'event' | 'signing';
  start_date: string;
  end_date: string;
  destination: string;
  unit_code: string;
  person_times: number;
  notes: string;
}
export interface ReservePlan {
  name: string;
  unit_code: string;
  industry: string;
  total_investment_yuan: number;
  status: 'reserve' | 'promoted' | 'converted' | 'withdrawn';
  description: string;
}

export interface Plan {
  investors: InvestorPlan[];
  projects: ProjectPlan[];
  moves: MovePlan[];
  followUps: FollowUpPlan[];
  blockers: BlockerPlan[];
  commitments: CommitmentPlan[];
  approvals: ApprovalPlan[];
  funds: FundPlan[];
  submissions: SubmissionPlan[];
  rates: { period: string; cny_per_usd_e4: number }[];
  locks: string[];
  targets: TargetPlan[];
  activities: ActivityPlan[];
  activityProjects: { activityKey: string; projectCode: string; sort: number }[];
  reserves: ReservePlan[];
  /** Σ amount_yuan per year, for the summary and the tests */
  fundsByYear: Record<number, number>;
}

// --- calendar helpers --------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');
const dateOf = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
/** month index relative to January of `baseYear` */
const monthIdx = (iso: string, baseYear: number) => (Number(iso.slice(0, 4)) - baseYear) * 12 + Number(iso.slice(5, 7)) - 1;
const idxPeriod = (idx: number, baseYear: number): Period => ({
  year: baseYear + Math.floor(idx / 12),
  month: (((idx % 12) + 12) % 12) + 1,
});
const stamp = (iso: string, hour = 9) => `${iso}T${pad2(hour - 8 < 0 ? 0 : hour - 8)}:00:00.000Z`;
export { stamp as demoStamp };

const PIPE: Stage[] = ['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating'];
const pipeIdx = (s: Stage) => PIPE.indexOf(s);
/** days spent to reach a stage from the one before it */
const STEP_DAYS: Record<string, [number, number]> = {
  negotiating: [7, 45],
  intent: [15, 90],
  agreement: [20, 110],
  contract: [15, 140],
  started: [30, 220],
  operating: [180, 500],
  dropped: [20, 200],
};
/** minimum age (days since registration) for a project to have reached a stage */
const MIN_AGE: Record<Stage, number> = {
  lead: 0,
  negotiating: 10,
  intent: 30,
  agreement: 60,
  contract: 90,
  started: 150,
  operating: 420,
  dropped: 45,
};
const STAGE_WEIGHT: Record<Stage, number> = {
  lead: 5,
  negotiating: 13,
  intent: 12,
  agreement: 10,
  contract: 15,
  started: 24,
  operating: 15,
  dropped: 7,
};

// --- the generator -----------------------------------------------------------------------------

export const FUNDS_TARGETS = { firstYearYuan: 118e8, growth: [1.15, 1.13] };

export function generateDemo(input: GenInput): Plan {
  const rng = new Rng(input.seed);
  const today = input.today;
  const curYear = Number(today.slice(0, 4));
  const curMonth = Number(today.slice(5, 7));
  const years = [curYear - 2, curYear - 1, curYear];
  const baseYear = years[0]!;
  const report: Period = curMonth === 1 ? { year: curYear - 1, month: 12 } : { year: curYear, month: curMonth - 1 };
  const reportIdx = (report.year - baseYear) * 12 + report.month - 1;
  const yesterday = addDays(today, -1);
  const units = input.units;
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const zeroResult = new Set(units.filter((u) => ZERO_RESULT_UNITS.includes(u.spec.code)).map((u) => u.code));
  const industryByName = new Map(INDUSTRIES.map((i) => [i.name, i]));

  const personName = () => rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
  const owners = new Map(units.map((u) => [u.code, Array.from({ length: rng.int(3, 5) }, personName)]));
  const unitLeader = new Map(units.map((u) => [u.code, `${personName()}（${u.spec.short}${u.spec.leaderTitle}）`]));
  const cityLeaders = CITY_LEADER_TITLES.map((t) => `${personName()}（${t}）`);

  // -- activities (first: signings fix contract dates, trips are project sources) --------------
  const activities: ActivityPlan[] = [];
  const signingDates: { date: string; key: string }[] = [];
  const activityCodes = units.filter((u) => u.spec.kind !== 'department' || u.spec.code === 'D01').map((u) => u.code);
  const addActivity = (a: Omit<ActivityPlan, 'key'>) => {
    const key = `${a.name}|${a.start_date}`;
    if (activities.some((x) => x.key === key)) return null;
    activities.push({ ...a, key });
    return key;
  };
  for (const y of years) {
    const last = y < curYear ? dateOf(y, 12, 31) : yesterday;
    const randDate = () => addDays(dateOf(y, 1, 5), rng.int(0, 350));
    let batch = 0;
    for (const m of [3, 6, 9, 12]) {
      const d = dateOf(y, m, rng.int(10, 25));
      if (d > last) continue;
      batch++;
      const key = addActivity({
        name: `${y}年吉林市重点项目集中签约活动（第${batch}批）`,
        kind: 'signing',
        start_date: d,
        end_date: d,
        destination: '吉林市',
        unit_code: input.cityCode,
        person_times: rng.int(80, 300),
        notes: `${DEMO_TAG}：集中签约一批重点项目`,
      });
      if (key) signingDates.push({ date: d, key });
    }
    for (let i = 0; i < 2; i++) {
      const d = randDate();
      if (d > last) continue;
      const u = rng.pick(units.filter((x) => x.spec.kind === 'zone'));
      const key = addActivity({
        name: `${u.spec.short}项目签约仪式`,
        kind: 'signing',
        start_date: d,
        end_date: d,
        destination: u.name,
        unit_code: u.code,
        person_times: rng.int(40, 120),
        notes: DEMO_TAG,
      });
      if (key) signingDates.push({ date: d, key });
    }
    for (let i = 0; i < 8; i++) {
      const d = randDate();
      if (d > last) continue;
      const c = rng.pick(PROMOTION_CITIES);
      const ind = rng.pick(INDUSTRIES);
      const key = addActivity({
        name: `吉林市（${c.city}）${ind.name}产业招商推介会`,
        kind: 'event',
        start_date: d,
        end_date: d,
        destination: c.region,
        unit_code: rng.pick(activityCodes),
        person_times: rng.int(40, 260),
        notes: `${DEMO_TAG}：面向${c.group}客商推介`,
      });
      if (key && rng.chance(0.5)) signingDates.push({ date: d, key });
    }
    for (let i = 0; i < 18; i++) {
      const d = randDate();
      if (d > last) continue;
      const c = rng.pick(PROMOTION_CITIES);
      const c2 = rng.pick(PROMOTION_CITIES.filter((x) => x.group === c.group && x.city !== c.city));
      const unitCode = rng.pick(activityCodes);
      const u = unitByCode.get(unitCode);
      const who = u ? u.spec.short : '市招商办';
      addActivity({
        name: `${who}赴${c.city}、${c2.city}招商小分队`,
        kind: 'trip',
        start_date: d,
        end_date: addDays(d, rng.int(2, 5)),
        destination: `${c.region}、${c2.region}`,
        unit_code: unitCode,
        person_times: rng.int(4, 24),
        notes: `${DEMO_TAG}：${c.group}产业链招商`,
      });
    }
    for (let i = 0; i < 6; i++) {
      const d = randDate();
      if (d > last) continue;
      const c = rng.pick(PROMOTION_CITIES);
      addActivity({
        name: `${c.city}客商代表团来吉考察`,
        kind: 'delegation',
        start_date: d,
        end_date: addDays(d, rng.int(1, 3)),
        destination: '吉林市',
        unit_code: rng.pick(activityCodes),
        person_times: rng.int(8, 45),
        notes: `${DEMO_TAG}：${c.group}企业家考察对接`,
      });
    }
  }
  activities.sort((a, b) => a.start_date.localeCompare(b.start_date) || a.name.localeCompare(b.name));
  const trips = activities.filter((a) => a.kind === 'trip');

  // -- investors --------------------------------------------------------------------------------
  const investors: InvestorPlan[] = [];
  const investorOrigin = new Map<string, { spec: OriginSpec; group: OriginGroupKey; scope: OriginScope | null }>();
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const groups: [OriginGroupKey, number][] = [
    ['local', 35],
    ['province', 20],
    ['domestic', 35],
    ['abroad', 10],
  ];
  const makeInvestor = (industry: IndustrySpec, unitCode: string): string => {
    const group = rng.weighted(groups, (g) => g[1])[0];
    let spec = rng.weighted(ORIGINS[group], (o) => o.weight);
    if (group === 'local') {
      const region = unitByCode.get(unitCode)?.spec.region;
      const near = ORIGINS.local.find((o) => o.regCode === region);
      if (near && rng.chance(0.6)) spec = near;
    }
    const resolved = resolveOrigin(spec.input);
    const scope = resolved ? originScope(resolved, input.homeRegionCode) : null;
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || usedNames.has(name)); attempt++) {
      if (group === 'abroad') {
        const words = FOREIGN_WORDS[spec.prefix] ?? ['环球'];
        const suffix =
          spec.prefix === '日本'
            ? '株式会社'
            : spec.prefix === '韩国'
              ? '株式会社'
              : spec.prefix === '香港'
                ? '投资控股有限公司'
                : '有限公司';
        name = `${spec.prefix}${rng.pick(words)}${rng.pick(industry.words)}${suffix}（演示）`;
      } else {
        const soe = rng.chance(group === 'domestic' ? 0.3 : 0.2);
        name = `${spec.prefix}${rng.pick(TRADE_WORDS)}${rng.pick(industry.words)}${soe ? '集团' : ''}${rng.chance(0.3) ? '股份' : ''}有限公司（演示）`;
      }
    }
    usedNames.add(name);
    const ownership = spec.ownership ?? (name.includes('集团') ? 'soe' : 'private');
    let code = '';
    while (code === '' || usedCodes.has(code)) code = makeCreditCode(`91${spec.regCode}${orgCode(rng)}`);
    usedCodes.add(code);
    const contact = {
      name: `${rng.pick(SURNAMES)}${rng.chance(0.5) ? '总' : '经理'}`,
      phone: `138-0000-${String(rng.int(0, 9999)).padStart(4, '0')}`,
      role: rng.pick(['董事长', '总经理', '投资总监', '项目经理']),
    };
    investors.push({
      name,
      credit_code: code,
      origin_input: spec.input,
      origin_code: resolved?.code ?? null,
      origin_name: resolved?.name ?? null,
      origin_kind: resolved?.kind ?? null,
      origin_scope: scope,
      ownership,
      industry: industry.section,
      contacts_json: JSON.stringify([contact]),
      notes: `${DEMO_TAG}：虚构企业，仅供演示`,
      created_by_unit: unitCode,
    });
    investorOrigin.set(code, { spec, group, scope });
    return code;
  };

  // -- projects ---------------------------------------------------------------------------------
  const N_PROJECTS = 300;
  const N_INVESTORS = 220;
  const projectUnits = units.filter((u) => u.spec.kind !== 'city');
  // a pipeline carried over from the year before the window feeds the first year's funds
  const carryStart = dateOf(baseYear - 2, 1, 1);
  const windowStart = dateOf(baseYear, 1, 1);
  const carrySpan = daysBetween(carryStart, windowStart);
  const regSpan = daysBetween(windowStart, addDays(today, -2));
  const projects: ProjectPlan[] = [];
  const moves: MovePlan[] = [];
  const activityProjects: Plan['activityProjects'] = [];
  const foreignShare = new Map<string, number>();
  const seqByYear = new Map<number, number>();
  const linkedCounts = new Map<string, number>();
  const investorPool: string[] = [];

  for (let i = 0; i < N_PROJECTS; i++) {
    const unit = rng.weighted(projectUnits, (u) => u.spec.weight);
    const industry = industryByName.get(rng.pick(unit.spec.industries)) ?? rng.pick(INDUSTRIES);
    // the first 220 projects bring a new investor each; the rest go to investors already known
    let investorKey: string;
    if (i < N_INVESTORS || investorPool.length === 0) investorKey = makeInvestor(industry, unit.code);
    else investorKey = rng.pick(investorPool);
    investorPool.push(investorKey);
    const origin = investorOrigin.get(investorKey)!;

    const registered = rng.chance(0.24)
      ? addDays(carryStart, Math.floor(rng.next() * carrySpan))
      : addDays(windowStart, Math.floor(Math.pow(rng.next(), 0.9) * regSpan));
    const age = daysBetween(registered, today);
    // the stage the project has reached today, given its age
    const candidates = (Object.keys(STAGE_WEIGHT) as Stage[]).filter((s) => MIN_AGE[s] <= age);
    const weightOf = (s: Stage) => {
      let w = STAGE_WEIGHT[s];
      if (s === 'lead' && age > 120) w *= 0.15;
      if (s === 'negotiating' && age > 365) w *= 0.35;
      if (s === 'intent' && age > 540) w *= 0.35;
      if (s === 'operating' && age < 600) w *= 0.4;
      if ((s === 'operating' || s === 'started') && age > 800) w *= 1.8;
      if (s === 'agreement' && age > 450) w *= 0.3;
      if (s === 'contract' && age > 700) w *= 0.35;
      return w;
    };
    let finalStage = rng.weighted(candidates, weightOf);

    // the path of moves, with skips, the odd step back, and drops
    const path: { to: Stage; reason: string | null }[] = [{ to: 'lead', reason: null }];
    const target =
      finalStage === 'dropped' ? rng.pick<Stage>(['lead', 'negotiating', 'negotiating', 'intent', 'intent', 'agreement']) : finalStage;
    for (let k = 1; k <= pipeIdx(target); k++) {
      const s = PIPE[k]!;
      const must = k === pipeIdx(target) || s === 'contract' || s === 'started';
      if (!must && rng.chance(s === 'agreement' ? 0.3 : 0.15)) continue;
      path.push({ to: s, reason: rng.chance(0.4) ? rng.pick(FORWARD_REASONS[s] ?? ['']) || null : null });
      if ((s === 'intent' || s === 'agreement') && k < pipeIdx(target) && rng.chance(0.04)) {
        const back = s === 'intent' ? 'negotiating' : 'intent';
        path.push({ to: back, reason: rng.pick(BACKWARD_REASONS) });
        path.push({ to: s, reason: '重新达成一致' });
      }
    }
    let droppedReason: string | null = null;
    if (finalStage === 'dropped') {
      droppedReason = rng.pick(DROP_REASONS);
      path.push({ to: 'dropped', reason: droppedReason });
    }

    // durations, fitted between registration and yesterday
    const durations = path.slice(1).map((p) => {
      const [a, b] = STEP_DAYS[p.to] ?? [10, 40];
      return rng.int(a, b);
    });
    const dwell =
      finalStage === 'operating'
        ? rng.int(30, 400)
        : finalStage === 'started'
          ? rng.int(20, 420)
          : finalStage === 'dropped'
            ? rng.int(10, 300)
            : rng.int(5, 200);
    const available = Math.max(0, daysBetween(registered, yesterday));
    const sum = durations.reduce((s, d) => s + d, 0);
    let want = Math.min(available, Math.max(sum, available - dwell));
    // funded stages keep near-natural timelines (the funds depend on them); a pipeline still
    // short of a contract may have dragged on for a long time
    const stretch = finalStage === 'started' || finalStage === 'operating' ? 1.5 : 3;
    if (want > sum * stretch) want = sum * stretch;
    const k = sum > 0 ? want / sum : 1;
    let dates: string[] = [registered];
    let cursor = registered;
    for (const d of durations) {
      cursor = addDays(cursor, Math.max(1, Math.floor(d * k)));
      dates.push(cursor);
    }
    // snap the contract to a signing event nearby, moving the later dates along
    const ci = path.findIndex((p) => p.to === 'contract');
    let signingKey: string | null = null;
    if (ci > 0 && rng.chance(0.55)) {
      const c = dates[ci]!;
      const near = signingDates.filter((s) => Math.abs(daysBetween(c, s.date)) <= 45 && s.date > dates[ci - 1]!);
      if (near.length) {
        const s = rng.pick(near);
        const delta = daysBetween(c, s.date);
        const shifted = dates.map((d, j) => (j >= ci ? addDays(d, delta) : d));
        if (shifted[shifted.length - 1]! <= yesterday) {
          dates = shifted;
          signingKey = s.key;
        }
      }
    }
    // overflow guard: if rounding pushed the last move past yesterday, cut the path there
    while (dates.length > 1 && dates[dates.length - 1]! > yesterday) {
      dates.pop();
      path.pop();
    }
    // zero-result units have no contract this year: their path stops before it
    if (zeroResult.has(unit.code)) {
      const c = path.findIndex((p) => p.to === 'contract');
      if (c > 0 && dates[c]!.slice(0, 4) === String(curYear)) {
        path.length = c;
        dates.length = c;
        signingKey = null;
      }
    }
    finalStage = path[path.length - 1]!.to;
    if (finalStage !== 'dropped') droppedReason = null;

    const regYear = Number(registered.slice(0, 4));
    const seq = (seqByYear.get(regYear) ?? 0) + 1;
    seqByYear.set(regYear, seq);
    const code = `DEMO-${regYear}-${String(seq).padStart(3, '0')}`;
    const dateAt = (s: Stage) => {
      let d: string | null = null;
      path.forEach((p, j) => {
        if (p.to === s) d = dates[j]!;
      });
      return d as string | null;
    };
    path.forEach((p, j) =>
      moves.push({
        projectCode: code,
        from_stage: j === 0 ? null : path[j - 1]!.to,
        to_stage: p.to,
        moved_on: dates[j]!,
        reason: p.reason,
      }),
    );
    if (signingKey) {
      const n = (linkedCounts.get(signingKey) ?? 0) + 1;
      linkedCounts.set(signingKey, n);
      activityProjects.push({ activityKey: signingKey, projectCode: code, sort: n });
    }

    // size
    const sizeWan = Math.min(600000, Math.max(1500, Math.exp(Math.log(40000) + 0.95 * rng.normal()) * unit.spec.size));
    const totalYuan = sizeWan >= 10000 ? Math.round(sizeWan / 100) * 1_000_000 : Math.round(sizeWan / 10) * 100_000;
    const share = origin.group === 'abroad' ? rng.range(0.4, 1) : 0;
    foreignShare.set(code, share);
    const foreignUsd = share > 0 ? Math.round((totalYuan * share) / 7.2 / 10000) * 10000 : 0;
    const reached = (s: Stage) => path.some((p) => p.to === s);
    const channel = rng.weighted(
      [
        ['trip', 25],
        ['park', 15],
        ['chain', 20],
        ['professional', 10],
        ['investor_referral', 15],
        ['equity', 5],
        ['other', 10],
      ] as const,
      (c) => c[1],
    )[0];
    const trip =
      channel === 'trip'
        ? [...trips].reverse().find((t) => t.end_date <= registered && daysBetween(t.end_date, registered) <= 180)
        : undefined;
    const agreementDate = dateAt('agreement');
    const trade = investors.find((x) => x.credit_code === investorKey)?.name.replace(/（演示）$/, '') ?? '';
    const tradeWord =
      TRADE_WORDS.find((w) => trade.includes(w)) ??
      Object.values(FOREIGN_WORDS)
        .flat()
        .find((w) => trade.includes(w)) ??
      '';
    const isBig = totalYuan >= 10e8;
    const tags = [DEMO_TAG];
    if (isBig) tags.push('重大项目');
    if (share > 0) tags.push('外资项目');
    const industrial = industry.type === 'industrial' || industry.type === 'agriculture';
    projects.push({
      code,
      name: `${tradeWord}${rng.pick(industry.products)}项目`,
      unit_code: unit.code,
      owner: rng.pick(owners.get(unit.code)!),
      sponsor: isBig ? rng.pick(cityLeaders) : unitLeader.get(unit.code)!,
      investorKey,
      industry: industry.name,
      project_type: industry.type,
      total_investment_yuan: totalYuan,
      foreign_usd: foreignUsd,
      location: `${unit.name}${rng.pick(unit.spec.kind === 'zone' ? ['核心区', '产业园区', '拓展区'] : unit.spec.kind === 'department' ? ['（选址待定）', '（跨区域）'] : ['工业集中区', '经济开发区', '产业园区', '城区'])}`,
      land_area_mu: industrial && reached('agreement') ? String(Math.round((totalYuan / 1e8) * rng.range(8, 30))) : null,
      annual_output_yuan: reached('contract') ? Math.round((totalYuan * rng.range(0.8, 2.2)) / 1e6) * 1e6 : null,
      annual_tax_yuan: reached('contract') ? Math.round((totalYuan * rng.range(0.03, 0.1)) / 1e5) * 1e5 : null,
      jobs: reached('contract') ? Math.max(10, Math.round((totalYuan / 1e8) * rng.range(15, 60))) : null,
      activityKey: trip ? trip.key : null,
      channel,
      tags_json: JSON.stringify(tags),
      stage: finalStage,
      registered_on: registered,
      agreement_date: agreementDate,
      agreement_due_date: agreementDate ? addDays(agreementDate, rng.pick([90, 120, 180])) : null,
      contract_date: dateAt('contract'),
      start_date: dateAt('started'),
      operating_date: dateAt('operating'),
      dropped_reason: droppedReason,
      assessed_on: finalStage === 'lead' && age > 3 && rng.chance(0.3) ? null : minDate(addDays(registered, rng.int(0, 3)), yesterday),
      last_follow_up_on: null,
    });
  }

  // -- follow-ups, blockers, commitments, approval items --------------------------------------
  const followUps: FollowUpPlan[] = [];
  const blockers: BlockerPlan[] = [];
  const commitments: CommitmentPlan[] = [];
  const approvals: ApprovalPlan[] = [];
  const movesByProject = new Map<string, MovePlan[]>();
  for (const m of moves) movesByProject.set(m.projectCode, [...(movesByProject.get(m.projectCode) ?? []), m]);
  for (const p of projects) {
    const pm = movesByProject.get(p.code)!;
    const stageOn = (d: string) => {
      let s: Stage = 'lead';
      for (const m of pm) if (m.moved_on <= d) s = m.to_stage;
      return s;
    };
    const unitName = unitByCode.get(p.unit_code)?.name ?? '';
    const lastMove = pm[pm.length - 1]!.moved_on;
    const age = daysBetween(p.registered_on, today);
    let end: string;
    if (p.stage === 'dropped') end = lastMove;
    else if ((p.stage === 'negotiating' || p.stage === 'intent') && rng.chance(0.22)) end = addDays(today, -rng.int(61, 130));
    else if (p.stage === 'operating') end = addDays(today, -rng.int(3, 80));
    else end = addDays(today, -rng.int(1, 40));
    end = minDate(maxDate(end, p.registered_on), yesterday);
    const n = p.stage === 'lead' ? rng.int(0, 2) : Math.min(10, Math.max(2, Math.round(age / 60) + rng.int(0, 2)));
    const span = daysBetween(p.registered_on, end);
    const dates = new Set<string>();
    if (n > 0) dates.add(end);
    for (let j = 1; j < n; j++) dates.add(addDays(p.registered_on, rng.int(0, Math.max(0, span))));
    const sorted = [...dates].sort();
    sorted.forEach((d, j) => {
      const s = stageOn(d);
      const content = rng.pick(FOLLOW_UP_CONTENT[s] ?? FOLLOW_UP_CONTENT.lead!).replace('{unit}', unitName);
      const kind =
        s === 'lead'
          ? rng.pick(['call', 'visit'])
          : s === 'negotiating'
            ? rng.pick(['negotiation', 'meeting', 'call'])
            : s === 'intent'
              ? rng.pick(['inspection', 'meeting', 'negotiation'])
              : rng.pick(['visit', 'meeting', 'inspection', 'call']);
      const isLast = j === sorted.length - 1;
      followUps.push({
        projectCode: p.code,
        date: d,
        kind,
        participants: `${p.owner}、投资方代表${rng.pick(SURNAMES)}总`,
        content,
        next_step: p.stage === 'dropped' && isLast ? null : rng.pick(NEXT_STEPS),
        next_date: isLast && p.stage !== 'dropped' ? addDays(d, rng.int(14, 45)) : null,
      });
    });
    p.last_follow_up_on = sorted.length ? sorted[sorted.length - 1]! : null;

    const advanced = ['agreement', 'contract', 'started', 'operating'].includes(p.stage);
    if (advanced && rng.chance(0.32)) {
      const from = p.contract_date ?? p.agreement_date ?? p.registered_on;
      for (let j = rng.int(1, 2); j > 0; j--) {
        const b = rng.pick(BLOCKERS);
        const raised = minDate(addDays(from, rng.int(5, Math.max(6, daysBetween(from, today) - 5))), yesterday);
        const due = addDays(raised, rng.int(20, 90));
        const resolved = rng.chance(0.58) && raised < addDays(today, -10);
        const resolvedOn = resolved ? minDate(addDays(raised, rng.int(7, 80)), yesterday) : null;
        blockers.push({
          projectCode: p.code,
          raised_on: raised,
          title: b.title,
          coordinating_dept: b.dept,
          due_date: due,
          status: resolved ? 'resolved' : 'open',
          resolution: resolved ? `经${b.dept}协调，问题已解决` : null,
          resolved_on: resolvedOn,
        });
      }
    }
    if (p.contract_date && rng.chance(0.3)) {
      for (let j = rng.int(1, 2); j > 0; j--) {
        const made = p.contract_date;
        const due = addDays(made, rng.int(60, 420));
        const fulfilled = due < today ? rng.chance(0.7) : rng.chance(0.3);
        const fulfilledOn = fulfilled
          ? minDate(addDays(made, rng.int(20, Math.max(21, daysBetween(made, minDate(due, yesterday))))), yesterday)
          : null;
        commitments.push({
          projectCode: p.code,
          made_on: made,
          title: rng.pick(COMMITMENTS),
          due_date: due,
          status: fulfilled ? 'fulfilled' : 'pending',
          evidence: fulfilled ? '相关部门出具办结说明' : null,
          fulfilled_on: fulfilledOn,
        });
      }
    }
    if (p.contract_date) {
      const c = p.contract_date;
      const s = p.start_date;
      const between = (a: string, b: string) => (a >= b ? a : addDays(a, rng.int(0, daysBetween(a, b))));
      for (const kind of ['filing', 'land', 'planning', 'environment', 'energy', 'construction'] as const) {
        if (s) {
          const applied = between(c, s);
          const notNeeded = kind === 'energy' && p.project_type !== 'industrial';
          const pendingEnv = p.stage === 'started' && (kind === 'environment' || kind === 'energy') && rng.chance(0.25);
          if (notNeeded)
            approvals.push({
              projectCode: p.code,
              kind,
              status: 'not_needed',
              applied_on: null,
              approved_on: null,
              note: '不在能评范围内',
            });
          else if (pendingEnv)
            approvals.push({
              projectCode: p.code,
              kind,
              status: 'applied',
              applied_on: applied,
              approved_on: null,
              note: '材料已受理，正在审查',
            });
          else
            approvals.push({
              projectCode: p.code,
              kind,
              status: 'approved',
              applied_on: applied,
              approved_on: kind === 'construction' ? s : between(applied, s),
              note: null,
            });
        } else {
          const early = kind === 'filing' || kind === 'land';
          const applied = early || rng.chance(0.3) ? between(c, yesterday) : null;
          const approved = applied && kind === 'filing' && rng.chance(0.6) ? between(applied, yesterday) : null;
          approvals.push({
            projectCode: p.code,
            kind,
            status: approved ? 'approved' : applied ? 'applied' : 'pending',
            applied_on: applied,
            approved_on: approved,
            note: null,
          });
        }
      }
    }
  }

  // -- exchange rates, one per month up to this month -------------------------------------------
  const rates: Plan['rates'] = [];
  const rateByPeriod = new Map<string, number>();
  let rate = 7.12;
  for (let idx = 0; idx <= reportIdx + 1; idx++) {
    rate = Math.min(7.3, Math.max(7.08, rate + rng.range(-0.025, 0.03)));
    const p = formatPeriod(idxPeriod(idx, baseYear));
    const e4 = Math.round(rate * 10000);
    rates.push({ period: p, cny_per_usd_e4: e4 });
    rateByPeriod.set(p, e4 / 10000);
  }

  // -- funds in place ---------------------------------------------------------------------------
  type Raw = { code: string; unit: string; idx: number; amount: number; share: number; cap: number };
  const raw: Raw[] = [];
  for (const p of projects) {
    if (!p.contract_date || !['contract', 'started', 'operating'].includes(p.stage)) continue;
    const cIdx = monthIdx(p.contract_date, baseYear);
    const sIdx = p.start_date ? monthIdx(p.start_date, baseYear) : null;
    const oIdx = p.operating_date ? monthIdx(p.operating_date, baseYear) : null;
    let fraction: number;
    let hEnd: number;
    if (p.stage === 'operating') {
      fraction = rng.range(0.7, 0.95);
      hEnd = oIdx! + rng.int(6, 18);
    } else if (p.stage === 'started') {
      fraction = rng.range(0.35, 0.9);
      hEnd = Math.max(sIdx! + rng.int(14, 30), reportIdx + 2);
    } else {
      fraction = rng.chance(0.45) ? rng.range(0.03, 0.12) : 0;
      hEnd = cIdx + 18;
    }
    const startedLongAgo = sIdx !== null && reportIdx - sIdx >= 6;
    const lowShare = p.stage === 'started' && startedLongAgo && rng.chance(0.1);
    if (lowShare) fraction = rng.range(0.04, 0.1);
    const quietTail = p.stage === 'started' && !lowShare && rng.chance(0.12) ? rng.int(3, 4) : 0;
    if (fraction === 0) continue;
    const weights: number[] = [];
    for (let m = cIdx; m <= hEnd; m++) {
      let w = sIdx === null || m < sIdx ? 0.3 : oIdx !== null && m >= oIdx ? 0.3 : 1;
      w *= (SEASONAL[((m % 12) + 12) % 12] ?? 1) * rng.range(0.6, 1.4);
      if (rng.chance(0.2)) w = 0;
      weights.push(w);
    }
    const total = weights.reduce((s, w) => s + w, 0) || 1;
    weights.forEach((w, j) => {
      const m = cIdx + j;
      if (m < 0 || m > reportIdx || w === 0) return;
      if (quietTail && m > reportIdx - quietTail) return;
      const year = idxPeriod(m, baseYear).year;
      if (zeroResult.has(p.unit_code) && year === curYear) return;
      raw.push({
        code: p.code,
        unit: p.unit_code,
        idx: m,
        amount: (p.total_investment_yuan * fraction * w) / total,
        share: foreignShare.get(p.code) ?? 0,
        cap: Math.floor(p.total_investment_yuan * 0.97),
      });
    });
  }
  // calibrate to a city of this size: ~118亿 the first year, then +15%, then +13% on the same months
  const sumYear = (y: number, upToMonth = 12) =>
    raw
      .filter((r) => {
        const p = idxPeriod(r.idx, baseYear);
        return p.year === y && p.month <= upToMonth;
      })
      .reduce((s, r) => s + r.amount, 0);
  const want = new Map<number, number>();
  want.set(years[0]!, FUNDS_TARGETS.firstYearYuan);
  want.set(years[1]!, FUNDS_TARGETS.firstYearYuan * FUNDS_TARGETS.growth[0]!);
  raw.sort((a, b) => a.code.localeCompare(b.code) || a.idx - b.idx);
  // the state of each unit's report for the latest month
  const reportStates = new Map<string, FundPlan['status'] | 'missing'>();
  const fundUnits = [...new Set(raw.map((r) => r.unit))].sort();
  const byUnitSpec = (c: string) => units.find((u) => u.spec.code === c)?.code;
  // U01 and U02 have demo accounts: one report waits for its unit head, one is still a draft;
  // one unit that has entries was sent back, and one unit without entries has not reported at all
  const withEntries = new Set(raw.filter((r) => r.idx === reportIdx).map((r) => r.unit));
  const u01 = byUnitSpec('U01'),
    u02 = byUnitSpec('U02');
  const others = fundUnits.filter((u) => u !== u01 && u !== u02);
  const returnedUnit = others.find((u) => withEntries.has(u) && !zeroResult.has(u));
  const missingUnit =
    others.find((u) => !withEntries.has(u) && !zeroResult.has(u) && u !== returnedUnit) ?? others.filter((u) => u !== returnedUnit).pop();
  const fixed: [string | undefined, FundPlan['status'] | 'missing'][] = [
    [u01, 'submitted'],
    [u02, 'draft'],
    [missingUnit, 'missing'],
    [returnedUnit, 'returned'],
  ];
  for (const [c, s] of fixed) if (c) reportStates.set(c, s);
  for (const u of fundUnits)
    if (!reportStates.has(u))
      reportStates.set(
        u,
        rng.weighted(
          [
            ['verified', 45],
            ['approved', 30],
            ['submitted', 25],
          ] as const,
          (x) => x[1],
        )[0],
      );
  /** scaled, rounded and capped (cumulative ≤ 97% of total investment) amounts */
  const apply = (scale: Map<number, number>) => {
    const cumulative = new Map<string, number>();
    return raw.map((r) => {
      const per = idxPeriod(r.idx, baseYear);
      let amount = Math.round((r.amount * (scale.get(per.year) ?? 1)) / 100) * 100;
      const cum = cumulative.get(r.code) ?? 0;
      if (cum + amount > r.cap) amount = Math.floor((r.cap - cum) / 100) * 100;
      if (amount < 10000) amount = 0;
      cumulative.set(r.code, cum + amount);
      return { r, per, amount };
    });
  };
  // Calibrate to a city of this size: ~118亿 the first year, then +15%, then +13% on the same
  // months. Capped projects fall short, so the factors are refined a few times.
  const scale = new Map<number, number>(years.map((y) => [y, 1]));
  for (let iter = 0; iter < 8; iter++) {
    const rows = apply(scale);
    const got = (y: number, upTo = 12) => rows.filter((x) => x.per.year === y && x.per.month <= upTo).reduce((s, x) => s + x.amount, 0);
    for (const y of years.slice(0, 2)) scale.set(y, scale.get(y)! * (want.get(y)! / (got(y) || 1)));
    if (report.year === curYear) {
      const target = got(years[1]!, report.month) * FUNDS_TARGETS.growth[1]!;
      scale.set(curYear, scale.get(curYear)! * (target / (got(curYear, report.month) || 1)));
    }
  }
  const funds: FundPlan[] = [];
  for (const { r, per, amount } of apply(scale)) {
    if (amount === 0) continue;
    const period = formatPeriod(per);
    const state = r.idx === reportIdx ? (reportStates.get(r.unit) ?? 'verified') : 'verified';
    if (state === 'missing') continue;
    const usd = r.share > 0 ? Math.round((amount * r.share) / (rateByPeriod.get(period) ?? 7.2) / 100) * 100 : 0;
    const next = idxPeriod(r.idx + 1, baseYear);
    funds.push({
      projectCode: r.code,
      unit_code: r.unit,
      period,
      year: per.year,
      month: per.month,
      amount_yuan: amount,
      foreign_usd: usd,
      status: state,
      returned_reason: state === 'returned' ? '佐证材料不全，请补充银行进账单后重新报送' : null,
      verified_at: state === 'verified' ? stamp(minDate(dateOf(next.year, next.month, 10), yesterday), 16) : null,
    });
  }
  const fundsByYear: Record<number, number> = {};
  for (const y of years) fundsByYear[y] = funds.filter((f) => f.year === y).reduce((s, f) => s + f.amount_yuan, 0);

  // -- targets: set so that some units run ahead of time progress and some behind ---------------
  const targets: TargetPlan[] = [];
  const targetUnits = units.filter((u) => u.spec.kind !== 'city' && !NO_TARGET_UNITS.includes(u.spec.code));
  const city = input.cityCode;
  const round = (v: number, step: number) => Math.max(step, Math.round(v / step) * step);
  const aheadSet = new Set(targetUnits.filter(() => rng.chance(0.5)).map((u) => u.code));
  for (const y of years) {
    const isCur = y === curYear;
    const months = isCur ? (report.year === curYear ? report.month : 0) : 12;
    const progress = months / 12;
    let cityFunds = 0,
      cityForeign = 0,
      cityContracts = 0;
    for (const u of targetUnits) {
      const f = funds.filter((x) => x.unit_code === u.code && x.year === y);
      const yuan = f.reduce((s, x) => s + x.amount_yuan, 0);
      const usd = f.reduce((s, x) => s + x.foreign_usd, 0);
      const contracts = projects.filter((p) => p.unit_code === u.code && p.contract_date?.startsWith(String(y))).length;
      // completion this target gives by the latest month: ahead units above time progress, others below
      const r = isCur ? (aheadSet.has(u.code) ? rng.range(1.02, 1.3) : rng.range(0.55, 0.95)) : rng.range(0.85, 1.2);
      const denom = isCur ? Math.max(progress, 1 / 12) * r : r;
      const floor = u.spec.kind === 'department' ? 50_000_000 : 150_000_000;
      const fundsBase = Math.max(floor, yuan > 0 ? round(yuan / denom, 5_000_000) : round(rng.range(1.5e8, 4e8), 10_000_000));
      const usdBase = usd > 0 ? round(usd / denom, 100_000) : round(rng.range(1e6, 5e6), 100_000);
      const contractsBase = Math.max(1, Math.round((contracts || rng.int(1, 3)) / denom));
      targets.push({
        year: y,
        unit_code: u.code,
        indicator: 'funds',
        base_value: fundsBase,
        stretch_value: round(fundsBase * 1.15, 1_000_000),
      });
      targets.push({ year: y, unit_code: u.code, indicator: 'foreign', base_value: usdBase, stretch_value: round(usdBase * 1.15, 10_000) });
      targets.push({
        year: y,
        unit_code: u.code,
        indicator: 'contracts',
        base_value: contractsBase,
        stretch_value: Math.ceil(contractsBase * 1.2),
      });
      cityFunds += fundsBase;
      cityForeign += usdBase;
      cityContracts += contractsBase;
    }
    const cityFundsBase = round(cityFunds * 0.88, 100_000_000);
    const cityUsdBase = round(cityForeign * 0.9, 1_000_000);
    const cityContractsBase = Math.round(cityContracts * 0.9);
    targets.push({
      year: y,
      unit_code: city,
      indicator: 'funds',
      base_value: cityFundsBase,
      stretch_value: round(cityFundsBase * 1.15, 100_000_000),
    });
    targets.push({
      year: y,
      unit_code: city,
      indicator: 'foreign',
      base_value: cityUsdBase,
      stretch_value: round(cityUsdBase * 1.15, 1_000_000),
    });
    targets.push({
      year: y,
      unit_code: city,
      indicator: 'contracts',
      base_value: cityContractsBase,
      stretch_value: Math.ceil(cityContractsBase * 1.15),
    });
  }

  // -- monthly submissions, consistent with the entries ------------------------------------------
  const submissions: SubmissionPlan[] = [];
  const reportingUnits = [...new Set([...targetUnits.map((u) => u.code), ...fundUnits])].sort();
  const skipOnce = new Set<string>();
  const laggard = rng.pick(reportingUnits.filter((c) => !fixed.some(([f]) => f === c)));
  skipOnce.add(`${laggard}|${formatPeriod(idxPeriod(Math.max(0, reportIdx - rng.int(3, 7)), baseYear))}`);
  for (let idx = 0; idx <= reportIdx; idx++) {
    const per = idxPeriod(idx, baseYear);
    const period = formatPeriod(per);
    const next = idxPeriod(idx + 1, baseYear);
    for (const u of reportingUnits) {
      if (skipOnce.has(`${u}|${period}`)) continue;
      const submittedOn = minDate(dateOf(next.year, next.month, rng.int(1, 5)), yesterday);
      const approvedOn = minDate(addDays(submittedOn, rng.int(0, 2)), yesterday);
      if (idx < reportIdx) {
        submissions.push({
          unit_code: u,
          period,
          status: 'approved',
          submitted_at: stamp(submittedOn, 10),
          approved_at: stamp(approvedOn, 15),
          returned_reason: null,
        });
        continue;
      }
      const s = reportStates.get(u) ?? 'verified';
      if (s === 'missing') continue;
      if (s === 'draft')
        submissions.push({ unit_code: u, period, status: 'draft', submitted_at: null, approved_at: null, returned_reason: null });
      else if (s === 'submitted')
        submissions.push({
          unit_code: u,
          period,
          status: 'submitted',
          submitted_at: stamp(submittedOn, 10),
          approved_at: null,
          returned_reason: null,
        });
      else if (s === 'returned')
        submissions.push({
          unit_code: u,
          period,
          status: 'returned',
          submitted_at: stamp(submittedOn, 10),
          approved_at: null,
          returned_reason: '佐证材料不全，请补充银行进账单后重新报送',
        });
      else
        submissions.push({
          unit_code: u,
          period,
          status: 'approved',
          submitted_at: stamp(submittedOn, 10),
          approved_at: stamp(approvedOn, 15),
          returned_reason: null,
        });
    }
  }
  const locks: string[] = [];
  for (let idx = 0; idx < reportIdx; idx++) locks.push(formatPeriod(idxPeriod(idx, baseYear)));

  // -- reserve projects -------------------------------------------------------------------------
  const reserves: ReservePlan[] = [];
  const reserveKeys = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const u = rng.weighted(projectUnits, (x) => x.spec.weight);
    const ind = industryByName.get(rng.pick(u.spec.industries)) ?? rng.pick(INDUSTRIES);
    let name = `${u.spec.short}${rng.pick(RESERVE_NAMES)}项目`;
    for (let n = 2; reserveKeys.has(`${name}|${u.code}`); n++) name = `${u.spec.short}${rng.pick(RESERVE_NAMES)}项目（${n}期）`;
    reserveKeys.add(`${name}|${u.code}`);
    const wan = Math.min(200000, Math.max(500, Math.exp(Math.log(15000) + 1.2 * rng.normal())));
    reserves.push({
      name,
      unit_code: u.code,
      industry: ind.name,
      total_investment_yuan: Math.round(wan / 100) * 1_000_000 || 5_000_000,
      status: rng.weighted(
        [
          ['reserve', 45],
          ['promoted', 30],
          ['converted', 15],
          ['withdrawn', 10],
        ] as const,
        (x) => x[1],
      )[0],
      description: `${DEMO_TAG}：${u.name}谋划包装的${ind.name}项目，拟面向${rng.pick(['长三角', '珠三角', '京津冀', '日韩', '港澳'])}客商推介`,
    });
  }

  return {
    investors,
    projects,
    moves,
    followUps,
    blockers,
    commitments,
    approvals,
    funds,
    submissions,
    rates,
    locks,
    targets,
    activities,
    activityProjects,
    reserves,
    fundsByYear,
  };
}

/** A 9-character organisation code (GB 11714): 8 digits and its check character. */
function orgCode(rng: Rng): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const digits = Array.from({ length: 8 }, () => rng.int(0, 9));
  const sum = digits.reduce((s, d, i) => s + d * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return digits.join('') + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}
