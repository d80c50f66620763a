// Journey [L]: a dashboard KPI card opens the projects behind its figure, and their total is the
// figure on the card; a row opens the project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addUser, TEST_PASSWORD } from '../src/test/harness';
import { createDb } from '../src/db/database';
import { loadSample } from '../src/modules/stats/sample.testutil';
import { formatYi } from '../src/domain/money';
import { launchBrowser, newPage, screenshot, screenshotsOnFailure, startServer, type TestServer } from './support';

describe('dashboard drill-down on sqlite', () => {
  screenshotsOnFailure('drilldown');
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer('sqlite');
    const db = createDb(server.databaseUrl);
    await loadSample(db);
    await addUser(db, 'office', ['city_office']);
    await db.destroy();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the projects behind the funds card, totalling the card', async () => {
    const page = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').waitFor({ timeout: 45_000 });
    await page.goto(`${server.url}/dashboard?period=2026-05`);
    const kpi = page.getByTestId('kpi-funds');
    await kpi.waitFor({ state: 'attached', timeout: 45_000 });
    const card = formatYi(422214174);
    expect(await kpi.textContent()).toBe(card);
    await page.locator('.ant-card').filter({ hasText: '累计到位资金' }).first().click();
    const drawer = page.getByRole('dialog');
    const total = drawer.getByText(/^合计 /);
    await total.waitFor({ timeout: 45_000 });
    expect(await total.textContent()).toMatch(new RegExp(`^合计 ${card.replace('.', '\\.')}，\\d+ 个项目$`));
    await drawer.locator('tbody tr').first().waitFor({ timeout: 45_000 });
    await screenshot(page, 'drilldown-funds');
    const code = (await drawer.locator('tbody tr').first().locator('td').first().textContent()) ?? '';
    await drawer.locator('tbody tr').first().click();
    await page.waitForURL(/\/projects\/\d+/, { timeout: 45_000 });
    await page.getByText(code).filter({ visible: true }).first().waitFor({ timeout: 45_000 });
  }, 180_000);
});
