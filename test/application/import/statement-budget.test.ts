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

describe('the companies pass for rows without a domain', () => {
  /** How many times the job reads its staged rows in file order (the companies passes do; 10 rows a chunk). */
  async function fileReads(text: string) {
    const engine = await sqliteEngine.open();
    try {
      const store = makeSqlStore(engine);
      let reads = 0;
      const rowsInFileOrder = store.importJobs.rowsInFileOrder.bind(store.importJobs);
      store.importJobs.rowsInFileOrder = (...args) => {
        reads++;
        return rowsInFileOrder(...args);
      };
      const job = await runImport({ ...depsFor(store), chunkRows: 10 }, text);
      expect(job.status).toBe('done');
      const companies = await store.companies.search({ limit: 100, after: null });
      return { reads, job, companies: companies.items.map((c) => c.name).sort() };
    } finally {
      await engine.drop();
    }
  }
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@people.test,Acme ${i % 3},acme${i % 3}.test`);

  it('is skipped when every company row has a domain: the file is read once', async () => {
    const { reads, job } = await fileReads(['Email,Company,Website', ...rows(25)].join('\n'));
    // Three chunks of 10 and the empty read that ends the pass.
    expect(reads).toBe(4);
    expect(job.report?.companies.created).toBe(3);
  });

  it('runs when one row names a company without a domain, and resolves that row by name', async () => {
    const { reads, job, companies } = await fileReads(['Email,Company,Website', ...rows(25), 'late@people.test,Acme 1,'].join('\n'));
    expect(reads).toBe(8);
    expect(companies).toEqual(['Acme 0', 'Acme 1', 'Acme 2']);
    expect(job.report?.memberships.created).toBe(26);
  });
});
