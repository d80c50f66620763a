// Test support: a small constructed city whose speech figures are worked out by hand (see
// speech.service.test.ts). The city unit C00 has funds of its own and D01 has no target.
import type { Db } from '../../db/database';
import { addUnit, seedBasics } from '../../test/harness';

const ts = (date: string) => `${date}T08:00:00.000Z`;

export async function seedSpeechCity(db: Db): Promise<Record<string, number>> {
  await seedBasics(db);
  await addUnit(db, 'D01', '市商务局', 'department');
  await db
    .insertInto('settings')
    .values({ key: 'briefingTopBlockers', value: '1', updated_at: ts('2026-01-01') })
    .execute();
  const inv = async (name: string, scope: string, code: string) =>
    (
      await db
        .insertInto('investors')
        .values({
          name,
          origin_scope: scope,
          origin_code: code,
          origin_name: name,
          created_at: ts('2025-01-01'),
          updated_at: ts('2025-01-01'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const domestic = await inv('杭州某集团', 'domestic', '330100');
  const local = await inv('本地某公司', 'local', '220202');
  const abroad = await inv('香港某公司', 'abroad', 'HK');
  const ids: Record<string, number> = {};
  const project = async (
    code: string,
    unit: string,
    investor: number,
    yuan: number,
    stage: string,
    dates: Record<string, string>,
    moves: [string | null, string, string][],
  ) => {
    const id = (
      await db
        .insertInto('projects')
        .values({
          code,
          name: `${code}项目`,
          unit_code: unit,
          investor_id: investor,
          total_investment_yuan: yuan,
          stage,
          contract_date: dates.contract ?? null,
          start_date: dates.start ?? null,
          operating_date: dates.operating ?? null,
          created_at: ts('2025-01-01'),
          updated_at: ts('2025-01-01'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [from, to, on] of moves) {
      await db
        .insertInto('stage_moves')
        .values({ project_id: id, from_stage: from, to_stage: to, moved_on: on, created_at: ts(on) })
        .execute();
    }
    ids[code] = id;
    return id;
  };
  await project('P1', 'U01', domestic, 100_000_000, 'operating', { contract: '2026-02-01', start: '2026-04-10', operating: '2026-07-01' }, [
    [null, 'intent', '2025-11-01'],
    ['intent', 'contract', '2026-02-01'],
    ['contract', 'started', '2026-04-10'],
    ['started', 'operating', '2026-07-01'],
  ]);
  await project('P2', 'U02', local, 80_000_000, 'contract', { contract: '2026-03-15' }, [[null, 'contract', '2026-03-15']]);
  await project('P3', 'U01', abroad, 60_000_000, 'dropped', {}, [
    [null, 'negotiating', '2025-06-01'],
    ['negotiating', 'dropped', '2026-06-15'],
  ]);
  await project('P4', 'C00', domestic, 10_000_000, 'operating', { start: '2025-10-01', operating: '2026-05-20' }, [
    [null, 'operating', '2026-05-20'],
  ]);
  await project('P5', 'D01', domestic, 70_000_000, 'lead', {}, [[null, 'lead', '2026-06-02']]);
  await project('P6', 'D01', domestic, 20_000_000, 'contract', { contract: '2026-01-05' }, [[null, 'contract', '2026-01-05']]);

  const fund = (code: string, unit: string, period: string, yuan: number, status: string, usd = 0) =>
    db
      .insertInto('fund_entries')
      .values({
        project_id: ids[code]!,
        unit_code: unit,
        period,
        year: Number(period.slice(0, 4)),
        month: Number(period.slice(5)),
        amount_yuan: yuan,
        foreign_usd: usd,
        status,
        created_at: ts(`${period}-10`),
        updated_at: ts(`${period}-10`),
      })
      .execute();
  await fund('P1', 'U01', '2026-03', 30_000_000, 'verified');
  await fund('P1', 'U01', '2026-05', 10_000_000, 'verified');
  await fund('P1', 'U01', '2026-04', 2_000_000, 'submitted');
  await fund('P1', 'U01', '2026-06', 7_000_000, 'verified');
  await fund('P1', 'U01', '2025-04', 4_000_000, 'verified');
  await fund('P3', 'U01', '2026-01', 5_000_000, 'verified', 700_000);
  await fund('P2', 'U02', '2026-05', 3_000_000, 'draft');
  await fund('P4', 'C00', '2026-04', 30_000_000, 'verified');
  await fund('P4', 'C00', '2025-02', 1_000_000, 'verified');
  await fund('P6', 'D01', '2026-05', 10_000_000, 'verified');

  const target = (unit: string, indicator: string, base: number, stretch: number | null) =>
    db
      .insertInto('targets')
      .values({
        year: 2026,
        unit_code: unit,
        indicator,
        base_value: base,
        stretch_value: stretch,
        created_at: ts('2026-01-01'),
        updated_at: ts('2026-01-01'),
      })
      .execute();
  await target('C00', 'funds', 1_000_000_000, 1_200_000_000);
  await target('U01', 'funds', 400_000_000, 500_000_000);
  await target('U02', 'funds', 100_000_000, null);
  await target('C00', 'foreign', 1_000_000, null);
  await target('U01', 'foreign', 500_000, 600_000);

  for (const [unit, status] of [
    ['U01', 'submitted'],
    ['U02', 'draft'],
  ] as const) {
    await db
      .insertInto('submissions')
      .values({ unit_code: unit, period: '2026-05', status, created_at: ts('2026-06-01'), updated_at: ts('2026-06-01') })
      .execute();
  }

  const blocker = (code: string, title: string, created: string, due: string | null, status: string, resolved: string | null = null) =>
    db
      .insertInto('blockers')
      .values({
        project_id: ids[code]!,
        title,
        coordinating_dept: '市自然资源局',
        due_date: due,
        status,
        resolved_on: resolved,
        created_at: ts(created),
        updated_at: ts(created),
      })
      .execute();
  await blocker('P1', 'B1用地', '2026-03-01', '2026-05-01', 'open');
  await blocker('P5', 'B2电力', '2026-04-01', '2026-07-01', 'open');
  await blocker('P2', 'B3环评', '2026-02-01', '2026-04-30', 'resolved', '2026-06-10');
  await blocker('P6', 'B4早已解决', '2026-01-01', '2026-03-01', 'resolved', '2026-05-10');
  await blocker('P1', 'B5六月才提出', '2026-06-05', '2026-06-30', 'open');
  await blocker('P6', 'B6无期限', '2026-01-01', null, 'open');
  const commitment = (code: string, title: string, due: string, status: string, fulfilled: string | null = null) =>
    db
      .insertInto('commitments')
      .values({
        project_id: ids[code]!,
        title,
        due_date: due,
        status,
        fulfilled_on: fulfilled,
        created_at: ts('2026-01-01'),
        updated_at: ts('2026-01-01'),
      })
      .execute();
  await commitment('P1', 'C1供地承诺', '2026-05-20', 'pending');
  await commitment('P6', 'C2已兑现', '2026-05-01', 'fulfilled', '2026-05-15');
  await commitment('P2', 'C3年底前', '2026-12-31', 'pending');
  return ids;
}
