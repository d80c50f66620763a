// Browser journeys: a real server process on a free port, a fresh database, headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { freshDb, type DbKind } from '../src/test/harness';

export const OUT_DIR = path.resolve('test-output');

export interface TestServer {
  url: string;
  databaseUrl: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts `zhaoshang serve` on a fresh database of the given kind (migrated, empty: first-run setup shows). */
export async function startServer(kind: DbKind = 'sqlite', env: Record<string, string> = {}): Promise<TestServer> {
  if (!fs.existsSync(path.resolve('dist/web/index.html'))) throw new Error('web app not built: run `npm run build` first (npm test does)');
  const tdb = await freshDb(kind);
  const dbUrl = tdb.url;
  await tdb.db.destroy();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/zhaoshang.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => {
    log += String(d);
  });
  child.stderr?.on('data', (d) => {
    log += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    databaseUrl: dbUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => {
        if (child.exitCode !== null) r(null);
        else child.once('exit', r);
        setTimeout(r, 5000);
      });
      await tdb.drop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

const openPages = new Set<Page>();

/** On a failed test, saves every page still open, to see what the user saw (test-output/NAME-FAILED-i.png). */
export function screenshotsOnFailure(name: string): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    let i = 0;
    for (const p of openPages) await screenshot(p, `${name}-FAILED-${i++}`).catch(() => {});
  });
}

export async function newPage(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 860 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000); // CI machines are shared and sometimes slow
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The first administrator's password in journeys: it must pass the password policy (10+ characters, not common). */
export const ADMIN_PASSWORD = 'Jilin-admin-2026';

export interface DemoUser {
  username: string;
  password: string;
  role: string;
  unitCode: string | null;
}

/**
 * Completes first-run setup through the API (for journeys that are not about setup). With demo,
 * loads the demo and returns its users with the passwords the load answered (the one place that
 * knows how demo passwords are obtained: adapt here if the setup/demo API changes).
 */
export async function setupViaApi(
  url: string,
  opts: { demo?: boolean } = {},
): Promise<{ username: string; password: string; demoUsers: DemoUser[] }> {
  const admin = { username: 'admin', password: ADMIN_PASSWORD };
  const r = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cityName: '吉林市',
      homeRegionCode: '220200',
      cityUnitCode: 'C00',
      adminUsername: admin.username,
      adminDisplayName: '管理员',
      adminPassword: admin.password,
    }),
  });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${await r.text()}`);
  if (opts.demo) {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const d = await fetch(`${url}/api/v1/demo/load`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ fixedPassword: true }),
    });
    if (!d.ok) throw new Error(`demo load failed: ${d.status} ${await d.text()}`);
    const loaded = (await d.json()) as { users: DemoUser[] };
    return { ...admin, demoUsers: loaded.users };
  }
  return { ...admin, demoUsers: [] };
}

/** Signs in through the login page. */
export async function loginUi(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('user-menu').waitFor();
}

/**
 * Clicks a dialog's button until the dialog has closed. A click that lands while a dialog is still
 * opening (its zoom animation) can be lost on a busy machine; a second click on a button that is
 * already working (antd shows it loading) is ignored, so this never submits twice.
 */
export async function clickUntilClosed(dialog: Locator, button: Locator, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!(await dialog.isVisible())) return;
    await button.click({ timeout: 5_000 }).catch(() => {});
    try {
      await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch {
      /* still open: click again */
    }
  }
  throw new Error('the dialog did not close');
}

/**
 * Fails the journey on what a person would see as broken: an uncaught page error, a console error,
 * a server answer of 5xx. Returns the list of problems so far (check it after each step).
 */
export function watchForTrouble(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} from ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

/** Waits until the current page shows its content: the shell, a page title, no crash notice, nothing blank. */
export async function waitForPageShown(page: Page, timeout = 45_000): Promise<void> {
  await page.getByTestId('user-menu').waitFor({ timeout });
  await page.locator('main h4').first().waitFor({ timeout });
  if (await page.getByTestId('page-error').count()) {
    throw new Error(`page crashed at ${page.url()}: ${await page.getByTestId('page-error').innerText()}`);
  }
  // A lazy page shows its spinner for a moment: blank only if it stays empty.
  const shown = await page
    .waitForFunction(() => (document.querySelector('main')?.textContent ?? '').trim().length >= 4, null, { timeout })
    .then(
      () => true,
      () => false,
    );
  if (!shown) throw new Error(`blank page at ${page.url()}`);
}
