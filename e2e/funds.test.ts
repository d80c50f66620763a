// Journey [C]: a unit reporter enters the month's funds (grid + paste from Excel + evidence) and
// submits, the unit head approves, the city office verifies; then a locked period refuses an edit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDb } from '../src/db/database';
import { DB_KINDS, seedBasics, TEST_PASSWORD } from '../src/test/harness';
import { nowIso } from '../src/modules/audit/audit.service';
import { clickUntilClosed, launchBrowser, loginUi, newPage, screenshot, startServer, type TestServer } from './support';

const PERIOD = '2026-10';

describe.each(DB_KINDS)('funds journey on %s', (kind) => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    const db = createDb(server.databaseUrl);
    try {
      await seedBasics(db);
      const t = nowIso();
      await db
        .insertInto('projects')
        .values([
          {
            unit_code: 'U01',
            code: 'CY-001',
            name: '昌邑化纤新材料项目',
            stage: 'contract',
            total_investment_yuan: 500_000_000,
            created_at: t,
            updated_at: t,
          },
          {
            unit_code: 'U01',
            code: 'CY-002',
            name: '昌邑冷链物流园',
            stage: 'started',
            total_investment_yuan: 200_000_000,
            created_at: t,
            updated_at: t,
          },
          {
            unit_code: 'U02',
            code: 'CYQ-001',
            name: '船营文旅综合体',
            stage: 'started',
            total_investment_yuan: 300_000_000,
            created_at: t,
            updated_at: t,
          },
        ])
        .execute();
      await db.insertInto('exchange_rates').values({ period: PERIOD, cny_per_usd_e4: 71234, updated_at: t }).execute();
    } finally {
      await db.destroy();
    }
    browser = await launchBrowser();
    // The first load compiles the bundle in a cold browser; on a busy machine it can take a while.
    const warm = await newPage(browser);
    await warm.goto(`${server.url}/login`);
    await warm.getByLabel('用户名').waitFor({ timeout: 90_000 });
    await warm.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // On a failure, every page still open is saved, to see what the user saw.
  let open: Page[] = [];
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      for (const [i, p] of open.entries()) await screenshot(p, `funds-FAILED-${kind}-${i}`).catch(() => {});
    }
    open = [];
  });

  const as = async (user: string): Promise<Page> => {
    const page = await newPage(browser);
    page.setDefaultTimeout(45_000); // busy CI machines load the bundle slowly
    open.push(page);
    await loginUi(page, server.url, user, TEST_PASSWORD);
    return page;
  };

  it('submit (rep1) → approve (head1) → verify (office)', async () => {
    const rep = await as('rep1');
    await rep.goto(`${server.url}/funds?period=${PERIOD}`);
    await rep.getByText('到位资金月度填报').waitFor();
    // Keyboard entry in the grid: pick the project, type 万元, Tab to 万美元.
    await rep.locator('[data-cell="0:project"] .ant-select').click();
    await rep.keyboard.type('CY-001');
    await rep.keyboard.press('Enter');
    await rep.locator('input[data-cell="0:amount"]').waitFor();
    await expect.poll(() => rep.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('0:amount');
    await rep.keyboard.type('1200.5');
    await rep.keyboard.press('Tab');
    await rep.keyboard.type('100');
    // The second project comes from Excel.
    await rep.getByRole('button', { name: '从Excel粘贴' }).click();
    await rep.getByLabel('粘贴区').fill('项目编号\t到位金额(万元)\t其中外资(万美元)\t备注\nCY-002\t300\t\t冷库一期设备款\nXX-999\t5\t\t');
    await rep.getByText('项目编号 XX-999 不存在或不属于本单位').waitFor();
    await screenshot(rep, `funds-paste-preview-${kind}`);
    // The preview compares with the grid: CY-001 (typed, 1200.5) is a change, CY-002 is new.
    await rep.getByLabel('粘贴区').fill('CY-001\t"1,200.5"\t１００\nCY-002\t300\t\t"冷库一期\n设备款"\nCY-001\t999');
    await rep.getByText('项目编号 CY-001 在粘贴内容中重复').waitFor();
    await rep.getByLabel('粘贴区').fill('CY-001\t999\t100\nCY-002\t300\t\t"冷库一期设备款"');
    await rep.getByTestId('paste-summary').getByText('共 2 行：新增 1，修改 1，重复 0').waitFor();
    await rep.getByText('金额 1200.5 → 999').waitFor();
    await screenshot(rep, `funds-paste-plan-${kind}`);
    // 添加 (the default) leaves the typed CY-001 alone: only the new row goes in.
    await rep.getByRole('button', { name: /放入表格（1 行）/ }).click();
    await expect.poll(() => rep.locator('input[data-cell="0:amount"]').inputValue()).toBe('1200.5');
    // Ctrl+V in a grid cell opens the same preview; pasting the same values again is a duplicate.
    // Focus and paste in one step; if the grid was re-rendering (a query refreshing), paste again.
    const pasteInCell = () =>
      rep.locator('input[data-cell="0:note"]').evaluate((el: HTMLInputElement) => {
        el.focus();
        const dt = new DataTransfer();
        dt.setData('text/plain', 'CY-002\t300\t\t冷库一期设备款\r\n');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
    // The previous preview must be gone first (it closes with an animation).
    await rep.getByTestId('paste-summary').waitFor({ state: 'detached' });
    const summary = rep.getByTestId('paste-summary');
    await expect
      .poll(
        async () => {
          if (!(await summary.isVisible())) await pasteInCell();
          return summary.isVisible();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(true);
    await rep.getByTestId('paste-summary').getByText('共 1 行：新增 0，修改 0，重复 1').waitFor();
    await rep
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await rep.getByTestId('paste-summary').waitFor({ state: 'detached' });
    await rep.getByRole('button', { name: /保\s*存（2）/ }).click();
    await rep.getByText('已保存 2 行').waitFor();
    await rep.getByTestId('grid-total').getByText('1500.5', { exact: true }).waitFor(); // the total row: 1200.5 + 300

    // Evidence for the first entry.
    await rep.locator('tr', { hasText: 'CY-001' }).getByTestId('attachments-button').click();
    await rep
      .locator('.ant-drawer input[type=file]')
      .setInputFiles({ name: '银行回单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% bank slip\n') });
    await rep.locator('.ant-drawer').getByText('银行回单.pdf').waitFor();
    await rep.keyboard.press('Escape');
    await rep.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    await rep.getByTestId('attachments-button').first().filter({ hasText: '1' }).waitFor();
    await screenshot(rep, `funds-entry-grid-${kind}`);

    await rep.getByRole('button', { name: '报送月报' }).click();
    await rep
      .locator('.ant-modal-confirm')
      .getByText(/共 2 条，合计 1,500.50万元/)
      .waitFor();
    await clickUntilClosed(rep.locator('.ant-modal-confirm'), rep.locator('.ant-modal-confirm').getByRole('button', { name: /报\s*送/ }));
    await rep.getByTestId('submission-status').filter({ hasText: '已报送' }).waitFor();
    await expect(rep.getByRole('button', { name: /保\s*存/ }).count()).resolves.toBe(0);
    await screenshot(rep, `funds-submitted-${kind}`);

    const head = await as('head1');
    await head.goto(`${server.url}/funds?period=${PERIOD}`);
    await head.getByRole('button', { name: '审核通过' }).click();
    await head.getByTestId('submission-status').filter({ hasText: '已审核' }).waitFor();
    await expect(head.getByRole('link', { name: '到位资金核实' }).count()).resolves.toBe(0);

    const office = await as('office');
    await office.goto(`${server.url}/funds/verify?period=${PERIOD}`);
    await office.getByRole('cell', { name: /CY-001/ }).waitFor();
    await office.locator('tr', { hasText: 'CY-001' }).locator('.ant-table-row-expand-icon').click();
    await office.getByText('银行回单.pdf').waitFor();
    await screenshot(office, `funds-verify-queue-${kind}`);
    await office
      .locator('tr', { hasText: 'CY-001' })
      .getByRole('button', { name: /核\s*实/ })
      .click();
    await office.getByText('已核实', { exact: true }).first().waitFor();
    await office.locator('thead .ant-checkbox-input').check();
    await office.getByRole('button', { name: /批量核实（1）/ }).click();
    await office.getByText('已核实 1 条').waitFor();

    await office.goto(`${server.url}/funds/board?period=${PERIOD}`);
    const u01 = office.locator('tr', { hasText: '昌邑区' });
    await u01.getByText('2/2').waitFor();
    await u01.getByText('1,500.50万元').first().waitFor();
    await office.locator('tr', { hasText: '船营区' }).getByText('未填报').waitFor();
    await office.locator('tr', { hasText: '昌邑区' }).getByText('已全部核实').waitFor();
    await screenshot(office, `funds-board-${kind}`);
    for (const p of [rep, head, office]) await p.context().close();
  }, 300_000);

  it('a locked period refuses an edit in the browser, with the message shown', async () => {
    const rep2 = await as('rep2');
    await rep2.goto(`${server.url}/funds?period=${PERIOD}`);
    await rep2.locator('[data-cell="0:project"] .ant-select').click();
    await rep2.keyboard.type('CYQ-001');
    await rep2.keyboard.press('Enter');
    await rep2.locator('input[data-cell="0:amount"]').fill('88');
    await rep2.getByRole('button', { name: /保\s*存（1）/ }).click();
    await rep2.getByText('已保存 1 行').waitFor();

    // The dispatch meeting is over: the city office locks the month.
    const office = await as('office');
    await office.goto(`${server.url}/funds/board?period=${PERIOD}`);
    await office.getByRole('button', { name: '锁定本期（封账）' }).click();
    await office.getByLabel('说明').fill('10月调度会后封账');
    // The checklist lists what is unfinished; locking anyway needs the explicit choice.
    await office.getByTestId('lock-checklist').getByText('我已知晓以上未完成事项').click();
    await office
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await office.getByTestId('lock-banner').waitFor();

    // rep2's page was open before the lock; the edit is refused by the server.
    await rep2.locator('input[data-cell="0:amount"]').fill('99');
    await rep2.getByRole('button', { name: /保\s*存（1）/ }).click();
    const msg = `报告期 ${PERIOD} 已锁定（调度会后封账），如需更正请在未锁定的报告期录入调整数，或由市招商办解锁并说明原因`;
    await rep2.getByTestId('save-error').getByText(msg).waitFor();
    await screenshot(rep2, `funds-locked-refused-${kind}`);
    await rep2.reload();
    await rep2.getByTestId('lock-banner').getByText(msg).waitFor();
    await expect(rep2.locator('input[data-cell="0:amount"]').count()).resolves.toBe(0);

    // Unlocking needs a reason and shows in the history.
    await office.getByRole('button', { name: /解\s*锁/ }).click();
    await office.getByLabel('说明').fill('船营区补报');
    await office
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await office.getByText(/解锁报告期 2026-10，原因：船营区补报/).waitFor();
    await screenshot(office, `funds-unlock-history-${kind}`);
    for (const p of [rep2, office]) await p.context().close();
  }, 300_000);
});
