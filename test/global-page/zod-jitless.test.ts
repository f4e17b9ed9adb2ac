// The global page never evaluates code under Forge's Content Security Policy: zod runs jitless in the page and its
// import worker. Zod's own docs (zod.dev, "jitless"): set it "to disable the use of `eval`/`new Function`", for
// environments whose CSP forbids it, such as Custom UI iframes.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PAGE = path.resolve(__dirname, '../../static/global-page/src');

function firstImport(file: string, root = PAGE): string | undefined {
  return readFileSync(path.join(root, file), 'utf8').match(/^import\s+[^;]*;/m)?.[0];
}

/** Parses with a fresh copy of zod while `new Function` throws, as under CSP; counts the attempts to compile code. */
function compileAttempts(configure: boolean): number {
  const original = globalThis.Function;
  const attempts = jest.fn(() => {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source");
  });
  let count = 0;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { z } = require('zod') as typeof import('zod');
    if (configure) require('../../static/global-page/src/zod-jitless');
    globalThis.Function = attempts as unknown as FunctionConstructor;
    try {
      const schema = z.object({ email: z.string(), names: z.array(z.object({ first: z.string() })) });
      expect(schema.parse({ email: 'a@b.c', names: [{ first: 'Ada' }] })).toEqual({ email: 'a@b.c', names: [{ first: 'Ada' }] });
    } finally {
      globalThis.Function = original;
      // Zod keeps its configuration on globalThis, shared by every copy: leave it as found.
      z.config({ jitless: undefined });
    }
    count = attempts.mock.calls.length;
  });
  return count;
}

describe('zod in the global page', () => {
  it('is configured jitless by the first import of the page and of its import worker', () => {
    expect(firstImport('main.tsx')).toBe("import './zod-jitless';");
    expect(firstImport('import/import-worker.ts')).toBe("import '../zod-jitless';");
  });

  it('is configured jitless by the first import of the issue panel too (UI Kit runs under the same CSP)', () => {
    expect(firstImport('issue-panel/index.tsx', path.resolve(__dirname, '../../src/frontend'))).toBe("import '../zod-jitless';");
    expect(readFileSync(path.resolve(__dirname, '../../src/frontend/zod-jitless.ts'), 'utf8')).toContain('z.config({ jitless: true })');
  });

  it('would try to compile code without the configuration (what the CSP refuses)', () => {
    expect(compileAttempts(false)).toBeGreaterThan(0);
  });

  it('parses without trying to compile code once configured', () => {
    expect(compileAttempts(true)).toBe(0);
  });
});
