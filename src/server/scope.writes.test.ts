// Every write route reaches its handler: a U02 user sends a VALID request against U01's records
// (refused — 4xx — and U01 unchanged), then the same request against U02's own records, which
// must succeed. Routes only city-wide roles may call are refused with 403 for the unit user.
// A write route missing from the table below fails the test, so new routes get a case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DB_KINDS, addUser, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../test/harness';
import { nowIso } from '../modules/audit/audit.service';

type Ctx = {
  unit: string; investorId: number; projectId: number; projectCode: string; followUpId: number; blockerId: number;
  commitmentId: number; approvalItemId: number; attachmentId: number; entryId: number; entryAttachmentId: number;
  projectVersion: number; targetId: number; splitId: number; filterId: number;
};
type Req = { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown; file?: boolean };
type Spec =
  | { route: string; as: 'rep' | 'head'; req: (c: Ctx) => Req; expect?: number }
  | { route: string; cityOnly: true; body: unknown }
  | { route: string; unitless: (c: Ctx) => Req };

const PDF = Buffer.from('%PDF-1.4\n%scope test\n');
const P = (c: Ctx) => `/api/v1/projects/${c.projectId}`;
const SPECS: Spec[] = [
  { route: 'POST /api/v1/investors', unitless: () => ({ method: 'POST', url: '/api/v1/investors', body: { name: `客商${Math.random()}` } }) },
  { route: 'PATCH /api/v1/investors/:id', as: 'rep', req: (c) => ({ method: 'PATCH', url: `/api/v1/investors/${c.investorId}`, body: { notes: '改', version: 1 } }) },
  { route: 'POST /api/v1/projects', as: 'rep', req: (c) => ({ method: 'POST', url: '/api/v1/projects', body: { name: '新项目', unitCode: c.unit } }) },
  { route: 'PATCH /api/v1/projects/:id', as: 'rep', req: (c) => ({ method: 'PATCH', url: P(c), body: { owner: '张三', version: c.projectVersion } }) },
  { route: 'POST /api/v1/projects/:id/moves', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/moves`, body: { to: 'operating', date: '2026-06-01', version: c.projectVersion } }) },
  { route: 'POST /api/v1/projects/:id/follow-ups', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/follow-ups`, body: { date: '2026-06-01', kind: 'visit', content: '上门拜访' } }) },
  { route: 'PATCH /api/v1/projects/:id/follow-ups/:itemId', as: 'rep', req: (c) => ({ method: 'PATCH', url: `${P(c)}/follow-ups/${c.followUpId}`, body: { content: '改', version: 1 } }) },
  { route: 'DELETE /api/v1/projects/:id/follow-ups/:itemId', as: 'rep', req: (c) => ({ method: 'DELETE', url: `${P(c)}/follow-ups/${c.followUpId}` }) },
  { route: 'POST /api/v1/projects/:id/blockers', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/blockers`, body: { title: '用地指标' } }) },
  { route: 'PATCH /api/v1/projects/:id/blockers/:itemId', as: 'rep', req: (c) => ({ method: 'PATCH', url: `${P(c)}/blockers/${c.blockerId}`, body: { title: '改', version: 1 } }) },
  { route: 'DELETE /api/v1/projects/:id/blockers/:itemId', as: 'rep', req: (c) => ({ method: 'DELETE', url: `${P(c)}/blockers/${c.blockerId}` }) },
  { route: 'POST /api/v1/projects/:id/commitments', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/commitments`, body: { title: '三通一平' } }) },
  { route: 'PATCH /api/v1/projects/:id/commitments/:itemId', as: 'rep', req: (c) => ({ method: 'PATCH', url: `${P(c)}/commitments/${c.commitmentId}`, body: { title: '改', version: 1 } }) },
  { route: 'DELETE /api/v1/projects/:id/commitments/:itemId', as: 'rep', req: (c) => ({ method: 'DELETE', url: `${P(c)}/commitments/${c.commitmentId}` }) },
  { route: 'POST /api/v1/projects/:id/approval-items', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/approval-items`, body: { kind: 'planning' } }) },
  { route: 'PATCH /api/v1/projects/:id/approval-items/:itemId', as: 'rep', req: (c) => ({ method: 'PATCH', url: `${P(c)}/approval-items/${c.approvalItemId}`, body: { status: 'applied', version: 1 } }) },
  { route: 'DELETE /api/v1/projects/:id/approval-items/:itemId', as: 'rep', req: (c) => ({ method: 'DELETE', url: `${P(c)}/approval-items/${c.approvalItemId}` }) },
  { route: 'POST /api/v1/projects/:id/attachments', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/attachments`, file: true }) },
  { route: 'DELETE /api/v1/projects/:id/attachments/:itemId', as: 'rep', req: (c) => ({ method: 'DELETE', url: `${P(c)}/attachments/${c.attachmentId}` }) },
  { route: 'POST /api/v1/saved-filters', unitless: () => ({ method: 'POST', url: '/api/v1/saved-filters', body: { name: `筛选${Math.random()}`, query: { stage: 'lead' } } }) },
  // A saved filter is personal: another user's is not found, the own one is deleted.
  { route: 'DELETE /api/v1/saved-filters/:id', as: 'rep', req: (c) => ({ method: 'DELETE', url: `/api/v1/saved-filters/${c.filterId}` }) },
  { route: 'POST /api/v1/fund-entries', as: 'rep', req: (c) => ({ method: 'POST', url: '/api/v1/fund-entries', body: { projectId: c.projectId, period: '2026-07', amountYuan: 1_000_000 } }) },
  { route: 'POST /api/v1/fund-entries/batch', as: 'rep', req: (c) => ({ method: 'POST', url: '/api/v1/fund-entries/batch', body: { period: '2026-07', rows: [{ projectCode: c.projectCode, amountYuan: 2_000_000 }] } }) },
  { route: 'PATCH /api/v1/fund-entries/:id', as: 'rep', req: (c) => ({ method: 'PATCH', url: `/api/v1/fund-entries/${c.entryId}`, body: { amountYuan: 42, version: 1 } }) },
  { route: 'DELETE /api/v1/fund-entries/:id', as: 'rep', req: (c) => ({ method: 'DELETE', url: `/api/v1/fund-entries/${c.entryId}` }) },
  { route: 'POST /api/v1/fund-entries/:id/attachments', as: 'rep', req: (c) => ({ method: 'POST', url: `/api/v1/fund-entries/${c.entryId}/attachments`, file: true }) },
  { route: 'DELETE /api/v1/fund-entries/:id/attachments/:attachmentId', as: 'rep', req: (c) => ({ method: 'DELETE', url: `/api/v1/fund-entries/${c.entryId}/attachments/${c.entryAttachmentId}` }) },
  { route: 'POST /api/v1/submissions/:unitCode/:period/submit', as: 'rep', req: (c) => ({ method: 'POST', url: `/api/v1/submissions/${c.unit}/2026-06/submit` }) },
  { route: 'POST /api/v1/submissions/:unitCode/:period/approve', as: 'head', req: (c) => ({ method: 'POST', url: `/api/v1/submissions/${c.unit}/2026-05/approve` }) },
  { route: 'POST /api/v1/submissions/:unitCode/:period/return', as: 'head', req: (c) => ({ method: 'POST', url: `/api/v1/submissions/${c.unit}/2026-05/return`, body: { reason: '金额有误' } }) },
  // Target splits: the unit head splits the own unit's target.
  { route: 'POST /api/v1/targets/:id/splits', as: 'head', req: (c) => ({ method: 'POST', url: `/api/v1/targets/${c.targetId}/splits`, body: { assignee: '招商一组', baseValue: 1000 } }) },
  { route: 'PATCH /api/v1/target-splits/:id', as: 'head', req: (c) => ({ method: 'PATCH', url: `/api/v1/target-splits/${c.splitId}`, body: { baseValue: 2000, version: 1 } }) },
  { route: 'DELETE /api/v1/target-splits/:id', as: 'head', req: (c) => ({ method: 'DELETE', url: `/api/v1/target-splits/${c.splitId}?version=1` }) },
  // City-wide only: valid bodies, refused by the handler's permission check (403).
  ...([
    ['POST /api/v1/users', { username: 'newuser', displayName: '新用户', password: 'Abcdefgh12345!', roles: ['reporter'], unitCode: 'U02' }],
    ['PATCH /api/v1/users/:id', { displayName: '改名', version: 1 }],
    ['POST /api/v1/tokens', { name: '令牌', role: 'reporter', unitCode: 'U02' }],
    ['DELETE /api/v1/tokens/:id', undefined],
    ['POST /api/v1/units', { code: 'U88', name: '新单位', kind: 'zone' }],
    ['PATCH /api/v1/units/:code', { name: '改名', version: 1 }],
    ['PATCH /api/v1/settings', { cityName: '改名', version: 1 }],
    ['POST /api/v1/demo/load', {}],
    ['POST /api/v1/fund-entries/:id/verify', undefined],
    ['POST /api/v1/fund-entries/:id/return', { reason: '金额有误' }],
    ['POST /api/v1/fund-entries/verify-bulk', { ids: [1] }],
    ['POST /api/v1/periods/:period/lock', { note: '封账' }],
    ['POST /api/v1/periods/:period/unlock', { reason: '补录数据' }],
    ['PUT /api/v1/exchange-rates', { period: '2026-05', cnyPerUsdE4: 71000 }],
    ['POST /api/v1/ledger/preview', undefined],
    ['POST /api/v1/ledger/import', undefined],
    ['POST /api/v1/targets', { year: 2026, unitCode: 'U02', indicator: 'funds', baseValue: 1000 }],
    ['PATCH /api/v1/targets/:id', { baseValue: 2000, version: 1 }],
    ['DELETE /api/v1/targets/:id', undefined],
    ['POST /api/v1/reports/briefing-template', undefined],
    ['DELETE /api/v1/reports/briefing-template', undefined],
    ['POST /api/v1/revisions', { entity: 'investor', entityId: 1, origin: '香港', reason: '注册地更正' }],
    ['POST /api/v1/revisions/:id/approve', { version: 1 }],
    ['POST /api/v1/revisions/:id/reject', { version: 1, note: '不同意' }],
  ] as [string, unknown][]).map(([route, body]) => ({ route, cityOnly: true as const, body })),
];
// Sessions and first-run setup are not unit data (tested in auth and setup).
const NOT_UNIT_DATA = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'POST /api/v1/setup']);

function multipart(): { body: Buffer; contentType: string } {
  const b = '----zsscope';
  return {
    body: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="凭证.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${b}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${b}`,
  };
}

describe.each(DB_KINDS)('every write route, valid bodies, own unit vs other unit (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let users: Record<'rep' | 'head', Client>;
  let seq = 0;

  /** Fresh records of a unit: an investor, a project with one of each item, a draft entry (2026-06), a submitted month (2026-05). */
  async function seedUnit(unit: string): Promise<Ctx> {
    const db = t.db;
    const ts = nowIso();
    const n = ++seq;
    const one = async (table: string, values: Record<string, unknown>) =>
      Number((await db.insertInto(table as 'projects').values({ ...values, created_at: ts } as never).returning('id').executeTakeFirstOrThrow()).id);
    const investorId = await one('investors', { name: `${unit}客商${n}`, created_by_unit: unit, updated_at: ts });
    const projectCode = `${unit}-S-${n}`;
    const projectId = await one('projects', { unit_code: unit, code: projectCode, name: `${unit}项目${n}`, stage: 'started', investor_id: investorId, start_date: '2026-03-01', contract_date: '2026-02-01', total_investment_yuan: 100_000_000, updated_at: ts });
    const item = { project_id: projectId, updated_at: ts };
    const entryId = await one('fund_entries', { project_id: projectId, unit_code: unit, period: '2026-06', year: 2026, month: 6, amount_yuan: 5_000_000, foreign_usd: 0, status: 'draft', updated_at: ts });
    await db.insertInto('submissions').values({ unit_code: unit, period: '2026-06', status: 'draft', created_at: ts, updated_at: ts })
      .onConflict((oc) => oc.columns(['unit_code', 'period']).doNothing()).execute();
    const sub05 = await db.selectFrom('submissions').select('id').where('unit_code', '=', unit).where('period', '=', '2026-05').executeTakeFirst();
    if (!sub05) await db.insertInto('submissions').values({ unit_code: unit, period: '2026-05', status: 'submitted', created_at: ts, updated_at: ts }).execute();
    else await db.updateTable('submissions').set({ status: 'submitted' }).where('id', '=', sub05.id).execute();
    await db.updateTable('submissions').set({ status: 'draft' }).where('unit_code', '=', unit).where('period', '=', '2026-06').execute();
    const targetId = await one('targets', { year: 2000 + n, unit_code: unit, indicator: 'funds', base_value: 100, updated_at: ts });
    const owner = await db.selectFrom('users').select('id').where('username', '=', unit === 'U02' ? 'rep2' : 'rep1').executeTakeFirstOrThrow();
    return {
      targetId, splitId: await one('target_splits', { target_id: targetId, assignee: '一组', base_value: 10, updated_at: ts }),
      filterId: await one('saved_filters', { user_id: owner.id, scope: 'projects', name: `筛选${n}`, query_json: '{}' }),
      unit, investorId, projectId, projectCode, entryId, projectVersion: 1,
      followUpId: await one('follow_ups', { ...item, date: '2026-05-01', kind: 'visit', content: '跟进' }),
      blockerId: await one('blockers', { ...item, title: '困难', status: 'open' }),
      commitmentId: await one('commitments', { ...item, title: '承诺', status: 'pending' }),
      approvalItemId: await one('approval_items', { ...item, kind: 'land', status: 'pending' }),
      attachmentId: await one('attachments', { owner_type: 'project', owner_id: projectId, unit_code: unit, filename: 'a.pdf', mime: 'application/pdf', size: PDF.length, data: PDF }),
      entryAttachmentId: await one('attachments', { owner_type: 'fund_entry', owner_id: entryId, unit_code: unit, filename: 'b.pdf', mime: 'application/pdf', size: PDF.length, data: PDF }),
    };
  }

  /** Everything U01 owns, to prove a refused request changed nothing. */
  async function u01(): Promise<string> {
    const db = t.db;
    const ids = (await db.selectFrom('projects').select('id').where('unit_code', '=', 'U01').execute()).map((p) => p.id);
    const of = (table: 'follow_ups' | 'blockers' | 'commitments' | 'approval_items') =>
      ids.length ? db.selectFrom(table).selectAll().where('project_id', 'in', ids).orderBy('id').execute() : [];
    return JSON.stringify({
      projects: await db.selectFrom('projects').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      investors: await db.selectFrom('investors').selectAll().where('created_by_unit', '=', 'U01').orderBy('id').execute(),
      funds: await db.selectFrom('fund_entries').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      submissions: await db.selectFrom('submissions').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      attachments: await db.selectFrom('attachments').select(['id', 'filename']).where('unit_code', '=', 'U01').orderBy('id').execute(),
      targets: await db.selectFrom('targets').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      splits: await db.selectFrom('target_splits').innerJoin('targets', 'targets.id', 'target_splits.target_id').selectAll('target_splits')
        .where('targets.unit_code', '=', 'U01').orderBy('target_splits.id').execute(),
      filters: await db.selectFrom('saved_filters').innerJoin('users', 'users.id', 'saved_filters.user_id').selectAll('saved_filters')
        .where('users.username', '=', 'rep1').orderBy('saved_filters.id').execute(),
      items: [await of('follow_ups'), await of('blockers'), await of('commitments'), await of('approval_items')],
    });
  }

  function send(c: Client, r: Req): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: c.cookie, 'x-csrf-token': c.csrf };
    if (r.file) {
      const m = multipart();
      return c.inject({ method: r.method, url: r.url, headers: { ...headers, 'content-type': m.contentType }, payload: m.body });
    }
    return c.inject({ method: r.method, url: r.url, headers, ...(r.body === undefined ? {} : { payload: r.body as object }) });
  }

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    await addUser(t.db, 'head2', ['unit_head'], 'U02');
    app = await testApp(t.db);
    users = { rep: await login(app, 'rep2'), head: await login(app, 'head2') };
  });
  afterAll(async () => { await app?.close(); await t?.drop(); });

  it('has a case for every write route of the live route table', () => {
    const writes = app.routeList.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'GET' && !NOT_UNIT_DATA.has(`${r.method} ${r.url}`))
      .map((r) => `${r.method} ${r.url}`);
    expect(writes.filter((w) => !SPECS.some((s) => s.route === w))).toEqual([]);
    console.log(`[scope ${kind}] write routes covered: ${writes.length} (${SPECS.filter((s) => 'as' in s).length} unit-scoped, `
      + `${SPECS.filter((s) => 'cityOnly' in s).length} city-wide only, ${SPECS.filter((s) => 'unitless' in s).length} not unit data)`);
  });

  it.each(SPECS.map((s) => [s.route, s] as const))('%s', async (_route, spec) => {
    const rep = users.rep;
    if ('cityOnly' in spec) {
      const [m, url] = spec.route.split(' ') as [Req['method'], string];
      const before = await u01();
      const target = url.replace(/:period/, '2026-05').replace(/:code/, 'U02').replace(/:[A-Za-z]+/g, '1') + (m === 'DELETE' ? '?version=1' : '');
      const res = await send(rep, { method: m, url: target, body: spec.body, file: spec.body === undefined && m === 'POST' && /ledger|template/.test(url) });
      expect(res.statusCode, res.body).toBe(403);
      expect(await u01()).toBe(before);
      return;
    }
    if ('unitless' in spec) {
      const res = await send(rep, spec.unitless(await seedUnit('U02')));
      expect(res.statusCode, res.body).toBeLessThan(300);
      return;
    }
    const [other, own] = [await seedUnit('U01'), await seedUnit('U02')];
    const client = users[spec.as];
    const before = await u01();
    const refused = await send(client, spec.req(other));
    expect(refused.statusCode, `other unit: ${refused.body}`).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode, `other unit: ${refused.body}`).toBeLessThan(500);
    expect(await u01()).toBe(before);
    const ok = await send(client, spec.req(own));
    expect(ok.statusCode, `own unit: ${ok.body}`).toBeLessThan(300);
  });
});
