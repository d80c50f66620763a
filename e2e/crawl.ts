// Journey [K]: every demo role walks the app the way a person does — menu entries in order and in
// reverse without reloading, every element of every dashboard chart, a project, an investor and a
// fund entry opened from their lists and left with the browser's back button. Any page error,
// console error, 5xx answer, crash notice or blank page fails the walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DbKind } from '../src/test/harness';
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

/** The side menu's entries as shown, in order (their text and the path they lead to). */
async function menuEntries(page: Page): Promise<string[]> {
  const items = page.locator('aside [role="menuitem"]');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

async function clickMenu(page: Page, label: string): Promise<void> {
  const before = page.url();
  await page.locator('aside [role="menuitem"]', { hasText: label }).first().click();
  // The entry leads somewhere (or is the page we are on): wait for the selection to show.
  await page.locator('aside .ant-menu-item-selected', { hasText: label }).waitFor({ timeout: 45_000 });
  void before;
  await waitForPageShown(page);
}

type Point = { s: number; i: number; x: number; y: number };

/**
 * Clicks every item of every chart on the dashboard; each one leads to a page, then back. The chart
 * publishes only items that lead somewhere (not a zero bar or the ring's 'no investor' arc), so an
 * item that stays put is a failure.
 */
async function clickEveryChartElement(page: Page, problems: string[]): Promise<number> {
  let clicks = 0;
  const charts = ['chart-monthly', 'chart-units', 'chart-funnel', 'chart-origin', 'chart-industry'];
  for (const id of charts) {
    const box = page.getByTestId(id);
    if (!(await box.count())) continue;
    await box.and(page.locator('[data-points]')).waitFor({ timeout: 45_000 });
    const all = JSON.parse((await box.getAttribute('data-points')) ?? '[]') as Point[];
    // One click per data item (a bar and the line point of the same month lead to the same page).
    const seen = new Set<number>();
    const points = all.filter((p) => (seen.has(p.i) ? false : (seen.add(p.i), true)));
    for (const p of points) {
      const dash = page.url();
      // A person scrolls to the chart before clicking it; a click outside the window reaches nothing.
      await page.getByTestId(id).scrollIntoViewIfNeeded();
      const b = await page.getByTestId(id).boundingBox();
      if (!b) throw new Error(`${id} is not visible`);
      await page.mouse.click(b.x + p.x, b.y + p.y);
      clicks++;
      await page
        .waitForURL((u) => u.toString() !== dash, { timeout: 45_000 })
        .catch(() => {
          throw new Error(`clicking ${id} item ${p.i} led nowhere`);
        });
      await waitForPageShown(page);
      expect(problems, `after clicking ${id} item ${p.i}`).toEqual([]);
      await page.goBack();
      await page.getByTestId(id).and(page.locator('[data-points]')).waitFor({ timeout: 45_000 });
      await waitForPageShown(page);
      expect(problems, `back from ${id} item ${p.i}`).toEqual([]);
    }
  }
  return clicks;
}

/** Opens the first row's link of a list and comes back with the browser's back button. */
async function openFromListAndBack(page: Page, menuLabel: string, link: string, problems: string[]): Promise<boolean> {
  await clickMenu(page, menuLabel);
  const first = page.locator(`main .ant-table-row a[href^="${link}"]`).first();
  const found = await first.waitFor({ timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  if (!found) return false;
  const list = page.url();
  await first.click();
  await page.waitForURL((u) => /\/\d+$/.test(u.pathname));
  await waitForPageShown(page);
  expect(problems, `opening ${link}`).toEqual([]);
  await page.goBack();
  await page.waitForURL(list);
  await page.locator('main .ant-table-row').first().waitFor({ timeout: 45_000 });
  await waitForPageShown(page);
  expect(problems, `back from ${link}`).toEqual([]);
  return true;
}

/** The crawl on one database; each database has its own test file so the two run side by side. */
export function crawlOn(kind: DbKind): void {
  describe(`crawl on ${kind}`, () => {
    screenshotsOnFailure(`crawl-${kind}`);
    let server: TestServer;
    let browser: Browser;
    let users: DemoUser[] = [];
    let admin = { username: '', password: '' };
    beforeAll(async () => {
      server = await startServer(kind);
      const s = await setupViaApi(server.url, { demo: true });
      users = s.demoUsers;
      admin = s;
      browser = await launchBrowser();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const ROLES = ['city_office', 'leader', 'supervisor', 'reporter', 'unit_head', 'admin'];
    it.each(ROLES)(
      '%s: menu forwards and back, charts, lists and the back button',
      async (role) => {
        const user = role === 'admin' ? { ...admin, role } : users.find((u) => u.role === role);
        if (!user) throw new Error(`the demo has no ${role}`);
        const page = await newPage(browser);
        const problems = watchForTrouble(page);
        await loginUi(page, server.url, user.username, user.password);
        await waitForPageShown(page);
        // Before signing in, the app asks who is signed in and hears 401: that is expected.
        problems.length = 0;

        const entries = await menuEntries(page);
        expect(entries.length).toBeGreaterThan(2);
        for (const label of [...entries, ...[...entries].reverse()]) {
          await clickMenu(page, label);
          expect(problems, `after clicking 「${label}」`).toEqual([]);
        }

        // Every chart element is clicked on both kinds of dashboard: the city-wide one (city office) and
        // a unit's (reporter). The leader's and supervisor's dashboard is the city office's page and data.
        if (entries.includes('驾驶舱') && (role === 'city_office' || role === 'reporter')) {
          await clickMenu(page, '驾驶舱');
          await page.getByTestId('kpi-funds').waitFor({ state: 'attached', timeout: 45_000 });
          const clicks = await clickEveryChartElement(page, problems);
          expect(clicks).toBeGreaterThan(5);
        }
        if (entries.includes('项目台账')) expect(await openFromListAndBack(page, '项目台账', '/projects/', problems)).toBe(true);
        if (entries.includes('客商')) expect(await openFromListAndBack(page, '客商', '/investors/', problems)).toBe(true);
        if (entries.includes('到位资金核实')) expect(await openFromListAndBack(page, '到位资金核实', '/projects/', problems)).toBe(true);
        await screenshot(page, `crawl-${kind}-${role}`);
        expect(problems).toEqual([]);
        await page.context().close();
      },
      600_000,
    );
  });
}
