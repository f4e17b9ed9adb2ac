// The Forge manifest validates offline, and everything it names (handlers, resources) exists in the project.
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { load } from 'js-yaml';
import { z } from 'zod';
import { ensurePageBuilt, ROOT } from './support/page-build';

const MANIFEST = path.join(ROOT, 'manifest.yml');

const manifestSchema = z.object({
  app: z.object({ id: z.string(), runtime: z.object({ name: z.string(), memoryMB: z.number().optional() }) }),
  modules: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).default([]),
  permissions: z.object({ scopes: z.array(z.string()).default([]) }),
});

const manifest = manifestSchema.parse(load(readFileSync(MANIFEST, 'utf8')));

/** Names exported by src/index.ts, read from its source so that loading the Forge SDKs is not needed. */
function exportsOfIndex(): Set<string> {
  const source = readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8');
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const spec of (match[1] ?? '').split(',')) {
      const name = spec.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && !spec.trim().startsWith('type ')) names.add(name);
    }
  }
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:const|let|function\*?|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(match[1]!);
  return names;
}

describe('manifest.yml', () => {
  beforeAll(() => ensurePageBuilt(), 180_000);

  it('passes the Forge manifest validation with no errors', async () => {
    const result = await validate(false, MANIFEST);
    const errors = (result.errors ?? []).filter((e) => e.level === 'error').map((e) => `line ${e.line}: ${e.message}`);
    expect(errors).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('names only handlers that src/index.ts exports', () => {
    const exported = exportsOfIndex();
    const handlers = (manifest.modules.function ?? []).map((f) => String(f.handler));
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) {
      const [file, name] = handler.split('.');
      expect(file).toBe('index');
      expect(exported).toContain(name);
    }
  });

  it('points every module at a function and resource it declares', () => {
    const functions = new Set((manifest.modules.function ?? []).map((f) => String(f.key)));
    const resources = new Set(manifest.resources.map((r) => r.key));
    const dangling: string[] = [];
    for (const [type, modules] of Object.entries(manifest.modules)) {
      for (const module of modules) {
        const resolver = z.object({ function: z.string() }).safeParse(module.resolver);
        const referenced = [module.function, resolver.success ? resolver.data.function : undefined].filter((f): f is string => typeof f === 'string');
        for (const f of referenced) if (!functions.has(f)) dangling.push(`${type} ${String(module.key)} -> function ${f}`);
        if (typeof module.resource === 'string' && !resources.has(module.resource)) dangling.push(`${type} ${String(module.key)} -> resource ${module.resource}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('finds every resource on disk: a Custom UI build folder with its index.html, or a UI Kit source file', () => {
    const missing = manifest.resources
      .filter((resource) => {
        const target = path.join(ROOT, resource.path);
        if (!existsSync(target)) return true;
        return statSync(target).isDirectory() && !existsSync(path.join(target, 'index.html'));
      })
      .map((resource) => `${resource.key}: ${resource.path}`);
    expect(missing).toEqual([]);
  });

  it('runs on the Node 22 runtime with the default memory', () => {
    expect(manifest.app.runtime).toEqual({ name: 'nodejs22.x', memoryMB: 512 });
  });

  it('says why it needs each scope, in a comment right above it', () => {
    const lines = readFileSync(MANIFEST, 'utf8').split('\n');
    const unexplained = manifest.permissions.scopes.filter((scope) => {
      const at = lines.findIndex((line) => line.trim() === `- ${scope}`);
      return at < 1 || !lines[at - 1]!.trim().startsWith('#');
    });
    expect(manifest.permissions.scopes).toEqual(expect.arrayContaining(['storage:app', 'read:jira-user', 'read:jira-work']));
    expect(unexplained).toEqual([]);
  });

  it('declares the one SQL database and runs migrations on install and upgrade', () => {
    expect(manifest.modules.sql).toEqual([{ key: 'main', engine: 'mysql' }]);
    // The trigger only queues the run (test/entry/schema-migrations.test.ts follows it to the queue and the hourly run).
    const migrationTrigger = (manifest.modules.trigger ?? []).find((t) => t.function === 'queue-migrations');
    expect(migrationTrigger?.events).toEqual(expect.arrayContaining(['avi:forge:installed:app', 'avi:forge:upgraded:app']));
  });
});
