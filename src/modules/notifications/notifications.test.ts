// Notifications and group-robot webhooks on both databases, against a local HTTP receiver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../../test/harness';
import { nowIso } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../auth/actor';
import { addDays, todayIso } from '../../domain/period';
import { dingtalkSign, feishuSign } from '../../domain/robots';
import { composeDigest, runDigest } from './digest.service';
import { enqueue, sendDue } from './webhooks.service';

/** Records every request; answers the first `failFirst` with a robot error (HTTP 200, errcode ≠ 0). */
class Receiver {
  requests: { url: string; body: Record<string, unknown> }[] = [];
  failFirst = 0;
  hang = false;
  private server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString('utf8');
    });
    req.on('end', () => {
      this.requests.push({ url: req.url ?? '', body: JSON.parse(data) as Record<string, unknown> });
      if (this.hang) return; // never answers: the sender's timeout must fire
      res.setHeader('content-type', 'application/json');
      const feishu = (req.url ?? '').startsWith('/feishu');
      if (this.failFirst > 0) {
        this.failFirst--;
        res.end(
          JSON.stringify(
            feishu
              ? { code: 19021, msg: 'sign match fail or timestamp is not within one hour' }
              : { errcode: 310000, errmsg: 'keywords not in content' },
          ),
        );
      } else res.end(JSON.stringify(feishu ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' }));
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const WECOM_KEY = '693axxx6-7aoc-4bc4-97a0-0ec2sifa5a1b2';
const DING_TOKEN = 'dingtokensecret0c3d';
const DING_SECRET = 'SECd1ngs1gnsecretzz';
const FEISHU_SECRET = 'feishusecretQQ77';

describe.each(DB_KINDS)('notifications and webhooks (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  let rx: Receiver;
  let base: string;
  let office: Client;
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_LOOPBACK = 'on';
    t = await freshDb(kind);
    await seedBasics(t.db);
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
        .execute();
    await p('S1', 'U01', 'negotiating', { last_follow_up_on: '2026-03-01' });
    await p('C1', 'U02', 'contract', { contract_date: '2025-06-01' });
    app = await testApp(t.db);
    rx = new Receiver();
    base = await rx.start();
    office = await login(app, 'office');
  });
  afterAll(async () => {
    await rx.stop();
    await app.close();
    await t.drop();
    delete process.env.WEBHOOK_ALLOW_LOOPBACK;
  });

  it('a warnings run notifies the unit and the city office, once per unit; each user reads their own', async () => {
    expect((await office.post('/api/v1/warnings/run', { asOf: '2026-06-01' })).statusCode).toBe(200);
    const rep1 = await login(app, 'rep1');
    const mine = (await rep1.get('/api/v1/notifications')).json();
    expect(mine.unread).toBeGreaterThan(0);
    expect(mine.items.every((n: { unitCode: string }) => n.unitCode === 'U01')).toBe(true);
    expect(mine.items[0]).toMatchObject({ kind: 'warning-red', link: '/warnings?unit=U01', readAt: null });
    expect(mine.items[0].body).toContain('项目S1');
    const off = (await office.get('/api/v1/notifications')).json();
    expect(new Set(off.items.map((n: { unitCode: string }) => n.unitCode))).toEqual(new Set(['U01', 'U02']));
    // the same run again raises nothing new, so nobody hears twice
    await office.post('/api/v1/warnings/run', { asOf: '2026-06-01' });
    expect((await rep1.get('/api/v1/notifications')).json().items).toHaveLength(mine.items.length);
    // reading: mine only; read ones sink below unread
    const rep2 = await login(app, 'rep2');
    expect((await rep2.post(`/api/v1/notifications/${mine.items[0].id}/read`)).statusCode).toBe(404);
    expect((await rep1.post(`/api/v1/notifications/${mine.items[0].id}/read`)).statusCode).toBe(200);
    const after = (await rep1.get('/api/v1/notifications')).json();
    expect(after.unread).toBe(mine.unread - 1);
    expect(after.items.at(-1).readAt).not.toBeNull();
    expect((await office.get('/api/v1/notifications')).json().unread).toBe(off.unread);
    expect((await rep1.post('/api/v1/notifications/read-all')).json().updated).toBe(after.unread);
    expect((await rep1.get('/api/v1/notifications')).json().unread).toBe(0);
  });

  it('supervision steps notify the other side', async () => {
    const sup = await login(app, 'super');
    const rep1 = await login(app, 'rep1');
    const task = (
      await sup.post('/api/v1/supervision/tasks', { title: '跟进S1', deadline: addDays(todayIso(), 5), unitCode: 'U01' })
    ).json();
    const r1 = (await rep1.get('/api/v1/notifications')).json();
    expect(r1.items[0]).toMatchObject({ kind: 'supervision-raised', title: '新督办事项：跟进S1', link: `/supervision/${task.id}` });
    expect(
      (await (await login(app, 'rep2')).get('/api/v1/notifications'))
        .json()
        .items.some((n: { kind: string }) => n.kind.startsWith('supervision')),
    ).toBe(false);
    expect(
      (await rep1.post(`/api/v1/supervision/tasks/${task.id}/feedback`, { version: task.version, content: '已拜访' })).statusCode,
    ).toBe(200);
    const s = (await sup.get('/api/v1/notifications')).json();
    expect(s.items[0]).toMatchObject({ kind: 'supervision-feedback', title: '承办单位已反馈：跟进S1' });
    await sup.post(`/api/v1/supervision/tasks/${task.id}/reject`, { version: task.version + 1, content: '不够具体' });
    expect((await rep1.get('/api/v1/notifications')).json().items[0].kind).toBe('supervision-reject');
  });

  it('only the city office and the administrator manage robots; addresses must be https', async () => {
    const rep1 = await login(app, 'rep1');
    expect((await rep1.get('/api/v1/webhooks')).statusCode).toBe(403);
    expect(
      (await rep1.post('/api/v1/webhooks', { unitCode: 'U01', kind: 'wecom', name: 'x', url: `${base}/wecom?key=${WECOM_KEY}` }))
        .statusCode,
    ).toBe(403);
    expect((await (await login(app, 'leader')).get('/api/v1/webhooks')).statusCode).toBe(403);
    expect((await (await login(app, 'admin')).get('/api/v1/webhooks')).statusCode).toBe(200);
    const bad = await office.post('/api/v1/webhooks', {
      unitCode: 'U01',
      kind: 'wecom',
      name: 'x',
      url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('https://');
    const wrongHost = await office.post('/api/v1/webhooks', {
      unitCode: 'U01',
      kind: 'dingtalk',
      name: 'x',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1',
    });
    expect(wrongHost.json().error.message).toContain('钉钉');
    process.env.WEBHOOK_ALLOW_LOOPBACK = 'off';
    expect(
      (await office.post('/api/v1/webhooks', { unitCode: 'U01', kind: 'wecom', name: 'x', url: `${base}/wecom?key=1` })).statusCode,
    ).toBe(400);
    process.env.WEBHOOK_ALLOW_LOOPBACK = 'on';
  });

  it('never shows or audits an address or secret in full', async () => {
    const ok = await office.post('/api/v1/webhooks', {
      unitCode: 'U01',
      kind: 'dingtalk',
      name: '昌邑区招商群',
      url: `${base}/ding/robot/send?access_token=${DING_TOKEN}`,
      secret: DING_SECRET,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ urlMasked: `${base}/…access_token=****0c3d`, hasSecret: true, kind: 'dingtalk' });
    const hook = ok.json();
    const upd = await office.patch(`/api/v1/webhooks/${hook.id}`, {
      version: hook.version,
      name: '昌邑区招商工作群',
      secret: `${DING_SECRET}`,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    const everything = [
      ok.body,
      upd.body,
      (await office.get('/api/v1/webhooks')).body,
      JSON.stringify(await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'webhook').execute()),
    ].join('\n');
    expect(everything).not.toContain(DING_TOKEN);
    expect(everything).not.toContain(DING_SECRET);
    expect(everything).toContain('****0c3d');
  });

  it('钉钉 test message is signed, 飞书 is signed in the body, 企业微信 markdown', async () => {
    const hooks = (await office.get('/api/v1/webhooks')).json().items as { id: number; kind: string }[];
    const ding = hooks.find((h) => h.kind === 'dingtalk')!;
    rx.requests = [];
    const d = await office.post(`/api/v1/webhooks/${ding.id}/test`);
    expect(d.json(), d.body).toMatchObject({ status: 'sent', attempts: 1, responseCode: 200, lastError: null });
    const got = new URL(rx.requests[0]!.url, base);
    const ts = Number(got.searchParams.get('timestamp'));
    expect(got.searchParams.get('access_token')).toBe(DING_TOKEN);
    expect(got.searchParams.get('sign')).toBe(dingtalkSign(DING_SECRET, ts));
    expect(rx.requests[0]!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '招商引资调度平台 · 测试消息' } });

    const fs = (
      await office.post('/api/v1/webhooks', {
        unitCode: null,
        kind: 'feishu',
        name: '市招商办',
        url: `${base}/feishu/open-apis/bot/v2/hook/abcd`,
        secret: FEISHU_SECRET,
      })
    ).json();
    expect((await office.post(`/api/v1/webhooks/${fs.id}/test`)).json().status).toBe('sent');
    const fb = rx.requests[1]!.body;
    expect(fb).toMatchObject({ msg_type: 'interactive' });
    expect(fb.sign).toBe(feishuSign(FEISHU_SECRET, Number(fb.timestamp)));

    const wc = (
      await office.post('/api/v1/webhooks', {
        unitCode: 'U02',
        kind: 'wecom',
        name: '船营区',
        url: `${base}/wecom/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      })
    ).json();
    expect(wc.urlMasked).toMatch(/key=\*\*\*\*a1b2$/);
    expect((await office.post(`/api/v1/webhooks/${wc.id}/test`)).json().status).toBe('sent');
    expect(rx.requests[2]!.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('测试消息') } });
    expect(rx.requests[2]!.url).toBe(`/wecom/cgi-bin/webhook/send?key=${WECOM_KEY}`);
  });

  it('the digest: one message per unit with counts, the red list and tasks due', async () => {
    const d = await composeDigest(t.db, 'U01', todayIso());
    expect(d.red).toBeGreaterThan(0);
    expect(d.markdown).toContain(`红色 ${d.red} 条`);
    expect(d.markdown).toContain('项目S1');
    expect(d.markdown).not.toContain('跟进S1'); // its deadline is 5 days away, outside the 3-day window
    const soon = await composeDigest(t.db, 'U01', addDays(todayIso(), 2));
    expect(soon).toMatchObject({ due: 1, overdue: 0 });
    expect(soon.markdown).toContain(`将到期（期限 ${addDays(todayIso(), 5)}）：跟进S1`);
    const late = await composeDigest(t.db, 'U01', addDays(todayIso(), 6));
    expect(late).toMatchObject({ due: 0, overdue: 1 });
    expect(late.markdown).toContain('超期 1 件');
    expect((await composeDigest(t.db, 'U02', todayIso())).markdown).not.toContain('跟进S1');
    const city = await composeDigest(t.db, null, todayIso());
    expect(city.markdown).toContain('船营区·');
    const dry = (await office.post('/api/v1/notifications/digest', { dryRun: true })).json();
    expect(dry.queued).toBe(0);
    expect(dry.digests.map((x: { unitCode: string | null }) => x.unitCode).sort()).toEqual(['U01', 'U02', null].sort());
    expect((await (await login(app, 'rep1')).post('/api/v1/notifications/digest', { dryRun: true })).statusCode).toBe(403);
  });

  it('retries with back-off on robot errors and gives up after 5 attempts, without secrets in the log', async () => {
    const hooks = (await office.get('/api/v1/webhooks')).json().items as { id: number; kind: string }[];
    const ding = hooks.find((h) => h.kind === 'dingtalk')!;
    let now = Date.parse('2026-06-02T00:00:00Z');
    const clock = { now: () => now };
    const r = await runDigest(t.db, SYSTEM_ACTOR, { today: '2026-06-02', now });
    expect(r.queued).toBe(3);
    rx.requests = [];
    rx.failFirst = 2;
    let s = await sendDue(t.db, clock); // the two first robots fail (errcode ≠ 0 with HTTP 200), the third is sent
    expect(s).toEqual({ sent: 1, failed: 0, retrying: 2 });
    now += 30_000;
    expect(await sendDue(t.db, clock)).toEqual({ sent: 0, failed: 0, retrying: 0 }); // not due before 1 minute
    now += 31_000;
    s = await sendDue(t.db, clock);
    expect(s).toEqual({ sent: 2, failed: 0, retrying: 0 });
    const log = (await office.get(`/api/v1/webhooks/${ding.id}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({ status: 'sent', attempts: 2, summary: expect.stringContaining('每日简报 2026-06-02') });

    // a robot that always refuses: 1 min, 5 min, 30 min, 2 h, then failed after the 5th attempt
    const id = await t.db.transaction().execute((tx) => enqueue(tx, ding.id, { summary: 's', title: 't', markdown: 'm' }, now));
    rx.failFirst = 99;
    const seen: string[] = [];
    for (const wait of [0, 60_000, 300_000, 1_800_000, 7_200_000]) {
      now += wait;
      await sendDue(t.db, clock);
      const row = await t.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      seen.push(`${row.status}/${row.attempts}/${row.status === 'pending' ? (Date.parse(row.next_attempt_at) - now) / 1000 : '-'}`);
    }
    expect(seen).toEqual(['pending/1/60', 'pending/2/300', 'pending/3/1800', 'pending/4/7200', 'failed/5/-']);
    rx.failFirst = 0;
    const last = (await office.get(`/api/v1/webhooks/${ding.id}/deliveries`)).json().items[0];
    expect(last.lastError).toContain('310000');
    expect(JSON.stringify(await t.db.selectFrom('webhook_deliveries').selectAll().execute())).not.toContain(DING_SECRET);
  });

  it('two senders at once deliver a message once', async () => {
    const hooks = (await office.get('/api/v1/webhooks')).json().items as { id: number; kind: string }[];
    const wc = hooks.find((h) => h.kind === 'wecom')!;
    await t.db.transaction().execute((tx) => enqueue(tx, wc.id, { summary: 'once', title: 'once', markdown: 'once' }));
    rx.requests = [];
    const [a, b] = await Promise.all([sendDue(t.db), sendDue(t.db)]);
    expect(a.sent + b.sent).toBe(1);
    expect(rx.requests).toHaveLength(1);
  });

  it('a robot that does not answer times out and the error shows no address', async () => {
    const hooks = (await office.get('/api/v1/webhooks')).json().items as { id: number; kind: string }[];
    const wc = hooks.find((h) => h.kind === 'wecom')!;
    rx.hang = true;
    const id = await t.db.transaction().execute((tx) => enqueue(tx, wc.id, { summary: 's', title: 't', markdown: 'm' }));
    await sendDue(t.db, { timeoutMs: 300 });
    rx.hang = false;
    const row = await t.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('超时');
    expect(row.last_error).not.toContain(WECOM_KEY);
  });
});
