// Shared helpers for browser tests: Debian's Chromium through playwright-core, the local runner on a free port, screenshots.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/adapters/local/server';
import { ensurePageBuilt, ROOT } from './page-build';

export const CHROMIUM_PATH = '/usr/bin/chromium';
// Flags for a container without a GPU, a sandbox or network access beyond localhost.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = path.join(ROOT, 'artifacts/screenshots');

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with one line, except in CI, where a missing
 * browser fails the run.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, suite);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\` (.ci/run does).`);
      });
    });
    return;
  }
  console.warn(`Browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium to run them).`);
  describe.skip(name, suite);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export type LocalRunner = RunningServer & { dataDir: string; stop(): Promise<void> };

/** The local runner with demo data in a fresh temporary folder, on a free port; the page is built first if missing. */
export async function startLocalRunner(): Promise<LocalRunner> {
  await ensurePageBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'directory-browser-'));
  const running = await startServer({ port: 0, dataDir });
  return Object.assign(running, {
    dataDir,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Saves a full-page PNG under artifacts/screenshots/ (gitignored) for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Errors the page logged or threw, collected so a test can assert there were none (CSP violations land here too). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export type BrowserSession = {
  runner: LocalRunner;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Script errors, console errors and CSP violations the page logged. */
  errors: string[];
  /** Messages of alert/confirm/prompt dialogs the page opened (each is dismissed). */
  dialogs: string[];
  /** Calls a resolver on the runner directly, as `user`; throws on an error envelope. */
  invoke<T>(key: string, payload: unknown, user?: string): Promise<T>;
  close(): Promise<void>;
};

/**
 * What every browser suite starts with: the local runner with demo data, Chromium, one context (UTC, en-GB) and page
 * with a 10 s default timeout, page errors collected and dialogs captured.
 */
export async function openBrowserSession(options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {}): Promise<BrowserSession> {
  const runner = await startLocalRunner();
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    runner,
    browser,
    context,
    page,
    errors,
    dialogs,
    async invoke<T>(key: string, payload: unknown, user = 'local-admin'): Promise<T> {
      const answer = await runner.app.invoke(key, payload, user);
      if (!answer.ok) throw new Error(`${key}: ${answer.error.message}`);
      return answer.data as T;
    },
    async close() {
      await context.close();
      await browser.close();
      await runner.stop();
    },
  };
}
