// Files shaped like common CRM exports (customers, leads, organizations), imported in small chunks on every engine.
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import type { SqlEngine } from '../../../src/adapters/sql/engine';
import type { Store } from '../../../src/domain/ports';
import { generateCsv, type FixtureStyle } from '../../support/csv-fixtures';
import { engines } from '../../support/engines';
import { assertEveryRowAccounted, bytesOf, depsFor, runImport } from '../../support/import-harness';
import { exportDirectory } from '../../../src/application/export-directory';
import { importOptionsSchema } from '../../../src/application/import/job-model';
import { processImport } from '../../../src/application/import/process-import';
import { queueImport, stageImportRows, startImport } from '../../../src/application/import/start-import';
import { decodeChunks } from '../../../src/import/decode';
import { parseCsv } from '../../../src/import/parse';

const ROWS = 300;
// Small chunks put each company's rows in many chunks, as a 20k-row file does with the real chunk size.
const inChunks = (store: Store, start?: number) => ({ ...depsFor(store, start), chunkRows: 40 });

describe.each(engines())('realistic CRM files on $name', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  beforeEach(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
  });
  afterEach(() => engine.drop());

  it.each(['customers', 'leads', 'organizations'] as FixtureStyle[])('imports every row of a %s file and writes nothing when it comes again', async (style) => {
    const file = generateCsv({ seed: 42, rows: ROWS, style });
    const first = await runImport(inChunks(store), file);
    expect(first.report).toMatchObject({ rows: ROWS, imported: ROWS, rejected: 0 });
    const before = engine.counter.snapshot();
    for (const mode of ['overwrite', 'fill-empty'] as const) {
      const again = await runImport(inChunks(store, Date.parse('2026-05-01T00:00:00Z')), file, { mode });
      expect(again.report).toMatchObject({ rows: ROWS, imported: ROWS, rejected: 0, companies: { created: 0, updated: 0 }, contacts: { created: 0, updated: 0 } });
      // Counted from the job's list of touched companies before that list was purged.
      expect(again.report!.companies.unchanged).toBe(await store.companies.count({}));
    }
    expect(engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
    // A finished job keeps nothing of its run but its issues (no row was rejected, so no staged row either).
    for (const table of ['import_rows', 'import_row_companies', 'import_touched'] as const) {
      const left = await engine.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect([table, Number(left.n)]).toEqual([table, 0]);
    }
  });

  it('finds one company per domain however its name and website are written', async () => {
    await runImport(inChunks(store), generateCsv({ seed: 1, rows: ROWS, style: 'customers' }));
    const atlassian = await store.companies.findByDomains(['atlassian.com']);
    expect(atlassian).toHaveLength(1);
    expect(atlassian[0]!.name.toLowerCase()).toContain('atlassian');
    expect(await store.companies.count({})).toBe(6);
  });

  it('keeps Email 2 of a lead file as the secondary email and lists the columns it leaves out', async () => {
    const file = generateCsv({ seed: 3, rows: 50, style: 'leads' });
    const job = await runImport(inChunks(store), file);
    expect(job.report!.ignoredColumns).toEqual([{ column: 'A', name: 'Lead Owner' }]);
    const secondary = (await store.fields.list()).find((f) => f.name === 'Secondary Email')!;
    const line = file.split('\r\n').find((l) => /@gmail\.com/.test(l) && !l.includes('"'))!; // unquoted: split on commas
    const [, , , , email1, email2] = line.split(',');
    const [contact] = await store.contacts.findByEmails([email1!.toLowerCase()]);
    expect(contact!.custom[secondary.id]).toBe(email2);
  });

  it('names the companies of an organization file after their Name column, not their domain', async () => {
    // With --create-fields the export's other columns (Country, Industry, ...) become company fields; Name stays the name.
    const job = await runImport(inChunks(store), generateCsv({ seed: 5, rows: 60, style: 'organizations' }), { createFields: true });
    // 6 companies by domain; each domain-less row's Organization Id differs from its namesakes', so it is a company of its own.
    expect(job.report).toMatchObject({ rejected: 0, contacts: { created: 0 }, companies: { created: 13 } });
    const companies = await store.companies.findByDomains(['atlassian.com', 'acme.com', 'garcia.info']);
    for (const c of companies) expect(c.domains).not.toContain(c.name);
  });
});

describe.each(engines())('an import run in many invocations, as a Forge consumer runs it ($name)', (factory) => {
  it('gives the same directory as one run, and a second import in many invocations writes nothing', async () => {
    const file = generateCsv({ seed: 9, rows: 200, style: 'organizations' });
    const results: string[] = [];
    for (const stepwise of [false, true]) {
      const engine = await factory.open();
      const store = makeSqlStore(engine);
      const run = (start: number) => (stepwise ? runInSteps(store, file, start) : runImport(inChunks(store, start), file));
      await run(Date.parse('2026-06-01T00:00:00Z'));
      const before = engine.counter.snapshot();
      await run(Date.parse('2026-06-02T00:00:00Z'));
      expect(engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
      let text = '';
      for await (const page of exportDirectory(store)) text += page;
      results.push(text.split('\r\n').sort().join('\r\n')); // ids, and so the order, depend on the job
      await engine.drop();
    }
    expect(results[1]).toBe(results[0]);
  });
});

/** Stages the file, then advances the job one step per call, each call a fresh run with nothing kept in memory. */
async function runInSteps(store: Store, file: string, start: number) {
  const deps = inChunks(store, start);
  const rows = [];
  for await (const parsed of parseCsv(decodeChunks(bytesOf(file)))) rows.push(parsed);
  const [header, ...data] = rows;
  const started = await startImport(deps, 'admin-1', { fileName: 'steps.csv', headers: (header as { cells: string[] }).cells, options: importOptionsSchema.parse({}), dryRun: false });
  await stageImportRows(deps, started.job.id, data.map((r) => ('cells' in r ? r : { row: r.row, line: r.line, error: r.error.message })));
  await queueImport(deps, started.job.id, data.length);
  let job = await processImport(deps, started.job.id, { deadlineMs: 0 });
  while (job.status === 'running' || job.status === 'queued') job = await processImport(deps, started.job.id, { deadlineMs: 0 });
  assertEveryRowAccounted(job);
  return job;
}
