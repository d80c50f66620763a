// The warnings run, supervision tasks and the inbox on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../auth/actor';
import { addDays, todayIso } from '../../domain/period';
import { tryLock, releaseLock } from '../../jobs/lock';
import { runWarnings } from './warnings.service';

async function seedProjects(t: TestDb) {
  const ts = nowIso();
  const p = (code: string, unit: string, stage: string, extra: Record<string, unknown>) =>
    t.db
      .insertInto('projects')
      .values({
        code,
        name: `项目${code}`,
        unit_code: unit,
        stage,
        owner: '李四',
        registered_on: '2025-10-01',
        total_investment_yuan: 100_000_000,
        created_at: ts,
        updated_at: ts,
        ...extra,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
  const stale = await p('S1', 'U01', 'negotiating', { last_follow_up_on: '2026-03-01' });
  await p('C1', 'U02', 'contract', { contract_date: '2025-06-01' });
  await p('OK', 'U01', 'negotiating', { last_follow_up_on: '2026-05-30' });
  return { staleId: Number(stale.id) };
}

describe.each(DB_KINDS)('warnings, supervision and inbox (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let staleId: number;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    ({ staleId } = await seedProjects(t));
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('runs the rules as of a date, one warning per rule and subject, idempotent', async () => {
    const office = await login(app, 'office');
    const r = await office.post('/api/v1/warnings/run', { asOf: '2026-06-01' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ asOf: '2026-06-01', raised: 0 + r.json().open, cleared: 0 });
    const list = (await office.get('/api/v1/warnings')).json().items as {
      rule: string;
      level: string;
      projectCode: string | null;
      unitCode: string;
    }[];
    const stale = list.find((w) => w.rule === 'stale-follow-up');
    expect(stale).toMatchObject({ level: 'red', projectCode: 'S1', unitCode: 'U01' }); // 92 days
    expect(list.find((w) => w.rule === 'contract-not-started')).toMatchObject({ level: 'red', projectCode: 'C1' }); // 365 days
    expect(list.filter((w) => w.projectCode === 'OK')).toHaveLength(0);
    const again = (await office.post('/api/v1/warnings/run', { asOf: '2026-06-01' })).json();
    expect(again).toMatchObject({ raised: 0, cleared: 0, open: r.json().open });
    const rows = await t.db.selectFrom('warnings').select('id').execute();
    expect(rows).toHaveLength(r.json().open);
  });

  it('a unit user sees only its unit; the summary counts by rule and unit', async () => {
    const rep2 = await login(app, 'rep2');
    const items = (await rep2.get('/api/v1/warnings')).json().items as { unitCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((w) => w.unitCode === 'U02')).toBe(true);
    const sum = (await (await login(app, 'leader')).get('/api/v1/warnings/summary')).json();
    expect(sum.byRule.find((x: { rule: string }) => x.rule === 'stale-follow-up')).toMatchObject({ red: 1 });
    expect(sum.redList.length).toBe(sum.red);
    expect((await rep2.post('/api/v1/warnings/run', {})).statusCode).toBe(403);
  });

  it('clears a warning whose condition ended and keeps it in history', async () => {
    await t.db.updateTable('projects').set({ last_follow_up_on: '2026-06-05' }).where('id', '=', staleId).execute();
    const r = await runWarnings(t.db, SYSTEM_ACTOR, { asOf: '2026-06-06' });
    expect(r.cleared).toBe(1);
    const office = await login(app, 'office');
    const cleared = (await office.get('/api/v1/warnings?status=cleared')).json().items;
    expect(cleared[0]).toMatchObject({ rule: 'stale-follow-up', firstSeen: '2026-06-01', lastSeen: '2026-06-01', clearedAt: '2026-06-06' });
    await t.db.updateTable('projects').set({ last_follow_up_on: '2026-03-01' }).where('id', '=', staleId).execute();
    await runWarnings(t.db, SYSTEM_ACTOR, { asOf: '2026-06-07' });
  });

  it('refuses a second run while another instance holds the lock', async () => {
    expect(await tryLock(t.db, 'warnings-run', 60_000, 'other-instance')).toBe(true);
    const res = await (await login(app, 'office')).post('/api/v1/warnings/run', {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('正在计算');
    await releaseLock(t.db, 'warnings-run', 'other-instance');
  });

  it('supervision: raised from a warning, answered by the unit, verified and closed by the supervisor', async () => {
    const sup = await login(app, 'super');
    const rep1 = await login(app, 'rep1');
    const rep2 = await login(app, 'rep2');
    const w = ((await sup.get('/api/v1/warnings?rule=stale-follow-up')).json().items as { id: number }[])[0]!;
    const deadline = addDays(todayIso(), 10);
    const created = await sup.post('/api/v1/supervision/tasks', { title: '尽快跟进S1', deadline, warningId: w.id });
    expect(created.statusCode, created.body).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({ unitCode: 'U01', projectCode: 'S1', status: 'open', colour: 'blue', assignee: '李四', source: 'warning' });
    expect((await sup.post('/api/v1/supervision/tasks', { title: '重复', deadline, warningId: w.id })).statusCode).toBe(409);
    expect((await rep1.post('/api/v1/supervision/tasks', { title: 'x', deadline, unitCode: 'U01' })).statusCode).toBe(403);
    // another unit neither sees nor answers it
    expect((await rep2.get(`/api/v1/supervision/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await rep2.post(`/api/v1/supervision/tasks/${task.id}/feedback`, { version: task.version, content: '越权' })).statusCode).toBe(
      404,
    );
    // closing before the unit answered is refused
    expect((await sup.post(`/api/v1/supervision/tasks/${task.id}/close`, { version: task.version, content: '已核' })).statusCode).toBe(409);
    const inbox1 = (await rep1.get('/api/v1/inbox')).json();
    expect(inbox1.items.some((i: { kind: string; link: string }) => i.kind === 'task' && i.link === `supervision/${task.id}`)).toBe(true);
    const answered = await rep1.post(`/api/v1/supervision/tasks/${task.id}/feedback`, {
      version: task.version,
      content: '已上门拜访，对方确认下月签约',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().status).toBe('answered');
    // a stale version is refused
    expect((await sup.post(`/api/v1/supervision/tasks/${task.id}/close`, { version: task.version, content: '已核' })).statusCode).toBe(409);
    const inboxSup = (await sup.get('/api/v1/inbox')).json();
    expect(inboxSup.items.some((i: { kind: string; detail: string }) => i.kind === 'task' && i.detail.includes('待核验'))).toBe(true);
    const closed = await sup.post(`/api/v1/supervision/tasks/${task.id}/close`, {
      version: answered.json().version,
      content: '经核实，已恢复跟进',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', colour: 'done' });
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toEqual(['feedback', 'close']);
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'supervision_task').execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'verify']);
  });

  it('escalates to red after the deadline and records an interview only then', async () => {
    const sup = await login(app, 'super');
    const task = (
      await sup.post('/api/v1/supervision/tasks', { title: '手工督办', deadline: todayIso(), unitCode: 'U02', assignee: '王五' })
    ).json();
    expect(task.colour).toBe('blue');
    expect((await sup.post(`/api/v1/supervision/tasks/${task.id}/interview`, { version: task.version, content: '约谈' })).statusCode).toBe(
      409,
    );
    await t.db
      .updateTable('supervision_tasks')
      .set({ deadline: addDays(todayIso(), -8) })
      .where('id', '=', task.id)
      .execute();
    const red = (await sup.get(`/api/v1/supervision/tasks/${task.id}`)).json();
    expect(red).toMatchObject({ colour: 'red', daysLate: 8 });
    const iv = await sup.post(`/api/v1/supervision/tasks/${task.id}/interview`, { version: red.version, content: '约谈船营区分管负责人' });
    expect(iv.statusCode, iv.body).toBe(200);
    expect(iv.json().hasInterview).toBe(true);
    const board = (await sup.get('/api/v1/supervision/board')).json().items;
    expect(board.find((b: { unitCode: string }) => b.unitCode === 'U02')).toMatchObject({ open: 1, red: 1 });
    expect(board.find((b: { unitCode: string }) => b.unitCode === 'U01')).toMatchObject({ closed: 1, open: 0 });
    const sum = (await sup.get('/api/v1/warnings/summary')).json();
    expect(sum.tasks).toMatchObject({ open: 1, overdue: 1 });
  });

  it('the inbox of a reporter holds its warnings and its submission due; a unit head gets approvals', async () => {
    const rep1 = await login(app, 'rep1');
    const inbox = (await rep1.get('/api/v1/inbox')).json();
    expect(inbox.counts.warnings).toBeGreaterThan(0);
    expect(inbox.counts.submissions).toBe(1);
    expect(inbox.items.every((i: { unitCode: string | null }) => i.unitCode === 'U01')).toBe(true);
    const ts = nowIso();
    await t.db
      .insertInto('submissions')
      .values({ unit_code: 'U01', period: '2026-01', status: 'submitted', created_at: ts, updated_at: ts })
      .execute();
    const head = (await (await login(app, 'head1')).get('/api/v1/inbox')).json();
    expect(head.counts.approvals).toBe(1);
  });
});

describe.each(DB_KINDS)('meeting decisions open the next briefing (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('records decisions of a meeting as tasks and reports their status in the next month', async () => {
    const office = await login(app, 'office');
    const deadline = addDays(todayIso(), 5);
    const d1 = await office.post('/api/v1/supervision/tasks', {
      title: '协调解决华能项目用地指标',
      unitCode: 'U01',
      deadline,
      meetingPeriod: '2026-04',
    });
    expect(d1.statusCode, d1.body).toBe(201);
    expect(d1.json()).toMatchObject({ source: 'meeting', meetingPeriod: '2026-04' });
    await office.post('/api/v1/supervision/tasks', { title: '船营区补报三月月报', unitCode: 'U02', deadline, meetingPeriod: '2026-04' });
    const rep1 = await login(app, 'rep1');
    const ans = await rep1.post(`/api/v1/supervision/tasks/${d1.json().id}/feedback`, {
      version: d1.json().version,
      content: '已落实用地指标',
    });
    const sup = await login(app, 'super');
    await sup.post(`/api/v1/supervision/tasks/${d1.json().id}/close`, { version: ans.json().version, content: '核实' });
    const listed = (await office.get('/api/v1/supervision/tasks?meeting=2026-04&status=all')).json().items;
    expect(listed).toHaveLength(2);
    const brief = (await office.get('/api/v1/reports/briefing?period=2026-05')).json();
    expect(brief.sections[0].heading).toBe('上次调度会议定事项落实情况');
    expect(brief.sections[0].paragraphs[0]).toBe('上次调度会（2026-04）议定事项2项，已办结1项，正在办理1项，逾期未办结0项。');
    expect(brief.sections[0].paragraphs[1]).toContain('协调解决华能项目用地指标（昌邑区');
    // a unit's briefing shows its own decisions only
    const unitBrief = (await office.get('/api/v1/reports/briefing?period=2026-05&unit=U02')).json();
    expect(unitBrief.sections[0].paragraphs[0]).toContain('议定事项1项');
  });
});

describe.each(DB_KINDS)('two units chasing one investor (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    const ts = nowIso();
    const inv = await t.db
      .insertInto('investors')
      .values({ name: '某新能源集团', credit_code: '91330100MA0000001X', created_at: ts, updated_at: ts } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = (code: string, unit: string, name: string, investor: number | null) =>
      t.db
        .insertInto('projects')
        .values({
          code,
          name,
          unit_code: unit,
          stage: 'negotiating',
          investor_id: investor,
          created_at: ts,
          updated_at: ts,
        } as never)
        .execute();
    await p('A1', 'U01', '新能源电池项目', Number(inv.id));
    await p('B1', 'U02', '储能电站', Number(inv.id));
    await p('A2', 'U01', '吉林化纤碳纤维产业园项目', null);
    await p('B2', 'U02', '吉林化纤碳纤维产业园（二期）项目', null);
    await p('B3', 'U02', '吉林化纤碳纤维产业园', null);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('finds same credit code and near-identical names across units; the city office decides who leads', async () => {
    const office = await login(app, 'office');
    const list = (await office.get('/api/v1/lead-conflicts')).json().items as {
      key: string;
      reason: string;
      projects: { code: string }[];
    }[];
    expect(list.map((c) => `${c.reason}:${c.projects.map((p) => p.code).join('/')}`).sort()).toEqual([
      'credit-code:A1/B1',
      'similar-name:A2/B3',
    ]);
    expect((await office.get('/api/v1/inbox')).json().items.filter((i: { title: string }) => i.title.startsWith('首报首谈'))).toHaveLength(
      2,
    );
    expect((await (await login(app, 'rep1')).get('/api/v1/lead-conflicts')).statusCode).toBe(403);
    const key = list.find((c) => c.reason === 'credit-code')!.key;
    expect((await office.post('/api/v1/lead-conflicts/decide', { key, leadUnitCode: 'C00', reason: '就近' })).statusCode).toBe(400);
    const d = await office.post('/api/v1/lead-conflicts/decide', { key, leadUnitCode: 'U01', reason: '昌邑区首报且已两次面谈' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().decision).toMatchObject({ leadUnitCode: 'U01', reason: '昌邑区首报且已两次面谈' });
    expect((await office.post('/api/v1/lead-conflicts/decide', { key, leadUnitCode: 'U02', reason: '改由船营区牵头' })).statusCode).toBe(
      409,
    );
    expect((await office.get('/api/v1/inbox')).json().items.filter((i: { title: string }) => i.title.startsWith('首报首谈'))).toHaveLength(
      1,
    );
  });
});

describe.each(DB_KINDS)('activity reports overdue (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('warns the organising unit of a trip without its report, and clears when the report is filed', async () => {
    const ts = nowIso();
    const add = (name: string, kind: string, unit: string | null, endDate: string) =>
      t.db
        .insertInto('activities')
        .values({
          name,
          kind,
          unit_code: unit,
          start_date: addDays(endDate, -3),
          end_date: endDate,
          created_at: ts,
          updated_at: ts,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    const trip = Number((await add('赴苏州小分队', 'trip', 'U01', '2026-05-01')).id);
    await add('深圳推介会', 'fair', 'U02', '2026-05-01');
    await add('赴上海代表团', 'delegation', null, '2026-05-10');
    await add('去年的小分队', 'trip', 'U02', '2025-03-01');
    const office = await login(app, 'office');
    expect((await office.post('/api/v1/warnings/run', { asOf: '2026-06-01' })).statusCode).toBe(200);
    const list = (await office.get('/api/v1/warnings?rule=activity-report-missing')).json().items;
    expect(list).toHaveLength(2);
    expect(list.find((w: { unitCode: string }) => w.unitCode === 'U01')).toMatchObject({
      level: 'yellow',
      activityId: trip,
      projectId: null,
    });
    // The city's own delegation (no unit) is the city office's.
    expect(list.find((w: { unitCode: string }) => w.unitCode !== 'U01').message).toContain('赴上海代表团');
    // The unit's reporter sees it, files the report, and the next run clears it.
    const rep1 = await login(app, 'rep1');
    expect((await rep1.get('/api/v1/warnings?rule=activity-report-missing')).json().items).toHaveLength(1);
    const filed = await rep1.put(`/api/v1/activities/${trip}/report`, {
      report: '拜访企业三家，两家有投资意向，下一步邀请来我市考察。',
      version: 1,
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const r = await runWarnings(t.db, SYSTEM_ACTOR, { asOf: '2026-06-02' });
    expect(r.warnings.filter((w) => w.rule === 'activity-report-missing').map((w) => w.unitCode)).not.toContain('U01');
    expect((await office.get('/api/v1/warnings?status=cleared&rule=activity-report-missing')).json().items).toEqual([
      expect.objectContaining({ activityId: trip, clearedAt: '2026-06-02' }),
    ]);
  });
});

describe.each(DB_KINDS)('inquiries unanswered past the response time (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('warns the city office after 48 hours (as of the day’s end), and clears once answered', async () => {
    const add = (name: string, at: string) =>
      t.db
        .insertInto('inquiries')
        .values({
          name,
          contact: '13800000000',
          message: '想了解园区土地与政策',
          source_hash: 'x',
          status: 'new',
          created_at: at,
          updated_at: at,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    const late = Number((await add('王先生', '2026-05-30T00:00:00.000Z')).id);
    await add('李女士', '2026-06-01T10:00:00.000Z'); // 6 hours by the end of 2026-06-01 (Beijing time), 54 by 06-03's
    const office = await login(app, 'office');
    expect((await office.post('/api/v1/warnings/run', { asOf: '2026-06-01' })).statusCode).toBe(200);
    const list = (await office.get('/api/v1/warnings?rule=lead-unassessed')).json().items;
    expect(list).toEqual([expect.objectContaining({ inquiryId: late, unitCode: 'C00', level: 'yellow', projectId: null })]);
    expect(list[0].message).toContain('63 小时');
    // Unit users never see the city office's inquiries.
    expect((await (await login(app, 'rep1')).get('/api/v1/warnings?rule=lead-unassessed')).json().items).toEqual([]);
    await t.db
      .updateTable('inquiries')
      .set({ status: 'answered', answer: '已电话联系', answered_at: '2026-06-02T01:00:00.000Z' })
      .where('id', '=', late)
      .execute();
    const r = await runWarnings(t.db, SYSTEM_ACTOR, { asOf: '2026-06-02' });
    expect(r.warnings.filter((w) => w.subjectKey.startsWith('inquiry:'))).toEqual([]);
    expect((await office.get('/api/v1/warnings?status=cleared')).json().items).toEqual([
      expect.objectContaining({ inquiryId: late, clearedAt: '2026-06-02' }),
    ]);
    const later = await runWarnings(t.db, SYSTEM_ACTOR, { asOf: '2026-06-03' });
    expect(later.warnings.filter((w) => w.subjectKey.startsWith('inquiry:')).map((w) => w.message)).toEqual([
      '投资咨询“李女士”提交已 53 小时仍未答复（要求 48 小时内）',
    ]);
  });
});
