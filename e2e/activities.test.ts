// Journey [F]: a unit reporter plans a trip, files its report and credits the contract it brought; packages
// a reserve project, enters its cash flows, sees NPV/IRR and downloads the brochure; an investor on the
// public page (no login) leaves an inquiry, which the city office finds. Pages are reached via menu and links.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import PizZip from 'pizzip';
import { DB_KINDS } from '../src/test/harness';
import {
  clickUntilClosed,
  launchBrowser,
  loginUi,
  newPage,
  screenshot,
  screenshotsOnFailure,
  setupViaApi,
  startServer,
  type TestServer,
} from './support';

async function api(url: string, cookie: string, csrf: string, method: string, path: string, body: unknown) {
  const r = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}
async function signIn(url: string, username: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}
const menu = (page: Page, name: string) => page.getByRole('menuitem', { name }).click();

describe.each(DB_KINDS)('activities and reserve journey on %s', (kind) => {
  screenshotsOnFailure(`activities-${kind}`);
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(kind);
    browser = await launchBrowser();
    const admin = await setupViaApi(server.url);
    const a = await signIn(server.url, admin.username, admin.password);
    await api(server.url, a.cookie, a.csrf, 'POST', '/units', { code: 'U01', name: '昌邑区', kind: 'county' });
    await api(server.url, a.cookie, a.csrf, 'POST', '/users', {
      username: 'rep1',
      displayName: '张填报',
      password: 'Report-U01-2026',
      roles: ['reporter'],
      unitCode: 'U01',
    });
    await api(server.url, a.cookie, a.csrf, 'POST', '/users', {
      username: 'office1',
      displayName: '李招商',
      password: 'Office-city-2026',
      roles: ['city_office'],
    });
    await api(server.url, a.cookie, a.csrf, 'PATCH', '/settings', {
      cityAdvantages: '区位优越，产业基础雄厚，营商环境持续优化。',
      investorContact: '市招商办 0432-12345678',
    });
    const r = await signIn(server.url, 'rep1', 'Report-U01-2026');
    const project = (await api(server.url, r.cookie, r.csrf, 'POST', '/projects', {
      name: '苏州客商新材料项目',
      stage: 'contract',
      contractDate: '2026-03-20',
      totalInvestmentYuan: 300_000_000,
    })) as { id: number };
    await api(server.url, r.cookie, r.csrf, 'POST', `/projects/${project.id}/commitments`, {
      title: '协调解决项目用电增容',
      status: 'fulfilled',
      evidence: '已完成10千伏专线接入',
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('plans a trip, files its report and credits the contract it brought', async () => {
    const page = await newPage(browser, { width: 1440, height: 900 });
    await loginUi(page, server.url, 'rep1', 'Report-U01-2026');
    await menu(page, '招商活动');
    await page.getByRole('button', { name: '登记活动' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('活动名称').fill('赴苏州新材料产业链招商小分队');
    await dlg.getByPlaceholder('开始日期').fill('2026-03-02');
    await dlg.getByPlaceholder('开始日期').press('Enter');
    await dlg.getByPlaceholder('结束日期').fill('2026-03-05');
    await dlg.getByPlaceholder('结束日期').press('Enter');
    await dlg.getByLabel('目的地').fill('江苏省苏州市');
    await clickUntilClosed(dlg, dlg.getByRole('button', { name: /^保\s*存$/ }));
    await page.waitForURL(/\/activities\/\d+$/, { timeout: 45_000 });
    await page
      .getByText(/报告逾期/)
      .first()
      .waitFor({ timeout: 45_000 });

    await page.getByRole('button', { name: '提交报告' }).click();
    const rep = page.getByRole('dialog');
    await rep.getByLabel('报告内容').fill('走访企业5家，达成合作意向2个，下一步邀请来吉考察。');
    await clickUntilClosed(rep, rep.getByRole('button', { name: '提交报告' }));
    await page.getByText('已报告').first().waitFor({ timeout: 45_000 });

    await page.getByLabel('选择签约项目').click();
    await page.keyboard.type('苏州');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '苏州客商新材料项目' }).first().click();
    await page.getByRole('button', { name: '计入签约项目' }).click();
    await page.getByRole('link', { name: /苏州客商新材料项目/ }).waitFor({ timeout: 45_000 });
    await page.getByText('30,000').first().waitFor();
    await screenshot(page, `activities-results-${kind}`);

    // back to the list through the link; the calendar shows the trip in its month
    await page.getByRole('link', { name: '← 招商活动' }).click();
    await page.getByRole('link', { name: '赴苏州新材料产业链招商小分队' }).waitFor();
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByText('按目的地区').waitFor();
    await screenshot(page, `activities-totals-${kind}`);
    const phone = await newPage(browser, { width: 390, height: 844 });
    await loginUi(phone, server.url, 'rep1', 'Report-U01-2026');
    await phone
      .getByRole('button', { name: '展开/收起菜单' })
      .click()
      .catch(() => {});
    await phone.getByRole('menuitem', { name: '招商活动' }).click();
    await phone.getByRole('link', { name: '赴苏州新材料产业链招商小分队' }).waitFor();
    await screenshot(phone, `activities-list-phone-${kind}`);
    await phone.context().close();
    await page.context().close();
  }, 240_000);

  it('packages a reserve project: cash flows → NPV and IRR, brochure, promoted', async () => {
    const page = await newPage(browser, { width: 1440, height: 900 });
    await loginUi(page, server.url, 'rep1', 'Report-U01-2026');
    await menu(page, '项目储备');
    await page.getByRole('button', { name: '新增储备项目' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('项目名称').fill('新材料产业园标准厂房项目');
    await dlg.getByLabel('行业').fill('新材料');
    await dlg.getByLabel('总投资（万元）').fill('1000');
    await clickUntilClosed(dlg, dlg.getByRole('button', { name: /^保\s*存$/ }));
    await page.waitForURL(/\/reserve\/\d+$/, { timeout: 45_000 });

    await page.getByLabel('建设投资（按年，第0年起）').fill('1000');
    await page.getByLabel('年营业收入（第1年起，最后一个值延续）').fill('200, 300, 400, 500');
    await page.getByLabel('测算期（年）').fill('4');
    await page.getByLabel('折现率（%）').fill('8');
    // −1000, 200, 300, 400, 500 (万元) at 8%: NPV 127.43万元, IRR 12.83%
    await page.getByText('12.83%').first().waitFor({ timeout: 45_000 });
    await page.getByTestId('npv').getByText('127').waitFor();
    await page.getByRole('button', { name: '保存测算' }).click();
    await page.getByText('测算已保存').waitFor({ timeout: 45_000 });
    await page.getByTestId('cashflow-chart').locator('canvas').first().waitFor();
    await screenshot(page, `reserve-investor-view-${kind}`);

    await page.getByRole('button', { name: '下载推介单页' }).hover();
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 45_000 }),
      page.getByRole('menuitem', { name: '中文单页' }).click(),
    ]);
    const file = await dl.path();
    const zip = new PizZip(fs.readFileSync(file!));
    expect(zip.file('word/document.xml')!.asText()).toContain('新材料产业园标准厂房项目');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true);

    await page.getByLabel('状态').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已推介' }).click();
    await page.locator('.ant-tag').filter({ hasText: '已推介' }).first().waitFor({ timeout: 45_000 });
    const phone = await newPage(browser, { width: 390, height: 844 });
    await loginUi(phone, server.url, 'rep1', 'Report-U01-2026');
    await phone
      .getByRole('button', { name: '展开/收起菜单' })
      .click()
      .catch(() => {});
    await phone.getByRole('menuitem', { name: '项目储备' }).click();
    await phone.getByRole('link', { name: '新材料产业园标准厂房项目' }).click();
    await phone.getByText('12.83%').first().waitFor({ timeout: 45_000 });
    await screenshot(phone, `reserve-investor-view-phone-${kind}`);
    await phone.context().close();
    await page.context().close();
  }, 240_000);

  it("an investor's inquiry on the public page reaches the city office", async () => {
    const pub = await newPage(browser, { width: 1280, height: 900 });
    await pub.goto(`${server.url}/invest`);
    await pub.getByText('新材料产业园标准厂房项目').first().waitFor({ timeout: 45_000 });
    await pub.getByText('区位优越').waitFor();
    await pub.getByRole('link', { name: '咨询此项目' }).first().click();
    const form = pub.getByRole('form', { name: '投资咨询' });
    await form.getByLabel('称呼').fill('陈先生');
    await form.getByLabel('单位').fill('深圳某新材料科技有限公司');
    await form.getByLabel('联系方式（电话或邮箱）').fill('13800000000');
    await form.getByLabel('留言').fill('想了解标准厂房的租售价格和入驻条件。');
    await screenshot(pub, `public-page-${kind}`);
    // a person takes a few seconds to fill the form; a too-fast submit is refused and can be sent again
    const done = pub.getByText('已收到您的咨询');
    const end = Date.now() + 45_000;
    while (!(await done.isVisible()) && Date.now() < end) {
      await form
        .getByRole('button', { name: '提交咨询' })
        .click()
        .catch(() => {});
      await done
        .or(pub.getByText('提交过快'))
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => {});
    }
    await done.waitFor();
    const phone = await newPage(browser, { width: 390, height: 844 });
    await phone.goto(`${server.url}/invest`);
    await phone.getByText('新材料产业园标准厂房项目').first().waitFor({ timeout: 45_000 });
    await screenshot(phone, `public-page-phone-${kind}`);
    await phone.context().close();
    await pub.context().close();

    const office = await newPage(browser, { width: 1440, height: 900 });
    await loginUi(office, server.url, 'office1', 'Office-city-2026');
    await menu(office, '项目储备');
    await office.getByRole('link', { name: '投资咨询' }).click();
    await office.getByText('陈先生').waitFor({ timeout: 45_000 });
    await office.getByText('待答复').first().waitFor();
    await screenshot(office, `inquiries-${kind}`);
    await office.context().close();
  }, 240_000);

  it('the office asks the investor to confirm a fulfilled commitment; the answer shows on the project', async () => {
    const office = await newPage(browser, { width: 1440, height: 900 });
    await loginUi(office, server.url, 'office1', 'Office-city-2026');
    await menu(office, '项目台账');
    await office.getByRole('link', { name: '苏州客商新材料项目' }).first().click();
    await office.getByRole('tab', { name: '承诺事项' }).click();
    await office.getByRole('cell', { name: '协调解决项目用电增容' }).waitFor({ timeout: 45_000 });
    await office.getByText('请投资方确认').click();
    const box = office.getByTestId('confirmation-link');
    await box.waitFor({ timeout: 45_000 });
    const link = await box.inputValue();
    expect(link).toMatch(/\/invest\/confirm\/[\w-]+$/);
    await screenshot(office, `commitment-link-${kind}`);
    await office
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await office.getByText('待投资方确认').waitFor({ timeout: 45_000 });

    // The investor opens the link they were sent (no account) and confirms.
    const investor = await newPage(browser, { width: 390, height: 844 });
    await investor.goto(link);
    await investor.getByText('协调解决项目用电增容').first().waitFor({ timeout: 45_000 });
    await investor.getByRole('button', { name: '确认已兑现' }).click();
    await investor.getByText('感谢确认').waitFor({ timeout: 45_000 });
    await investor.context().close();

    // Back on the project, the office sees the investor's answer (the page reloads its items).
    await office.reload();
    await office.getByRole('tab', { name: '承诺事项' }).click();
    await office.getByText('投资方已确认').waitFor({ timeout: 45_000 });
    await office.context().close();
  }, 240_000);
});
