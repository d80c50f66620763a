// Journey [G] item 4: a warnings run rings the bell; the city office connects a 钉钉 robot (a local
// receiver on 127.0.0.1), sends a signed test message, previews the daily digest and reads the
// delivery log — every page reached through the menu, the bell and links.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addUnit, addUser, DB_KINDS, TEST_PASSWORD } from '../src/test/harness';
import { createDb } from '../src/db/database';
import { addDays, todayIso } from '../src/domain/period';
import { dingtalkSign } from '../src/domain/robots';
import { nowIso } from '../src/modules/audit/audit.service';
import {
  clickUntilClosed,
  launchBrowser,
  loginUi,
  newPage,
  screenshot,
  screenshotsOnFailure,
  startServer,
  type TestServer,
} from './support';

const PROJECT = '吉化新材料产业园项目';
const SECRET = 'SECe2eSigningSecret42';

async function menu(page: Page, name: string) {
  await page.getByRole('menuitem', { name }).click();
}

describe.each(DB_KINDS)('notifications journey on %s', (kind) => {
  screenshotsOnFailure(`notifications-${kind}`);
  let server: TestServer;
  let browser: Browser;
  let receiver: http.Server;
  let rxUrl: string;
  const received: { url: string; body: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => {
        data += c.toString('utf8');
      });
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: JSON.parse(data) });
        res.setHeader('content-type', 'application/json');
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    rxUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    server = await startServer(kind, { WEBHOOK_ALLOW_LOOPBACK: 'on' });
    const db = createDb(server.databaseUrl);
    await addUnit(db, 'C00', '吉林市人民政府', 'city');
    await addUnit(db, 'U01', '昌邑区', 'county');
    await addUser(db, 'office', ['city_office']);
    const ts = nowIso();
    await db
      .insertInto('projects')
      .values({
        code: 'U01-2026-001',
        name: PROJECT,
        unit_code: 'U01',
        stage: 'negotiating',
        owner: '赵经理',
        registered_on: addDays(todayIso(), -200),
        last_follow_up_on: addDays(todayIso(), -100),
        total_investment_yuan: 500_000_000,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await db.destroy();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  it('bell → warning; robot → signed test message → digest preview → delivery log', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'office', TEST_PASSWORD);
    await menu(page, '预警');
    await page.getByRole('button', { name: /立即计算/ }).click();
    await page.getByRole('row').filter({ hasText: PROJECT }).waitFor({ timeout: 45_000 });

    // The bell rings (polled; a reload shows it at once) and leads to the unit's warnings.
    await page.reload();
    const bell = page.getByRole('button', { name: '通知，1 条未读' });
    await bell.waitFor({ timeout: 45_000 });
    await bell.click();
    // one notification for the unit's two new warnings (the stale project red, the missing submissions)
    const item = page.getByTestId('notification-list').getByText('昌邑区：新增预警 2 条');
    await item.waitFor({ timeout: 45_000 });
    await screenshot(page, `notifications-bell-${kind}`);
    await item.click();
    await page.waitForURL(/\/warnings\?unit=U01/);
    await page.getByRole('button', { name: '通知，0 条未读' }).waitFor({ timeout: 45_000 });

    // The city office connects the unit's 钉钉 robot.
    await menu(page, '群机器人');
    await page.getByText('还没有机器人').waitFor({ timeout: 45_000 });
    await page.getByRole('button', { name: /添加机器人/ }).click();
    const dialog = page.getByRole('dialog');
    // by keyboard: type to filter the units, Enter takes the first match (no click on an animating list)
    const unit = dialog.getByLabel('推送给');
    await unit.fill('昌邑区');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '昌邑区' }).first().waitFor();
    await unit.press('Enter');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 45_000 }).toBe(0);
    await dialog.getByText('钉钉', { exact: true }).click();
    await dialog.getByLabel('名称').fill('昌邑区招商群');
    await dialog.getByLabel('Webhook 地址').fill(`${rxUrl}/robot/send?access_token=tok3n9x7`);
    await dialog.getByLabel('加签密钥（可选）').fill(SECRET);
    await clickUntilClosed(dialog, dialog.getByRole('button', { name: /保\s*存/ }));
    const row = page.getByRole('row').filter({ hasText: '昌邑区招商群' });
    await row.getByText('access_token=****n9x7', { exact: false }).waitFor({ timeout: 45_000 });
    await row.getByRole('cell', { name: '昌邑区', exact: true }).waitFor(); // the unit chosen by keyboard
    expect(await page.content()).not.toContain('tok3n9x7');
    await row.getByRole('button', { name: '发送测试消息' }).click();
    await page.getByText('测试消息已送达“昌邑区招商群”').waitFor({ timeout: 45_000 });
    const got = new URL(received[0]!.url, rxUrl);
    expect(got.searchParams.get('sign')).toBe(dingtalkSign(SECRET, Number(got.searchParams.get('timestamp'))));
    await screenshot(page, `notifications-webhooks-${kind}`);

    await page.getByRole('button', { name: '预览今日简报' }).click();
    const preview = page.getByRole('dialog');
    await preview.getByText(`昌邑区招商预警日报（${todayIso()}）`).waitFor({ timeout: 45_000 });
    await preview.getByText(new RegExp(PROJECT)).waitFor();
    await screenshot(page, `notifications-digest-${kind}`);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });

    await row.getByRole('link', { name: '投递记录' }).click();
    await page.getByRole('heading', { name: /投递记录：昌邑区招商群/ }).waitFor({ timeout: 45_000 });
    const logRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '测试消息', exact: true }) });
    await logRow.getByText('已送达').waitFor({ timeout: 45_000 });
    expect(await logRow.textContent()).toContain('1 / 5');
    await screenshot(page, `notifications-log-${kind}`);
  }, 180_000);
});
