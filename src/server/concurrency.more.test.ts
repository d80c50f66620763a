// 20-way races on the writes added after the first race suite (activities, the reserve, supervision,
// revisions, the investor's confirmation link), on both databases: every request ends 2xx, 404 or 409
// (never 500), exactly one wins where only one may, and nothing is written twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../test/harness';
import { nowIso } from '../db/clock';
import { addDays, todayIso } from '../domain/period';

const N = 20;

function expectOnly(responses: LightMyRequestResponse[], allowed: number[]): void {
  const bad = responses.filter((r) => !allowed.includes(r.statusCode));
  expect(bad.map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`)).toEqual([]);
  for (const r of responses.filter((x) => x.statusCode === 409 || x.statusCode === 404))
    expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
}
const winners = (responses: LightMyRequestResponse[]) => responses.filter((r) => r.statusCode >= 200 && r.statusCode < 300).length;
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe.each(DB_KINDS)('20-way races on newer writes (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let office: Client, rep1: Client, sup: Client;

  async function addProject(code: string, extra: Record<string, unknown> = {}): Promise<number> {
    const ts = nowIso();
    const r = await t.db
      .insertInto('projects')
      .values({
        unit_code: 'U01',
        code,
        name: `项目${code}`,
        stage: 'started',
        total_investment_yuan: 500_000_000,
        created_at: ts,
        updated_at: ts,
        ...extra,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
    [office, rep1, sup] = (await Promise.all(['office', 'rep1', 'super'].map((u) => login(app, u)))) as [Client, Client, Client];
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('a reserve project converted 20 times at once: one pipeline project', async () => {
    const created = await office.post('/api/v1/reserve-projects', {
      name: '化工新材料储备项目',
      unitCode: 'U01',
      totalInvestmentYuan: 300_000_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const res = await Promise.all(times(N, () => office.post(`/api/v1/reserve-projects/${id}/convert`, { version: 1 })));
    expectOnly(res, [200, 409]);
    expect(winners(res)).toBe(1);
    const projects = await t.db.selectFrom('projects').select('id').where('name', '=', '化工新材料储备项目').execute();
    expect(projects).toHaveLength(1);
    const reserve = await t.db
      .selectFrom('reserve_projects')
      .select(['status', 'project_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reserve).toMatchObject({ status: 'converted', project_id: projects[0]!.id });
  });

  it('an activity edited and reported 20 times from one version: one of each wins', async () => {
    const ts = nowIso();
    const a = await t.db
      .insertInto('activities')
      .values({
        name: '赴苏州招商小分队',
        kind: 'trip',
        unit_code: 'U01',
        start_date: '2026-03-01',
        end_date: '2026-03-03',
        created_at: ts,
        updated_at: ts,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(a.id);
    const edits = await Promise.all(times(N, (i) => rep1.patch(`/api/v1/activities/${id}`, { personTimes: i + 1, version: 1 })));
    expectOnly(edits, [200, 409]);
    expect(winners(edits)).toBe(1);
    const reports = await Promise.all(
      times(N, (i) =>
        rep1.put(`/api/v1/activities/${id}/report`, { report: `拜访企业${i + 1}家，两家有投资意向，下一步邀请考察。`, version: 2 }),
      ),
    );
    expectOnly(reports, [200, 409]);
    expect(winners(reports)).toBe(1);
    const row = await t.db.selectFrom('activities').select(['version', 'reported_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.version).toBe(3);
    expect(row.reported_on).not.toBeNull();
  });

  it('督办 clicked 20 times on one warning: one supervision task', async () => {
    const pid = await addProject('SUP-1', {
      stage: 'negotiating',
      registered_on: addDays(todayIso(), -200),
      last_follow_up_on: addDays(todayIso(), -100),
    });
    expect((await office.post('/api/v1/warnings/run', {})).statusCode).toBe(200);
    const w = await t.db.selectFrom('warnings').select('id').where('project_id', '=', pid).executeTakeFirstOrThrow();
    const res = await Promise.all(
      times(N, () =>
        sup.post('/api/v1/supervision/tasks', { title: '限期恢复跟进', deadline: addDays(todayIso(), 7), warningId: Number(w.id) }),
      ),
    );
    expectOnly(res, [201, 409]);
    expect(winners(res)).toBe(1);
    expect(await t.db.selectFrom('supervision_tasks').select('id').where('warning_id', '=', w.id).execute()).toHaveLength(1);
  });

  it('a revision approved 20 times at once: applied once, one approval audited', async () => {
    const pid = await addProject('REV-1');
    const ts = nowIso();
    await t.db
      .insertInto('fund_entries')
      .values({
        project_id: pid,
        unit_code: 'U01',
        period: '2026-02',
        year: 2026,
        month: 2,
        kind: 'actual',
        amount_yuan: 20_000_000,
        foreign_usd: 0,
        status: 'verified',
        created_at: ts,
        updated_at: ts,
      } as never)
      .execute();
    expect((await office.post('/api/v1/periods/2026-02/lock', { acknowledgeUnfinished: true })).statusCode).toBe(200);
    const rev = await office.post('/api/v1/revisions', {
      entity: 'project',
      entityId: pid,
      unitCode: 'U02',
      reason: '项目实际落地在船营区，调度会后核实',
    });
    expect(rev.statusCode, rev.body).toBe(201);
    const { id, version } = rev.json() as { id: number; version: number };
    const res = await Promise.all(times(N, () => office.post(`/api/v1/revisions/${id}/approve`, { version })));
    expectOnly(res, [200, 409]);
    expect(winners(res)).toBe(1);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'revision')
      .where('action', '=', 'approve')
      .execute();
    expect(audits).toHaveLength(1);
    const entries = await t.db.selectFrom('fund_entries').select('unit_code').where('project_id', '=', pid).execute();
    expect(entries.map((e) => e.unit_code)).toEqual(['U02']);
  });

  it('the investor’s confirmation link: 20 links at once leave one live; 20 answers at once count once', async () => {
    const pid = await addProject('CMT-1');
    const ts = nowIso();
    const c = await t.db
      .insertInto('commitments')
      .values({
        project_id: pid,
        title: '协调办理用电增容',
        status: 'fulfilled',
        fulfilled_on: '2026-03-01',
        created_at: ts,
        updated_at: ts,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const links = await Promise.all(times(N, () => office.post(`/api/v1/commitments/${Number(c.id)}/confirmation-link`)));
    expectOnly(links, [201]);
    const live = await t.db
      .selectFrom('commitment_links')
      .select('id')
      .where('commitment_id', '=', c.id)
      .where('used_at', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
    // The newest link is the live one: every other token is refused.
    const tokens = links.map((r) => r.json().token as string);
    const answers = await Promise.all(
      tokens.flatMap((token) =>
        times(2, () => app.inject({ method: 'POST', url: `/api/v1/public/commitment-links/${token}`, payload: { answer: 'confirm' } })),
      ),
    );
    expectOnly(answers, [200, 404]);
    expect(winners(answers)).toBe(1);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'commitment')
      .where('entity_id', '=', String(c.id))
      .where('action', '=', 'update')
      .execute();
    expect(audits).toHaveLength(1);
  });
});
