// The import's statement budget (issue 14: at most 6 statements per 1,000 rows): counted, never timed. The fixed cost of
// a job (phases, fields, report) is left out by measuring what 10,000 more rows of the benchmark's own file cost.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateFile } from '../../../bench/generate';
import { sqliteEngine } from '../../support/engines';
import { depsFor, runImport } from '../../support/import-harness';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';

const BUDGET_PER_1000_ROWS = 6;

async function statementsFor(rows: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'budget-'));
  try {
    const file = path.join(dir, 'bench.csv');
    await generateFile(file, rows);
    const engine = await sqliteEngine.open();
    try {
      const before = engine.counter.snapshot().total;
      const job = await runImport(depsFor(makeSqlStore(engine)), readFileSync(file), { createFields: true });
      expect(job.status).toBe('done');
      return engine.counter.snapshot().total - before;
    } finally {
      await engine.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('statements per 1,000 imported rows', () => {
  it(`stays within ${BUDGET_PER_1000_ROWS} for each further 1,000 rows of a realistic file`, async () => {
    const small = await statementsFor(5_000);
    const large = await statementsFor(15_000);
    const perThousand = (large - small) / 10;
    expect(perThousand).toBeGreaterThan(0);
    expect(perThousand).toBeLessThanOrEqual(BUDGET_PER_1000_ROWS);
  }, 120_000);
});
