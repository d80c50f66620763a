// Unit data scope, proven for every route the app has: a reporter of unit U02 calls each route with the
// ids of U01's records (and U01 as the unit) and must neither see U01's data nor change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import PizZip from 'pizzip';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../test/harness';
import { nowIso } from '../db/clock';

const ID = 777;
const MARKERS = [
  '绝密项目甲',
  'ZZ-U01-SECRET',
  '绝密投资方甲',
  '绝密跟进内容',
  '绝密困难事项',
  '绝密承诺事项',
  '绝密资金备注',
  '绝密附件.pdf',
  '绝密储备项目',
  '绝密招商活动',
];

async function seedU01(t: TestDb) {
  const db = t.db;
  const ts = nowIso();
  await db
    .insertInto('investors')
    .values({ id: ID, name: '绝密投资方甲', credit_code: null, origin_scope: 'domestic', created_at: ts, updated_at: ts } as never)
    .execute();
  await db
    .insertInto('projects')
    .values({
      id: ID,
      code: 'ZZ-U01-SECRET',
      name: '绝密项目甲',
      unit_code: 'U01',
      investor_id: ID,
      stage: 'contract',
      contract_date: '2026-01-10',
      total_investment_yuan: 100_000_000,
      registered_on: '2025-12-01',
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('stage_moves')
    .values({ id: ID, project_id: ID, from_stage: null, to_stage: 'contract', moved_on: '2026-01-10', created_at: ts } as never)
    .execute();
  await db
    .insertInto('follow_ups')
    .values({ id: ID, project_id: ID, date: '2026-04-01', kind: 'visit', content: '绝密跟进内容', created_at: ts, updated_at: ts } as never)
    .execute();
  await db
    .insertInto('blockers')
    .values({
      id: ID,
      project_id: ID,
      title: '绝密困难事项',
      status: 'open',
      due_date: '2026-06-01',
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('commitments')
    .values({
      id: ID,
      project_id: ID,
      title: '绝密承诺事项',
      status: 'pending',
      due_date: '2026-06-01',
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('approval_items')
    .values({ id: ID, project_id: ID, kind: '环评', status: 'pending', created_at: ts, updated_at: ts } as never)
    .execute();
  await db
    .insertInto('attachments')
    .values({
      id: ID,
      owner_type: 'project',
      owner_id: ID,
      unit_code: 'U01',
      filename: '绝密附件.pdf',
      mime: 'application/pdf',
      size: 4,
      data: Buffer.from('%PDF'),
      created_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('fund_entries')
    .values({
      id: ID,
      project_id: ID,
      unit_code: 'U01',
      period: '2026-05',
      year: 2026,
      month: 5,
      amount_yuan: 12_345_678,
      foreign_usd: 0,
      status: 'submitted',
      note: '绝密资金备注',
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('submissions')
    .values({ id: ID, unit_code: 'U01', period: '2026-05', status: 'submitted', created_at: ts, updated_at: ts } as never)
    .execute();
  await db
    .insertInto('targets')
    .values({
      id: ID,
      year: 2026,
      unit_code: 'U01',
      indicator: 'funds',
      base_value: 500_000_000,
      stretch_value: 600_000_000,
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('reserve_projects')
    .values({
      id: ID,
      name: '绝密储备项目',
      unit_code: 'U01',
      total_investment_yuan: 1,
      status: 'reserve',
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db
    .insertInto('activities')
    .values({
      id: ID,
      name: '绝密招商活动',
      kind: 'trip',
      start_date: '2026-04-01',
      end_date: '2026-04-03',
      destination: '上海市',
      unit_code: 'U01',
      person_times: 3,
      created_at: ts,
      updated_at: ts,
    } as never)
    .execute();
  await db.insertInto('activity_projects').values({ activity_id: ID, project_id: ID, sort: 1 }).execute();
  if (t.kind === 'postgres') {
    // explicit ids do not advance PostgreSQL sequences; move them past ID so later inserts do not collide
    for (const table of [
      'investors',
      'projects',
      'stage_moves',
      'follow_ups',
      'blockers',
      'commitments',
      'approval_items',
      'attachments',
      'fund_entries',
      'submissions',
      'targets',
      'reserve_projects',
      'activities',
    ]) {
      await (await import('kysely')).sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), ${ID + 1000})`).execute(db);
    }
  }
}

/** Everything of U01 that a U02 user must not change. */
async function snapshotU01(t: TestDb) {
  const db = t.db;
  const pid = (qb: any) => qb.where('project_id', '=', ID);
  return JSON.stringify({
    project: await db.selectFrom('projects').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
    investor: await db.selectFrom('investors').select(['id', 'name', 'version', 'notes', 'contacts_json']).where('id', '=', ID).execute(),
    moves: await pid(db.selectFrom('stage_moves').select(['id', 'to_stage'])).execute(),
    followUps: await pid(db.selectFrom('follow_ups').selectAll()).execute(),
    blockers: await pid(db.selectFrom('blockers').selectAll()).execute(),
    commitments: await pid(db.selectFrom('commitments').selectAll()).execute(),
    approvals: await pid(db.selectFrom('approval_items').selectAll()).execute(),
    attachments: await db.selectFrom('attachments').select(['id', 'filename', 'owner_id']).where('unit_code', '=', 'U01').execute(),
    funds: await db.selectFrom('fund_entries').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
    submissions: await db.selectFrom('submissions').selectAll().where('unit_code', '=', 'U01').execute(),
    targets: await db.selectFrom('targets').selectAll().where('unit_code', '=', 'U01').execute(),
    reserve: await db.selectFrom('reserve_projects').selectAll().where('unit_code', '=', 'U01').execute(),
    activities: await db.selectFrom('activities').selectAll().where('unit_code', '=', 'U01').execute(),
    activityProjects: await db.selectFrom('activity_projects').selectAll().execute(),
  });
}

function bodyText(res: { body: string; rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const type = String(res.headers['content-type'] ?? '');
  if (/spreadsheet|wordprocessing|zip|octet-stream/.test(type) && res.rawPayload.subarray(0, 2).toString() === 'PK') {
    const zip = new PizZip(res.rawPayload);
    return Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.asText())
      .join('\n');
  }
  return res.body;
}

const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'POST /api/v1/auth/login', 'POST /api/v1/setup']);
const PLAUSIBLE_BODY = {
  id: ID,
  ids: [ID],
  projectId: ID,
  investorId: ID,
  unitCode: 'U01',
  unit: 'U01',
  period: '2026-05',
  year: 2026,
  version: 1,
  reason: '测试',
  to: 'started',
  date: '2026-05-20',
  startDate: '2026-05-20',
  amountYuan: 1000,
  foreignUsd: 0,
  name: '改名',
  title: '改',
  content: '改',
  kind: 'visit',
  status: 'resolved',
  indicator: 'funds',
  baseYuan: 1,
  stretchYuan: 2,
  note: '改',
  entries: [{ projectId: ID, amountYuan: 1 }],
};

describe.each(DB_KINDS)('unit data scope on every route (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    await seedU01(t);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('a U02 reporter sees nothing of U01 and changes nothing of U01, whatever route it calls', async () => {
    const rep2 = await login(app, 'rep2');
    const before = await snapshotU01(t);
    const routes = app.routeList.filter((r) => r.url.startsWith('/api/v1/') && !SKIP.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const r of routes) {
      const url = r.url
        .replace(
          /:(id|projectId|entryId|fundEntryId|investorId|attachmentId|followUpId|blockerId|commitmentId|approvalItemId|targetId)\b/g,
          String(ID),
        )
        .replace(/:(unitCode|code|unit)\b/g, 'U01')
        .replace(/:period\b/g, '2026-05')
        .replace(/:year\b/g, '2026')
        .replace(/:[A-Za-z]+/g, String(ID));
      const query = '?unitCode=U01&unit=U01&projectId=777&period=2026-05&year=2026&q=%E7%BB%9D%E5%AF%86';
      for (const body of r.method === 'GET' || r.method === 'DELETE' ? [undefined] : [{}, PLAUSIBLE_BODY]) {
        const res = await rep2.inject({
          method: r.method as 'GET',
          url: url + query,
          headers: { cookie: rep2.cookie, 'x-csrf-token': rep2.csrf },
          ...(body ? { payload: body } : {}),
        });
        expect(res.statusCode, `${r.method} ${url} gave ${res.statusCode}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        const text = bodyText(res);
        const leaked = MARKERS.filter((m) => text.includes(m));
        if (leaked.length) leaks.push(`${r.method} ${url} → ${res.statusCode} shows ${leaked.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotU01(t)).toBe(before);
  });

  it('the U01 reporter does see its own project (the markers are reachable)', async () => {
    const rep1 = await login(app, 'rep1');
    const routes = app.routeList.filter((r) => r.method === 'GET' && /^\/api\/v1\/projects\/:id$/.test(r.url));
    for (const r of routes) {
      const res = await rep1.get(r.url.replace(':id', String(ID)));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('绝密项目甲');
    }
  });
});
