// Journey [G]: a stale project raises a warning, the supervisor raises a supervision task from it,
// the unit answers from its to-do inbox, and the supervisor verifies and closes it — every page
// reached through the menu, the header badge and links. Screenshots at desktop and phone width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addUnit, addUser, DB_KINDS, TEST_PASSWORD } from '../src/test/harness';
import { createDb } from '../src/db/database';
import { addDays, todayIso } from '../src/domain/period';
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

async function menu(page: Page, name: string) {
  await page.getByRole('menuitem', { name }).click();
}

describe.each(DB_KINDS)('supervision journey on %s', (kind) => {
  screenshotsOnFailure(`supervision-${kind}`);
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    const db = createDb(server.databaseUrl);
    await addUnit(db, 'C00', '吉林市人民政府', 'city');
    await addUnit(db, 'U01', '昌邑区', 'county');
    await addUser(db, 'super', ['supervisor']);
    await addUser(db, 'rep1', ['reporter'], 'U01');
    const ts = nowIso();
    // In talks, last followed up 100 days ago: past the 90-day red line.
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
  });

  it('warning → task → answer → verified close', async () => {
    // The supervisor runs the rules and raises a task from the red warning.
    const sup = await newPage(browser);
    await loginUi(sup, server.url, 'super', TEST_PASSWORD);
    await menu(sup, '预警');
    await sup.getByRole('button', { name: /立即计算/ }).click();
    const row = sup.getByRole('row').filter({ hasText: PROJECT });
    await row.getByText('在谈项目久未跟进').waitFor({ timeout: 45_000 });
    expect(await row.textContent()).toContain('已 100 天未跟进');
    await screenshot(sup, `supervision-warnings-${kind}`);
    await row.getByRole('button', { name: /督办/ }).click();
    const dialog = sup.getByRole('dialog');
    await dialog.getByLabel('督办要求').fill('请一周内上门拜访并反馈对方投资意向');
    await clickUntilClosed(dialog, dialog.getByRole('button', { name: /发起督办/ }));
    await row.getByRole('link', { name: '督办中' }).click();
    await sup.getByTestId('task-status').getByText('待反馈').waitFor({ timeout: 45_000 });
    await screenshot(sup, `supervision-task-open-${kind}`);

    // The unit sees it in its inbox (header badge) and answers.
    const rep = await newPage(browser);
    await loginUi(rep, server.url, 'rep1', TEST_PASSWORD);
    await rep.getByTestId('inbox-badge').click();
    await rep.getByRole('link', { name: `督办：在谈项目久未跟进：${PROJECT}` }).click({ timeout: 45_000 });
    await rep.getByLabel('办理情况').fill('已于本周上门拜访，对方确认下月来访考察，已恢复每月跟进');
    await rep.getByRole('button', { name: '提交反馈' }).click();
    await rep.getByTestId('task-status').getByText('已反馈待核验').waitFor({ timeout: 45_000 });
    // A unit user cannot close its own task.
    expect(await rep.getByRole('button', { name: /办结/ }).count()).toBe(0);
    await screenshot(rep, `supervision-task-answered-${kind}`);

    // The supervisor finds it through the menu, verifies and closes it.
    await menu(sup, '督办');
    await sup.getByRole('link', { name: `在谈项目久未跟进：${PROJECT}` }).click({ timeout: 45_000 });
    await sup.getByText('已于本周上门拜访').waitFor({ timeout: 45_000 });
    await sup.getByLabel(/核验意见/).fill('经电话核实属实，同意办结');
    await sup.getByRole('button', { name: /核验通过/ }).click();
    await sup.getByTestId('task-status').getByText('已办结').waitFor({ timeout: 45_000 });
    await screenshot(sup, `supervision-task-closed-${kind}`);

    // Phone width: the inbox and the warnings page still read.
    const phone = await newPage(browser, { width: 390, height: 844 });
    await loginUi(phone, server.url, 'super', TEST_PASSWORD);
    await phone.getByTestId('inbox-badge').click();
    await phone.getByRole('heading', { name: '我的待办' }).waitFor();
    // The project is still stale (the answer promised a visit), so the warning stays in the inbox.
    await phone.getByRole('link', { name: `在谈项目久未跟进：${PROJECT}` }).waitFor();
    await screenshot(phone, `supervision-inbox-phone-${kind}`);
    await phone.getByRole('button', { name: /展开\/收起菜单/ }).click();
    await menu(phone, '预警');
    await phone.getByRole('row').filter({ hasText: PROJECT }).waitFor();
    await screenshot(phone, `supervision-warnings-phone-${kind}`);
    await sup.close();
    await rep.close();
    await phone.close();
  }, 180_000);
});
