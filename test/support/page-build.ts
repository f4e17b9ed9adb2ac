// Builds the global page once when a test needs static/global-page/build and it is missing; parallel test files wait for one build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const PAGE_BUILD_DIR = path.join(ROOT, 'static/global-page/build');
const INDEX = path.join(PAGE_BUILD_DIR, 'index.html');
const LOCK = path.join(ROOT, 'static/global-page/.build-lock');
const WAIT_MS = 180_000;

export async function ensurePageBuilt(): Promise<void> {
  if (existsSync(INDEX)) return;
  if (takeLock()) {
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'static/global-page/vite.config.ts', '--logLevel', 'warn'], {
        cwd: ROOT,
        // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
  // Another test file is building: wait for its lock to go.
  const deadline = Date.now() + WAIT_MS;
  while (existsSync(LOCK) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  if (!existsSync(INDEX)) throw new Error(`static/global-page/build/index.html is missing; run \`npm run build:page\` and look at its errors.`);
}

function takeLock(): boolean {
  // A lock older than any build is left over from a killed run.
  if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > WAIT_MS) rmSync(LOCK, { recursive: true, force: true });
  try {
    mkdirSync(LOCK); // atomic: exactly one process creates it
    return true;
  } catch {
    return false;
  }
}
