// Journey [E]: the dashboard shows the same funds figure as the statistics API, for the sample ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addUser, DB_KINDS, TEST_PASSWORD } from '../src/test/harness';
import { createDb } from '../src/db/database';
import { loadSample } from '../src/modules/stats/sample.testutil';
import { formatYi } from '../src/domain/money';
import { launchBrowser, newPage, screenshot, screenshotsOnFailure, startServer, type TestServer } from './support';

describe.each(DB_KINDS)('dashboard on %s', (kind) => {
  screenshotsOnFailure(`dashboard-${kind}`);
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
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

  it('shows the API’s funds figure, and the briefing preview agrees', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${server.url}/dashboard?period=2026-05`);
    const api = await page.evaluate(async () => (await fetch('/api/v1/stats/dispatch?period=2026-05')).json());
    expect(api.fundsYtdYuan).toBe(422214174);
    const kpi = page.getByTestId('kpi-funds');
    await kpi.waitFor({ state: 'attached' });
    expect(await kpi.textContent()).toBe(formatYi(api.fundsYtdYuan));
    await page.getByText('4.22亿元').first().waitFor();
    await page.getByTestId('chart-units').waitFor();
    await screenshot(page, `dashboard-${kind}`);
    await page.goto(`${server.url}/reports?period=2026-05`);
    await page
      .getByTestId('briefing-preview')
      .getByText(/实际到位资金4\.22亿元/)
      .waitFor();
    await screenshot(page, `briefing-${kind}`);
  });
});
