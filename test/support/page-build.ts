// Builds the global page (and, via buildOnce, the local panel host) when a test needs a bundle that is missing;
// parallel test files wait for one build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const PAGE_BUILD_DIR = path.join(ROOT, 'static/global-page/build');
const WAIT_MS = 180_000;

export type Bundle = { output: string; lock: string; viteConfig: string; buildScript: string; isFresh?: () => boolean };

/**
 * Runs `vite build` for the bundle unless its output exists (and is fresh); one process builds under a lock directory,
 * the others wait for the lock to go.
 */
export async function buildOnce(bundle: Bundle): Promise<void> {
  const fresh = bundle.isFresh ?? (() => existsSync(bundle.output));
  if (fresh()) return;
  if (takeLock(bundle.lock)) {
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', bundle.viteConfig, '--logLevel', 'warn'], {
        cwd: ROOT,
        // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } finally {
      rmSync(bundle.lock, { recursive: true, force: true });
    }
    return;
  }
  // Another test file is building: wait for its lock to go.
  const deadline = Date.now() + WAIT_MS;
  while (existsSync(bundle.lock) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  if (!existsSync(bundle.output)) throw new Error(`${path.relative(ROOT, bundle.output)} is missing; run \`${bundle.buildScript}\` and look at its errors.`);
}

function takeLock(lock: string): boolean {
  mkdirSync(path.dirname(lock), { recursive: true });
  // A lock older than any build is left over from a killed run.
  if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > WAIT_MS) rmSync(lock, { recursive: true, force: true });
  try {
    mkdirSync(lock); // atomic: exactly one process creates it
    return true;
  } catch {
    return false;
  }
}

export function ensurePageBuilt(): Promise<void> {
  return buildOnce({
    output: path.join(PAGE_BUILD_DIR, 'index.html'),
    lock: path.join(ROOT, 'static/global-page/.build-lock'),
    viteConfig: 'static/global-page/vite.config.ts',
    buildScript: 'npm run build:page',
  });
}
