import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../../test/harness';
import { SYSTEM_ACTOR, makeActor } from '../auth/actor';
import { formatLedgerError, LEDGER_HEADERS, type ImportResult } from '../../contracts/ledger';
import { AppError } from '../../domain/errors';
import { importLedgerFile } from './ledger.import';
import { exportLedger, writeLedgerTemplate } from './ledger.export';

const SAMPLE = path.resolve('src/test/fixtures/ledger.xlsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-ledger-test-'));
let n = 0;
const tmpFile = (ext = 'xlsx') => path.join(tmp, `f${process.pid}-${n++}.${ext}`);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Cells = (string | number | Date | null)[];
/** Writes a workbook: sheet name → rows (first row = header). */
async function book(sheets: Record<string, Cells[]>, tweak?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  tweak?.(wb);
  const f = tmpFile();
  await wb.xlsx.writeFile(f);
  return f;
}

/** Every sheet's rows as plain values, for cell-by-cell comparison. */
async function cellsOf(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const vals: unknown[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value;
        vals.push(v === undefined ? null : v);
      }
      rows.push(vals);
    });
    out[ws.name] = rows;
  });
  return out;
}

const counts = async (t: TestDb) => {
  const c = async (
    table:
      | 'units'
      | 'projects'
      | 'fund_entries'
      | 'targets'
      | 'activities'
      | 'reserve_projects'
      | 'investors'
      | 'stage_moves'
      | 'audit_log'
      | 'activity_projects',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    units: await c('units'),
    projects: await c('projects'),
    funds: await c('fund_entries'),
    targets: await c('targets'),
    activities: await c('activities'),
    reserve: await c('reserve_projects'),
    investors: await c('investors'),
    moves: await c('stage_moves'),
    audit: await c('audit_log'),
    links: await c('activity_projects'),
  };
};

const byName = (r: ImportResult) => Object.fromEntries(r.sheets.map((s) => [s.sheet, s]));
const H = LEDGER_HEADERS;

async function expectRefused(t: TestDb, file: string, pattern: RegExp) {
  const before = await counts(t);
  const err = await importLedgerFile(t.db, SYSTEM_ACTOR, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).message).toMatch(pattern);
  expect(await counts(t)).toEqual(before);
}

describe.each(DB_KINDS)('ledger import/export (%s)', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('imports the sample into an empty database with the right counts', async () => {
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, SAMPLE);
    expect(r.errors).toEqual([]);
    expect(r.ok && r.committed).toBe(true);
    const s = byName(r);
    expect(s['单位']?.created).toBe(9);
    expect(s['项目']?.created).toBe(30);
    expect(s['到位资金']?.created).toBe(41);
    expect(s['目标']?.created).toBe(17);
    expect(s['招商活动']?.created).toBe(7);
    expect(s['储备项目']?.created).toBe(8);
    const c = await counts(t);
    expect(c).toMatchObject({ units: 9, projects: 30, funds: 41, targets: 17, activities: 7, reserve: 8, moves: 30 });
    expect(c.audit).toBeGreaterThan(100);
    // settings from the 设置 sheet
    const settings = Object.fromEntries((await t.db.selectFrom('settings').selectAll().execute()).map((x) => [x.key, JSON.parse(x.value)]));
    expect(settings).toMatchObject({ homeRegionCode: '220200', largeProjectThresholdWan: 5000, reserveThresholdWan: 1000 });
    // money in 元, statuses, origin scopes
    const p2 = await t.db
      .selectFrom('projects')
      .innerJoin('investors', 'investors.id', 'projects.investor_id')
      .select([
        'projects.total_investment_yuan',
        'projects.foreign_usd',
        'projects.stage',
        'projects.contract_date',
        'investors.origin_scope',
        'investors.credit_code',
      ])
      .where('projects.code', '=', 'P0002')
      .executeTakeFirstOrThrow();
    expect(p2).toEqual({
      total_investment_yuan: 20144300,
      foreign_usd: 2142327,
      stage: 'contract',
      contract_date: '2024-12-25',
      origin_scope: 'abroad',
      credit_code: '91220200680118773L',
    });
    const f = await t.db
      .selectFrom('fund_entries')
      .innerJoin('projects', 'projects.id', 'fund_entries.project_id')
      .select([
        'fund_entries.amount_yuan',
        'fund_entries.status',
        'fund_entries.unit_code',
        'fund_entries.year',
        'fund_entries.month',
        'fund_entries.kind',
      ])
      .where('projects.code', '=', 'P0002')
      .where('fund_entries.period', '=', '2025-12')
      .executeTakeFirstOrThrow();
    expect(f).toEqual({ amount_yuan: 2683445, status: 'submitted', unit_code: 'U02', year: 2025, month: 12, kind: 'regular' });
    const scopes = await t.db.selectFrom('investors').select(['origin_input', 'origin_scope']).execute();
    const scopeOf = (input: string) => scopes.find((x) => x.origin_input === input)?.origin_scope;
    expect(scopeOf('吉林省吉林市船营区')).toBe('local');
    expect(scopeOf('上海市')).toBe('domestic');
    expect(scopeOf('美国')).toBe('abroad');
    const move = await t.db
      .selectFrom('stage_moves')
      .innerJoin('projects', 'projects.id', 'stage_moves.project_id')
      .select(['from_stage', 'to_stage', 'moved_on', 'reason'])
      .where('projects.code', '=', 'P0003')
      .executeTakeFirstOrThrow();
    expect(move).toEqual({ from_stage: null, to_stage: 'started', moved_on: '2025-01-28', reason: '台账导入' });
    // every imported month has its unit's submission: approved when all verified, else submitted
    const subs = await t.db.selectFrom('submissions').select(['unit_code', 'period', 'status']).execute();
    const monthsReported = await t.db.selectFrom('fund_entries').select(['unit_code', 'period']).distinct().execute();
    expect(subs.length).toBe(monthsReported.length);
    expect(subs.find((x) => x.unit_code === 'U02' && x.period === '2025-12')?.status).toBe('submitted');
    expect(subs.find((x) => x.unit_code === 'U02' && x.period === '2026-02')?.status).toBe('approved');
  });

  it('re-import changes nothing; one changed cell gives exactly one update', async () => {
    const before = await counts(t);
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, SAMPLE);
    for (const s of r.sheets)
      expect({ sheet: s.sheet, created: s.created, updated: s.updated }).toEqual({ sheet: s.sheet, created: 0, updated: 0 });
    expect(r.investors).toMatchObject({ created: 0, updated: 0 });
    expect(await counts(t)).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    wb.getWorksheet('到位资金')!.getRow(2).getCell(3).value = 999.5;
    const f = tmpFile();
    await wb.xlsx.writeFile(f);
    const r2 = await importLedgerFile(t.db, SYSTEM_ACTOR, f);
    expect(r2.ok).toBe(true);
    const total = r2.sheets.reduce((a, s) => ({ created: a.created + s.created, updated: a.updated + s.updated }), {
      created: 0,
      updated: 0,
    });
    expect(total).toEqual({ created: 0, updated: 1 });
    expect(byName(r2)['到位资金']?.updated).toBe(1);
    const c = await counts(t);
    expect(c.audit).toBe(before.audit + 1);
  });

  it('round trip: export → import into an empty database → export gives the same workbook', async () => {
    const a = tmpFile();
    await exportLedger(t.db, SYSTEM_ACTOR, a);
    const t2 = await freshDb(kind);
    try {
      const r = await importLedgerFile(t2.db, SYSTEM_ACTOR, a);
      expect(r.errors).toEqual([]);
      expect(r.ignoredSheets).toEqual(['说明']);
      const b = tmpFile();
      await exportLedger(t2.db, SYSTEM_ACTOR, b);
      const ca = await cellsOf(a);
      const cb = await cellsOf(b);
      expect(Object.keys(ca)).toEqual(['说明', '设置', '单位', '目标', '项目', '到位资金', '招商活动', '储备项目']);
      for (const sheet of Object.keys(ca)) expect(cb[sheet], sheet).toEqual(ca[sheet]);
      expect(ca['到位资金']!.length).toBe(42);
      // amounts are numbers in 万, dates text
      const p = ca['项目']!.find((row) => row[0] === 'P0002')!;
      expect(p[9]).toBe(2014.43);
      expect(p[12]).toBe('2024-12-25');
    } finally {
      await t2.drop();
    }
  });

  it('the template has every sheet, drop-downs and 说明, and imports as nothing', async () => {
    const f = tmpFile();
    await writeLedgerTemplate(f);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '设置', '单位', '目标', '项目', '到位资金', '招商活动', '储备项目']);
    const ws = wb.getWorksheet('项目')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...H.projects]);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(dv).map((v) => v.formulae[0])).toContain('"线索,在谈,意向,协议,合同,开工,投产,终止"');
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f, { dryRun: true });
    expect(r.ok).toBe(true);
    expect(r.sheets.every((s) => s.rows === 0)).toBe(true);
  });
});

describe.each(DB_KINDS)('ledger import: bad files and rows (%s)', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('refuses a non-xlsx, a corrupt and a password-protected file with a clear message', async () => {
    const txt = tmpFile('xlsx');
    fs.writeFileSync(txt, '项目编号,项目名称\nP1,x\n');
    await expectRefused(t, txt, /不是 Excel \.xlsx 文件/);
    const good = await book({ 单位: [[...H.units], ['X1', '某区', '县市区']] });
    const corrupt = tmpFile();
    fs.writeFileSync(corrupt, fs.readFileSync(good).subarray(0, 300));
    await expectRefused(t, corrupt, /文件已损坏/);
    const enc = tmpFile();
    fs.writeFileSync(enc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    await expectRefused(t, enc, /密码|加密/);
    const empty = tmpFile();
    fs.writeFileSync(empty, '');
    await expectRefused(t, empty, /空的/);
  });

  it('a missing required column and merged header cells are errors naming the column', async () => {
    const f = await book(
      {
        项目: [
          ['项目编号', '项目名称', '承办单位代码'],
          ['P1', '某项目', 'U01'],
        ],
        到位资金: [
          ['项目编号', '月份', null, '到位金额(万元)'],
          ['P1', '2026-01', null, 10],
        ],
        单位: [
          ['单位代码', '单位信息', null],
          ['X', '某单位', '县市区'],
        ],
      },
      (wb) => {
        wb.getWorksheet('单位')!.mergeCells('B1:C1');
      },
    );
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f);
    expect(r.ok).toBe(false);
    const text = r.errors.map(formatLedgerError);
    expect(
      text.some((s) => /^项目 第1行 阶段: 缺少必需的列“阶段”/.test(s)),
      text.join('\n'),
    ).toBe(true);
    expect(text.some((s) => /^单位 第1行 单位名称: 缺少必需的列.*合并单元格/.test(s))).toBe(true);
    expect(text.some((s) => /^单位 第1行 类型: 缺少必需的列/.test(s))).toBe(true);
    expect((await counts(t)).projects).toBe(0);
  });

  it('lists every row error with sheet, row, column and writes nothing', async () => {
    const before = await counts(t);
    const f = await book({
      单位: [[...H.units], ['U03', '丰满区', '县市区'], ['U03', '丰满区', '县市区'], ['C99', '另一个市', '市'], ['U04', '某区', '乡镇']],
      项目: [
        [...H.projects],
        ['P1', '好项目', 'U01', '张三', '甲公司', '91220200680118773L', '浙江省杭州市', '制造', '工业', 100, 0, '在谈', null, null, null],
        ['P2', '项目二', 'U09', null, null, null, null, null, '工厂', 'abc', null, '谈判中', null, null, null],
        ['P3', '项目三', 'U01', null, '乙公司', '91220200680118772L', '火星', null, null, 1.23456, null, '合同', null, null, null],
        ['P1', '重复', 'U01', null, null, null, null, null, null, 1, null, '线索', '2026-02-30', null, null],
      ],
      到位资金: [[...H.funds], ['P1', '2026-13', 5, 0, '已核实'], ['P404', '2026-01', 5, 0, '审核中'], ['P1', '2026-02', -1, null, null]],
      招商活动: [[...H.activities], ['赴沪', '考察团', '2026-01-05', '2026-01-01', '上海', 'U01', 5, 'P1、P404']],
      储备项目: [[...H.reserve], ['储备甲', 'U01', null, 100, '进行中']],
      说明: [['随便写点什么']],
    });
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f);
    expect(r.ok).toBe(false);
    expect(r.committed).toBe(false);
    expect(r.ignoredSheets).toEqual(['说明']);
    const text = r.errors.map(formatLedgerError);
    const expected = [
      /^单位 第3行 单位代码: “U03”与第2行重复/,
      /^单位 第4行 类型: 系统中已有市级单位 C00/,
      /^单位 第5行 类型: “乡镇”不是有效类型/,
      /^项目 第3行 承办单位代码: 单位代码“U09”不存在/,
      /^项目 第3行 项目类型: “工厂”不是有效项目类型/,
      /^项目 第3行 总投资\(万元\): “abc”不是有效金额/,
      /^项目 第3行 阶段: "谈判中" 不是有效阶段 \(线索\/在谈\/意向\/协议\/合同\/开工\/投产\/终止\)$/,
      /^项目 第4行 统一社会信用代码: .*校验位/,
      /^项目 第4行 投资方所在地: “火星”无法识别/,
      /^项目 第4行 总投资\(万元\): .*最多4位小数/,
      /^项目 第4行 签约日期: 阶段为“合同”的项目须填写签约日期/,
      /^项目 第5行 签约日期: “2026-02-30”不是存在的日期/,
      /^项目 第5行 项目编号: “P1”与第2行重复/,
      /^到位资金 第2行 月份: “2026-13”不是有效月份/,
      /^到位资金 第3行 项目编号: 项目“P404”不存在/,
      /^到位资金 第3行 状态: “审核中”不是有效状态 \(待核实\/已核实\)/,
      /^到位资金 第4行 到位金额\(万元\): “-1”不能为负数/,
      /^招商活动 第2行 类型: “考察团”不是有效类型/,
      /^招商活动 第2行 结束日期: 结束日期 2026-01-01 早于开始日期 2026-01-05/,
      /^招商活动 第2行 签约项目编号: 项目 P404 不存在/,
      /^储备项目 第2行 状态: “进行中”不是有效状态/,
    ];
    for (const re of expected)
      expect(
        text.some((s) => re.test(s)),
        `${re} in\n${text.join('\n')}`,
      ).toBe(true);
    expect(r.errorCount).toBe(r.errors.length);
    expect(await counts(t)).toEqual(before);
  });

  it('reads real-world cells: date cells, numbers as text, full-width digits, separators, blank rows and columns', async () => {
    const f = await book({
      设置: [
        ['键', '值'],
        ['homeRegionCode', '２２０２００'],
      ],
      项目: [
        [...H.projects, null, null],
        [
          'Ｐ１０',
          '  全角项目 ',
          'U01',
          null,
          '丙公司',
          '９１２２０２００６８０１１８７７３Ｌ',
          '220100',
          null,
          '服务业',
          '1,234.5',
          '１２',
          '开工',
          new Date(Date.UTC(2025, 5, 30)),
          '2026/1/5',
          null,
          null,
          null,
        ],
        [
          'P11',
          '文本日期',
          'U02',
          null,
          '丙公司',
          '91220200680118773L',
          null,
          null,
          null,
          ' 3 000 ',
          null,
          '投产',
          '2024年3月1日',
          45000,
          45678,
          null,
        ],
        [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
        [],
      ],
      到位资金: [
        [...H.funds],
        ['P10', new Date(Date.UTC(2026, 1, 1)), '１２.５', null, '已核实'],
        ['P10', '2026年3月', '100', '0', null],
        ['P11', '2026-4', 1.5, null, '待核实'],
      ],
      招商活动: [[...H.activities], ['北上', '小分队', new Date(Date.UTC(2026, 0, 3)), '2026.1.7', '北京', 'U01', '１０', 'P10，P11']],
    });
    const r = await importLedgerFile(t.db, SYSTEM_ACTOR, f);
    expect(r.errors).toEqual([]);
    const p = await t.db.selectFrom('projects').selectAll().where('code', 'in', ['P10', 'P11']).orderBy('code').execute();
    expect(p.map((x) => [x.code, x.name, x.total_investment_yuan, x.foreign_usd, x.contract_date, x.start_date, x.operating_date])).toEqual(
      [
        ['P10', '全角项目', 12345000, 120000, '2025-06-30', '2026-01-05', null],
        ['P11', '文本日期', 30000000, 0, '2024-03-01', '2023-03-15', '2025-01-21'],
      ],
    );
    expect(p[0]!.investor_id).toBe(p[1]!.investor_id); // same investor on two rows = one investor
    const inv = await t.db.selectFrom('investors').selectAll().where('id', '=', p[0]!.investor_id!).executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ credit_code: '91220200680118773L', origin_code: '220100', origin_scope: 'province' });
    const funds = await t.db.selectFrom('fund_entries').select(['period', 'amount_yuan', 'status']).orderBy('period').execute();
    expect(funds).toEqual([
      { period: '2026-02', amount_yuan: 125000, status: 'verified' },
      { period: '2026-03', amount_yuan: 1000000, status: 'submitted' },
      { period: '2026-04', amount_yuan: 15000, status: 'submitted' },
    ]);
    const act = await t.db.selectFrom('activities').selectAll().executeTakeFirstOrThrow();
    expect([act.kind, act.start_date, act.end_date, act.person_times]).toEqual(['trip', '2026-01-03', '2026-01-07', 10]);
    expect((await counts(t)).links).toBe(2);
  });

  it('checks permissions: only the city office imports', async () => {
    const rep = makeActor({ userId: 99, name: 'rep', roles: ['reporter'], unitCode: 'U01', via: 'session' });
    await expect(importLedgerFile(t.db, rep, SAMPLE)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe.each(DB_KINDS)('ledger routes (%s)', (kind) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    // The sample ledger creates units and settings: that takes the admin role besides the city office's.
    await addUser(t.db, 'chief', ['city_office', 'admin']);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const multipart = (file: string, name = 'ledger.xlsx') => {
    const boundary = '----zsledger';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      fs.readFileSync(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { body, type: `multipart/form-data; boundary=${boundary}` };
  };

  it('previews, then commits by token; re-using the token fails', async () => {
    const m = multipart(SAMPLE);
    // The city office alone may not create units (the 单位 sheet): refused, naming the sheet.
    const plain = await login(app, 'office');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/preview',
      headers: { cookie: plain.cookie, 'x-csrf-token': plain.csrf, 'content-type': m.type },
      payload: m.body,
    });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(
      /^导入被拒绝：「(设置|单位)」工作表只能由系统管理员导入/,
    );
    const office = await login(app, 'chief');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/preview',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': m.type },
      payload: m.body,
    });
    expect(res.statusCode).toBe(200);
    const pv = res.json() as ImportResult & { token: string };
    expect(pv.errors).toEqual([]);
    expect(pv.ok).toBe(true);
    expect(pv.dryRun).toBe(true);
    expect(pv.token).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.fromEntries(pv.sheets.map((s) => [s.sheet, s.created]))).toMatchObject({ 项目: 30, 到位资金: 41 });
    expect((await counts(t)).projects).toBe(0);
    // Another user cannot use the token.
    const rep = await login(app, 'rep1');
    expect((await rep.post('/api/v1/ledger/import', { token: pv.token })).statusCode).toBe(403);
    // Streaming commit: progress lines then the result.
    const c = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/import',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, accept: 'application/x-ndjson' },
      payload: { token: pv.token },
    });
    expect(c.statusCode).toBe(200);
    const lines = c.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; result?: ImportResult });
    expect(lines.some((l) => l.type === 'progress')).toBe(true);
    expect(lines.at(-1)?.type).toBe('result');
    expect(lines.at(-1)?.result?.errors).toEqual([]);
    expect(lines.at(-1)?.result?.committed).toBe(true);
    expect((await counts(t)).projects).toBe(30);
    const again = await office.post('/api/v1/ledger/import', { token: pv.token });
    expect(again.statusCode).toBe(404);
  });

  it('preview of a bad file lists the errors and gives no token; a non-xlsx is a 400', async () => {
    const office = await login(app, 'office');
    const f = await book({
      项目: [[...H.projects], ['P1', 'x', 'U01', null, null, null, null, null, null, 1, 0, '谈判中', null, null, null]],
    });
    const m = multipart(f);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/preview',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': m.type },
      payload: m.body,
    });
    const body = res.json() as ImportResult & { token: string | null };
    expect(body.ok).toBe(false);
    expect(body.token).toBeNull();
    expect(body.errors[0]).toEqual({
      sheet: '项目',
      row: 2,
      column: '阶段',
      message: '"谈判中" 不是有效阶段 (线索/在谈/意向/协议/合同/开工/投产/终止)',
    });
    const txt = tmpFile('txt');
    fs.writeFileSync(txt, 'hello');
    const m2 = multipart(txt, 'a.txt');
    const r2 = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/preview',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': m2.type },
      payload: m2.body,
    });
    expect(r2.statusCode).toBe(400);
    expect((r2.json() as { error: { message: string } }).error.message).toMatch(/xlsx/);
  });

  it('a unit user exports only the rows of their unit; the template downloads', async () => {
    const rep = await login(app, 'rep1');
    const res = await rep.get('/api/v1/ledger/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const f = tmpFile();
    fs.writeFileSync(f, res.rawPayload);
    const c = await cellsOf(f);
    const unitCol = (sheet: string, col: number) => new Set(c[sheet]!.slice(1).map((r) => r[col]));
    expect(unitCol('单位', 0)).toEqual(new Set(['U01']));
    expect(unitCol('项目', 2)).toEqual(new Set(['U01']));
    const u01Projects = new Set(c['项目']!.slice(1).map((r) => r[0]));
    expect(c['到位资金']!.length).toBeGreaterThan(1);
    for (const r of c['到位资金']!.slice(1)) expect(u01Projects.has(r[0])).toBe(true);
    const office = await login(app, 'office');
    const all = tmpFile();
    fs.writeFileSync(all, (await office.get('/api/v1/ledger/export.xlsx')).rawPayload);
    expect((await cellsOf(all))['项目']!.length).toBe(31);
    const tpl = await rep.get('/api/v1/ledger/template.xlsx');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-disposition']).toContain('attachment');
    // reporters cannot import
    const m = multipart(SAMPLE);
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/preview',
      headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf, 'content-type': m.type },
      payload: m.body,
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('ledger CLI', () => {
  it('exits non-zero and lists every error; imports and exports a file', async () => {
    const run = promisify(execFile);
    const dbFile = path.join(tmp, 'cli.db');
    const env = { ...process.env, DATABASE_URL: dbFile };
    const bad = await book({
      项目: [[...H.projects], ['P1', 'x', 'U77', null, null, null, null, null, null, 1, 0, '谈判中', null, null, null]],
    });
    const err = await run('node', ['bin/zhaoshang.js', 'import', bad], { env }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout).toContain('项目 第2行 阶段: "谈判中" 不是有效阶段');
    expect(err?.stdout).toContain('项目 第2行 承办单位代码');
    const dry = await run('node', ['bin/zhaoshang.js', 'import', '--dry-run', SAMPLE], { env });
    expect(dry.stdout).toContain('试运行');
    const ok = await run('node', ['bin/zhaoshang.js', 'import', SAMPLE], { env });
    expect(ok.stdout).toContain('导入完成');
    const out = path.join(tmp, 'cli-export.xlsx');
    await run('node', ['bin/zhaoshang.js', 'export', out], { env });
    expect((await cellsOf(out))['到位资金']!.length).toBe(42);
    const tpl = path.join(tmp, 'cli-template.xlsx');
    await run('node', ['bin/zhaoshang.js', 'export', '--template', tpl], { env });
    expect(fs.existsSync(tpl)).toBe(true);
  }, 180_000); // five CLI processes: slow on a loaded machine
});
