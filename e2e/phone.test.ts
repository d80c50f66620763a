// Journey [K]: a unit's reporter on a phone (390×844): lands on their own work, opens this month's
// entry grid through its button, reaches a project through the menu and the list, and adds a
// follow-up — every step by touch-sized clicks, no reloads, nothing wider than the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DB_KINDS } from '../src/test/harness';
import {
  launchBrowser,
  loginUi,
  newPage,
  screenshot,
  screenshotsOnFailure,
  setupViaApi,
  startServer,
  waitForPageShown,
  watchForTrouble,
  type DemoUser,
  type TestServer,
} from './support';

async function openMenu(page: Page, label: string) {
  await page.getByRole('button', { name: '展开/收起菜单' }).click();
  await page.locator('aside [role="menuitem"]', { hasText: label }).first().click();
  await waitForPageShown(page);
}

async function noSidewaysScroll(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, `page wider than the phone at ${page.url()}`).toBeLessThanOrEqual(1);
}

describe.each(DB_KINDS)('phone journey on %s', (kind) => {
  screenshotsOnFailure(`phone-${kind}`);
  let server: TestServer;
  let browser: Browser;
  let reporter: DemoUser;
  beforeAll(async () => {
    server = await startServer(kind);
    const s = await setupViaApi(server.url, { demo: true });
    reporter = s.demoUsers.find((u) => u.role === 'reporter')!;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a reporter enters the month and adds a follow-up on a phone', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    const problems = watchForTrouble(page);
    await loginUi(page, server.url, reporter.username, reporter.password);
    await waitForPageShown(page);
    problems.length = 0;

    // Home: this month's entry and what was returned.
    await page
      .getByText(/本月填报/)
      .first()
      .waitFor();
    await page.getByText('退回给我们的').waitFor();
    await noSidewaysScroll(page);
    await screenshot(page, `phone-home-${kind}`);

    // The entry grid through the home's button.
    await page.getByRole('button', { name: '去填报' }).click();
    // The grid's first row (a submitted month shows its entries read-only, without an empty row to fill).
    await page.locator('main .ant-table-row').first().waitFor({ timeout: 45_000 });
    await waitForPageShown(page);
    await screenshot(page, `phone-entry-${kind}`);

    // A project through the menu and the list.
    await openMenu(page, '项目台账');
    const first = page.locator('main .ant-table-row a[href^="/projects/"]').first();
    await first.waitFor({ timeout: 45_000 });
    await noSidewaysScroll(page); // the list's wide table scrolls inside its card
    await first.click();
    await page.waitForURL(/\/projects\/\d+$/);
    await waitForPageShown(page);
    await noSidewaysScroll(page);
    await screenshot(page, `phone-project-${kind}`);

    // A follow-up.
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await page.getByRole('button', { name: '新增跟进记录' }).click();
    const text = `电话回访企业，确认下月到位计划 ${kind}`;
    await page.getByRole('dialog').getByLabel('跟进内容').fill(text);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^保\s*存$/ })
      .click();
    // The new follow-up shows in the 跟进记录 table; the 时间线 tab (hidden now) lists it too, so wait for a
    // visible copy rather than whichever comes first in the page.
    await page.getByText(text).filter({ visible: true }).first().waitFor({ timeout: 45_000 });
    await screenshot(page, `phone-follow-up-${kind}`);
    expect(problems).toEqual([]);
  }, 300_000);
});
