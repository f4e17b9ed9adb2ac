// Shared helpers for browser tests: Debian's Chromium through playwright-core, the local runner on a free port, screenshots.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
