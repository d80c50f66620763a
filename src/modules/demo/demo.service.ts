import crypto from 'node:crypto';
// Loads the demo data set (a fictional investment year of 吉林市) in one transaction: units,
// investors, ~300 projects with their history, three years of funds in place, targets,
// activities, reserve projects and demo accounts. Every row that can say so is marked is_demo = 1.
import { z } from 'zod';
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Role } from '../../contracts/common';
import { AppError } from '../../domain/errors';
import { isValidDate, todayIso } from '../../domain/period';
import { enrichActivitiesDemo } from '../activities/activities.demo';
import { enrichReserveDemo } from '../reserve/reserve.demo';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getSettings } from '../settings/settings.service';
import { createUser } from '../users/users.service';
import { DEMO_ACTOR_NAME, DEMO_PASSWORD, DEMO_UNITS } from './demo.data';
import { demoStamp, generateDemo, type PlanUnit } from './demo.generate';
import { loadDemoPolicies } from '../policies/policies.demo';
import { freezePeriod } from '../funds/period-freeze';

export const demoSummarySchema = z.object({
  units: z.number(),
  investors: z.number(),
  projects: z.number(),
  fundEntries: z.number(),
  targets: z.number(),
  activities: z.number(),
  reserveProjects: z.number(),
  users: z.array(z.object({ username: z.string(), password: z.string(), role: z.string(), unitCode: z.string().nullable() })),
});
export type DemoSummary = z.infer<typeof demoSummarySchema>;

export const DEFAULT_DEMO_SEED = 2026;

const DEMO_USERS: { username: string; displayName: string; role: Role; unit?: string }[] = [
  { username: 'demo_office', displayName: '演示·市招商办', role: 'city_office' },
  { username: 'demo_leader', displayName: '演示·市领导', role: 'leader' },
  { username: 'demo_super', displayName: '演示·督查室', role: 'supervisor' },
  { username: 'demo_u01_rep', displayName: '演示·昌邑区填报员', role: 'reporter', unit: 'U01' },
  { username: 'demo_u01_head', displayName: '演示·昌邑区负责人', role: 'unit_head', unit: 'U01' },
  { username: 'demo_u02_rep', displayName: '演示·船营区填报员', role: 'reporter', unit: 'U02' },
];

/** Many rows per statement: a few dozen statements load the whole set. */
async function insertAll<T extends keyof DB & string>(tx: Tx, table: T, rows: Insertable<DB[T]>[], size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/**
 * Loads the demo data. `today` (YYYY-MM-DD, Asia/Shanghai) is for tests; by default the data ends
 * yesterday and the latest reported month is last month. Refuses when demo data is already there.
 */
/** A random password for a demo account, shown once: readable, ~72 bits (12 base32 characters). */
function demoRandomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * Demo accounts get random passwords shown once (in the result), unless `fixedPassword` asks for the
 * well-known demo1234 (for a trial on a laptop, or journeys); never a guessable password by default.
 */
export async function loadDemo(
  db: Db,
  actor: Actor,
  opts: { seed?: number | undefined; today?: string | undefined; fixedPassword?: boolean | undefined } = {},
): Promise<DemoSummary> {
  requirePermission(actor, 'demo.load');
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new AppError('validation', '随机种子应为非负整数，例如 2026', { seed: '应为非负整数' });
  const today = opts.today ?? todayIso();
  if (!isValidDate(today)) throw new AppError('validation', `日期“${today}”无效，应为 YYYY-MM-DD`);

  return db.transaction().execute(async (tx) => {
    const loaded =
      (await tx.selectFrom('units').select('code').where('is_demo', '=', 1).limit(1).executeTakeFirst()) ??
      (await tx.selectFrom('projects').select('code').where('is_demo', '=', 1).limit(1).executeTakeFirst());
    if (loaded) {
      throw new AppError(
        'conflict',
        '演示数据已经加载过了（系统中已有标记为“演示”的单位或项目），不能重复加载。如需重新演示，请使用一个新的空数据库。',
      );
    }
    const settings = await getSettings(tx);
    const t = nowIso();

    // -- units: reuse what exists (by name, then by code), create the rest -------------------
    const existing = await tx.selectFrom('units').select(['code', 'name', 'kind']).execute();
    const taken = new Set(existing.map((u) => u.code));
    const newUnits: Insertable<DB['units']>[] = [];
    let cityCode = existing.find((u) => u.kind === 'city')?.code;
    if (!cityCode) {
      cityCode = taken.has('C00') ? freeCode('C', taken) : 'C00';
      taken.add(cityCode);
      newUnits.push({ code: cityCode, name: '吉林市人民政府', kind: 'city', sort: 0, is_demo: 1, created_at: t, updated_at: t });
    }
    const planUnits: PlanUnit[] = [];
    DEMO_UNITS.forEach((spec, i) => {
      const same = existing.find((u) => u.name === spec.name) ?? existing.find((u) => u.code === spec.code && u.name === spec.name);
      if (same) {
        planUnits.push({ code: same.code, name: same.name, spec });
        return;
      }
      const code = taken.has(spec.code) ? freeCode(spec.code.charAt(0), taken) : spec.code;
      taken.add(code);
      newUnits.push({ code, name: spec.name, kind: spec.kind, sort: i + 1, is_demo: 1, created_at: t, updated_at: t });
      planUnits.push({ code, name: spec.name, spec });
    });
    await insertAll(tx, 'units', newUnits);

    const plan = generateDemo({ seed, today, homeRegionCode: settings.homeRegionCode, cityCode, units: planUnits });

    // -- activities, investors, projects (ids needed by the rows that follow) ------------------
    const activityIds = new Map<string, number>();
    for (let i = 0; i < plan.activities.length; i += 300) {
      const rows = await tx
        .insertInto('activities')
        .values(
          plan.activities.slice(i, i + 300).map((a) => ({
            name: a.name,
            kind: a.kind,
            start_date: a.start_date,
            end_date: a.end_date,
            destination: a.destination,
            unit_code: a.unit_code,
            person_times: a.person_times,
            notes: a.notes,
            is_demo: 1,
            created_at: demoStamp(a.start_date),
            updated_at: demoStamp(a.start_date),
          })),
        )
        .returning(['id', 'name', 'start_date'])
        .execute();
      for (const r of rows) activityIds.set(`${r.name}|${r.start_date}`, r.id);
    }
    const investorIds = new Map<string, number>();
    for (let i = 0; i < plan.investors.length; i += 300) {
      const rows = await tx
        .insertInto('investors')
        .values(plan.investors.slice(i, i + 300).map((v) => ({ ...v, is_demo: 1, created_at: t, updated_at: t })))
        .returning(['id', 'credit_code'])
        .execute();
      for (const r of rows) if (r.credit_code) investorIds.set(r.credit_code, r.id);
    }
    const projectIds = new Map<string, number>();
    for (let i = 0; i < plan.projects.length; i += 200) {
      const rows = await tx
        .insertInto('projects')
        .values(
          plan.projects.slice(i, i + 200).map(({ investorKey, activityKey, ...p }) => ({
            ...p,
            investor_id: investorIds.get(investorKey) ?? null,
            source_activity_id: activityKey ? (activityIds.get(activityKey) ?? null) : null,
            is_demo: 1,
            created_at: demoStamp(p.registered_on),
            updated_at: t,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const r of rows) projectIds.set(r.code, r.id);
    }
    const pid = (code: string) => {
      const id = projectIds.get(code);
      if (id === undefined) throw new Error(`demo project ${code} missing`);
      return id;
    };

    // -- project history and service records --------------------------------------------------
    await insertAll(
      tx,
      'stage_moves',
      plan.moves.map((m) => ({
        project_id: pid(m.projectCode),
        from_stage: m.from_stage,
        to_stage: m.to_stage,
        moved_on: m.moved_on,
        actor_id: null,
        actor_name: DEMO_ACTOR_NAME,
        reason: m.reason,
        created_at: demoStamp(m.moved_on, 10),
      })),
    );
    await insertAll(
      tx,
      'follow_ups',
      plan.followUps.map((f) => ({
        project_id: pid(f.projectCode),
        date: f.date,
        kind: f.kind,
        participants: f.participants,
        content: f.content,
        next_step: f.next_step,
        next_date: f.next_date,
        created_by: null,
        created_at: demoStamp(f.date, 17),
        updated_at: demoStamp(f.date, 17),
      })),
    );
    await insertAll(
      tx,
      'blockers',
      plan.blockers.map((b) => ({
        project_id: pid(b.projectCode),
        title: b.title,
        coordinating_dept: b.coordinating_dept,
        due_date: b.due_date,
        status: b.status,
        resolution: b.resolution,
        resolved_on: b.resolved_on,
        created_at: demoStamp(b.raised_on),
        updated_at: demoStamp(b.resolved_on ?? b.raised_on),
      })),
    );
    await insertAll(
      tx,
      'commitments',
      plan.commitments.map((c) => ({
        project_id: pid(c.projectCode),
        title: c.title,
        due_date: c.due_date,
        status: c.status,
        evidence: c.evidence,
        fulfilled_on: c.fulfilled_on,
        created_at: demoStamp(c.made_on),
        updated_at: demoStamp(c.fulfilled_on ?? c.made_on),
      })),
    );
    await insertAll(
      tx,
      'approval_items',
      plan.approvals.map((a) => ({
        project_id: pid(a.projectCode),
        kind: a.kind,
        status: a.status,
        applied_on: a.applied_on,
        approved_on: a.approved_on,
        note: a.note,
        created_at: t,
        updated_at: t,
      })),
    );
    await insertAll(
      tx,
      'activity_projects',
      plan.activityProjects.flatMap((ap) => {
        const activityId = activityIds.get(ap.activityKey);
        return activityId === undefined ? [] : [{ activity_id: activityId, project_id: pid(ap.projectCode), sort: ap.sort }];
      }),
    );

    // -- funds, submissions, rates, locks -------------------------------------------------------
    await insertAll(
      tx,
      'fund_entries',
      plan.funds.map((f) => ({
        project_id: pid(f.projectCode),
        unit_code: f.unit_code,
        period: f.period,
        year: f.year,
        month: f.month,
        kind: 'regular',
        amount_yuan: f.amount_yuan,
        foreign_usd: f.foreign_usd,
        status: f.status,
        note: null,
        returned_reason: f.returned_reason,
        created_by: actor.userId,
        verified_by: f.status === 'verified' ? actor.userId : null,
        verified_at: f.verified_at,
        is_demo: 1,
        created_at: f.verified_at ?? t,
        updated_at: f.verified_at ?? t,
      })),
      500,
    );
    const existingSubs = new Set(
      (await tx.selectFrom('submissions').select(['unit_code', 'period']).execute()).map((s) => `${s.unit_code}|${s.period}`),
    );
    await insertAll(
      tx,
      'submissions',
      plan.submissions
        .filter((s) => !existingSubs.has(`${s.unit_code}|${s.period}`))
        .map((s) => ({
          ...s,
          submitted_by: null,
          approved_by: null,
          created_at: s.submitted_at ?? t,
          updated_at: s.approved_at ?? s.submitted_at ?? t,
        })),
      500,
    );
    for (let i = 0; i < plan.rates.length; i += 200) {
      await tx
        .insertInto('exchange_rates')
        .values(plan.rates.slice(i, i + 200).map((r) => ({ ...r, updated_at: t })))
        .onConflict((oc) => oc.column('period').doNothing())
        .execute();
    }
    for (let i = 0; i < plan.locks.length; i += 200) {
      await tx
        .insertInto('period_locks')
        .values(
          plan.locks
            .slice(i, i + 200)
            .map((period) => ({ period, locked_by: actor.userId, locked_at: t, note: '演示数据：历史月份已锁定' })),
        )
        .onConflict((oc) => oc.column('period').doNothing())
        .execute();
    }

    // -- targets, reserve projects ----------------------------------------------------------------
    const existingTargets = new Set(
      (await tx.selectFrom('targets').select(['year', 'unit_code', 'indicator']).execute()).map(
        (r) => `${r.year}|${r.unit_code}|${r.indicator}`,
      ),
    );
    const targets = plan.targets.filter((r) => !existingTargets.has(`${r.year}|${r.unit_code}|${r.indicator}`));
    await insertAll(
      tx,
      'targets',
      targets.map((r) => ({ ...r, is_demo: 1, created_at: t, updated_at: t })),
    );
    const existingReserves = new Set(
      (await tx.selectFrom('reserve_projects').select(['name', 'unit_code']).execute()).map((r) => `${r.name}|${r.unit_code}`),
    );
    const reserves = plan.reserves.filter((r) => !existingReserves.has(`${r.name}|${r.unit_code}`));
    await insertAll(
      tx,
      'reserve_projects',
      reserves.map((r) => ({ ...r, is_demo: 1, created_at: t, updated_at: t })),
    );
    await enrichReserveDemo(tx, seed, today);
    await enrichActivitiesDemo(tx, seed, today); // [F] activities & reserve details

    await loadDemoPolicies(tx, today);
    // The latest locked month holds its official figures like any month locked in the app ([I]);
    // older demo locks are left to read live figures (freezing three years of months would make
    // the demo slow to load), which the refusals of changes to locked months still protect.
    const lastLocked = [...plan.locks].sort().at(-1);
    if (lastLocked) await freezePeriod(tx, lastLocked);
    // -- demo accounts ------------------------------------------------------------------------------
    const users: DemoSummary['users'] = [];
    const unitCodeOf = (specCode: string) => planUnits.find((u) => u.spec.code === specCode)?.code ?? null;
    for (const u of DEMO_USERS) {
      const exists = await tx.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
      if (exists) continue;
      const unitCode = u.unit ? unitCodeOf(u.unit) : null;
      const password = opts.fixedPassword ? DEMO_PASSWORD : demoRandomPassword();
      await createUser(
        tx,
        actor,
        { username: u.username, displayName: u.displayName, password, roles: [u.role], unitCode },
        { skipPermission: true, fixedDemoPassword: !!opts.fixedPassword },
      );
      users.push({ username: u.username, password, role: u.role, unitCode });
    }

    const summary: DemoSummary = {
      units: planUnits.length,
      investors: plan.investors.length,
      projects: plan.projects.length,
      fundEntries: plan.funds.length,
      targets: targets.length,
      activities: plan.activities.length,
      reserveProjects: reserves.length,
      users,
    };
    const yi = (y: number) => `${y}年${((plan.fundsByYear[y] ?? 0) / 1e8).toFixed(1)}亿元`;
    await audit(tx, actor, {
      action: 'demo',
      entity: 'system',
      summary: `加载演示数据（种子 ${seed}）：${summary.units} 个单位、${summary.investors} 个客商、${summary.projects} 个项目、${summary.fundEntries} 条到位资金（${Object.keys(plan.fundsByYear).map(Number).map(yi).join('，')}）、${summary.targets} 条目标、${summary.activities} 次活动、${summary.reserveProjects} 个储备项目`,
      after: {
        seed,
        today,
        ...summary,
        createdUnits: newUnits.map((u) => u.code),
        fundsByYear: plan.fundsByYear,
        users: users.map((u) => u.username),
      },
    });
    return summary;
  });
}

/** The first free code with this prefix: U10, U11, … */
function freeCode(prefix: string, taken: Set<string>): string {
  for (let n = 1; n < 1000; n++) {
    const code = `${prefix}${String(n).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
  throw new AppError('conflict', `单位代码 ${prefix}01–${prefix}999 均已占用，无法创建演示单位`);
}
