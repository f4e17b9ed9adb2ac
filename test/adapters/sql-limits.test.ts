// Forge SQL's request and response limits on every engine: statements sized by the UTF-8 bytes of their values,
// reads of wide staged rows bounded by bytes as well as rows.
import fc from 'fast-check';
import { batchRows, FORGE_REQUEST_BYTES, jsonValueBytes, MAX_STATEMENT_BYTES, parameterBytes, sizedBatches, sizedParameterList, statementBytes } from '../../src/adapters/sql/batching';
import type { SqlEngine } from '../../src/adapters/sql/engine';
import { makeSqlStore } from '../../src/adapters/sql/sql-store';
import { insertRows } from '../../src/adapters/sql/upsert';
import type { Store } from '../../src/domain/ports';
import { aCompany, aContact } from '../support/builders';
import { engines } from '../support/engines';

/** Forge SQL answers at most 4 MiB per query. */
const FORGE_RESPONSE_BYTES = 4 * 1024 * 1024;

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('statement sizing', () => {
  it.each([
    ['Cyrillic', 'Ж'.repeat(1000)],
    ['CJK', '漢'.repeat(1000)],
    ['emoji', '😀'.repeat(1000)],
    ['quotes and control characters', '"\u0001\\'.repeat(1000)],
  ])('keeps every multi-row statement of %s text under 1 MiB as sent', (_name, text) => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`id-${i}`, text, i]);
    const groups = batchRows(rows, (r) => r, 60000);
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) {
      const sent = jsonBytes(group.flat());
      expect(sent).toBeLessThanOrEqual(MAX_STATEMENT_BYTES);
      expect(sent).toBeLessThan(FORGE_REQUEST_BYTES);
    }
  });

  it('measures any text as JSON carries it: at least its UTF-8 bytes with its quotes and comma, at most 2 more', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.constantFrom('', 'a"b', 'a\\b', '\u2028', '\u007f', 'ü'));
    fc.assert(
      fc.property(text, (t) => {
        expect(jsonValueBytes(t)).toBeGreaterThanOrEqual(jsonBytes(t) + 1);
        expect(jsonValueBytes(t)).toBeLessThanOrEqual(jsonBytes(t) + 3);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes only schema-shaped names into a multi-row INSERT: a row key that is not one is refused before any SQL runs', async () => {
    const engine = { dialect: 'sqlite', maxParams: 100, db: { executeQuery: jest.fn() } } as unknown as SqlEngine;
    const row = { id: 'n1', 'body) values (1); drop table notes; --': 'x' };
    await expect(insertRows(engine, 'notes', [row as never])).rejects.toThrow('as a table or column name');
    expect((engine.db.executeQuery as jest.Mock).mock.calls).toHaveLength(0);
  });

  it('hands the statement counter the same byte count for a batch it sized as the counter measures itself', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.integer(), fc.constant(null), fc.constantFrom('"', 'ü', '😀'));
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 3, max: 40 }), (rows, maxParams) => {
        const batches = sizedBatches(rows, (r) => r, maxParams, 2000);
        expect(batches.map((b) => b.rows)).toEqual(batchRows(rows, (r) => r, maxParams, 2000));
        for (const batch of batches) {
          const registered = sizedParameterList(batch.rows, batch.jsonBytes);
          const measured = batch.rows.flat().reduce((sum: number, v) => sum + jsonValueBytes(v), 0);
          expect(parameterBytes(registered)).toBe(measured);
          expect(parameterBytes([...registered])).toBe(measured);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sends every row of a multi-row INSERT once, in order, each statement within the parameter and byte limits, sized as the counter would', async () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer(), fc.constantFrom('😀'.repeat(2000), 'Ж'.repeat(5000), '"\\'.repeat(3000)));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 400 }), fc.integer({ min: 2, max: 90 }), async (cells, maxParams) => {
        const sent: unknown[][] = [];
        const executeQuery = jest.fn(async (query: { sql: string; parameters: readonly unknown[] }) => {
          expect(query.parameters.length).toBeLessThanOrEqual(maxParams);
          expect(query.sql.split('(?, ?)').length - 1).toBe(query.parameters.length / 2);
          expect(parameterBytes(query.parameters)).toBe(query.parameters.reduce((sum: number, v) => sum + jsonValueBytes(v), 0));
          if (query.parameters.length > 2) expect(statementBytes(query.parameters) + 4 * (query.parameters.length / 2 - 1)).toBeLessThanOrEqual(MAX_STATEMENT_BYTES);
          sent.push([...query.parameters]);
          return { rows: [] };
        });
        const engine = { dialect: 'sqlite', maxParams, db: { executeQuery } } as unknown as SqlEngine;
        await insertRows(engine, 'notes', cells.map(([a, b]) => ({ id: a, body: b })) as never[]);
        expect(sent.flat()).toEqual(cells.flat());
        expect(sent.length).toBe(batchRows(cells, (c) => c, maxParams).length);
      }),
      { numRuns: 150 },
    );
  });

  it('counts a value by its UTF-8 bytes, not by its UTF-16 length', () => {
    expect(statementBytes(['😀'.repeat(100)])).toBeGreaterThanOrEqual(400);
    expect(statementBytes(['a'.repeat(100)])).toBeLessThan(120);
  });
});

describe.each(engines())('reading wide staged rows and records on $name', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  beforeEach(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
  });
  afterEach(() => engine.drop());

  const COLUMNS = 200;
  const ROWS = 60;
  // 200 columns of 1,000 characters, some of them three bytes each in UTF-8: about 400 KB a row, 24 MB in all.
  const wideRow = (n: number) => Array.from({ length: COLUMNS }, (_, c) => (c % 2 === 0 ? 'x' : '€').repeat(999) + String(n % 10));

  async function stageWideRows(jobId: string) {
    const now = '2026-03-01T00:00:00.000Z';
    await store.importJobs.insert({ id: jobId, status: 'running', dryRun: false, fileName: 'wide.csv', spec: {}, totalRows: ROWS, state: {}, report: null, version: 1, createdAt: now, createdBy: 'a', updatedAt: now, finishedAt: null });
    for (let i = 1; i <= ROWS; i += 5) {
      await store.importJobs.stageRows(
        jobId,
        Array.from({ length: 5 }, (_, k) => ({ rowNo: i + k, lineNo: i + k + 1, emailKey: `p${(i + k) % 7}@wide.test`, cells: wideRow(i + k) })),
      );
    }
  }

  function largestResponse(): () => number {
    let largest = 0;
    engine.counter.onResult = (_sql, rows) => {
      largest = Math.max(largest, jsonBytes(rows));
    };
    return () => largest;
  }

  it('returns every row in file order, each response under 4 MiB', async () => {
    await stageWideRows('job-wide');
    const largest = largestResponse();
    const rows = await store.importJobs.rowsInFileOrder('job-wide', 0, 5000);
    expect(rows.map((r) => r.rowNo)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(rows[41]!.cells).toEqual(wideRow(42));
    expect(largest()).toBeGreaterThan(1024 * 1024);
    expect(largest()).toBeLessThan(FORGE_RESPONSE_BYTES);
    expect(engine.counter.snapshot().maxStatementBytes).toBeLessThan(FORGE_REQUEST_BYTES);
  });

  it('returns every row by email, each response under 4 MiB, and pages from a cut group', async () => {
    await stageWideRows('job-wide');
    const largest = largestResponse();
    const all = await store.importJobs.rowsByEmail('job-wide', null, 5000);
    const expected = Array.from({ length: ROWS }, (_, i) => ({ email: `p${(i + 1) % 7}@wide.test`, row: i + 1 })).sort((a, b) => (a.email === b.email ? a.row - b.row : a.email < b.email ? -1 : 1));
    expect(all.map((r) => r.rowNo)).toEqual(expected.map((e) => e.row));
    expect(largest()).toBeLessThan(FORGE_RESPONSE_BYTES);
    const rest = await store.importJobs.rowsByEmail('job-wide', { emailKey: all[3]!.emailKey, rowNo: all[3]!.rowNo }, 5000);
    expect(rest.map((r) => r.rowNo)).toEqual(expected.slice(4).map((e) => e.row));
    const some = await store.importJobs.rowsByNumbers('job-wide', [60, 2, 31]);
    expect(some.map((r) => r.rowNo)).toEqual([2, 31, 60]);
  });

  // 1,500 contacts whose custom values hold 1,000 three-byte characters each: about 4.9 MB of records in all, so one
  // response with every contact would pass Forge SQL's 4 MiB. An import reads stored contacts 5,000 emails at a time.
  const COUNT = 1500;
  const created = { from: '01900000-0000-7000-8000-000000000000', to: '01900000-0001-7000-8000-000000000000' };
  const wideContacts = () =>
    Array.from({ length: COUNT }, (_, i) =>
      aContact({ id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, email: `w${String(i).padStart(5, '0')}@wide.test`, custom: { notes: '€'.repeat(999) + String(i % 10) }, createdBy: 'import:wide' }),
    );

  it('reads records by email, by id and by creation range in responses under 4 MiB', async () => {
    const contacts = wideContacts();
    for (let i = 0; i < COUNT; i += 100) await store.contacts.saveMany(contacts.slice(i, i + 100), () => true);
    let largest = 0;
    let reads = 0;
    engine.counter.onResult = (_sql, rows) => {
      largest = Math.max(largest, jsonBytes(rows));
      reads++;
    };
    const emails = contacts.map((c) => c.email).reverse();
    const byEmail = await store.contacts.findByEmails([...emails, 'nobody@wide.test']);
    expect(byEmail.map((c) => c.email).sort()).toEqual([...emails].sort());
    expect(byEmail.find((c) => c.email === 'w00042@wide.test')?.custom.notes).toBe('€'.repeat(999) + '2');
    const byId = await store.contacts.findMany(contacts.map((c) => c.id));
    expect(byId).toHaveLength(COUNT);
    const inRange = await store.contacts.createdIn(created, 'import:wide', null, 5000);
    expect(inRange.map((c) => c.id)).toEqual(contacts.map((c) => c.id));
    // The search text rebuilt a page of 2,000 at a time, as the migration that fills it does.
    expect(await store.contacts.rebuildSearchText(null, 2000)).toBeNull();
    expect(largest).toBeGreaterThan(1024 * 1024);
    expect(largest).toBeLessThan(FORGE_RESPONSE_BYTES);
    // A few reads each, not one per record.
    expect(reads).toBeLessThanOrEqual(4 * 4);
  }, 120_000);

  it('reads 1,500 wide namesake companies by their shared name key across responses cut inside the key', async () => {
    const companies = Array.from({ length: COUNT }, (_, i) =>
      aCompany({ id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, name: 'Wide Ltd', custom: { notes: '€'.repeat(999) + String(i % 10) } }),
    );
    for (let i = 0; i < COUNT; i += 100) await store.companies.saveMany(companies.slice(i, i + 100), () => true);
    let largest = 0;
    engine.counter.onResult = (_sql, rows) => {
      largest = Math.max(largest, jsonBytes(rows));
    };
    const found = await store.companies.findByNameKeys(['wide']);
    expect(found.map((c) => c.id).sort()).toEqual(companies.map((c) => c.id));
    expect((await store.companies.findMany(companies.map((c) => c.id))).length).toBe(COUNT);
    // Rebuilt 2,000 at a time, as the migrations and a rename to External ID do.
    expect(await store.companies.rebuildSearchText(null, 2000)).toBeNull();
    expect(await store.companies.rebuildExternalIds(null, 2000)).toBeNull();
    expect(largest).toBeGreaterThan(1024 * 1024);
    expect(largest).toBeLessThan(FORGE_RESPONSE_BYTES);
  }, 120_000);
});
