// Ledger import and export at scale (npm run bench:ledger [rows]). For SQLite and — when TEST_PG_URL
// or BENCH_PG_URL names a PostgreSQL server — PostgreSQL, each in its own process (so RSS is its own):
//   * a 60,000-row ledger (fund rows mostly) imported into a fresh database: seconds, rows/s, how long
//     the write transaction held the database, peak RSS;
//   * meanwhile, other users' reads (the /healthz query, a project page read) and writes (an audited
//     project edit) in a small concurrent loop: p50 / p99 / max latency and errors;
//   * the export of 200,000 projects with the streaming writer: seconds and peak RSS.
// Figures are printed, never asserted. One case alone: node bin/run-ts.js bench/ledger-import.bench.ts
//   --case sqlite|postgres [--part import|export] [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { SYSTEM_ACTOR } from '../src/modules/auth/actor';
import { importLedgerFile } from '../src/modules/ledger/ledger.import';
import { LEDGER_HEADERS } from '../src/contracts/ledger';
import { makeCreditCode } from '../src/domain/creditCode';

import { spawnSync } from 'node:child_process';
import { auditMany } from '../src/modules/audit/audit.service';
import { exportLedger } from '../src/modules/ledger/ledger.export';

const args = process.argv.slice(2);
const caseArg = args.indexOf('--case');
const CASE = caseArg >= 0 ? args[caseArg + 1] : null;
const partArg = args.indexOf('--part');
const PART = partArg >= 0 ? args[partArg + 1] : 'all';
const TOTAL = Number(args.find((a) => /^\d+$/.test(a)) ?? 60_000);
const EXPORT_PROJECTS = Number(process.env.BENCH_EXPORT_PROJECTS ?? 200_000);
const PG_ADMIN = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;

if (!CASE) {
  // The driver: one child process per database.
  const cases = ['sqlite', ...(PG_ADMIN ? ['postgres'] : [])];
  for (const c of cases) {
    for (const part of ['import', 'export']) {
      console.log(`\n=== ${c}: ${part} ===`);
      const r = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/ledger-import.bench.ts', '--case', c, '--part', part, String(TOTAL)], {
        stdio: 'inherit',
      });
      if (r.status !== 0) process.exitCode = 1;
    }
  }
  if (!PG_ADMIN) console.log('\n(PostgreSQL skipped: set TEST_PG_URL or BENCH_PG_URL)');
  process.exit();
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-ledger-bench-'));
const file = path.join(dir, 'ledger.xlsx');

const UNITS = 12;
const PROJECTS = Math.max(10, Math.round(TOTAL / 50));
const MONTHS = 60; // 2022-01 … 2026-12
const ORIGINS = ['浙江省杭州市', '上海市', '吉林省长春市', '吉林省吉林市船营区', '香港', '美国', '440300', '江苏省苏州市'];

async function generate(): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  let rows = 0;
  const sheet = (name: string, headers: readonly string[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...headers]).commit();
    return ws;
  };
  const units = sheet('单位', LEDGER_HEADERS.units);
  units.addRow(['C00', '示例市人民政府', '市']).commit();
  for (let u = 1; u < UNITS; u++) units.addRow([`U${String(u).padStart(2, '0')}`, `第${u}区`, u < 8 ? '县市区' : '开发区']).commit();
  rows += UNITS;
  units.commit();
  const targets = sheet('目标', LEDGER_HEADERS.targets);
  for (let u = 1; u < UNITS; u++) {
    targets.addRow([2026, `U${String(u).padStart(2, '0')}`, '到位资金', 100000 + u, 120000 + u]).commit();
    rows++;
  }
  targets.commit();
  const projects = sheet('项目', LEDGER_HEADERS.projects);
  const stages = ['线索', '在谈', '意向', '协议', '合同', '开工', '投产'];
  for (let p = 1; p <= PROJECTS; p++) {
    const stage = stages[p % stages.length]!;
    const credit = p % 3 === 0 ? makeCreditCode(`91220200${String(p).padStart(9, '0')}`) : null;
    projects
      .addRow([
        `P${String(p).padStart(6, '0')}`,
        `项目${p}`,
        `U${String((p % (UNITS - 1)) + 1).padStart(2, '0')}`,
        `责任人${p % 40}`,
        `投资公司${Math.ceil(p / 2)}有限公司${p % 3 === 0 ? `-${p}` : ''}`,
        credit,
        ORIGINS[Math.ceil(p / 2) % ORIGINS.length],
        '制造业',
        '工业',
        1000 + (p % 9000) + 0.1234,
        p % 5 === 0 ? 100.5 : 0,
        stage,
        ['合同', '开工', '投产'].includes(stage) ? '2024-03-15' : null,
        ['开工', '投产'].includes(stage) ? '2024-09-01' : null,
        stage === '投产' ? '2025-06-30' : null,
      ])
      .commit();
    rows++;
  }
  projects.commit();
  const funds = sheet('到位资金', LEDGER_HEADERS.funds);
  const fundRows = TOTAL - rows - 20;
  for (let i = 0; i < fundRows; i++) {
    const p = (i % PROJECTS) + 1;
    const m = Math.floor(i / PROJECTS) % MONTHS;
    const period = `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    funds
      .addRow([`P${String(p).padStart(6, '0')}`, period, 10 + (i % 997) + 0.25, i % 7 === 0 ? 1.5 : 0, i % 4 === 0 ? '待核实' : '已核实'])
      .commit();
    rows++;
  }
  funds.commit();
  const acts = sheet('招商活动', LEDGER_HEADERS.activities);
  for (let a = 1; a <= 10; a++) {
    acts
      .addRow([
        `活动${a}`,
        '小分队',
        `2026-0${(a % 9) + 1}-03`,
        `2026-0${(a % 9) + 1}-07`,
        '长三角',
        'U01',
        5 + a,
        `P${String(a).padStart(6, '0')},P${String(a + 1).padStart(6, '0')}`,
      ])
      .commit();
    rows++;
  }
  acts.commit();
  const res = sheet('储备项目', LEDGER_HEADERS.reserve);
  for (let r = 1; r <= 10; r++) {
    res.addRow([`储备${r}`, 'U02', '医药', 2000 + r, '储备']).commit();
    rows++;
  }
  res.commit();
  await wb.commit();
  return rows;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 20);

const g0 = Date.now();
const rows = PART === 'export' ? 0 : await generate();
if (PART !== 'export')
  console.log(
    `generated ${rows} rows (${PROJECTS} projects) in ${((Date.now() - g0) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`,
  );

async function openDb(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (CASE !== 'postgres') return { url: path.join(dir, `${name}.db`), drop: async () => {} };
  const dbName = `zs_bench_${name}_${process.pid}`;
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const u = new URL(PG_ADMIN!);
  u.pathname = `/${dbName}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_ADMIN });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await d.end();
    },
  };
}

// --- import, with other users working meanwhile -----------------------------------------------
if (PART !== 'export') {
  const target = await openDb('import');
  const db = createDb(target.url);
  await migrate(db);
  // Other users' data: a few hundred projects of their own to read and edit during the import.
  await db
    .insertInto('units')
    .values({
      code: 'W01',
      name: '其他单位',
      kind: 'county',
      sort: 1,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .execute();
  const now = new Date().toISOString();
  for (let i = 0; i < 300; i += 100) {
    await db
      .insertInto('projects')
      .values(
        Array.from({ length: 100 }, (_, k) => ({
          code: `W${String(i + k).padStart(5, '0')}`,
          name: `其他项目${i + k}`,
          unit_code: 'W01',
          stage: 'negotiating',
          total_investment_yuan: 1_000_000,
          foreign_usd: 0,
          registered_on: '2026-01-01',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  const ids = (await db.selectFrom('projects').select('id').execute()).map((r) => r.id);
  const user = { ...SYSTEM_ACTOR, name: '其他用户' };
  const lat = { read: [] as number[], write: [] as number[], readErr: 0, writeErr: 0 };
  let running = true;
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  // Other users send a read and a write every 20 ms each, on a fixed schedule and without waiting for
  // each other (open loop). Latency counts from when a request was due, so time spent waiting for a
  // blocked event loop or a busy database is counted too (no coordinated omission).
  const INTERVAL = 20;
  const request = async (kind: 'read' | 'write', due: number) => {
    try {
      if (kind === 'read') {
        await db.selectFrom('settings').select('key').limit(1).execute(); // what /healthz asks
        await db
          .selectFrom('projects')
          .leftJoin('units', 'units.code', 'projects.unit_code')
          .selectAll('projects')
          .where('projects.id', '=', pick())
          .executeTakeFirst();
      } else {
        await db.transaction().execute(async (tx) => {
          const id = pick();
          await tx
            .updateTable('projects')
            .set({ owner: `改${Math.random().toString(36).slice(2, 6)}`, version: (eb) => eb('version', '+', 1) })
            .where('id', '=', id)
            .execute();
          await auditMany(tx, user, [{ action: 'update', entity: 'project', entityId: id, summary: 'bench' }]);
        });
      }
      lat[kind].push(performance.now() - due);
    } catch {
      if (kind === 'read') lat.readErr++;
      else lat.writeErr++;
    }
  };
  const inFlight = new Set<Promise<void>>();
  const users = async () => {
    const start = performance.now();
    let k = 0;
    while (running) {
      await new Promise((r) => setTimeout(r, 5));
      // every request that fell due meanwhile goes out now, stamped with its due time
      for (let due = start + k * INTERVAL; due <= performance.now() && running; due = start + ++k * INTERVAL) {
        for (const kind of ['read', 'write'] as const) {
          const p = request(kind, due);
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
      }
    }
    await Promise.all(inFlight);
  };
  const rssBefore = process.memoryUsage().rss;
  peak = rssBefore;
  let writeStart = 0;
  let writeEnd = 0;
  const t0 = performance.now();
  const others = [users()];
  const r = await importLedgerFile(db, SYSTEM_ACTOR, file, {
    onProgress: (p) => {
      if (p.phase === 'write' && p.done === 0) writeStart = performance.now();
      if (p.phase === 'done') writeEnd = performance.now();
    },
  });
  const secs = (performance.now() - t0) / 1000;
  running = false;
  await Promise.all(others);
  sample();
  if (!r.ok) {
    console.error(r.errors.slice(0, 10));
    process.exitCode = 1;
  }
  console.log(
    `import: ${r.rows} rows in ${secs.toFixed(1)} s = ${Math.round(r.rows / secs)} rows/s; committed=${r.committed}; ` +
      `write transaction ${writeStart ? ((writeEnd - writeStart) / 1000).toFixed(2) : '?'} s`,
  );
  console.log(`import peak RSS: ${mb(peak)} (before ${mb(rssBefore)}; growth ${mb(peak - rssBefore)})`);
  const fmt = (xs: number[], err: number) =>
    `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms, errors ${err}`;
  console.log(`other users during the import — reads (/healthz query + project): ${fmt(lat.read, lat.readErr)}`);
  console.log(`other users during the import — writes (audited project edit):   ${fmt(lat.write, lat.writeErr)}`);
  const t1 = performance.now();
  const again = await importLedgerFile(db, SYSTEM_ACTOR, file, { dryRun: true });
  console.log(
    `re-import check (dry run, all unchanged=${again.sheets.every((s) => s.created === 0 && s.updated === 0)}): ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
  await db.destroy();
  await target.drop();
}

// --- export of a province-sized ledger ----------------------------------------------------------
if (PART !== 'import') {
  const target = await openDb('export');
  const db = createDb(target.url);
  await migrate(db);
  const now = new Date().toISOString();
  await db
    .insertInto('units')
    .values(
      Array.from({ length: 100 }, (_, u) => ({
        code: `U${String(u).padStart(3, '0')}`,
        name: `第${u}区`,
        kind: u === 0 ? 'city' : 'county',
        sort: u,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const s0 = performance.now();
  for (let i = 0; i < EXPORT_PROJECTS; i += 1000) {
    await db
      .insertInto('projects')
      .values(
        Array.from({ length: Math.min(1000, EXPORT_PROJECTS - i) }, (_, k) => {
          const n = i + k;
          return {
            code: `P${String(n).padStart(7, '0')}`,
            name: `吉林省某某新材料产业园建设项目${n}`,
            unit_code: `U${String(n % 100).padStart(3, '0')}`,
            owner: `责任人${n % 500}`,
            industry: '制造业',
            project_type: 'industrial',
            stage: 'negotiating',
            total_investment_yuan: 10_000_000 + n,
            foreign_usd: 0,
            registered_on: '2026-01-01',
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
  console.log(`seeded ${EXPORT_PROJECTS} projects in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const out = path.join(dir, 'export.xlsx');
  const rssBefore = process.memoryUsage().rss;
  peak = rssBefore;
  const t0 = performance.now();
  const counts = await exportLedger(db, SYSTEM_ACTOR, out);
  const secs = (performance.now() - t0) / 1000;
  sample();
  console.log(
    `export: ${counts['项目']} projects in ${secs.toFixed(1)} s (${(fs.statSync(out).size / 1e6).toFixed(1)} MB); ` +
      `peak RSS ${mb(peak)} (before ${mb(rssBefore)}; growth ${mb(peak - rssBefore)})`,
  );
  await db.destroy();
  await target.drop();
}
clearInterval(sampler);
console.log(`process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
fs.rmSync(dir, { recursive: true, force: true });
