// `npm run lint:forge`: the offline part of `forge lint`, without the Forge CLI (its keytar dependency is a native
// addon that does not build here, and linting does not need it). Installs @forge/lint once into a cache folder with
// install scripts skipped, then runs every client-side linter except the permission linter, which downloads the
// product REST specs. Exit code 1 on any lint error. FORGE_LINT_HOME overrides the cache folder.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const FORGE_LINT_VERSION = '6.3.1';
const appDir = path.resolve(__dirname, '..');
const home = path.resolve(process.env.FORGE_LINT_HOME || path.join(appDir, 'node_modules', '.cache', `forge-lint-${FORGE_LINT_VERSION}`));

function ensureInstalled() {
  if (fs.existsSync(path.join(home, 'node_modules', '@forge', 'lint', 'package.json'))) return;
  fs.mkdirSync(home, { recursive: true });
  const manifest = path.join(home, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'forge-lint-tools', private: true }) + '\n');
  console.log(`Installing @forge/lint ${FORGE_LINT_VERSION} into ${path.relative(appDir, home) || home} (once)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `@forge/lint@${FORGE_LINT_VERSION}`, 'yaml@2'], { cwd: home, stdio: 'inherit' });
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(t|j)sx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

async function main() {
  ensureInstalled();
  const requireTool = createRequire(path.join(home, 'package.json'));
  const { lint, getClientSideLintersOnly, reportLintResults, problemCount } = requireTool('@forge/lint');
  const yaml = requireTool('yaml');
  process.chdir(appDir);
  const manifest = yaml.parse(fs.readFileSync('manifest.yml', 'utf8'));
  // Feature flags normally come from a remote service; offline every flag is off and no runtime is deprecated.
  const flags = new Proxy({}, { get: (_, key) => async () => (String(key).includes('Runtimes') ? [] : false) });
  const log = (...args) => console.log(...args);
  const logger = { info: log, warn: log, error: log, debug: () => {}, trace: () => {} };
  const files = sourceFiles('src');
  const linters = (await getClientSideLintersOnly(manifest, 'production', logger, flags)).filter((l) => l.constructor.name !== 'PermissionLinter');
  const results = await lint(files, manifest, 'production', logger, flags, { linters });
  reportLintResults(logger, results);
  const { errors, warnings } = problemCount(results);
  console.log(`forge lint (offline, ${linters.length} linters, ${files.length} files): ${errors} errors, ${warnings} warnings`);
  process.exit(errors > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error('forge lint could not run:', (error && error.stack) || error);
  process.exit(3);
});
