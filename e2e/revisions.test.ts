// Journey [I]: with October locked, the city office finds the investor's origin change refused,
// requests a revision (修订) through the menu, approves it and reads the locked figures before → after.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDb } from '../src/db/database';
import { DB_KINDS, seedBasics, TEST_PASSWORD } from '../src/test/harness';
import { nowIso } from '../src/modules/audit/audit.service';
import { makeActor } from '../src/modules/auth/actor';
import { lockPeriod } from '../src/modules/funds/period-locks.service';
import { clickUntilClosed, launchBrowser, loginUi, newPage, screenshot, startServer, type TestServer } from './support';

describe.each(DB_KINDS)('revisions journey on %s', (kind) => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    const db = createDb(server.databaseUrl);
    try {
      await seedBasics(db);
      const t = nowIso();
      const inv = await db
        .insertInto('investors')
        .values({
          name: '杭州远景集团',
          origin_input: '浙江省杭州市',
          origin_code: '330100',
          origin_name: '浙江省杭州市',
          origin_kind: 'region',
          origin_scope: 'domestic',
          created_at: t,
          updated_at: t,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const p = await db
        .insertInto('projects')
        .values({
          unit_code: 'U01',
          code: 'CY-001',
          name: '昌邑化纤新材料项目',
          stage: 'started',
          investor_id: inv.id,
          contract_date: '2026-02-01',
          total_investment_yuan: 500_000_000,
          created_at: t,
          updated_at: t,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('fund_entries')
        .values({
          project_id: p.id,
          unit_code: 'U01',
          period: '2026-10',
          year: 2026,
          month: 10,
          kind: 'regular',
          amount_yuan: 135_000_000,
          foreign_usd: 0,
          status: 'verified',
          created_at: t,
          updated_at: t,
        })
        .execute();
      const office = makeActor({ userId: null, name: '市招商办', roles: ['city_office'], unitCode: null, via: 'system' });
      await db.transaction().execute((tx) => lockPeriod(tx, office, '2026-10', '调度会后封账'));
    } finally {
      await db.destroy();
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let page: Page;
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `revisions-FAILED-${kind}`).catch(() => {});
  });

  it('requests, approves and shows before → after', async () => {
    page = await newPage(browser, { width: 1400, height: 900 });
    page.setDefaultTimeout(45_000);
    await loginUi(page, server.url, 'office', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: '修订' }).click();
    await page.getByText('没有修订申请').waitFor();
    await page.getByRole('button', { name: /提出修订/ }).click();
    const dialog = page.getByRole('dialog', { name: '提出修订' });
    // The investor search answers as one types; a click that lands while the list re-renders is lost, so
    // choose again until the field shows the investor (what a person would do).
    const chosen = dialog.locator('.ant-form-item', { hasText: '客商' }).getByText('杭州远景集团').filter({ visible: true }).first();
    for (let attempt = 0; attempt < 4 && !(await chosen.isVisible()); attempt++) {
      await dialog.getByRole('combobox').first().click();
      if (attempt === 0) await page.keyboard.type('杭州');
      const option = page.locator('.ant-select-item-option').filter({ hasText: '杭州远景集团' });
      await option.waitFor();
      await option.click();
      await chosen.waitFor({ timeout: 5000 }).catch(() => {});
    }
    await chosen.waitFor();
    await dialog.getByLabel('新的所在地').fill('香港');
    await dialog.getByLabel('原因').fill('营业执照显示注册地为香港');
    await clickUntilClosed(dialog, dialog.getByRole('button', { name: /提\s*交/ }));
    await page.getByText('涉及锁定月份').first().waitFor();
    await page.getByRole('button', { name: '批准并重新封存' }).click();
    await page.getByText('锁定月份数据：修订前 → 修订后').waitFor();
    await page.getByText('境外资金（元）').first().waitFor();
    expect(await page.getByText('135,000,000').count()).toBeGreaterThan(0);
    await screenshot(page, `revisions-${kind}`);
  }, 180_000);
});
