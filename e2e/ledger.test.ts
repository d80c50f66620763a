// Journey [D]: the city office uploads the sample ledger, sees the preview counts, confirms and
// sees success; then uploads a bad ledger and sees every error listed, with nothing written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDb } from '../src/db/database';
import { addUser, DB_KINDS, seedBasics, TEST_PASSWORD } from '../src/test/harness';
import { LEDGER_HEADERS } from '../src/contracts/ledger';
import { launchBrowser, loginUi, newPage, screenshot, screenshotsOnFailure, startServer, type TestServer } from './support';

const SAMPLE = path.resolve('src/test/fixtures/ledger.xlsx');

describe.each(DB_KINDS)('ledger journey on %s', (kind) => {
  screenshotsOnFailure(`ledger-${kind}`);
  let server: TestServer;
  let browser: Browser;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-ledger-'));
  beforeAll(async () => {
    server = await startServer(kind);
    const db = createDb(server.databaseUrl);
    try {
      await seedBasics(db);
      // The sample creates units: the 单位 sheet takes the admin role besides the city office's.
      await addUser(db, 'chief', ['city_office', 'admin']);
    } finally {
      await db.destroy();
    }
    browser = await launchBrowser();
    const warm = await newPage(browser);
    await warm.goto(`${server.url}/login`);
    await warm.getByLabel('用户名').waitFor({ timeout: 90_000 });
    await warm.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let open: Page[] = [];
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      for (const [i, p] of open.entries()) await screenshot(p, `ledger-FAILED-${kind}-${i}`).catch(() => {});
    }
    open = [];
  });
  const as = async (user: string): Promise<Page> => {
    const page = await newPage(browser);
    page.setDefaultTimeout(45_000);
    open.push(page);
    await loginUi(page, server.url, user, TEST_PASSWORD);
    return page;
  };

  it('the city office alone is refused the 单位 sheet, naming it; nothing is written', async () => {
    const page = await as('office');
    await page.goto(`${server.url}/ledger`);
    await page.getByText('点击或把台账 .xlsx 文件拖到这里').waitFor();
    await page.locator('.ant-upload input[type=file]').first().setInputFiles(SAMPLE);
    const error = page.getByTestId('ledger-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/导入被拒绝：「(设置|单位)」工作表只能由系统管理员导入/);
    await screenshot(page, `ledger-refused-${kind}`);
  }, 240_000);

  it('uploads the sample, previews the counts, imports it', async () => {
    const page = await as('chief');
    await page.goto(`${server.url}/ledger`);
    await page.getByText('点击或把台账 .xlsx 文件拖到这里').waitFor();
    await page.locator('[data-testid="ledger-upload"] input[type=file], .ant-upload input[type=file]').first().setInputFiles(SAMPLE);
    await page.getByTestId('ledger-preview-ok').waitFor();
    const summary = page.getByTestId('ledger-summary');
    const rowOf = (sheet: string) => summary.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${sheet}$`) }) });
    await expect(rowOf('项目').locator('td').nth(2).innerText()).resolves.toBe('30');
    await expect(rowOf('到位资金').locator('td').nth(2).innerText()).resolves.toBe('41');
    await expect(rowOf('单位').locator('td').nth(2).innerText()).resolves.toBe('6'); // C00 U01 U02 exist already
    await expect(rowOf('单位').locator('td').nth(4).innerText()).resolves.toBe('3');
    await screenshot(page, `ledger-preview-${kind}`);
    await page.getByTestId('ledger-commit').click();
    await page.getByTestId('ledger-done').waitFor();
    await expect(page.getByTestId('ledger-done').innerText()).resolves.toContain('导入完成');
    await screenshot(page, `ledger-done-${kind}`);
    const db = createDb(server.databaseUrl);
    try {
      const n = await db
        .selectFrom('fund_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(41);
    } finally {
      await db.destroy();
    }
  }, 240_000);

  it('uploads a bad ledger and sees every error listed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.addRow([...LEDGER_HEADERS.projects]);
    ws.addRow(['X1', '坏项目一', 'U99', null, null, null, null, null, null, 100, 0, '谈判中', null, null, null]);
    ws.addRow(['X2', '坏项目二', 'U01', null, '某公司', '91220200680118772L', '火星', null, null, 'abc', 0, '合同', null, null, null]);
    const f = wb.addWorksheet('到位资金');
    f.addRow([...LEDGER_HEADERS.funds]);
    f.addRow(['NOPE', '2026-13', 5, 0, '已核实']);
    const file = path.join(tmp, '坏台账.xlsx');
    await wb.xlsx.writeFile(file);

    const page = await as('office');
    await page.goto(`${server.url}/ledger`);
    await page.locator('.ant-upload input[type=file]').first().setInputFiles(file);
    await page.getByTestId('ledger-preview-bad').waitFor();
    const errors = page.getByTestId('ledger-errors');
    const text = await errors.innerText();
    for (const s of ['谈判中', 'U99', '校验位', '火星', 'abc', '签约日期', 'NOPE', '2026-13']) expect(text).toContain(s);
    await expect(page.getByTestId('ledger-commit').isDisabled()).resolves.toBe(true);
    await screenshot(page, `ledger-errors-${kind}`);
  }, 240_000);

  it('a unit reporter sees export and template, no upload', async () => {
    const page = await as('rep1');
    await page.goto(`${server.url}/ledger`);
    await page.getByTestId('ledger-export').waitFor();
    expect(await page.locator('.ant-upload').count()).toBe(0);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    const out = path.join(tmp, 'rep1.xlsx');
    await dl.saveAs(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const units = new Set<unknown>();
    wb.getWorksheet('项目')!.eachRow((r, n) => {
      if (n > 1) units.add(r.getCell(3).value);
    });
    expect([...units]).toEqual(['U01']);
    await screenshot(page, `ledger-reporter-${kind}`);
  }, 240_000);
});
