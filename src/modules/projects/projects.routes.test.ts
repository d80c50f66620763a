import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { makeCreditCode } from '../../domain/creditCode';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(filename: string, data: Buffer, mime = 'application/octet-stream') {
  const boundary = '----zsboundary' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DB_KINDS)('projects and investors on %s', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let office: Client;
  let rep1: Client;
  let rep2: Client;
  let leader: Client;
  let investorId: number;
  let projectId: number;
  const code = makeCreditCode('91330100MA0000001');

  const upload = (c: Client, id: number, filename: string, data: Buffer) => {
    const m = multipart(filename, data);
    return app.inject({
      method: 'POST',
      url: `/api/v1/projects/${id}/attachments`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...m.headers },
      payload: m.payload,
    });
  };

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
    office = await login(app, 'office');
    rep1 = await login(app, 'rep1');
    rep2 = await login(app, 'rep2');
    leader = await login(app, 'leader');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('registers an investor, resolving origin and scope, and refuses bad and duplicate credit codes', async () => {
    const bad = await rep1.post('/api/v1/investors', { name: '错误公司', creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.creditCode).toContain('校验位');

    const res = await rep1.post('/api/v1/investors', {
      name: '杭州某某汽车零部件有限公司',
      creditCode: code.toLowerCase(),
      origin: '浙江省杭州市',
      ownership: 'private',
      industry: 'C',
      contacts: [{ name: '王经理', phone: '0571-88888888', role: '总经理' }],
    });
    expect(res.statusCode).toBe(201);
    const inv = res.json();
    investorId = inv.id;
    expect(inv.creditCode).toBe(code);
    expect(inv.originCode).toBe('330100');
    expect(inv.originScope).toBe('domestic');
    expect(inv.createdByUnit).toBe('U01');
    expect(inv.contacts[0].phone).toBe('0571-88888888');

    const dup = await office.post('/api/v1/investors', { name: '同码公司', creditCode: code });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.detail.existingId).toBe(investorId);

    const local = (await office.post('/api/v1/investors', { name: '本地公司', origin: '220202' })).json();
    expect(local.originScope).toBe('local');
    const hk = (await office.post('/api/v1/investors', { name: '香港公司', origin: '香港' })).json();
    expect(hk.originScope).toBe('abroad');
    const unknown = await office.post('/api/v1/investors', { name: 'X', origin: '火星' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.origin).toBeTruthy();
  });

  it('recomputes origin scopes when the home city changes', async () => {
    const { recomputeOriginScopes } = await import('../investors/investors.service');
    await t.db.transaction().execute((tx) => recomputeOriginScopes(tx, '330100'));
    const inv = (await office.get(`/api/v1/investors/${investorId}`)).json();
    expect(inv.originScope).toBe('local');
    await t.db.transaction().execute((tx) => recomputeOriginScopes(tx, '220200'));
    expect((await office.get(`/api/v1/investors/${investorId}`)).json().originScope).toBe('domestic');
  });

  it('shows a unit user only investors of their unit (created or linked)', async () => {
    expect((await rep2.get(`/api/v1/investors/${investorId}`)).statusCode).toBe(404);
    const list2 = (await rep2.get('/api/v1/investors')).json();
    expect(list2.items.map((i: { id: number }) => i.id)).not.toContain(investorId);
    const list1 = (await rep1.get('/api/v1/investors?q=杭州')).json();
    expect(list1.items.map((i: { id: number }) => i.id)).toContain(investorId);
    expect((await rep2.patch(`/api/v1/investors/${investorId}`, { notes: 'x', version: 1 })).statusCode).toBe(404);
  });

  it('creates a project with a generated code and an initial stage move', async () => {
    const res = await rep1.post('/api/v1/projects', {
      name: '汽车零部件生产基地',
      owner: '张三',
      sponsor: '李副区长',
      investorId,
      industry: '汽车零部件',
      projectType: 'industrial',
      totalInvestmentYuan: 500_000_000,
      foreignUsd: 0,
      tags: ['重点'],
      registeredOn: '2026-03-02',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    projectId = p.id;
    expect(p.code).toBe('U01-2026-001');
    expect(p.unitCode).toBe('U01');
    expect(p.stage).toBe('lead');
    expect(p.investorName).toBe('杭州某某汽车零部件有限公司');
    expect(p.originScope).toBe('domestic');
    const moves = (await rep1.get(`/api/v1/projects/${projectId}/moves`)).json().items;
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ from: null, to: 'lead', date: '2026-03-02' });

    const second = (await rep1.post('/api/v1/projects', { name: '第二个', registeredOn: '2026-04-01' })).json();
    expect(second.code).toBe('U01-2026-002');
    const dupCode = await rep1.post('/api/v1/projects', { name: '重复编号', code: 'U01-2026-001' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.fields.code).toBeTruthy();
    const otherUnit = await rep1.post('/api/v1/projects', { name: '别的单位', unitCode: 'U02' });
    expect(otherUnit.statusCode).toBe(403);
    const needsDate = await rep1.post('/api/v1/projects', { name: '直接签约', stage: 'contract' });
    expect(needsDate.statusCode).toBe(400);
    expect(needsDate.json().error.fields.contractDate).toBeTruthy();
    expect((await leader.post('/api/v1/projects', { name: '领导不能建', unitCode: 'U01' })).statusCode).toBe(403);
  });

  it('moves stages with the rules of the stage machine and refuses stale versions', async () => {
    let p = (await rep1.get(`/api/v1/projects/${projectId}`)).json();
    const noDate = await rep1.post(`/api/v1/projects/${projectId}/moves`, { to: 'contract', version: p.version });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.fields.date).toContain('签约日期');

    const ok = await rep1.post(`/api/v1/projects/${projectId}/moves`, {
      to: 'agreement',
      date: '2026-04-10',
      agreementDueDate: '2026-07-10',
      version: p.version,
    });
    expect(ok.statusCode).toBe(200);
    p = ok.json();
    expect(p).toMatchObject({ stage: 'agreement', agreementDate: '2026-04-10', agreementDueDate: '2026-07-10', assessedOn: '2026-04-10' });

    const stale = await rep1.post(`/api/v1/projects/${projectId}/moves`, { to: 'contract', date: '2026-05-01', version: p.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已被他人修改');

    p = (await rep1.post(`/api/v1/projects/${projectId}/moves`, { to: 'contract', date: '2026-05-01', version: p.version })).json();
    expect(p).toMatchObject({ stage: 'contract', contractDate: '2026-05-01' });

    const back = await rep1.post(`/api/v1/projects/${projectId}/moves`, { to: 'intent', version: p.version });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.fields.reason).toBeTruthy();
    const drop = await rep1.post(`/api/v1/projects/${projectId}/moves`, { to: 'dropped', version: p.version });
    expect(drop.json().error.fields.reason).toContain('终止原因');

    const moves = (await rep1.get(`/api/v1/projects/${projectId}/moves`)).json().items;
    expect(moves.map((m: { to: string }) => m.to)).toEqual(['lead', 'agreement', 'contract']);
    expect(moves[2]).toMatchObject({ from: 'agreement', actorName: 'rep1' });

    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'project').where('action', '=', 'move').execute();
    expect(audit.length).toBe(2);
  });

  it('edits a project with its version; a stale one is refused', async () => {
    const p = (await rep1.get(`/api/v1/projects/${projectId}`)).json();
    const res = await rep1.patch(`/api/v1/projects/${projectId}`, { owner: '张三丰', location: '经开区', version: p.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().owner).toBe('张三丰');
    const stale = await office.patch(`/api/v1/projects/${projectId}`, { owner: '别人', version: p.version });
    expect(stale.statusCode).toBe(409);
    const clear = await rep1.patch(`/api/v1/projects/${projectId}`, { contractDate: null, version: res.json().version });
    expect(clear.statusCode).toBe(400);
    const badDate = await rep1.patch(`/api/v1/projects/${projectId}`, { startDate: '2026-02-30', version: res.json().version });
    expect(badDate.statusCode).toBe(400);
  });

  it('keeps follow-ups, blockers, commitments and approval items, and updates the last follow-up date', async () => {
    const f = await rep1.post(`/api/v1/projects/${projectId}/follow-ups`, {
      date: '2026-05-03',
      kind: 'visit',
      participants: '张三',
      content: '赴杭州拜访',
      nextStep: '回访',
      nextDate: '2026-05-20',
    });
    expect(f.statusCode).toBe(201);
    expect((await rep1.get(`/api/v1/projects/${projectId}`)).json().lastFollowUpOn).toBe('2026-05-03');
    const upd = await rep1.patch(`/api/v1/projects/${projectId}/follow-ups/${f.json().id}`, { date: '2026-05-06', version: 1 });
    expect(upd.statusCode).toBe(200);
    expect((await rep1.get(`/api/v1/projects/${projectId}`)).json().lastFollowUpOn).toBe('2026-05-06');
    expect((await rep1.patch(`/api/v1/projects/${projectId}/follow-ups/${f.json().id}`, { content: 'x', version: 1 })).statusCode).toBe(
      409,
    );

    const b = (
      await rep1.post(`/api/v1/projects/${projectId}/blockers`, {
        title: '用地指标不足',
        coordinatingDept: '自然资源局',
        dueDate: '2026-06-30',
      })
    ).json();
    expect(b.status).toBe('open');
    const resolved = (
      await rep1.patch(`/api/v1/projects/${projectId}/blockers/${b.id}`, { status: 'resolved', resolution: '已调剂', version: b.version })
    ).json();
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const c = (await rep1.post(`/api/v1/projects/${projectId}/commitments`, { title: '协助办理环评', dueDate: '2026-07-01' })).json();
    expect(c.status).toBe('pending');
    const a = await rep1.post(`/api/v1/projects/${projectId}/approval-items`, {
      kind: 'environment',
      status: 'applied',
      appliedOn: '2026-05-10',
    });
    expect(a.statusCode).toBe(201);
    expect((await rep1.get(`/api/v1/projects/${projectId}/approval-items`)).json().items).toHaveLength(1);
    const badKind = await rep1.post(`/api/v1/projects/${projectId}/approval-items`, { kind: 'nope' });
    expect(badKind.statusCode).toBe(400);

    const tl = (await rep1.get(`/api/v1/projects/${projectId}/timeline`)).json().items;
    const kinds = new Set(tl.map((i: { kind: string }) => i.kind));
    expect(kinds).toEqual(new Set(['move', 'follow_up', 'blocker', 'commitment']));
  });

  it('stores attachments within limits and serves them as downloads only', async () => {
    const up = await upload(rep1, projectId, '合同扫描件.pdf', PDF);
    expect(up.statusCode).toBe(201);
    const a = up.json();
    expect(a.mime).toBe('application/pdf');
    const dl = await app.inject({
      method: 'GET',
      url: `/api/v1/projects/${projectId}/attachments/${a.id}`,
      headers: { cookie: rep1.cookie },
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    const html = await upload(rep1, projectId, 'evil.html', Buffer.from('<script>alert(1)</script>'));
    expect(html.statusCode).toBe(415);
    const fake = await upload(rep1, projectId, 'fake.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(fake.statusCode).toBe(415);
    const big = await upload(rep1, projectId, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10)]));
    expect(big.statusCode).toBe(413);
    expect((await rep1.get(`/api/v1/projects/${projectId}/attachments`)).json().items).toHaveLength(1);
  });

  it('keeps another unit out of every project route (404)', async () => {
    const p = (await rep1.get(`/api/v1/projects/${projectId}`)).json();
    const fu = (await rep1.get(`/api/v1/projects/${projectId}/follow-ups`)).json().items[0];
    const att = (await rep1.get(`/api/v1/projects/${projectId}/attachments`)).json().items[0];
    const calls = [
      rep2.get(`/api/v1/projects/${projectId}`),
      rep2.patch(`/api/v1/projects/${projectId}`, { owner: 'x', version: p.version }),
      rep2.post(`/api/v1/projects/${projectId}/moves`, { to: 'started', date: '2026-06-01', version: p.version }),
      rep2.get(`/api/v1/projects/${projectId}/moves`),
      rep2.get(`/api/v1/projects/${projectId}/timeline`),
      rep2.get(`/api/v1/projects/${projectId}/follow-ups`),
      rep2.post(`/api/v1/projects/${projectId}/follow-ups`, { date: '2026-05-07', kind: 'call', content: 'x' }),
      rep2.patch(`/api/v1/projects/${projectId}/follow-ups/${fu.id}`, { content: 'x', version: fu.version }),
      rep2.delete(`/api/v1/projects/${projectId}/follow-ups/${fu.id}`),
      rep2.post(`/api/v1/projects/${projectId}/blockers`, { title: 'x' }),
      rep2.get(`/api/v1/projects/${projectId}/commitments`),
      rep2.post(`/api/v1/projects/${projectId}/approval-items`, { kind: 'land' }),
      rep2.get(`/api/v1/projects/${projectId}/attachments`),
      rep2.get(`/api/v1/projects/${projectId}/attachments/${att.id}`),
      rep2.delete(`/api/v1/projects/${projectId}/attachments/${att.id}`),
      upload(rep2, projectId, 'x.pdf', PDF),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode, res.body).toBe(404);
    const list = (await rep2.get('/api/v1/projects')).json();
    expect(list.total).toBe(0);
    const kb = (await rep2.get('/api/v1/projects/kanban')).json();
    expect(kb.columns.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(0);
    // nothing changed
    const after = (await rep1.get(`/api/v1/projects/${projectId}`)).json();
    expect(after.version).toBe(p.version);
    expect(after.stage).toBe('contract');
    // a city-wide reader sees it
    expect((await leader.get(`/api/v1/projects/${projectId}`)).statusCode).toBe(200);
  });

  it('lists with server-side filters, sort and paging; kanban and export follow the same query', async () => {
    await office.post('/api/v1/projects', {
      name: '船营区大项目',
      unitCode: 'U02',
      totalInvestmentYuan: 2_000_000_000,
      industry: '新材料',
      stage: 'negotiating',
    });
    let r = (await office.get('/api/v1/projects?stage=contract')).json();
    expect(r.total).toBe(1);
    expect(r.items[0].id).toBe(projectId);
    r = (await office.get('/api/v1/projects?minInvestmentYuan=1000000000')).json();
    expect(r.items.map((p: { name: string }) => p.name)).toEqual(['船营区大项目']);
    r = (await office.get('/api/v1/projects?originScope=domestic&industry=汽车')).json();
    expect(r.total).toBe(1);
    // the dashboard's 长三角 ring opens this list: the investor from 杭州 is in it, none from 京津冀
    expect((await office.get('/api/v1/projects?originGroup=yrd')).json().total).toBe(1);
    expect((await office.get('/api/v1/projects?originGroup=jjj')).json().total).toBe(0);
    r = (await office.get(`/api/v1/projects?q=${encodeURIComponent('杭州某某')}`)).json();
    expect(r.total).toBe(1);
    // …and by the investor's credit code, as people look a company up (issue [K]).
    const credit = (await office.get(`/api/v1/investors/${r.items[0].investorId}`)).json().creditCode as string | null;
    expect(credit).toBeTruthy();
    expect((await office.get(`/api/v1/projects?q=${credit!.slice(2, 12)}`)).json().total).toBe(1);
    r = (await office.get('/api/v1/projects?unitCode=U01&sort=totalInvestmentYuan&order=desc&pageSize=1')).json();
    expect(r.total).toBe(2);
    expect(r.items).toHaveLength(1);
    expect(r.items[0].id).toBe(projectId);
    r = (await office.get('/api/v1/projects?staleDays=0&owner=张三丰')).json();
    expect(r.total).toBe(1);
    r = (await office.get('/api/v1/projects?staleDays=100000')).json();
    expect(r.statusCode ?? 200).toBe(200);
    expect((await office.get('/api/v1/projects?stage=bogus')).statusCode).toBe(400);
    expect((await rep1.get('/api/v1/projects')).json().total).toBe(2);

    const kb = (await office.get('/api/v1/projects/kanban')).json();
    const contract = kb.columns.find((c: { stage: string }) => c.stage === 'contract');
    expect(contract.items[0]).toMatchObject({ id: projectId, stage: 'contract' });

    const x = await app.inject({ method: 'GET', url: '/api/v1/projects/export.xlsx?unitCode=U01', headers: { cookie: office.cookie } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目')!;
    expect(ws.getRow(1).getCell(1).value).toBe('项目编号');
    expect(ws.rowCount).toBe(3);
    const rep2x = await app.inject({ method: 'GET', url: '/api/v1/projects/export.xlsx', headers: { cookie: rep2.cookie } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(rep2x.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('项目')!.rowCount).toBe(2); // header + U02's one project
  });

  it('investor page lists its projects within scope; unit users see investors linked to their projects', async () => {
    const d = (await rep1.get(`/api/v1/investors/${investorId}`)).json();
    expect(d.projects.map((p: { id: number }) => p.id)).toEqual([projectId]);
    // office links the U01 investor to a U02 project → rep2 now sees the investor, but only U02's projects on it
    const p2 = (await office.get('/api/v1/projects?unitCode=U02')).json().items[0];
    await office.patch(`/api/v1/projects/${p2.id}`, { investorId, version: p2.version });
    const d2 = (await rep2.get(`/api/v1/investors/${investorId}`)).json();
    expect(d2.projects.map((p: { id: number }) => p.id)).toEqual([p2.id]);
  });

  it('lets a move skip forward, and asks a reason to drop and to reopen', async () => {
    let p = (await rep1.post('/api/v1/projects', { name: '跳阶段项目' })).json();
    p = (await rep1.post(`/api/v1/projects/${p.id}/moves`, { to: 'started', date: '2026-06-01', version: p.version })).json();
    expect(p).toMatchObject({ stage: 'started', startDate: '2026-06-01' });
    p = (await rep1.post(`/api/v1/projects/${p.id}/moves`, { to: 'dropped', reason: '企业资金链断裂', version: p.version })).json();
    expect(p).toMatchObject({ stage: 'dropped', droppedReason: '企业资金链断裂' });
    const noReason = await rep1.post(`/api/v1/projects/${p.id}/moves`, { to: 'negotiating', version: p.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toContain('重新启动');
    p = (await rep1.post(`/api/v1/projects/${p.id}/moves`, { to: 'negotiating', reason: '引入新股东', version: p.version })).json();
    expect(p).toMatchObject({ stage: 'negotiating', droppedReason: null });
    expect((await rep1.patch(`/api/v1/projects/${p.id}`, { unitCode: 'U02', version: p.version })).statusCode).toBe(403);
    const moves = (await rep1.get(`/api/v1/projects/${p.id}/moves`)).json().items;
    expect(moves.map((m: { to: string }) => m.to)).toEqual(['lead', 'started', 'dropped', 'negotiating']);
  });

  it('saves filters per user', async () => {
    const s = await rep1.post('/api/v1/saved-filters', { scope: 'projects', name: '签约项目', query: { stage: 'contract' } });
    expect(s.statusCode).toBe(201);
    expect((await rep1.post('/api/v1/saved-filters', { scope: 'projects', name: '签约项目', query: {} })).statusCode).toBe(409);
    expect((await rep1.get('/api/v1/saved-filters?scope=projects')).json().items).toHaveLength(1);
    expect((await rep2.get('/api/v1/saved-filters?scope=projects')).json().items).toHaveLength(0);
    expect((await rep2.delete(`/api/v1/saved-filters/${s.json().id}`)).statusCode).toBe(404);
    expect((await rep1.delete(`/api/v1/saved-filters/${s.json().id}`)).statusCode).toBe(200);
  });
});
