// The import as one of several doors: the same roles as the settings and units APIs, fund entries
// that move with their project as the projects API moves them, plain text, and all or nothing when
// the write fails or the database moves between the check and the write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, seedBasics, type TestDb } from '../../test/harness';
import { SYSTEM_ACTOR, makeActor } from '../auth/actor';
import { LEDGER_HEADERS as H, formatLedgerError } from '../../contracts/ledger';
import { importLedgerFile } from './ledger.import';
import { exportLedger } from './ledger.export';
import { readCode, readText } from './ledger.cells';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-ledger-int-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
type Cells = (string | number | null)[];
async function book(sheets: Record<string, Cells[]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const f = path.join(tmp, `b${n++}.xlsx`);
  await wb.xlsx.writeFile(f);
  return f;
}

const office = makeActor({ userId: null, name: '市招商办', roles: ['city_office'], unitCode: 'C00', via: 'session' });

describe.each(DB_KINDS)('ledger import integrity (%s)', (kind) => {
  let t: TestDb;
  const snapshot = async () => ({
    settings: await t.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute(),
    units: await t.db.selectFrom('units').select(['code', 'name', 'kind']).orderBy('code').execute(),
    projects: await t.db.selectFrom('projects').select(['code', 'unit_code', 'name']).orderBy('code').execute(),
    funds: await t.db.selectFrom('fund_entries').select(['project_id', 'period', 'unit_code', 'amount_yuan']).orderBy('id').execute(),
    audit: Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('the 设置 and 单位 sheets need the settings and units permissions; nothing is written without them', async () => {
    const before = await snapshot();
    const settings = await book({
      设置: [[...H.settings], ['largeProjectThresholdWan', 1]],
      项目: [[...H.projects], ['R1', '某项目', 'U01', null, null, null, null, null, null, 100, 0, '在谈', null, null, null]],
    });
    const e1 = await importLedgerFile(t.db, office, settings).then(
      () => null,
      (e: unknown) => e,
    );
    expect(e1).toMatchObject({ code: 'forbidden' });
    expect((e1 as Error).message).toMatch(/^导入被拒绝：「设置」工作表只能由系统管理员导入/);
    // the preview says so too, before any token is handed out
    await expect(importLedgerFile(t.db, office, settings, { dryRun: true })).rejects.toMatchObject({ code: 'forbidden' });
    const units = await book({ 单位: [[...H.units], ['U01', '改名区', '县市区']] });
    const e2 = await importLedgerFile(t.db, office, units).then(
      () => null,
      (e: unknown) => e,
    );
    expect((e2 as Error).message).toMatch(/^导入被拒绝：「单位」工作表只能由系统管理员导入/);
    const newUnit = await book({ 单位: [[...H.units], ['U09', '新区', '县市区']] });
    await expect(importLedgerFile(t.db, office, newUnit)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await snapshot()).toEqual(before);
    // Unchanged rows are not a change: the city office re-imports its own export as before.
    const exported = path.join(tmp, 'office-export.xlsx');
    await exportLedger(t.db, office, exported);
    const r = await importLedgerFile(t.db, office, exported);
    expect(r.errors).toEqual([]);
    expect(r.committed).toBe(true);
  });

  it('imported text stays plain text; control characters are refused', async () => {
    const name = '<img src=x onerror=alert(1)>区';
    const f = await book({ 单位: [[...H.units], ['X1', name, '开发区']] });
    expect((await importLedgerFile(t.db, SYSTEM_ACTOR, f)).committed).toBe(true);
    const u = await t.db.selectFrom('units').select('name').where('code', '=', 'X1').executeTakeFirstOrThrow();
    expect(u.name).toBe(name);
    const out = path.join(tmp, 'x1.xlsx');
    await exportLedger(t.db, SYSTEM_ACTOR, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const row = wb
      .getWorksheet('单位')!
      .getRows(2, 20)!
      .find((x) => x.getCell(1).value === 'X1')!;
    expect(row.getCell(2).value).toBe(name);
    // (an .xlsx cannot carry NUL in its XML; the cell reader is what stands between a cell and the database)
    expect(readText('a\u0000b')).toEqual({ ok: false, message: expect.stringMatching(/^含有不可见的控制字符/) });
    expect(readCode('P\u00071')).toMatchObject({ ok: false });
    expect(readText('第一行\n第二行\t')).toEqual({ ok: true, value: '第一行\n第二行' });
  });

  it('a project moved to another unit takes its fund entries along, as the projects API does', async () => {
    const f1 = await book({
      项目: [[...H.projects], ['M1', '搬迁项目', 'U01', null, null, null, null, null, null, 100, 0, '在谈', null, null, null]],
      到位资金: [[...H.funds], ['M1', '2026-01', 10, 0, '已核实'], ['M1', '2026-02', 20, 0, '待核实']],
    });
    expect((await importLedgerFile(t.db, SYSTEM_ACTOR, f1)).committed).toBe(true);
    const f2 = await book({
      项目: [[...H.projects], ['M1', '搬迁项目', 'U02', null, null, null, null, null, null, 100, 0, '在谈', null, null, null]],
    });
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f2);
    expect(r.committed).toBe(true);
    const units = await t.db
      .selectFrom('fund_entries')
      .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
      .select('fund_entries.unit_code')
      .where('projects.code', '=', 'M1')
      .execute();
    expect(units.map((x) => x.unit_code)).toEqual(['U02', 'U02']);
  });

  it('a failure while writing leaves nothing written', async () => {
    const before = await snapshot();
    const f = await book({
      单位: [[...H.units], ['F1', '失败区', '县市区']],
      项目: [[...H.projects], ['F1P', '失败项目', 'F1', null, '某公司', null, '上海市', null, null, 100, 0, '在谈', null, null, null]],
      到位资金: [[...H.funds], ['F1P', '2026-03', 10, 0, '已核实'], ['M1', '2026-01', 99, 0, '已核实']],
    });
    const err = await importLedgerFile(t.db, SYSTEM_ACTOR, f, {
      beforeCommit: async (tx) => {
        // everything is written by now, inside the transaction
        expect(await tx.selectFrom('projects').select('id').where('code', '=', 'F1P').executeTakeFirst()).toBeTruthy();
        throw new Error('killed mid-import');
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe('killed mid-import');
    expect(await snapshot()).toEqual(before);
  });

  it('a record changed between the check and the write makes the import check again', async () => {
    const m1 = await t.db.selectFrom('projects').select('id').where('code', '=', 'M1').executeTakeFirstOrThrow();
    const f = await book({ 到位资金: [[...H.funds], ['M1', '2026-01', 55, 0, '已核实'], ['M1', '2026-04', 5, 0, '待核实']] });
    const attempts: number[] = [];
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f, {
      afterCheck: async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) {
          // someone else edits the January entry meanwhile
          await t.db
            .updateTable('fund_entries')
            .set({ amount_yuan: 123, version: (eb) => eb('version', '+', 1) })
            .where('project_id', '=', m1.id)
            .where('period', '=', '2026-01')
            .execute();
        }
      },
    });
    expect(attempts).toEqual([1, 2]);
    expect(r.committed).toBe(true);
    const rows = await t.db
      .selectFrom('fund_entries')
      .select(['period', 'amount_yuan'])
      .where('project_id', '=', m1.id)
      .orderBy('period')
      .execute();
    expect(rows).toEqual([
      { period: '2026-01', amount_yuan: 550000 },
      { period: '2026-02', amount_yuan: 200000 },
      { period: '2026-04', amount_yuan: 50000 },
    ]);
  });

  it('a month locked between the check and the write is refused with the period-lock message', async () => {
    const f = await book({ 到位资金: [[...H.funds], ['M1', '2026-05', 7, 0, '待核实']] });
    const before = await snapshot();
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f, {
      afterCheck: async (attempt) => {
        if (attempt === 1)
          await t.db
            .insertInto('period_locks')
            .values({ period: '2026-05', locked_by: null, locked_at: new Date().toISOString(), note: null })
            .execute();
      },
    });
    expect(r.committed).toBe(false);
    expect(r.errors.map(formatLedgerError)).toEqual([expect.stringMatching(/^到位资金 第2行 月份: 报告期 2026-05 已锁定/)]);
    expect(await snapshot()).toEqual(before);
  });
});
