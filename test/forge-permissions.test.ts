// Scopes, Content Security Policy and the offline `forge lint`: what only fails on a real site, pinned here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '..');
const permissions = z
  .object({
    permissions: z.object({
      scopes: z.array(z.string()),
      content: z.object({ styles: z.array(z.string()).optional(), scripts: z.array(z.string()).optional() }).optional(),
    }),
  })
  .parse(load(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'))).permissions;

describe('permissions in manifest.yml', () => {
  // The privacy API "require[s] report:personal-data scope" (Atlassian ECO-533); the development environment grants
  // every scope, so a missing one only shows in staging and production.
  it('asks for report:personal-data, which the weekly personal-data report needs', () => {
    const source = readFileSync(path.join(ROOT, 'src/adapters/forge/forge-privacy.ts'), 'utf8');
    expect(source).toContain('privacy.reportPersonalData');
    expect(permissions.scopes).toContain('report:personal-data');
  });

  // developer.atlassian.com/platform/forge/add-content-security-and-egress-controls: "Content security and egress
  // controls only apply to custom UI apps". Atlaskit injects <style> elements at runtime, so the page needs
  // permissions.content.styles 'unsafe-inline', as Atlassian's own Custom UI apps declare.
  it("lets the Custom UI page apply the <style> elements Atlaskit injects ('unsafe-inline' styles), and no inline scripts", () => {
    expect(permissions.content?.styles).toEqual(['unsafe-inline']);
    expect(permissions.content?.scripts ?? []).toEqual([]);
  });
});

describe('npm run lint:forge', () => {
  const pkg = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')));

  it('is the project’s own script, installing @forge/lint into a cache folder without install scripts', () => {
    expect(pkg.scripts['lint:forge']).toBe('node scripts/forge-lint.cjs');
    const script = readFileSync(path.join(ROOT, 'scripts/forge-lint.cjs'), 'utf8');
    expect(script).toContain("'--ignore-scripts'");
    expect(script).toMatch(/node_modules', '\.cache'/);
  });

  it('runs in CI after the page is built (the linter checks the Custom UI resource folder exists)', () => {
    const steps = readFileSync(path.join(ROOT, '.ci/run'), 'utf8').split('\n').map((l) => l.trim());
    const build = steps.indexOf('npm run build:page');
    const lint = steps.indexOf('npm run lint:forge');
    expect(build).toBeGreaterThanOrEqual(0);
    expect(lint).toBeGreaterThan(build);
    expect(steps.indexOf('npm test')).toBeGreaterThan(lint);
  });
});
