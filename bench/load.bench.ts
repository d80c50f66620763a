// [H] Month-end load, from a separate process, against a real server: what 50 people do for 60 s —
// the city office on the dashboard, lists, status board and verification queue; leaders on the
// dashboard; reporters on the entry grid and project pages, writing follow-ups and fund entries —
// beside its floors measured in the same run: a bare Fastify route returning a constant, and an
// authenticated cheap route (the session check alone).
//   node bin/run-ts.js bench/load.bench.ts                         (SQLite, demo city)
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:55433/postgres node bin/run-ts.js bench/load.bench.ts
//   BENCH_SECONDS=20 shortens every phase; results are merged into bench/results.json under "load".
// Only 127.0.0.1 is ever targeted; every phase stops by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon, { type Result } from 'autocannon';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { loadDemo } from '../src/modules/demo/demo.service';
import { SYSTEM_ACTOR } from '../src/modules/auth/actor';
import { addUser, TEST_PASSWORD } from '../src/test/harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FLOOR_SECONDS = Math.min(10, SECONDS);

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
/** Waits until `url + path` answers 2xx (the app's /healthz, or the bare floor's /). */
async function waitHealthy(url: string, child: ChildProcess, pathname = '/healthz'): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(`${url}${pathname}`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

async function database(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.BENCH_PG_URL) {
    const name = `zs_load_${process.pid}`;
    const c = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(process.env.BENCH_PG_URL);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const c2 = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
        await c2.connect();
        await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c2.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-load-'));
  return { url: path.join(dir, 'load.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function login(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

type Row = {
  phase: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  conflicts?: number;
  ratio?: string;
};
const rows: Row[] = [];
function record(phase: string, connections: number, r: Result, extra: Partial<Row> = {}): Row {
  // autocannon's histogram has p97_5 and p99; p95 is interpolated between p90 and p97.5.
  const p95 = Math.round(r.latency.p90 + (r.latency.p97_5 - r.latency.p90) * (5 / 7.5));
  const row = {
    phase,
    connections,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p95,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    ...extra,
  };
  rows.push(row);
  console.log(
    `  ${phase.padEnd(44)} ${String(row.rps).padStart(7)} req/s  p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  errors ${row.errors}  non-2xx ${row.non2xx}${row.conflicts ? ` (409 ${row.conflicts})` : ''}`,
  );
  return row;
}

async function main() {
  const dbInfo = await database();
  const db = createDb(dbInfo.url);
  await migrate(db);
  const t0 = Date.now();
  await loadDemo(db, SYSTEM_ACTOR, {});
  await addUser(db, 'lt_office', ['city_office']);
  await addUser(db, 'lt_leader', ['leader']);
  await addUser(db, 'lt_rep', ['reporter'], 'U01');
  // Fund entries the reporters will add: U01 projects with no entry yet in the open month.
  const open = '2026-12';
  const taken = new Set(
    (await db.selectFrom('fund_entries').select('project_id').where('period', '=', open).execute()).map((r) => Number(r.project_id)),
  );
  const pool = (
    await db
      .selectFrom('projects')
      .select(['id', 'code'])
      .where('unit_code', '=', 'U01')
      .where('stage', 'in', ['contract', 'started', 'operating'])
      .execute()
  ).filter((p) => !taken.has(Number(p.id)));
  const anyProject = await db.selectFrom('projects').select('id').where('unit_code', '=', 'U01').executeTakeFirstOrThrow();
  const latest = await db
    .selectFrom('fund_rollups')
    .select(['year', 'month'])
    .where('status', '=', 'verified')
    .orderBy('year', 'desc')
    .orderBy('month', 'desc')
    .executeTakeFirstOrThrow();
  const period = `${latest.year}-${String(latest.month).padStart(2, '0')}`;
  const lockedRow = await db.selectFrom('period_snapshots').select('period').orderBy('period', 'desc').executeTakeFirst();
  const locked = lockedRow?.period ?? null;
  await db.destroy();
  console.log(
    `demo city loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${process.env.BENCH_PG_URL ? 'PostgreSQL' : 'SQLite'}; period ${period}`,
  );

  // The floor: a bare Fastify route returning a constant, in its own process.
  const floorPort = await freePort();
  const floor = spawn(
    process.execPath,
    ['-e', `const f=require('fastify')();f.get('/',async()=>({ok:true}));f.listen({port:${floorPort},host:'127.0.0.1'})`],
    { stdio: 'ignore', cwd: process.cwd() },
  );
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-load-data-'));
  const server = spawn(process.execPath, ['bin/zhaoshang.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbInfo.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      JOBS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, server);
    await waitHealthy(`http://127.0.0.1:${floorPort}`, floor, '/');
    const office = await login(url, 'lt_office');
    const leader = await login(url, 'lt_leader');
    const rep = await login(url, 'lt_rep');
    console.log(`\nfloors and single endpoints (10 connections, ${FLOOR_SECONDS} s each):`);
    const bare = record(
      'bare Fastify route (floor)',
      10,
      await autocannon({ url: `http://127.0.0.1:${floorPort}/`, connections: 10, duration: FLOOR_SECONDS }),
    );
    const authed = record(
      'authenticated floor: GET /auth/me',
      10,
      await autocannon({ url: `${url}/api/v1/auth/me`, connections: 10, duration: FLOOR_SECONDS, headers: { cookie: office.cookie } }),
    );
    const units = record(
      'GET /units (authenticated list)',
      10,
      await autocannon({ url: `${url}/api/v1/units`, connections: 10, duration: FLOOR_SECONDS, headers: { cookie: office.cookie } }),
    );
    units.ratio = `${((units.rps / authed.rps) * 100).toFixed(0)}% of authenticated floor`;
    // The dispatch statistics: the full answer (the briefing's, with the speech's lists) and the dashboard's
    // summary (`detail=summary`), for the open month, revalidated, and a locked month.
    const measure = async (label: string, path: string, extra: Record<string, string> = {}) => {
      const row = record(
        label,
        10,
        await autocannon({
          url: `${url}/api/v1${path}`,
          connections: 10,
          duration: FLOOR_SECONDS,
          headers: { cookie: office.cookie, ...extra },
        }),
      );
      row.ratio = `${((row.rps / authed.rps) * 100).toFixed(0)}% of authenticated floor`;
      return row;
    };
    await measure(`GET /stats/dispatch (${period}), full`, `/stats/dispatch?period=${period}`);
    await measure(`GET /stats/dispatch (${period}), dashboard summary`, `/stats/dispatch?period=${period}&detail=summary`);
    // What a browser does on the dashboard's next visit: it revalidates with the ETag it holds (fetch uses
    // the HTTP cache; the answer says no-cache) and unchanged figures come back as 304 without a body.
    const summaryPath = `/stats/dispatch?period=${period}&detail=summary`;
    const etag = (await fetch(`${url}/api/v1${summaryPath}`, { headers: { cookie: office.cookie } })).headers.get('etag');
    await measure(`GET /stats/dispatch (${period}), summary revalidated → 304`, summaryPath, { 'if-none-match': etag ?? '' });
    if (locked) {
      await measure(`GET /stats/dispatch (${locked}, locked), full`, `/stats/dispatch?period=${locked}`);
      await measure(`GET /stats/dispatch (${locked}, locked), dashboard summary`, `/stats/dispatch?period=${locked}&detail=summary`);
    }
    authed.ratio = `${((authed.rps / bare.rps) * 100).toFixed(0)}% of bare floor`;

    console.log(`\nmonth-end mix, 50 connections for ${SECONDS} s:`);
    const get = (p: string) => ({ method: 'GET' as const, path: `/api/v1${p}` });
    let conflicts = 0;
    const count409 = (status: number) => {
      if (status === 409) conflicts += 1;
    };
    const officeReads = [
      get(`/stats/dispatch?period=${period}&detail=summary`),
      get(`/stats/monthly?period=${period}`),
      get(`/stats/breakdown?period=${period}`),
      get('/projects?pageSize=50&sort=updatedAt'),
      get('/projects?pageSize=50&stage=contract,started&unitCode=U02'),
      get('/projects/kanban'),
      get(`/submissions?period=${period}`),
      get(`/fund-entries?period=${period}&status=approved`),
      get('/units'),
      get('/auth/me'),
    ];
    const leaderReads = [
      get(`/stats/dispatch?period=${period}&detail=summary`),
      get(`/stats/monthly?period=${period}`),
      get(`/stats/breakdown?period=${period}`),
      get('/auth/me'),
    ];
    const repReads = [
      get(`/fund-entries?unitCode=U01&period=${open}`),
      get(`/projects/${anyProject.id}`),
      get(`/projects/${anyProject.id}/timeline`),
      get('/projects?pageSize=50'),
      get('/auth/me'),
    ];
    let next = 0;
    const writeHeaders = { cookie: rep.cookie, 'x-csrf-token': rep.csrf, 'content-type': 'application/json' };
    const repWrites = [
      {
        method: 'POST' as const,
        path: `/api/v1/projects/${anyProject.id}/follow-ups`,
        headers: writeHeaders,
        onResponse: count409,
        body: JSON.stringify({ date: '2026-12-01', kind: 'call', content: '月底电话跟进，确认资金到位计划' }),
      },
      {
        method: 'POST' as const,
        path: '/api/v1/fund-entries',
        headers: writeHeaders,
        onResponse: count409,
        setupRequest: (req: { body?: string }) => {
          const p = pool[next++ % Math.max(1, pool.length)];
          return {
            ...req,
            body: JSON.stringify({ projectId: p ? Number(p.id) : Number(anyProject.id), period: open, amountYuan: 1_000_000 }),
          };
        },
      },
    ];
    const mix = await Promise.all([
      autocannon({ url, connections: 30, duration: SECONDS, headers: { cookie: office.cookie }, requests: officeReads }),
      autocannon({ url, connections: 8, duration: SECONDS, headers: { cookie: leader.cookie }, requests: leaderReads }),
      autocannon({ url, connections: 8, duration: SECONDS, headers: { cookie: rep.cookie }, requests: repReads }),
      autocannon({ url, connections: 4, duration: SECONDS, headers: { cookie: rep.cookie }, requests: repWrites as never }),
    ]);
    const names = [
      'city office: dashboard, lists, board, queue',
      'leaders: dashboard',
      'reporters: entry grid, project page',
      'reporters: follow-ups + fund entries',
    ];
    const conns = [30, 8, 8, 4];
    mix.forEach((r, i) => record(names[i]!, conns[i]!, r, i === 3 ? { conflicts } : {}));
    const total = mix.reduce((a, r) => a + r.requests.total, 0);
    const errs = mix.reduce((a, r) => a + r.errors + r.timeouts, 0);
    const bad = mix.reduce((a, r) => a + r.non2xx, 0) - conflicts;
    console.log(
      `  all 50: ${Math.round(total / SECONDS)} req/s, errors ${errs}, non-2xx other than 409 ${bad} (409 = a second fund entry for the same project and month, refused as it should be: ${conflicts})`,
    );
    const file = path.resolve('bench/results.json');
    const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    prev.load = {
      ...(prev.load ?? {}),
      [process.env.BENCH_PG_URL ? 'postgres' : 'sqlite']: {
        at: new Date().toISOString(),
        machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
        seconds: SECONDS,
        rows,
      },
    };
    fs.writeFileSync(file, `${JSON.stringify(prev, null, 2)}\n`);
    if (errs > 0 || bad > 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    floor.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    await dbInfo.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
