// Dispatch statistics at provincial scale: N fund entries (default 2,000,000; BENCH_ROWS) across
// ~120 units and ~100k projects in a temporary SQLite database (or PostgreSQL when BENCH_PG_URL is
// set), then the statistics endpoints timed over 50 runs (p50/p95) and the figures printed.
// The fund entries are loaded with the rollup triggers off and the rollups rebuilt once after
// (docs/adr/0003-statistics-rollups.md); BENCH_LOAD_TRIGGERS=1 loads with the triggers on instead.
// Then: the rollups are checked against fund_entries, the statistics read from the rollups are
// compared with the direct aggregation, and single fund entry writes are timed with and without
// the triggers.
//   node bin/run-ts.js bench/stats.bench.ts        BENCH_ROWS=200000 node bin/run-ts.js bench/stats.bench.ts
//   BENCH_KEEP=1 keeps the database and prints where it is; BENCH_ONLY=breakdown times only those endpoints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { addUser, login, testApp } from '../src/test/harness';
import { breakdownStats, dispatchStats, type StatsScope } from '../src/modules/stats/stats.service';
import { checkFundRollups, markRollupsStale, rebuildFundRollups, rebuildStaleRollups } from '../src/modules/stats/rollups';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const UNITS = 120;
const PROJECTS = Math.min(100_000, Math.max(1000, Math.ceil(ROWS / 20)));
const INVESTORS = 5000;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const LOAD_TRIGGERS = process.env.BENCH_LOAD_TRIGGERS === '1';
/** BENCH_ONLY=breakdown: time only the endpoints whose URL contains it (then check the breakdown and stop). */
const ONLY = process.env.BENCH_ONLY ?? '';
const CHECK_SCOPES: StatsScope[] = [
  { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' },
  { period: { year: 2026, month: 12 }, unitCode: null, basis: 'reported' },
  { period: { year: 2026, month: 5 }, unitCode: 'U001', basis: 'verified' },
];
const SCOPES = ['local', 'province', 'domestic', 'abroad'];
const STAGES = ['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating', 'dropped'];
const STATUSES = ['verified', 'verified', 'verified', 'submitted', 'approved', 'draft'];
// Origins over the economic regions (长三角, 珠三角, 京津冀, others) and 14 industry sections: the breakdown's groups.
const ORIGIN_CODES = ['310000', '440300', '110000', '220100', '320500', '510100', '330100', '120000', '440100', '610100'];
const INDUSTRIES = 'ABCDEFGHIJKLMN'.split('');

let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const periodOf = (k: number) => {
  const y = 2025 + Math.floor(k / 12);
  const m = (k % 12) + 1;
  return { y, m, p: `${y}-${String(m).padStart(2, '0')}` };
};

type Row = unknown[];
function* generate() {
  const t = new Date().toISOString();
  yield {
    table: 'units',
    cols: ['code', 'name', 'kind', 'sort', 'created_at', 'updated_at'],
    rows: [
      ['C00', '示例省', 'city', 0, t, t] as Row,
      ...Array.from(
        { length: UNITS },
        (_, i) =>
          [`U${String(i + 1).padStart(3, '0')}`, `单位${i + 1}`, i < 80 ? 'county' : i < 100 ? 'zone' : 'department', i, t, t] as Row,
      ),
    ],
  };
  yield {
    table: 'targets',
    cols: ['year', 'unit_code', 'indicator', 'base_value', 'stretch_value', 'created_at', 'updated_at'],
    rows: [
      [2026, 'C00', 'funds', 500_000_000_000, 600_000_000_000, t, t] as Row,
      ...Array.from(
        { length: UNITS - 10 },
        (_, i) => [2026, `U${String(i + 1).padStart(3, '0')}`, 'funds', 4_000_000_000, 5_000_000_000, t, t] as Row,
      ),
    ],
  };
  yield {
    table: 'investors',
    cols: ['name', 'origin_scope', 'origin_code', 'created_at', 'updated_at'],
    rows: Array.from({ length: INVESTORS }, (_, i) => [`投资方${i}`, SCOPES[i % 4], ORIGIN_CODES[i % ORIGIN_CODES.length], t, t] as Row),
  };
  yield {
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
      'contract_date',
      'created_at',
      'updated_at',
    ],
    rows: Array.from(
      { length: PROJECTS },
      (_, i) =>
        [
          `P${i}`,
          `项目${i}`,
          `U${String((i % UNITS) + 1).padStart(3, '0')}`,
          `责任人${i % 50}`,
          (i % INVESTORS) + 1,
          INDUSTRIES[i % INDUSTRIES.length],
          Math.floor(rnd() * 200_000) * 10_000,
          STAGES[i % 8],
          i % 7 === 0 ? `2026-${String((i % 12) + 1).padStart(2, '0')}-15` : null,
          t,
          t,
        ] as Row,
    ),
  };
  yield {
    table: 'reserve_projects',
    cols: ['name', 'unit_code', 'total_investment_yuan', 'status', 'created_at', 'updated_at'],
    rows: Array.from(
      { length: 2000 },
      (_, i) =>
        [
          `储备${i}`,
          `U${String((i % UNITS) + 1).padStart(3, '0')}`,
          (i % 50) * 1_000_000,
          ['reserve', 'promoted', 'converted', 'withdrawn'][i % 4],
          t,
          t,
        ] as Row,
    ),
  };
  yield {
    table: 'activities',
    cols: ['name', 'kind', 'start_date', 'unit_code', 'person_times', 'created_at', 'updated_at'],
    rows: Array.from(
      { length: 3000 },
      (_, i) =>
        [
          `活动${i}`,
          ['trip', 'event', 'signing', 'delegation'][i % 4],
          `2026-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}`,
          `U${String((i % UNITS) + 1).padStart(3, '0')}`,
          5 + (i % 20),
          t,
          t,
        ] as Row,
    ),
  };
}
function* fundRows(): Generator<Row> {
  const t = new Date().toISOString();
  // Each project gets one entry per month, month by month, so (project, period, kind) stays unique.
  for (let i = 0; i < ROWS; i++) {
    const project = (i % PROJECTS) + 1;
    const { y, m, p } = periodOf(Math.floor(i / PROJECTS) % 24);
    const unit = `U${String(((project - 1) % UNITS) + 1).padStart(3, '0')}`;
    yield [
      project,
      unit,
      p,
      y,
      m,
      `k${Math.floor(i / (PROJECTS * 24))}`,
      10_000 + Math.floor(rnd() * 5_000_000),
      project % 4 === 3 ? Math.floor(rnd() * 100_000) : 0,
      STATUSES[i % STATUSES.length],
      t,
      t,
    ];
  }
}
const FUND_COLS = [
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
];

async function loadSqlite(file: string) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  for (const g of generate()) {
    const st = db.prepare(`INSERT INTO ${g.table} (${g.cols.join(',')}) VALUES (${g.cols.map(() => '?').join(',')})`);
    db.transaction((rows: Row[]) => {
      for (const r of rows) st.run(...r);
    })(g.rows);
  }
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'fund_entries'`).all() as {
    name: string;
    sql: string;
  }[];
  if (!LOAD_TRIGGERS) for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const st = db.prepare(`INSERT INTO fund_entries (${FUND_COLS.join(',')}) VALUES (${FUND_COLS.map(() => '?').join(',')})`);
  let batch: Row[] = [];
  const flush = db.transaction((rows: Row[]) => {
    for (const r of rows) st.run(...r);
  });
  for (const r of fundRows()) {
    batch.push(r);
    if (batch.length === 50_000) {
      flush(batch);
      batch = [];
    }
  }
  if (batch.length) flush(batch);
  if (!LOAD_TRIGGERS) for (const t of triggers) db.exec(t.sql);
  db.close();
}

async function loadPg(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const copy = async (table: string, cols: string[], rows: Iterable<Row>) => {
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
      await c.query(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${values}`, params);
      batch = [];
    };
    for (const r of rows) {
      batch.push(r);
      if (batch.length * cols.length >= 60_000) await flush();
    }
    await flush();
  };
  for (const g of generate()) await copy(g.table, g.cols, g.rows);
  if (!LOAD_TRIGGERS) await c.query('ALTER TABLE fund_entries DISABLE TRIGGER USER');
  await copy('fund_entries', FUND_COLS, fundRows());
  if (!LOAD_TRIGGERS) await c.query('ALTER TABLE fund_entries ENABLE TRIGGER USER');
  await c.end();
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main() {
  const pgUrl = process.env.BENCH_PG_URL;
  let url: string;
  let cleanup: () => Promise<void>;
  if (pgUrl) {
    const name = `zs_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-'));
    url = path.join(dir, 'bench.db');
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  let db: Db = createDb(url);
  await migrate(db);
  await db.destroy();
  const t0 = Date.now();
  if (pgUrl) await loadPg(url);
  else await loadSqlite(url);
  console.log(
    `${pgUrl ? 'PostgreSQL' : 'SQLite'}: ${ROWS.toLocaleString()} fund entries, ${PROJECTS.toLocaleString()} projects, ${UNITS} units loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s (rollup triggers ${LOAD_TRIGGERS ? 'on' : 'off'})`,
  );

  db = createDb(url);
  if (!LOAD_TRIGGERS) {
    const t1 = Date.now();
    await db.transaction().execute((tx) => rebuildFundRollups(tx));
    console.log(`rebuildFundRollups: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
  await sql.raw('ANALYZE').execute(db);
  const rollupRows = await db
    .selectFrom('fund_rollups')
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .executeTakeFirstOrThrow();
  const firstRows = await db
    .selectFrom('fund_project_firsts')
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .executeTakeFirstOrThrow();
  console.log(
    `fund_rollups: ${Number(rollupRows.c).toLocaleString()} rows; fund_project_firsts: ${Number(firstRows.c).toLocaleString()} rows`,
  );
  // (The tables of migration 016: none when the bench runs against the code before it.)
  const rowsOf = async (table: 'fund_breakdown_rollups' | 'fund_breakdown_firsts' | 'fund_breakdown_counts') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('c'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.c).toLocaleString())
      .catch(() => '—');
  console.log(
    `fund_breakdown_rollups: ${await rowsOf('fund_breakdown_rollups')} rows; fund_breakdown_firsts: ${await rowsOf('fund_breakdown_firsts')}; fund_breakdown_counts: ${await rowsOf('fund_breakdown_counts')}`,
  );
  await addUser(db, 'bench', ['city_office']);
  const app = await testApp(db);
  const c = await login(app, 'bench');
  const time = async (label: string, url: string) => {
    if (ONLY && !url.includes(ONLY)) return;
    await c.get(url); // warm
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = process.hrtime.bigint();
      const r = await c.get(url);
      ms.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    }
    console.log(`${label.padEnd(44)} p50 ${pct(ms, 50).toFixed(1).padStart(7)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(7)} ms`);
  };
  await time('GET /stats/dispatch?period=2026-05', '/api/v1/stats/dispatch?period=2026-05');
  await time('GET /stats/dispatch?period=2026-12', '/api/v1/stats/dispatch?period=2026-12');
  await time('GET /stats/dispatch?period=2026-05&unit=U001', '/api/v1/stats/dispatch?period=2026-05&unit=U001');
  await time('GET /stats/dispatch?period=2026-05&basis=reported', '/api/v1/stats/dispatch?period=2026-05&basis=reported');
  await time('GET /stats/dispatch (latest period)', '/api/v1/stats/dispatch');
  await time('GET /stats/monthly?period=2026-05', '/api/v1/stats/monthly?period=2026-05');
  await time('GET /stats/monthly?period=2026-05&unit=U001', '/api/v1/stats/monthly?period=2026-05&unit=U001');
  await time('GET /stats/breakdown?period=2026-05', '/api/v1/stats/breakdown?period=2026-05');
  await time('GET /stats/breakdown?period=2026-12&basis=reported', '/api/v1/stats/breakdown?period=2026-12&basis=reported');
  await time('GET /stats/breakdown?period=2026-05&unit=U001', '/api/v1/stats/breakdown?period=2026-05&unit=U001');
  // The breakdown as it was computed before migration 016 (the direct aggregation, kept as the
  // 'entries' path), timed in the same run: the "before" figure.
  {
    const scope: StatsScope = { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' };
    for (const source of ['entries', 'rollups'] as const) {
      await breakdownStats(db, scope, source);
      const ms: number[] = [];
      for (let i = 0; i < Math.min(RUNS, 20); i++) {
        const s0 = process.hrtime.bigint();
        await breakdownStats(db, scope, source);
        ms.push(Number(process.hrtime.bigint() - s0) / 1e6);
      }
      const label = `breakdownStats(2026-05, city) from ${source}`;
      console.log(`${label.padEnd(44)} p50 ${pct(ms, 50).toFixed(1).padStart(7)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(7)} ms`);
    }
  }
  await time('GET /stats/drilldown?period=2026-05&figure=largeProjects', '/api/v1/stats/drilldown?period=2026-05&figure=largeProjects');
  await time('GET /targets/progress?period=2026-05', '/api/v1/targets/progress?period=2026-05');
  await time('GET /assessment?period=2026-05', '/api/v1/assessment?period=2026-05');
  if (ONLY) {
    // Only the endpoints asked for, and the breakdown checked against the direct aggregation.
    let same = true;
    for (const scope of CHECK_SCOPES) {
      const { source: _c, ...fromRollups } = await breakdownStats(db, scope, 'rollups');
      const { source: _d, ...direct } = await breakdownStats(db, scope, 'entries');
      same &&= JSON.stringify(fromRollups) === JSON.stringify(direct);
    }
    console.log(`breakdown from rollups ${same ? 'equals' : 'DIFFERS FROM'} the direct aggregation (3 scopes)`);
    await app.close();
    await db.destroy();
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${url}`);
    else await cleanup();
    if (!same) process.exitCode = 1;
    return;
  }
  const s = await dispatchStats(db, { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' });
  console.log(
    JSON.stringify({
      fundsYtdYuan: s.fundsYtdYuan,
      fundsYtdLastYearYuan: s.fundsYtdLastYearYuan,
      yoy: s.yoy,
      completion: s.completion,
      foreignUsdYtd: s.foreignUsdYtd,
      outsideRegionYtdYuan: s.outsideRegionYtdYuan,
      largeProjects: s.largeProjects,
      units: s.units.length,
      zeroResultUnits: s.zeroResultUnits.length,
    }),
  );

  // Exactness at scale: rollups against fund_entries, and the statistics both ways.
  let t1 = Date.now();
  const diffs = await checkFundRollups(db);
  console.log(`checkFundRollups: ${diffs.length} differences (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
  t1 = Date.now();
  let same = true;
  for (const scope of CHECK_SCOPES) {
    const { source: _a, ...fromRollups } = await dispatchStats(db, scope, 'rollups');
    const { source: _b, ...direct } = await dispatchStats(db, scope, 'entries');
    same &&= JSON.stringify(fromRollups) === JSON.stringify(direct);
    const { source: _c, ...breakdownFromRollups } = await breakdownStats(db, scope, 'rollups');
    const { source: _d, ...breakdownDirect } = await breakdownStats(db, scope, 'entries');
    same &&= JSON.stringify(breakdownFromRollups) === JSON.stringify(breakdownDirect);
  }
  console.log(
    `dispatch statistics and breakdown from rollups ${same ? 'equal' : 'DIFFER FROM'} the direct aggregation (3 scopes, ${((Date.now() - t1) / 1000).toFixed(1)} s)`,
  );
  await thresholdChange(db);
  await app.close();
  await db.destroy();

  await writeCost(url, !!pgUrl);
  if (process.env.BENCH_KEEP === '1') console.log(`kept: ${url}`);
  else await cleanup();
  if (diffs.length || !same) process.exitCode = 1;
}

/**
 * A large-project threshold change (docs/adr/0005): how long the settings request takes, that the
 * statistics answer from the entries meanwhile, and the longest single transaction of the
 * year-by-year rebuild that follows (what a writer can wait for at most).
 */
async function thresholdChange(db: Db) {
  const t0 = process.hrtime.bigint();
  await db.transaction().execute((tx) => markRollupsStale(tx, 60_000_000));
  const markMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const s0 = process.hrtime.bigint();
  const pending = await dispatchStats(db, { period: { year: 2026, month: 5 }, unitCode: null, basis: 'verified' });
  const pendingMs = Number(process.hrtime.bigint() - s0) / 1e6;
  const perPiece: number[] = [];
  const r0 = process.hrtime.bigint();
  await rebuildStaleRollups(db, (ms) => perPiece.push(ms));
  const totalS = Number(process.hrtime.bigint() - r0) / 1e9;
  console.log(
    `threshold change: settings transaction ${markMs.toFixed(1)} ms; dispatch meanwhile from '${pending.source}' ${pendingMs.toFixed(0)} ms;` +
      ` rebuild in ${perPiece.length} pieces, longest transaction ${Math.max(...perPiece).toFixed(0)} ms, p95 ${pct(perPiece, 95).toFixed(0)} ms (total ${totalS.toFixed(1)} s)`,
  );
  const diffs = await checkFundRollups(db);
  console.log(`after the piecewise rebuild: ${diffs.length} differences`);
  await db.transaction().execute((tx) => markRollupsStale(tx, 50_000_000));
  await db.transaction().execute((tx) => rebuildFundRollups(tx));
}

/**
 * The cost the rollup triggers add to single fund entry writes: N inserts, N amount updates,
 * N status updates and N deletes, each its own transaction, with the triggers on and off.
 */
async function writeCost(url: string, isPg: boolean) {
  const N = Number(process.env.BENCH_WRITES ?? 1000);
  const t = new Date().toISOString();
  const periods = Array.from({ length: N }, (_, i) => `2030-${String((i % 12) + 1).padStart(2, '0')}`);
  const rows = (k: string) =>
    Array.from({ length: N }, (_, i) => [
      ((i * 97) % PROJECTS) + 1,
      `U${String((((i * 97) % PROJECTS) % UNITS) + 1).padStart(3, '0')}`,
      periods[i],
      2030,
      (i % 12) + 1,
      `${k}${i}`,
      1_000_000 + i,
      0,
      'submitted',
      t,
      t,
    ]);
  const report = (label: string, ms: number[]) =>
    console.log(
      `  ${label.padEnd(34)} ${((ms.reduce((a, b) => a + b, 0) / N) * 1000).toFixed(0).padStart(6)} µs/op   p95 ${(pct(ms, 95) * 1000).toFixed(0).padStart(6)} µs`,
    );
  type Exec = (q: string, params: unknown[]) => Promise<unknown>;
  const run = async (exec: Exec, label: string, k: string) => {
    console.log(`single fund entry writes (${N} each, autocommit), triggers ${label}:`);
    const ins = `INSERT INTO fund_entries (${FUND_COLS.join(',')}) VALUES (${FUND_COLS.map((_, i) => (isPg ? `$${i + 1}` : '?')).join(',')})`;
    const p = (i: number) => (isPg ? `$${i}` : '?');
    const timeAll = async (fn: (i: number) => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < N; i++) {
        const s = process.hrtime.bigint();
        await fn(i);
        ms.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      return ms;
    };
    const r = rows(k);
    report('INSERT', await timeAll((i) => exec(ins, r[i]!)));
    report(
      'UPDATE amount_yuan',
      await timeAll((i) =>
        exec(`UPDATE fund_entries SET amount_yuan = amount_yuan + 1 WHERE kind = ${p(1)} AND project_id = ${p(2)} AND period = ${p(3)}`, [
          `${k}${i}`,
          r[i]![0],
          r[i]![2],
        ]),
      ),
    );
    report(
      'UPDATE status → verified',
      await timeAll((i) =>
        exec(`UPDATE fund_entries SET status = 'verified' WHERE kind = ${p(1)} AND project_id = ${p(2)} AND period = ${p(3)}`, [
          `${k}${i}`,
          r[i]![0],
          r[i]![2],
        ]),
      ),
    );
    report(
      'DELETE',
      await timeAll((i) =>
        exec(`DELETE FROM fund_entries WHERE kind = ${p(1)} AND project_id = ${p(2)} AND period = ${p(3)}`, [
          `${k}${i}`,
          r[i]![0],
          r[i]![2],
        ]),
      ),
    );
  };
  if (isPg) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const exec: Exec = (q, params) => c.query(q, params);
    await run(exec, 'on', 'w');
    await c.query('ALTER TABLE fund_entries DISABLE TRIGGER USER');
    await run(exec, 'off', 'x');
    await c.query('ALTER TABLE fund_entries ENABLE TRIGGER USER');
    await c.end();
  } else {
    const db = new SQLite(url);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const exec: Exec = async (q, params) => db.prepare(q).run(...params);
    await run(exec, 'on', 'w');
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'fund_entries'`).all() as {
      name: string;
      sql: string;
    }[];
    for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
    await run(exec, 'off', 'x');
    for (const tr of triggers) db.exec(tr.sql);
    db.close();
  }
}
await main();
