// Builds the local issue panel host (build/issue-panel-host) when a browser test needs it and it is missing or older
// than the panel's sources; parallel test files wait for one build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './page-build';

export const PANEL_HOST_BUILD_DIR = path.join(ROOT, 'build/issue-panel-host');
const ENTRY = path.join(PANEL_HOST_BUILD_DIR, 'panel-host.js');
const LOCK = path.join(ROOT, 'build/.panel-host-build-lock');
const SOURCES = ['src/frontend/issue-panel', 'src/adapters/local/panel-host', 'src/contracts', 'src/domain'].map((dir) => path.join(ROOT, dir));
const WAIT_MS = 180_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const isFresh = () => existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= Math.max(...SOURCES.map(newestSource));

export async function ensurePanelHostBuilt(): Promise<void> {
  if (isFresh()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > WAIT_MS) rmSync(LOCK, { recursive: true, force: true });
  let owner = false;
  try {
    mkdirSync(LOCK); // atomic: exactly one process builds
    owner = true;
  } catch {
    owner = false;
  }
  if (owner) {
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/adapters/local/panel-host/vite.config.mts', '--logLevel', 'warn'], {
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
  const deadline = Date.now() + WAIT_MS;
  while (existsSync(LOCK) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  if (!existsSync(ENTRY)) throw new Error('build/issue-panel-host/panel-host.js is missing; run `npm run build:panel-host` and look at its errors.');
}
