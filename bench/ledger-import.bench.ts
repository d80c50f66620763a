// Ledger import at scale: generates a 100,000-row workbook (fund rows mostly), imports it into a
// fresh temporary SQLite database (or PostgreSQL: BENCH_PG_URL=postgres://… creates a temp database),
// and prints rows/s, seconds and peak RSS. Run: node bin/run-ts.js bench/ledger-import.bench.ts [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { SYSTEM_ACTOR } from '../src/modules/auth/actor';
import { importLedgerFile } from '../src/modules/ledger/ledger.import';
import { LEDGER_HEADERS } from '../src/contracts/ledger';
import { makeCreditCode } from '../src/domain/creditCode';

const TOTAL = Number(process.argv[2] ?? 100_000);
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
    projects.addRow([
      `P${String(p).padStart(6, '0')}`, `项目${p}`, `U${String((p % (UNITS - 1)) + 1).padStart(2, '0')}`, `责任人${p % 40}`,
      `投资公司${Math.ceil(p / 2)}有限公司${p % 3 === 0 ? `-${p}` : ''}`, credit, ORIGINS[Math.ceil(p / 2) % ORIGINS.length], '制造业', '工业',
      1000 + (p % 9000) + 0.1234, p % 5 === 0 ? 100.5 : 0, stage,
      ['合同', '开工', '投产'].includes(stage) ? '2024-03-15' : null, ['开工', '投产'].includes(stage) ? '2024-09-01' : null,
      stage === '投产' ? '2025-06-30' : null,
    ]).commit();
    rows++;
  }
  projects.commit();
  const funds = sheet('到位资金', LEDGER_HEADERS.funds);
  const fundRows = TOTAL - rows - 20;
  for (let i = 0; i < fundRows; i++) {
    const p = (i % PROJECTS) + 1;
    const m = Math.floor(i / PROJECTS) % MONTHS;
    const period = `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    funds.addRow([`P${String(p).padStart(6, '0')}`, period, 10 + (i % 997) + 0.25, i % 7 === 0 ? 1.5 : 0, i % 4 === 0 ? '待核实' : '已核实']).commit();
    rows++;
  }
  funds.commit();
  const acts = sheet('招商活动', LEDGER_HEADERS.activities);
  for (let a = 1; a <= 10; a++) {
    acts.addRow([`活动${a}`, '小分队', `2026-0${(a % 9) + 1}-03`, `2026-0${(a % 9) + 1}-07`, '长三角', 'U01', 5 + a, `P${String(a).padStart(6, '0')},P${String(a + 1).padStart(6, '0')}`]).commit();
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

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);

const g0 = Date.now();
const rows = await generate();
console.log(`generated ${rows} rows (${PROJECTS} projects) in ${((Date.now() - g0) / 1000).toFixed(1)} s → ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);

const pgAdmin = process.env.BENCH_PG_URL;
let url = path.join(dir, 'bench.db');
const dbName = `zs_bench_${process.pid}`;
if (pgAdmin) {
  const c = new pg.Client({ connectionString: pgAdmin });
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const u = new URL(pgAdmin);
  u.pathname = `/${dbName}`;
  url = u.toString();
}
const db = createDb(url);
await migrate(db);
const rssBefore = process.memoryUsage().rss;
peak = rssBefore;
let lastPhase = '';
const t0 = Date.now();
const r = await importLedgerFile(db, SYSTEM_ACTOR, file, {
  onProgress: (p) => {
    if (p.phase !== lastPhase) { process.stderr.write(`  ${p.phase} @ ${((Date.now() - t0) / 1000).toFixed(1)} s\n`); lastPhase = p.phase; }
  },
});
const secs = (Date.now() - t0) / 1000;
if (!r.ok) { console.error(r.errors.slice(0, 10)); process.exitCode = 1; }
const t1 = Date.now();
const again = await importLedgerFile(db, SYSTEM_ACTOR, file, { dryRun: true });
const secsAgain = (Date.now() - t1) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
console.log(`database: ${pgAdmin ? 'postgres' : 'sqlite'}`);
console.log(`import: ${r.rows} rows in ${secs.toFixed(1)} s = ${Math.round(r.rows / secs)} rows/s; committed=${r.committed}`);
console.log(`re-import check (dry run, all unchanged=${again.sheets.every((s) => s.created === 0 && s.updated === 0)}): ${secsAgain.toFixed(1)} s`);
console.log(`peak RSS: ${mb(peak)} (before import ${mb(rssBefore)}; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)})`);
await db.destroy();
if (pgAdmin) {
  const c = new pg.Client({ connectionString: pgAdmin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
}
fs.rmSync(dir, { recursive: true, force: true });
