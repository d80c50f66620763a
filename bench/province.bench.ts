// [H] The province benchmark (`npm run bench`): a deterministic province — 100 units, 200,000
// projects, 2,000,000 fund entries over ten years, 500,000 follow-ups, 5,000 activities, 20,000
// reserve projects (BENCH_SCALE=0.1 for a tenth) — into SQLite, and into PostgreSQL too when
// BENCH_PG_URL (or TEST_PG_URL) is set. A real server process then answers every GET the web app
// makes on its main pages, each timed over BENCH_RUNS sequential requests (median and p95), beside
// its floors measured in the same run: a bare Fastify route returning a constant (the HTTP floor)
// and the core SQL of the endpoint run directly on the same database (the data floor). Then the
// four Excel reports, the briefing and the whole-ledger export, once each, with the server's peak
// RSS. One table is printed and bench/results.json gets it under "province".
// Bulk loading goes around the app (the rollup triggers are off and the rollups rebuilt once, as
// docs/adr/0003 describes); everything measured goes through the app.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { rebuildFundRollups } from '../src/modules/stats/rollups';
import { addUser, TEST_PASSWORD } from '../src/test/harness';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const UNITS = 100;
const PROJECTS = Math.round(200_000 * SCALE);
const ENTRIES = Math.round(2_000_000 * SCALE);
const FOLLOW_UPS = Math.round(500_000 * SCALE);
const ACTIVITIES = Math.round(5_000 * SCALE);
const RESERVE = Math.round(20_000 * SCALE);
const INVESTORS = Math.max(1000, Math.round(20_000 * SCALE));
const YEARS = 10;
const FIRST_YEAR = 2017;
const PERIOD = '2026-05';

let seed = 20261202;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const unitCode = (i: number) => `U${String((i % UNITS) + 1).padStart(3, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');
type Row = unknown[];
type Table = { table: string; cols: string[]; rows: () => Iterable<Row> };

function tables(): Table[] {
  const t = '2026-06-01T00:00:00.000Z';
  const STAGES = ['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating', 'dropped'];
  const SCOPES = ['local', 'province', 'domestic', 'abroad'];
  const ORIGINS = ['220200', '220100', '310000', '810000'];
  const INDUSTRIES = 'ABCDEFGHIJKLMN'.split('');
  return [
    {
      table: 'units',
      cols: ['code', 'name', 'kind', 'sort', 'created_at', 'updated_at'],
      rows: function* () {
        yield ['C00', '示例省', 'city', 0, t, t];
        for (let i = 0; i < UNITS; i++) yield [unitCode(i), `单位${i + 1}`, i < 70 ? 'county' : i < 90 ? 'zone' : 'department', i, t, t];
      },
    },
    {
      table: 'targets',
      cols: ['year', 'unit_code', 'indicator', 'base_value', 'stretch_value', 'created_at', 'updated_at'],
      rows: function* () {
        for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
          yield [y, 'C00', 'funds', 80_000_000_000 * SCALE * 10, 90_000_000_000 * SCALE * 10, t, t];
          for (let i = 0; i < UNITS - 5; i++) yield [y, unitCode(i), 'funds', 8_000_000_000 * SCALE, 9_000_000_000 * SCALE, t, t];
        }
      },
    },
    {
      table: 'investors',
      cols: ['name', 'origin_scope', 'origin_code', 'industry', 'created_at', 'updated_at'],
      rows: function* () {
        for (let i = 0; i < INVESTORS; i++) yield [`投资方${i}`, SCOPES[i % 4], ORIGINS[i % 4], INDUSTRIES[i % INDUSTRIES.length], t, t];
      },
    },
    {
      table: 'projects',
      cols: [
        'code',
        'name',
        'unit_code',
        'owner',
        'investor_id',
        'industry',
        'total_investment_yuan',
        'stage',
        'registered_on',
        'contract_date',
        'last_follow_up_on',
        'created_at',
        'updated_at',
      ],
      rows: function* () {
        for (let i = 0; i < PROJECTS; i++) {
          const y = FIRST_YEAR + (i % YEARS);
          const stage = STAGES[i % 8]!;
          const signed = ['contract', 'started', 'operating'].includes(stage);
          yield [
            `P${String(i).padStart(7, '0')}`,
            `项目${i}`,
            unitCode(i),
            `责任人${i % 300}`,
            (i % INVESTORS) + 1,
            INDUSTRIES[i % INDUSTRIES.length],
            Math.floor(rnd() * 200_000) * 10_000,
            stage,
            `${y}-01-15`,
            signed ? `${y}-${pad((i % 12) + 1)}-15` : null,
            `${y}-${pad((i % 12) + 1)}-20`,
            t,
            t,
          ];
        }
      },
    },
    {
      table: 'stage_moves',
      cols: ['project_id', 'from_stage', 'to_stage', 'moved_on', 'created_at'],
      rows: function* () {
        for (let i = 0; i < PROJECTS; i++) yield [i + 1, null, STAGES[i % 8], `${FIRST_YEAR + (i % YEARS)}-01-15`, t];
      },
    },
    {
      table: 'follow_ups',
      cols: ['project_id', 'date', 'kind', 'content', 'created_at', 'updated_at'],
      rows: function* () {
        for (let i = 0; i < FOLLOW_UPS; i++)
          yield [(i % PROJECTS) + 1, `${FIRST_YEAR + (i % YEARS)}-${pad((i % 12) + 1)}-10`, 'visit', '上门走访，了解项目进展', t, t];
      },
    },
    {
      table: 'activities',
      cols: ['name', 'kind', 'start_date', 'unit_code', 'person_times', 'created_at', 'updated_at'],
      rows: function* () {
        for (let i = 0; i < ACTIVITIES; i++)
          yield [
            `活动${i}`,
            ['trip', 'event', 'signing', 'delegation'][i % 4],
            `${FIRST_YEAR + (i % YEARS)}-${pad((i % 12) + 1)}-0${(i % 9) + 1}`,
            unitCode(i),
            5 + (i % 20),
            t,
            t,
          ];
      },
    },
    {
      table: 'reserve_projects',
      cols: ['name', 'unit_code', 'industry', 'total_investment_yuan', 'status', 'created_at', 'updated_at'],
      rows: function* () {
        for (let i = 0; i < RESERVE; i++)
          yield [
            `储备${i}`,
            unitCode(i),
            INDUSTRIES[i % INDUSTRIES.length],
            (i % 50) * 1_000_000,
            ['reserve', 'promoted', 'converted', 'withdrawn'][i % 4],
            t,
            t,
          ];
      },
    },
    {
      table: 'fund_entries',
      cols: [
        'project_id',
        'unit_code',
        'period',
        'year',
        'month',
        'kind',
        'amount_yuan',
        'foreign_usd',
        'status',
        'created_at',
        'updated_at',
      ],
      rows: function* () {
        // Each project gets consecutive months from its registration year, so (project, period, kind) stays unique.
        const STATUSES = ['verified', 'verified', 'verified', 'verified', 'submitted', 'approved', 'draft'];
        // Each project gets consecutive months from its registration year (wrapping to the first year),
        // so (project, period, kind) stays unique while entries per project ≤ 120.
        for (let i = 0; i < ENTRIES; i++) {
          const p = i % PROJECTS;
          const k = Math.floor(i / PROJECTS);
          const mi = ((p % YEARS) * 12 + k) % (YEARS * 12);
          const y = FIRST_YEAR + Math.floor(mi / 12);
          const m = (mi % 12) + 1;
          yield [
            p + 1,
            unitCode(p),
            `${y}-${pad(m)}`,
            y,
            m,
            'regular',
            10_000 + Math.floor(rnd() * 5_000_000),
            p % 4 === 3 ? Math.floor(rnd() * 100_000) : 0,
            STATUSES[i % STATUSES.length],
            t,
            t,
          ];
        }
      },
    },
  ];
}

function loadSqlite(file: string) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
  for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
  for (const g of tables()) {
    const st = db.prepare(`INSERT INTO ${g.table} (${g.cols.join(',')}) VALUES (${g.cols.map(() => '?').join(',')})`);
    const flush = db.transaction((rows: Row[]) => {
      for (const r of rows) st.run(...r);
    });
    let batch: Row[] = [];
    for (const r of g.rows()) {
      batch.push(r);
      if (batch.length === 50_000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
  }
  for (const tr of triggers) db.exec(tr.sql);
  db.close();
}

async function loadPg(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('SET session_replication_role = replica'); // triggers off while bulk loading
  for (const g of tables()) {
    let batch: Row[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const params: unknown[] = [];
      const values = batch
        .map(
          (r) =>
            `(${r
              .map((v) => {
                params.push(v);
                return `$${params.length}`;
              })
              .join(',')})`,
        )
        .join(',');
      await c.query(`INSERT INTO ${g.table} (${g.cols.join(',')}) VALUES ${values}`, params);
      batch = [];
    };
    for (const r of g.rows()) {
      batch.push(r);
      if (batch.length * g.cols.length >= 60_000) await flush();
    }
    await flush();
  }
  await c.query('SET session_replication_role = DEFAULT');
  // Sequences follow the explicit ids the load did not use (ids were generated), nothing to fix.
  await c.end();
}

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
async function waitUp(url: string, child: ChildProcess) {
  const end = Date.now() + 180_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`exited: ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not up: ${url}`);
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const peakRssMb = (pid: number): number => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
};

type Line = {
  what: string;
  p50: number;
  p95: number;
  floorHttp: number;
  floorSql: number | null;
  ratio: string;
  rssMb?: number;
  bytes?: number;
};

async function timeIt(fn: () => Promise<void>, runs = RUNS): Promise<number[]> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return ms;
}

async function runOn(kind: 'sqlite' | 'postgres'): Promise<Line[]> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'postgres') {
    const admin = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL!;
    const name = `zs_province_${process.pid}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-province-'));
    url = path.join(dir, 'province.db');
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  let db: Db = createDb(url);
  await migrate(db);
  await db.destroy();
  const t0 = Date.now();
  if (kind === 'postgres') await loadPg(url);
  else loadSqlite(url);
  db = createDb(url);
  await db.transaction().execute((tx) => rebuildFundRollups(tx));
  await sql.raw('ANALYZE').execute(db);
  await addUser(db, 'bench', ['city_office']);
  console.log(
    `\n${kind}: ${UNITS} units, ${PROJECTS.toLocaleString()} projects, ${ENTRIES.toLocaleString()} fund entries, ${FOLLOW_UPS.toLocaleString()} follow-ups, ${ACTIVITIES.toLocaleString()} activities, ${RESERVE.toLocaleString()} reserve projects loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );

  const floorPort = await freePort();
  const floor = spawn(
    process.execPath,
    ['-e', `const f=require('fastify')();f.get('/',async()=>({ok:true}));f.listen({port:${floorPort},host:'127.0.0.1'})`],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-province-data-'));
  const server = spawn(process.execPath, ['bin/zhaoshang.js', 'serve'], {
    // FIGURES_CACHE_MS=0: every request computes its figures (else the dashboard calls would be timed from
    // the figures cache after the first, which measures memory, not the statistics).
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      JOBS: 'off',
      FIGURES_CACHE_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const lines: Line[] = [];
  try {
    await waitUp(`${base}/healthz`, server);
    await waitUp(`http://127.0.0.1:${floorPort}/`, floor);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const get = async (p: string) => {
      const r = await fetch(`${base}/api/v1${p}`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${p}: ${r.status} ${(await r.text()).slice(0, 300)}`);
      return r;
    };
    const floorMs = await timeIt(async () => {
      await (await fetch(`http://127.0.0.1:${floorPort}/`)).text();
    });
    const floorP50 = pct(floorMs, 50);
    const project = await db
      .selectFrom('projects')
      .select('id')
      .where('unit_code', '=', 'U001')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const rawSql = async (q: ReturnType<typeof sql>) =>
      pct(
        await timeIt(
          async () => {
            await q.execute(db);
          },
          Math.min(RUNS, 20),
        ),
        50,
      );
    const endpoints: [string, string, ReturnType<typeof sql> | null][] = [
      [
        'dashboard: /stats/dispatch (summary)',
        `/stats/dispatch?period=${PERIOD}&detail=summary`,
        sql`SELECT unit_code, SUM(amount_yuan) FROM fund_rollups WHERE year IN (2026, 2025) AND month <= 5 AND status = 'verified' GROUP BY year, unit_code`,
      ],
      [
        'dashboard: /stats/monthly',
        `/stats/monthly?period=${PERIOD}`,
        sql`SELECT year, month, SUM(amount_yuan) FROM fund_rollups WHERE year IN (2026, 2025) AND status = 'verified' GROUP BY year, month`,
      ],
      ['dashboard: /stats/breakdown', `/stats/breakdown?period=${PERIOD}`, null],
      ['briefing: /stats/dispatch (full, with the speech)', `/stats/dispatch?period=${PERIOD}`, null],
      [
        'project list: filter + sort + page of 50',
        '/projects?stage=contract,started&unitCode=U007&sort=totalInvestmentYuan&order=desc&page=3&pageSize=50',
        sql`SELECT * FROM projects WHERE unit_code = 'U007' AND stage IN ('contract','started') ORDER BY total_investment_yuan DESC LIMIT 50 OFFSET 100`,
      ],
      ['project list: text search', '/projects?q=%E9%A1%B9%E7%9B%AE1234&pageSize=50', null],
      ['kanban (one unit)', '/projects/kanban?unitCode=U007', null],
      ['project page', `/projects/${project.id}`, sql`SELECT * FROM projects WHERE id = ${project.id}`],
      ['project timeline', `/projects/${project.id}/timeline`, sql`SELECT * FROM follow_ups WHERE project_id = ${project.id}`],
      [
        'entry grid (unit, month)',
        `/fund-entries?unitCode=U007&period=${PERIOD}`,
        sql`SELECT * FROM fund_entries WHERE unit_code = 'U007' AND period = ${PERIOD}`,
      ],
      [
        'verification queue',
        `/fund-entries?period=${PERIOD}&status=approved`,
        sql`SELECT * FROM fund_entries WHERE period = ${PERIOD} AND status = 'approved'`,
      ],
      ['status board', `/submissions?period=${PERIOD}`, null],
      ['targets progress', `/targets/progress?year=2026&period=${PERIOD}`, null],
      ['assessment', `/assessment?period=${PERIOD}`, null],
    ];
    for (const [what, p, q] of endpoints) {
      let ms: number[];
      try {
        ms = await timeIt(async () => {
          await (await get(p)).arrayBuffer();
        });
      } catch (e) {
        console.log(`  ${what}: ${(e as Error).message}`);
        continue;
      }
      const floorSql = q ? await rawSql(q) : null;
      const p50 = pct(ms, 50);
      const line: Line = {
        what,
        p50,
        p95: pct(ms, 95),
        floorHttp: floorP50,
        floorSql,
        ratio: `${(p50 / Math.max(floorP50 + (floorSql ?? 0), 0.01)).toFixed(1)}×`,
      };
      lines.push(line);
      console.log(
        `  ${what.padEnd(42)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${line.p95.toFixed(1).padStart(7)} ms   floor http ${floorP50.toFixed(2)} ms${floorSql === null ? '' : ` + sql ${floorSql.toFixed(1)} ms`}  = ${line.ratio}`,
      );
    }
    const together = await timeIt(async () => {
      await Promise.all(
        [`/stats/dispatch?period=${PERIOD}&detail=summary`, `/stats/monthly?period=${PERIOD}`, `/stats/breakdown?period=${PERIOD}`].map(
          async (p) => (await get(p)).arrayBuffer(),
        ),
      );
    });
    lines.push({
      what: 'dashboard: the three calls together',
      p50: pct(together, 50),
      p95: pct(together, 95),
      floorHttp: floorP50,
      floorSql: null,
      ratio: '',
    });
    console.log(
      `  ${'dashboard: the three calls together'.padEnd(42)} p50 ${pct(together, 50).toFixed(1).padStart(7)} ms  p95 ${pct(together, 95).toFixed(1).padStart(7)} ms`,
    );
    console.log("  files (once each, after the requests above; RSS = the server's peak so far):");
    for (const [what, p] of [
      ['到位资金完成情况表', `/reports/funds-by-unit.xlsx?period=${PERIOD}`],
      ['签约项目表', `/reports/contracts.xlsx?period=${PERIOD}`],
      ['重点项目进展表', `/reports/large-projects.xlsx?period=${PERIOD}`],
      ['利用外资表', `/reports/foreign.xlsx?period=${PERIOD}`],
      ['forecast (the dashboard card; computed here, then cached)', `/forecast?asOf=${PERIOD}`],
      ['briefing (Word)', `/reports/briefing.docx?period=${PERIOD}`],
      ['ledger export (whole province)', '/ledger/export.xlsx'],
    ] as const) {
      const s = Date.now();
      try {
        const r = await get(p);
        const bytes = (await r.arrayBuffer()).byteLength;
        const ms = Date.now() - s;
        lines.push({ what, p50: ms, p95: ms, floorHttp: floorP50, floorSql: null, ratio: '', rssMb: peakRssMb(server.pid!), bytes });
        console.log(
          `  ${what.padEnd(42)} ${String(ms).padStart(7)} ms  ${(bytes / 1e6).toFixed(1)} MB   server peak RSS ${peakRssMb(server.pid!)} MB`,
        );
      } catch (e) {
        console.log(`  ${what}: ${(e as Error).message}`);
      }
    }
  } finally {
    server.kill('SIGTERM');
    floor.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${url}`);
    else await drop();
  }
  return lines;
}

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  scale: SCALE,
  runs: RUNS,
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}`.trim(),
};
results.sqlite = await runOn('sqlite');
if (process.env.BENCH_PG_URL || process.env.TEST_PG_URL) results.postgres = await runOn('postgres');
const file = path.resolve('bench/results.json');
const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
fs.writeFileSync(file, `${JSON.stringify({ ...prev, province: results }, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
