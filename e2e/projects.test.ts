// Journey [B]: a unit reporter registers an investor (a wrong credit code is refused), creates a
// project, adds a follow-up, moves it to contract on the kanban and finds it with the table filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeCreditCode } from '../src/domain/creditCode';
import { DB_KINDS } from '../src/test/harness';
import { launchBrowser, loginUi, newPage, screenshot, screenshotsOnFailure, setupViaApi, startServer, type TestServer } from './support';

async function api(url: string, cookie: string, csrf: string, method: string, path: string, body: unknown) {
  const r = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

describe.each(DB_KINDS)('projects journey on %s', (kind) => {
  screenshotsOnFailure(`projects-${kind}`);
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    browser = await launchBrowser();
    const admin = await setupViaApi(server.url);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    await api(server.url, cookie, me.csrfToken, 'POST', '/units', { code: 'U01', name: '昌邑区', kind: 'county' });
    await api(server.url, cookie, me.csrfToken, 'POST', '/users', {
      username: 'rep1',
      displayName: '张填报',
      password: 'Report-U01-2026',
      roles: ['reporter'],
      unitCode: 'U01',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('investor → project → follow-up → kanban move → table filter', async () => {
    const page = await newPage(browser, { width: 1440, height: 900 });
    await loginUi(page, server.url, 'rep1', 'Report-U01-2026');
    const code = makeCreditCode('91330100MA0000001');
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

    // Investor: a wrong credit code is refused with the reason, a right one is accepted.
    await page.goto(`${server.url}/investors`);
    await page.getByRole('button', { name: '登记客商' }).click();
    await page.getByLabel('客商名称').fill('杭州某某汽车零部件有限公司');
    await page.getByLabel('统一社会信用代码').fill(wrong);
    await page.getByLabel('投资方所在地').fill('浙江省杭州市');
    await page
      .getByText(/校验位应为/)
      .first()
      .waitFor();
    await screenshot(page, `projects-investor-wrong-code-${kind}`);
    await page.getByLabel('统一社会信用代码').fill(code);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^保\s*存$/ })
      .click();
    await page.waitForURL(/\/investors\/\d+$/);
    await page.getByText('省外').first().waitFor();

    // Project linked to the investor.
    await page.goto(`${server.url}/projects`);
    await page.getByRole('button', { name: '登记项目' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('项目名称').fill('汽车零部件生产基地');
    await dlg.getByLabel('责任人').fill('张三');
    await dlg.getByLabel('投资方（客商）').click();
    await page.keyboard.type('杭州');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '杭州某某汽车零部件有限公司' })
      .first()
      .click();
    // The industry is a GB/T 4754 section, as for investors; the source activity a search-select.
    // Under load a click can land while the dropdown re-renders: choose again until the field shows it.
    const chosen = dlg.locator('.ant-form-item', { hasText: '行业门类' }).getByText('C 制造业').filter({ visible: true }).first();
    await expect
      .poll(
        async () => {
          if (await chosen.isVisible()) return true;
          // fill, not type: a second attempt must not append to the first one's search text.
          await dlg.getByLabel('行业门类').click();
          await dlg.getByLabel('行业门类').fill('制造');
          await page
            .locator('.ant-select-dropdown:visible .ant-select-item-option')
            .filter({ hasText: 'C 制造业' })
            .first()
            .click({ timeout: 10_000 })
            .catch(() => {});
          return chosen.isVisible();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(true);
    await dlg.getByLabel('总投资（万元）').fill('50000');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^保\s*存$/ })
      .click();
    await page.waitForURL(/\/projects\/\d+$/);
    await page.getByText('U01-').first().waitFor();
    await page.getByText('50,000.00万元').waitFor();
    await page.getByText('C 制造业').first().waitFor();

    // Follow-up.
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await page.getByRole('button', { name: '新增跟进记录' }).click();
    await page.getByRole('dialog').getByLabel('跟进内容').fill('赴杭州拜访企业总部，对接用地需求');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^保\s*存$/ })
      .click();
    await page.getByRole('cell', { name: '赴杭州拜访企业总部，对接用地需求' }).waitFor();
    await page.getByRole('tab', { name: '时间线' }).click();
    await page.getByText(/走访：赴杭州拜访/).waitFor();
    await screenshot(page, `projects-project-page-${kind}`);

    // Kanban: drag to 合同签约, the dialog asks for the signing date.
    await page.goto(`${server.url}/projects/kanban`);
    const card = page.getByTestId('kanban-lead').getByText('汽车零部件生产基地');
    await card.waitFor();
    await card.dragTo(page.getByTestId('kanban-contract'));
    await page.getByRole('dialog').getByText('签约日期').waitFor();
    await page.getByRole('button', { name: /确认变更/ }).click();
    await page.getByTestId('kanban-contract').getByText('汽车零部件生产基地').waitFor();
    await screenshot(page, `projects-kanban-${kind}`);

    // Table filter by stage finds it.
    await page.goto(`${server.url}/projects`);
    await page.getByLabel('阶段筛选', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '合同签约' }).first().click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/stage=contract/);
    await page.getByRole('cell', { name: '汽车零部件生产基地' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // header + the one project
    await page.waitForLoadState('networkidle');
    await screenshot(page, `projects-table-${kind}`);
  }, 240_000);
});
