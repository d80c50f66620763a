// Journey [J]: a leader reads where the year will likely end — on the dashboard, then in detail
// through the card's link, and the pipeline analytics through the tab; back returns to the dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addUser, DB_KINDS, TEST_PASSWORD } from '../src/test/harness';
import { createDb } from '../src/db/database';
import { loadSample } from '../src/modules/stats/sample.testutil';
import { launchBrowser, newPage, screenshot, screenshotsOnFailure, startServer, type TestServer } from './support';

describe.each(DB_KINDS)('forecast on %s', (kind) => {
  screenshotsOnFailure(`forecast-${kind}`);
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    const db = createDb(server.databaseUrl);
    await loadSample(db);
    await addUser(db, 'boss', ['leader']);
    await db.destroy();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the dashboard card states the forecast; its link opens the detail; back returns', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').waitFor();
    const panel = page.getByTestId('forecast-panel');
    await panel
      .getByText(/预计全年完成/)
      .first()
      .waitFor({ timeout: 45_000 });
    const api = await page.evaluate(async () => (await fetch('/api/v1/forecast')).json());
    expect(api.expectedYuan).toBeGreaterThanOrEqual(api.fundsYtdYuan);
    await panel.getByRole('link', { name: '预测详情' }).click();
    await page.getByText('各单位全年预测').waitFor();
    await page
      .getByText(/按目前进度预计全年完成/)
      .first()
      .waitFor();
    await screenshot(page, `forecast-${kind}`);
    await page.getByRole('tab', { name: '推进分析' }).click();
    await page.getByRole('cell', { name: '合计' }).waitFor();
    await page.goBack();
    await page.getByTestId('forecast-panel').waitFor();
    expect(errors).toEqual([]);
  });
});
