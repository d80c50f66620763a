// [H] Several instances, for real: two app processes on one PostgreSQL behind nginx (deploy/nginx.conf).
// Sessions are valid on either instance, a scheduled job runs once, an upload on one instance
// downloads from the other, load through nginx has no errors, and when one instance is killed
// mid-load the other keeps serving. Needs PostgreSQL (TEST_PG_URL) and nginx (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import autocannon from 'autocannon';
import { createDb } from '../src/db/database';
import { freshDb, type TestDb } from '../src/test/harness';
import { setupViaApi } from './support';
import { JOBS } from '../src/jobs/scheduler';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const enabled = Boolean(process.env.TEST_PG_URL && NGINX);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited: ${log()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`not healthy in time: ${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Proc = { child: ChildProcess; url: string; log: () => string };
function startInstance(databaseUrl: string, port: number): Proc {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-cluster-'));
  const child = spawn(process.execPath, ['bin/zhaoshang.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS: 'on',
      TRUST_PROXY: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  return { child, url: `http://127.0.0.1:${port}`, log: () => out };
}

function multipart(filename: string, data: Buffer) {
  const boundary = `----zs${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), type: `multipart/form-data; boundary=${boundary}` };
}

describe.runIf(enabled)('two instances behind nginx on PostgreSQL', () => {
  let t: TestDb;
  let a: Proc;
  let b: Proc;
  let nginx: Proc;
  let prefix: string;
  let cookie = '';
  let csrf = '';
  beforeAll(async () => {
    t = await freshDb('postgres');
    await t.db.destroy();
    const [pa, pb, pn] = [await freePort(), await freePort(), await freePort()];
    a = startInstance(t.url, pa);
    await waitHealthy(a.url, a.child, a.log);
    b = startInstance(t.url, pb);
    await waitHealthy(b.url, b.child, b.log);
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-nginx-'));
    const conf = fs
      .readFileSync('deploy/nginx.conf', 'utf8')
      .replaceAll('__PREFIX__', prefix)
      .replaceAll('__LISTEN__', String(pn))
      .replace(/^__UPSTREAMS__$/m, [pa, pb].map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n'));
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
    const child = spawn(NGINX!, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr?.on('data', (d) => {
      out += String(d);
    });
    nginx = { child, url: `http://127.0.0.1:${pn}`, log: () => out };
    await waitHealthy(nginx.url, child, nginx.log);
    const admin = await setupViaApi(nginx.url);
    const login = await fetch(`${nginx.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    csrf = ((await (await fetch(`${nginx.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string }).csrfToken;
  }, 240_000);
  afterAll(async () => {
    for (const p of [nginx, a, b]) p?.child.kill('SIGKILL');
    await t?.drop().catch(() => {});
    if (prefix) fs.rmSync(prefix, { recursive: true, force: true });
  });

  it('a session made through nginx is valid on either instance', async () => {
    for (const inst of [a, b]) {
      const r = await fetch(`${inst.url}/api/v1/auth/me`, { headers: { cookie } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { username: string }).username).toBe('admin');
    }
  });

  it('each scheduled job ran once per interval although both instances run jobs', async () => {
    const db = createDb(t.url);
    try {
      const runs = await db.selectFrom('job_runs').select(['name', 'holder', 'started_at']).orderBy('started_at').execute();
      const every = new Map(JOBS.map((j) => [j.name, j.everyMs]));
      const byName = new Map<string, number[]>();
      for (const r of runs) byName.set(r.name, [...(byName.get(r.name) ?? []), Date.parse(r.started_at)]);
      expect(byName.size).toBeGreaterThan(0);
      for (const [name, starts] of byName) {
        // Two runs of one job, by whichever instance, are never closer than its interval (less a second of clock slack).
        for (let i = 1; i < starts.length; i++)
          expect(starts[i]! - starts[i - 1]!, name).toBeGreaterThanOrEqual((every.get(name) ?? 0) - 1000);
      }
    } finally {
      await db.destroy();
    }
  });

  it('a file uploaded on one instance downloads from the other', async () => {
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    await fetch(`${a.url}/api/v1/units`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: 'U01', name: '昌邑区', kind: 'county' }),
    });
    const p = await fetch(`${a.url}/api/v1/projects`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: '集群测试项目',
        unitCode: 'U01',
        owner: '张三',
        totalInvestmentYuan: 1_000_000,
        registeredOn: '2026-03-02',
      }),
    });
    expect(p.status).toBe(201);
    const id = ((await p.json()) as { id: number }).id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7), Buffer.from('\n%%EOF\n')]);
    const m = multipart('协议.pdf', pdf);
    const up = await fetch(`${a.url}/api/v1/projects/${id}/attachments`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': m.type },
      body: m.body,
    });
    expect(up.status).toBe(201);
    const att = (await up.json()) as { id: number };
    const down = await fetch(`${b.url}/api/v1/projects/${id}/attachments/${att.id}`, { headers: { cookie } });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('serves load through nginx without errors, and keeps serving when one instance is killed mid-load', async () => {
    const paths = ['/api/v1/auth/me', '/api/v1/units', '/api/v1/stats/dispatch?period=2026-05', '/api/v1/projects?pageSize=50', '/healthz'];
    const failures: number[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let okAfterKill = 0;
    const run = (seconds: number) =>
      autocannon({
        url: nginx.url,
        connections: 10,
        duration: seconds,
        headers: { cookie },
        requests: paths.map((p) => ({
          method: 'GET' as const,
          path: p,
          onResponse: (status: number) => {
            const now = Date.now();
            if (status < 200 || status >= 300) failures.push(now);
            else if (now > killedAt + 1000) okAfterKill += 1;
          },
        })),
      });
    const steady = await run(4);
    expect(steady.errors + steady.non2xx).toBe(0);
    expect(steady.requests.total).toBeGreaterThan(50);
    console.log(`through nginx, two instances: ${Math.round(steady.requests.average)} req/s, p99 ${steady.latency.p99} ms, errors 0`);
    const load = run(6);
    setTimeout(() => {
      killedAt = Date.now();
      a.child.kill('SIGKILL');
    }, 2000);
    const r = await load;
    console.log(
      `one instance killed mid-load: ${r.requests.total} requests, ${r.errors} errors, ${r.non2xx} non-2xx, ${okAfterKill} served after the kill`,
    );
    expect(a.child.exitCode !== null || a.child.signalCode !== null).toBe(true);
    expect(okAfterKill).toBeGreaterThan(20);
    // Requests in flight on the killed instance are retried by nginx (GET); after the kill nothing fails.
    expect(failures.filter((at) => at > killedAt + 1000)).toEqual([]);
    const after = await fetch(`${nginx.url}/api/v1/auth/me`, { headers: { cookie } });
    expect(after.status).toBe(200);
  }, 60_000);
});
