// Every write route reaches its handler: a U02 user sends a VALID request against U01's records
// (refused — 4xx — and U01 unchanged), then the same request against U02's own records, which
// must succeed. Routes only city-wide roles may call are refused with 403 for the unit user.
// A write route missing from the table below fails the test, so new routes get a case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DB_KINDS, addUser, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../test/harness';
import { nowIso } from '../db/clock';

type Ctx = {
  unit: string;
  investorId: number;
  projectId: number;
  projectCode: string;
  followUpId: number;
  blockerId: number;
  commitmentId: number;
  approvalItemId: number;
  attachmentId: number;
  entryId: number;
  entryAttachmentId: number;
  projectVersion: number;
  targetId: number;
  splitId: number;
  filterId: number;
  fulfilledCommitmentId: number;
  taskId: number;
  activityId: number;
  linkedActivityId: number;
  reserveId: number;
};
type Req = { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown; file?: boolean };
type Spec =
  | { route: string; as: 'rep' | 'head'; req: (c: Ctx) => Req; expect?: number }
  | { route: string; cityOnly: true; body: unknown; status?: number }
  | { route: string; unitless: (c: Ctx) => Req };

const PDF = Buffer.from('%PDF-1.4\n%scope test\n');
const P = (c: Ctx) => `/api/v1/projects/${c.projectId}`;
const SPECS: Spec[] = [
  {
    route: 'POST /api/v1/investors',
    unitless: () => ({ method: 'POST', url: '/api/v1/investors', body: { name: `客商${Math.random()}` } }),
  },
  {
    route: 'PATCH /api/v1/investors/:id',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `/api/v1/investors/${c.investorId}`, body: { notes: '改', version: 1 } }),
  },
  {
    route: 'POST /api/v1/projects',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: '/api/v1/projects', body: { name: '新项目', unitCode: c.unit } }),
  },
  {
    route: 'PATCH /api/v1/projects/:id',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: P(c), body: { owner: '张三', version: c.projectVersion } }),
  },
  {
    route: 'POST /api/v1/projects/:id/moves',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `${P(c)}/moves`, body: { to: 'operating', date: '2026-06-01', version: c.projectVersion } }),
  },
  {
    route: 'POST /api/v1/projects/:id/follow-ups',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `${P(c)}/follow-ups`, body: { date: '2026-06-01', kind: 'visit', content: '上门拜访' } }),
  },
  {
    route: 'PATCH /api/v1/projects/:id/follow-ups/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `${P(c)}/follow-ups/${c.followUpId}`, body: { content: '改', version: 1 } }),
  },
  {
    route: 'DELETE /api/v1/projects/:id/follow-ups/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `${P(c)}/follow-ups/${c.followUpId}` }),
  },
  {
    route: 'POST /api/v1/projects/:id/blockers',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `${P(c)}/blockers`, body: { title: '用地指标' } }),
  },
  {
    route: 'PATCH /api/v1/projects/:id/blockers/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `${P(c)}/blockers/${c.blockerId}`, body: { title: '改', version: 1 } }),
  },
  {
    route: 'DELETE /api/v1/projects/:id/blockers/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `${P(c)}/blockers/${c.blockerId}` }),
  },
  {
    route: 'POST /api/v1/projects/:id/commitments',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `${P(c)}/commitments`, body: { title: '三通一平' } }),
  },
  {
    route: 'PATCH /api/v1/projects/:id/commitments/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `${P(c)}/commitments/${c.commitmentId}`, body: { title: '改', version: 1 } }),
  },
  {
    route: 'DELETE /api/v1/projects/:id/commitments/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `${P(c)}/commitments/${c.commitmentId}` }),
  },
  {
    route: 'POST /api/v1/projects/:id/approval-items',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `${P(c)}/approval-items`, body: { kind: 'planning' } }),
  },
  {
    route: 'PATCH /api/v1/projects/:id/approval-items/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `${P(c)}/approval-items/${c.approvalItemId}`, body: { status: 'applied', version: 1 } }),
  },
  {
    route: 'DELETE /api/v1/projects/:id/approval-items/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `${P(c)}/approval-items/${c.approvalItemId}` }),
  },
  { route: 'POST /api/v1/projects/:id/attachments', as: 'rep', req: (c) => ({ method: 'POST', url: `${P(c)}/attachments`, file: true }) },
  {
    route: 'DELETE /api/v1/projects/:id/attachments/:itemId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `${P(c)}/attachments/${c.attachmentId}` }),
  },
  {
    route: 'POST /api/v1/saved-filters',
    unitless: () => ({ method: 'POST', url: '/api/v1/saved-filters', body: { name: `筛选${Math.random()}`, query: { stage: 'lead' } } }),
  },
  // A saved filter is personal: another user's is not found, the own one is deleted.
  { route: 'DELETE /api/v1/saved-filters/:id', as: 'rep', req: (c) => ({ method: 'DELETE', url: `/api/v1/saved-filters/${c.filterId}` }) },
  {
    route: 'POST /api/v1/fund-entries',
    as: 'rep',
    req: (c) => ({
      method: 'POST',
      url: '/api/v1/fund-entries',
      body: { projectId: c.projectId, period: '2026-07', amountYuan: 1_000_000 },
    }),
  },
  {
    route: 'POST /api/v1/fund-entries/batch',
    as: 'rep',
    req: (c) => ({
      method: 'POST',
      url: '/api/v1/fund-entries/batch',
      body: { period: '2026-07', rows: [{ projectCode: c.projectCode, amountYuan: 2_000_000 }] },
    }),
  },
  {
    route: 'PATCH /api/v1/fund-entries/:id',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `/api/v1/fund-entries/${c.entryId}`, body: { amountYuan: 42, version: 1 } }),
  },
  { route: 'DELETE /api/v1/fund-entries/:id', as: 'rep', req: (c) => ({ method: 'DELETE', url: `/api/v1/fund-entries/${c.entryId}` }) },
  {
    route: 'POST /api/v1/fund-entries/:id/attachments',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `/api/v1/fund-entries/${c.entryId}/attachments`, file: true }),
  },
  {
    route: 'DELETE /api/v1/fund-entries/:id/attachments/:attachmentId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `/api/v1/fund-entries/${c.entryId}/attachments/${c.entryAttachmentId}` }),
  },
  {
    route: 'POST /api/v1/submissions/:unitCode/:period/submit',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `/api/v1/submissions/${c.unit}/2026-06/submit` }),
  },
  {
    route: 'POST /api/v1/submissions/:unitCode/:period/approve',
    as: 'head',
    req: (c) => ({ method: 'POST', url: `/api/v1/submissions/${c.unit}/2026-05/approve` }),
  },
  {
    route: 'POST /api/v1/submissions/:unitCode/:period/return',
    as: 'head',
    req: (c) => ({ method: 'POST', url: `/api/v1/submissions/${c.unit}/2026-05/return`, body: { reason: '金额有误' } }),
  },
  // Target splits: the unit head splits the own unit's target.
  {
    route: 'POST /api/v1/targets/:id/splits',
    as: 'head',
    req: (c) => ({ method: 'POST', url: `/api/v1/targets/${c.targetId}/splits`, body: { assignee: '招商一组', baseValue: 1000 } }),
  },
  {
    route: 'PATCH /api/v1/target-splits/:id',
    as: 'head',
    req: (c) => ({ method: 'PATCH', url: `/api/v1/target-splits/${c.splitId}`, body: { baseValue: 2000, version: 1 } }),
  },
  {
    route: 'DELETE /api/v1/target-splits/:id',
    as: 'head',
    req: (c) => ({ method: 'DELETE', url: `/api/v1/target-splits/${c.splitId}?version=1` }),
  },
  // Supervision: the unit answers a task raised on it; raising, verifying and interviews are the supervisors'.
  {
    route: 'POST /api/v1/supervision/tasks/:id/feedback',
    as: 'rep',
    req: (c) => ({
      method: 'POST',
      url: `/api/v1/supervision/tasks/${c.taskId}/feedback`,
      body: { version: 1, content: '已协调供电接入' },
    }),
  },
  // Promotion activities organised by the unit, and the signed projects credited to them.
  {
    route: 'POST /api/v1/activities',
    as: 'rep',
    req: (c) => ({
      method: 'POST',
      url: '/api/v1/activities',
      body: {
        name: `${c.unit}赴沪招商`,
        kind: 'trip',
        startDate: '2026-06-01',
        endDate: '2026-06-03',
        destination: '上海',
        unitCode: c.unit,
      },
    }),
  },
  {
    route: 'PATCH /api/v1/activities/:id',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `/api/v1/activities/${c.activityId}`, body: { notes: '改', version: 1 } }),
  },
  { route: 'DELETE /api/v1/activities/:id', as: 'rep', req: (c) => ({ method: 'DELETE', url: `/api/v1/activities/${c.activityId}` }) },
  {
    route: 'PUT /api/v1/activities/:id/report',
    as: 'rep',
    req: (c) => ({
      method: 'PUT',
      url: `/api/v1/activities/${c.activityId}/report`,
      body: { report: '拜访三家新能源企业，一家有意来考察，下月再联系', version: 1 },
    }),
  },
  {
    route: 'POST /api/v1/activities/:id/projects',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `/api/v1/activities/${c.activityId}/projects`, body: { projectId: c.projectId } }),
  },
  {
    route: 'DELETE /api/v1/activities/:id/projects/:projectId',
    as: 'rep',
    req: (c) => ({ method: 'DELETE', url: `/api/v1/activities/${c.linkedActivityId}/projects/${c.projectId}` }),
  },
  // Reserve projects (储备项目) of the unit.
  {
    route: 'POST /api/v1/reserve-projects',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: '/api/v1/reserve-projects', body: { name: `${c.unit}新储备项目`, unitCode: c.unit } }),
  },
  {
    route: 'PATCH /api/v1/reserve-projects/:id',
    as: 'rep',
    req: (c) => ({ method: 'PATCH', url: `/api/v1/reserve-projects/${c.reserveId}`, body: { industry: '装备制造', version: 1 } }),
  },
  {
    route: 'POST /api/v1/reserve-projects/:id/convert',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `/api/v1/reserve-projects/${c.reserveId}/convert`, body: { version: 1 } }),
  },
  {
    route: 'POST /api/v1/reserve-projects/rollover',
    as: 'rep',
    req: (c) => ({
      method: 'POST',
      url: '/api/v1/reserve-projects/rollover',
      body: { year: 2026, decisions: [{ id: c.reserveId, decision: 'retire', note: '企业放弃' }] },
    }),
  },
  // The investor confirmation link of a fulfilled commitment (the project's unit asks for it).
  {
    route: 'POST /api/v1/commitments/:id/confirmation-link',
    as: 'rep',
    req: (c) => ({ method: 'POST', url: `/api/v1/commitments/${c.fulfilledCommitmentId}/confirmation-link` }),
  },
  // City-wide only: valid bodies, refused by the handler's permission check (403).
  ...(
    [
      [
        'POST /api/v1/users',
        { username: 'newuser', displayName: '新用户', password: 'Abcdefgh12345!', roles: ['reporter'], unitCode: 'U02' },
      ],
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
      ['POST /api/v1/users/:id/unlock', undefined],
      ['POST /api/v1/warnings/run', {}],
      ['POST /api/v1/lead-conflicts/decide', { key: 'credit:1-2', leadUnitCode: 'U02', reason: '本单位先接触' }],
      ['POST /api/v1/supervision/tasks', { title: '加快供电接入', unitCode: 'U02', deadline: '2026-07-01' }],
      ['POST /api/v1/supervision/tasks/:id/reject', { version: 1, content: '退回重办' }],
      ['POST /api/v1/supervision/tasks/:id/close', { version: 1, content: '核验办结' }],
      ['POST /api/v1/supervision/tasks/:id/interview', { version: 1, content: '约谈负责人' }],
      ['POST /api/v1/policies', { docNumber: '示政发〔2026〕1号', title: '招商引资若干政策', issuer: '市政府', issuedOn: '2026-01-01' }],
      ['PATCH /api/v1/policies/:id', { title: '改名', version: 1 }],
      ['POST /api/v1/policies/:id/review', { campaign: '2026', decision: 'keep', reason: '继续有效' }],
      // Group robots are managed by the city office and admin only (webhook.manage).
      [
        'POST /api/v1/webhooks',
        { unitCode: 'U02', kind: 'wecom', name: '昌邑区招商群', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' },
      ],
      ['PATCH /api/v1/webhooks/:id', { active: false, version: 1 }],
      ['DELETE /api/v1/webhooks/:id', undefined],
      ['POST /api/v1/webhooks/:id/test', {}],
      ['POST /api/v1/notifications/digest', { dryRun: true }],
    ] as [string, unknown][]
  ).map(([route, body]) => ({ route, cityOnly: true as const, body })),
  // Investors' inquiries are the city office's: a unit user's list is empty and an id is reported as missing.
  { route: 'PATCH /api/v1/inquiries/:id', cityOnly: true, body: { status: 'answered', answer: '已电话联系', version: 1 }, status: 404 },
];
// Sessions and first-run setup are not unit data (tested in auth and setup). The public page needs no login:
// an inquiry belongs to no unit (rate limit and bot checks: public.routes.test.ts); a commitment link
// reaches only the one commitment it was issued for (checked below).
const NOT_UNIT_DATA = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  'POST /api/v1/setup',
  'POST /api/v1/public/inquiries',
  'POST /api/v1/public/commitment-links/:token',
  // A user's own notifications (recipient = the user; tested in notifications.routes.test.ts).
  'POST /api/v1/notifications/:id/read',
  'POST /api/v1/notifications/read-all',
]);

function multipart(): { body: Buffer; contentType: string } {
  const b = '----zsscope';
  return {
    body: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="凭证.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
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
      Number(
        (
          await db
            .insertInto(table as 'projects')
            .values({ ...values, created_at: ts } as never)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const investorId = await one('investors', { name: `${unit}客商${n}`, created_by_unit: unit, updated_at: ts });
    const projectCode = `${unit}-S-${n}`;
    const projectId = await one('projects', {
      unit_code: unit,
      code: projectCode,
      name: `${unit}项目${n}`,
      stage: 'started',
      investor_id: investorId,
      start_date: '2026-03-01',
      contract_date: '2026-02-01',
      total_investment_yuan: 100_000_000,
      updated_at: ts,
    });
    const item = { project_id: projectId, updated_at: ts };
    const entryId = await one('fund_entries', {
      project_id: projectId,
      unit_code: unit,
      period: '2026-06',
      year: 2026,
      month: 6,
      amount_yuan: 5_000_000,
      foreign_usd: 0,
      status: 'draft',
      updated_at: ts,
    });
    await db
      .insertInto('submissions')
      .values({ unit_code: unit, period: '2026-06', status: 'draft', created_at: ts, updated_at: ts })
      .onConflict((oc) => oc.columns(['unit_code', 'period']).doNothing())
      .execute();
    const sub05 = await db
      .selectFrom('submissions')
      .select('id')
      .where('unit_code', '=', unit)
      .where('period', '=', '2026-05')
      .executeTakeFirst();
    if (!sub05)
      await db
        .insertInto('submissions')
        .values({ unit_code: unit, period: '2026-05', status: 'submitted', created_at: ts, updated_at: ts })
        .execute();
    else await db.updateTable('submissions').set({ status: 'submitted' }).where('id', '=', sub05.id).execute();
    await db.updateTable('submissions').set({ status: 'draft' }).where('unit_code', '=', unit).where('period', '=', '2026-06').execute();
    const targetId = await one('targets', { year: 2000 + n, unit_code: unit, indicator: 'funds', base_value: 100, updated_at: ts });
    const activity = (name: string) =>
      one('activities', {
        name: `${unit}${name}${n}`,
        kind: 'trip',
        start_date: '2026-05-01',
        end_date: '2026-05-03',
        destination: '深圳',
        unit_code: unit,
        updated_at: ts,
      });
    const linkedActivityId = await activity('已有成果的活动');
    await db.insertInto('activity_projects').values({ activity_id: linkedActivityId, project_id: projectId, sort: 1 }).execute();
    const owner = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', unit === 'U02' ? 'rep2' : 'rep1')
      .executeTakeFirstOrThrow();
    return {
      targetId,
      splitId: await one('target_splits', { target_id: targetId, assignee: '一组', base_value: 10, updated_at: ts }),
      filterId: await one('saved_filters', { user_id: owner.id, scope: 'projects', name: `筛选${n}`, query_json: '{}' }),
      unit,
      investorId,
      projectId,
      projectCode,
      entryId,
      projectVersion: 1,
      linkedActivityId,
      activityId: await activity('招商活动'),
      reserveId: await one('reserve_projects', { name: `${unit}储备${n}`, unit_code: unit, status: 'reserve', updated_at: ts }),
      taskId: await one('supervision_tasks', {
        title: `督办${n}`,
        unit_code: unit,
        deadline: '2026-12-31',
        source: 'manual',
        status: 'open',
        updated_at: ts,
      }),
      fulfilledCommitmentId: await one('commitments', { ...item, title: '已兑现承诺', status: 'fulfilled', fulfilled_on: '2026-04-01' }),
      followUpId: await one('follow_ups', { ...item, date: '2026-05-01', kind: 'visit', content: '跟进' }),
      blockerId: await one('blockers', { ...item, title: '困难', status: 'open' }),
      commitmentId: await one('commitments', { ...item, title: '承诺', status: 'pending' }),
      approvalItemId: await one('approval_items', { ...item, kind: 'land', status: 'pending' }),
      attachmentId: await one('attachments', {
        owner_type: 'project',
        owner_id: projectId,
        unit_code: unit,
        filename: 'a.pdf',
        mime: 'application/pdf',
        size: PDF.length,
        data: PDF,
      }),
      entryAttachmentId: await one('attachments', {
        owner_type: 'fund_entry',
        owner_id: entryId,
        unit_code: unit,
        filename: 'b.pdf',
        mime: 'application/pdf',
        size: PDF.length,
        data: PDF,
      }),
    };
  }

  /** Everything U01 owns, to prove a refused request changed nothing. */
  async function u01(): Promise<string> {
    const db = t.db;
    const ids = (await db.selectFrom('projects').select('id').where('unit_code', '=', 'U01').execute()).map((p) => p.id);
    const of = (table: 'follow_ups' | 'blockers' | 'commitments' | 'approval_items') =>
      ids.length ? db.selectFrom(table).selectAll().where('project_id', 'in', ids).orderBy('id').execute() : [];
    const activityIds = (await db.selectFrom('activities').select('id').where('unit_code', '=', 'U01').execute()).map((a) => a.id);
    const reserveIds = (await db.selectFrom('reserve_projects').select('id').where('unit_code', '=', 'U01').execute()).map((r) => r.id);
    const taskIds = (await db.selectFrom('supervision_tasks').select('id').where('unit_code', '=', 'U01').execute()).map((r) => r.id);
    return JSON.stringify({
      projects: await db.selectFrom('projects').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      investors: await db.selectFrom('investors').selectAll().where('created_by_unit', '=', 'U01').orderBy('id').execute(),
      funds: await db.selectFrom('fund_entries').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      submissions: await db.selectFrom('submissions').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      attachments: await db.selectFrom('attachments').select(['id', 'filename']).where('unit_code', '=', 'U01').orderBy('id').execute(),
      targets: await db.selectFrom('targets').selectAll().where('unit_code', '=', 'U01').orderBy('id').execute(),
      splits: await db
        .selectFrom('target_splits')
        .innerJoin('targets', 'targets.id', 'target_splits.target_id')
        .selectAll('target_splits')
        .where('targets.unit_code', '=', 'U01')
        .orderBy('target_splits.id')
        .execute(),
      filters: await db
        .selectFrom('saved_filters')
        .innerJoin('users', 'users.id', 'saved_filters.user_id')
        .selectAll('saved_filters')
        .where('users.username', '=', 'rep1')
        .orderBy('saved_filters.id')
        .execute(),
      items: [await of('follow_ups'), await of('blockers'), await of('commitments'), await of('approval_items')],
      activities: await db
        .selectFrom('activities')
        .selectAll()
        .where('id', 'in', [...activityIds, -1])
        .orderBy('id')
        .execute(),
      credited: await db
        .selectFrom('activity_projects')
        .selectAll()
        .where((eb) => eb.or([eb('activity_id', 'in', [...activityIds, -1]), eb('project_id', 'in', [...ids, -1])]))
        .orderBy('activity_id')
        .orderBy('project_id')
        .execute(),
      reserve: await db
        .selectFrom('reserve_projects')
        .selectAll()
        .where('id', 'in', [...reserveIds, -1])
        .orderBy('id')
        .execute(),
      rollovers: await db
        .selectFrom('reserve_rollovers')
        .selectAll()
        .where('reserve_project_id', 'in', [...reserveIds, -1])
        .orderBy('id')
        .execute(),
      tasks: await db
        .selectFrom('supervision_tasks')
        .selectAll()
        .where('id', 'in', [...taskIds, -1])
        .orderBy('id')
        .execute(),
      taskEvents: await db
        .selectFrom('supervision_events')
        .selectAll()
        .where('task_id', 'in', [...taskIds, -1])
        .orderBy('id')
        .execute(),
      inquiries: await db.selectFrom('inquiries').selectAll().orderBy('id').execute(),
      links: await db
        .selectFrom('commitment_links')
        .innerJoin('commitments', 'commitments.id', 'commitment_links.commitment_id')
        .selectAll('commitment_links')
        .where('commitments.project_id', 'in', [...ids, -1])
        .orderBy('commitment_links.id')
        .execute(),
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
    // Inquiry 1 exists, so the unit user's refusal on PATCH /inquiries/1 is the scope check, not a missing row.
    await t.db
      .insertInto('inquiries')
      .values({
        name: '王先生',
        contact: '13800000000',
        message: '想了解光伏项目',
        source_hash: 'x',
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('has a case for every write route of the live route table', () => {
    const writes = app.routeList
      .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'GET' && !NOT_UNIT_DATA.has(`${r.method} ${r.url}`))
      .map((r) => `${r.method} ${r.url}`);
    expect(writes.filter((w) => !SPECS.some((s) => s.route === w))).toEqual([]);
    console.log(
      `[scope ${kind}] write routes covered: ${writes.length} (${SPECS.filter((s) => 'as' in s).length} unit-scoped, ` +
        `${SPECS.filter((s) => 'cityOnly' in s).length} city-wide only, ${SPECS.filter((s) => 'unitless' in s).length} not unit data)`,
    );
  });

  it.each(SPECS.map((s) => [s.route, s] as const))('%s', async (_route, spec) => {
    const rep = users.rep;
    if ('cityOnly' in spec) {
      const [m, url] = spec.route.split(' ') as [Req['method'], string];
      const before = await u01();
      const target =
        url
          .replace(/:period/, '2026-05')
          .replace(/:code/, 'U02')
          .replace(/:[A-Za-z]+/g, '1') + (m === 'DELETE' ? '?version=1' : '');
      const res = await send(rep, {
        method: m,
        url: target,
        body: spec.body,
        file: spec.body === undefined && m === 'POST' && /ledger|template/.test(url),
      });
      expect(res.statusCode, res.body).toBe(spec.status ?? 403);
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

  it('a public commitment link (no login) answers only the commitment it was issued for', async () => {
    await seedUnit('U01');
    const own = await seedUnit('U02');
    const before = await u01();
    const anon = (token: string) =>
      app.inject({ method: 'POST', url: `/api/v1/public/commitment-links/${token}`, payload: { answer: 'dispute', comment: '尚未通电' } });
    expect((await anon('A'.repeat(32))).statusCode).toBe(404);
    const issued = await send(users.rep, { method: 'POST', url: `/api/v1/commitments/${own.fulfilledCommitmentId}/confirmation-link` });
    expect(issued.statusCode, issued.body).toBe(201);
    const { token } = issued.json() as { token: string };
    expect((await anon(token)).statusCode).toBe(200);
    expect((await anon(token)).statusCode).toBe(404);
    expect(await u01()).toBe(before);
    const c = await t.db
      .selectFrom('commitments')
      .select('investor_check')
      .where('id', '=', own.fulfilledCommitmentId)
      .executeTakeFirstOrThrow();
    expect(c.investor_check).toBe('disputed');
  });
});
