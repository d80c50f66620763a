// Journey [A]: a new city sets up the system, signs in, loads the demo city and browses its units in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DB_KINDS } from '../src/test/harness';
import { ADMIN_PASSWORD, launchBrowser, newPage, screenshot, screenshotsOnFailure, startServer, type TestServer } from './support';

describe.each(DB_KINDS)('first run on %s', (kind) => {
  screenshotsOnFailure(`foundation-${kind}`);
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('setup → demo city → browse units; a phone-width screen works too', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await page.waitForURL('**/setup');
    await page.getByText('欢迎使用招商引资调度平台').waitFor();
    await page.getByLabel('管理员姓名').fill('王主任');
    await page.getByLabel('密码（至少10位，不能是常见密码）').fill(ADMIN_PASSWORD);
    await page.getByLabel('再次输入密码').fill(ADMIN_PASSWORD);
    await screenshot(page, `foundation-setup-${kind}`);
    await page.getByRole('button', { name: '完成初始化' }).click();
    await page.getByText('初始化完成').waitFor({ timeout: 60_000 });
    await expect(page.getByText(/已加载演示数据/).textContent()).resolves.toMatch(/\d+ 个项目/);
    await page.getByRole('button', { name: '进入系统' }).click();

    await page.goto(`${server.url}/units`);
    await page.getByRole('cell', { name: '船营区' }).waitFor();
    await page.getByRole('cell', { name: '吉林市人民政府' }).waitFor();
    await page.getByText('开发区', { exact: true }).first().click();
    await page
      .getByRole('cell', { name: /开发区|新加坡|高新/ })
      .first()
      .waitFor();
    await screenshot(page, `foundation-units-${kind}`);

    // Sign out and back in through the login page.
    // The menu opens with an animation; a click that lands before it settles is lost, so try again.
    const loginButton = page.getByRole('button', { name: /登\s*录/ });
    await expect
      .poll(
        async () => {
          if (await loginButton.isVisible()) return true;
          const item = page.getByRole('menuitem', { name: '退出登录' });
          if (!(await item.isVisible())) await page.getByTestId('user-menu').click();
          await item.click({ timeout: 10_000 }).catch(() => {});
          return loginButton.isVisible();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').waitFor();

    const phone = await newPage(browser, { width: 390, height: 844 });
    await phone.goto(`${server.url}/login`);
    await phone.getByLabel('用户名').fill('admin');
    await phone.getByLabel('密码').fill(ADMIN_PASSWORD);
    await phone.getByRole('button', { name: /登\s*录/ }).click();
    await phone.getByTestId('user-menu').waitFor();
    await phone.goto(`${server.url}/units`);
    await phone.getByRole('cell', { name: '船营区' }).waitFor();
    await screenshot(phone, `foundation-units-phone-${kind}`);
  }, 240_000);
});
