// Builds the local issue panel host (build/issue-panel-host) when a browser test needs it and it is missing or older
// than the panel's sources; parallel test files wait for one build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildOnce, ROOT } from './page-build';

export const PANEL_HOST_BUILD_DIR = path.join(ROOT, 'build/issue-panel-host');
const ENTRY = path.join(PANEL_HOST_BUILD_DIR, 'panel-host.js');
const SOURCES = ['src/frontend/issue-panel', 'src/adapters/local/panel-host', 'src/contracts', 'src/domain'].map((dir) => path.join(ROOT, dir));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensurePanelHostBuilt(): Promise<void> {
  return buildOnce({
    output: ENTRY,
    lock: path.join(ROOT, 'build/.panel-host-build-lock'),
    viteConfig: 'src/adapters/local/panel-host/vite.config.mts',
    buildScript: 'npm run build:panel-host',
    isFresh: () => existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= Math.max(...SOURCES.map(newestSource)),
  });
}
