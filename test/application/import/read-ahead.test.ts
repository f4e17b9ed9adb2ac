// Reading the next chunk while this one is planned and written (issue 14, direction 6): on a store whose statements
// wait on a server (MariaDB, Forge SQL) a contacts chunk starts the next chunk's reads before its own writes, and the
// import comes out exactly as when every read waits its turn. The embedded SQLite store runs each step as one
// transaction on one connection, so it never reads ahead; hiding its `grouped` makes it read ahead like a server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_HEADER, generateFile } from '../../../bench/generate';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import type { Store } from '../../../src/domain/ports';
import { sqliteEngine } from '../../support/engines';
import { depsFor, runImport } from '../../support/import-harness';

const CHUNK_ROWS = 25;

/** The bench's own file (people in two companies, bad rows), plus one person on more rows than a chunk holds. */
async function fileText(dir: string): Promise<string> {
  const file = path.join(dir, 'bench.csv');
  await generateFile(file, 400);
  const many = Array.from({ length: CHUNK_ROWS + 6 }, (_, i) => ['zed@many.example.com', 'Zed', 'Many', '', '', `Many ${i} Ltd`, `many${i}.example.com`, '', i % 2 ? 'Buyer' : 'Legal', '', 'Gold'].join(','));
  return readFileSync(file, 'utf8') + many.join('\n') + '\n';
}

type Run = { events: string[]; statements: number; outcome: unknown };

async function importWith(text: string, readAhead: boolean): Promise<Run> {
  const engine = await sqliteEngine.open();
  try {
    const full = makeSqlStore(engine);
    const { grouped: _grouped, ...withoutGrouped } = full;
    const store: Store = readAhead ? withoutGrouped : full;
    const events: string[] = [];
    const rowsByEmail = store.importJobs.rowsByEmail.bind(store.importJobs);
    store.importJobs.rowsByEmail = (...args) => {
      events.push('read rows');
      return rowsByEmail(...args);
    };
    const saveMany = store.contacts.saveMany.bind(store.contacts);
    store.contacts.saveMany = async (...args) => {
      events.push('write contacts');
      // A write takes a while, as on a server: reads started early run meanwhile, before the write lands.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return saveMany(...args);
    };
    const before = engine.counter.snapshot().total;
    const job = await runImport({ ...depsFor(store), chunkRows: CHUNK_ROWS }, text, { createFields: true });
    const statements = engine.counter.snapshot().total - before;
    const again = await runImport({ ...depsFor(store), chunkRows: CHUNK_ROWS }, text, { createFields: true });
    const contacts = await engine.db.selectFrom('contacts').select(['email', 'first_name', 'last_name', 'display_name', 'phone', 'job_title', 'version']).orderBy('email').execute();
    const memberships = await engine.db
      .selectFrom('memberships')
      .innerJoin('contacts', 'contacts.id', 'memberships.contact_id')
      .innerJoin('companies', 'companies.id', 'memberships.company_id')
      .select(['contacts.email', 'companies.name', 'memberships.role', 'memberships.is_primary'])
      .orderBy('contacts.email')
      .orderBy('companies.name')
      .execute();
    const { jobId: _jobId, ...report } = job.report!;
    return { events, statements, outcome: { report, again: again.report && { contacts: again.report.contacts, companies: again.report.companies, memberships: again.report.memberships }, contacts, memberships } };
  } finally {
    await engine.drop();
  }
}

describe('reading the next contacts chunk while this one is written', () => {
  let text: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ahead-'));
    text = await fileText(dir);
    expect(text.split('\n')[0]).toBe(BENCH_HEADER.join(','));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the next chunk’s read before this chunk writes, and imports exactly what reading in turn imports', async () => {
    const inTurn = await importWith(text, false);
    const ahead = await importWith(text, true);

    // In turn: each chunk reads its rows, then writes. Ahead: the second chunk's rows are asked for before the first
    // chunk writes, and every later read is issued before the write of the chunk before it.
    const firstImport = (events: string[]) => events.slice(0, events.lastIndexOf('write contacts') + 1);
    expect(firstImport(inTurn.events).slice(0, 4)).toEqual(['read rows', 'write contacts', 'read rows', 'write contacts']);
    expect(firstImport(ahead.events).slice(0, 4)).toEqual(['read rows', 'read rows', 'write contacts', 'read rows']);
    expect(ahead.events.filter((e) => e === 'read rows')).toHaveLength(inTurn.events.filter((e) => e === 'read rows').length);

    expect(ahead.outcome).toEqual(inTurn.outcome);
    // Nothing read twice: the reads made early are the reads the chunk would have made.
    expect(ahead.statements).toBe(inTurn.statements);
  }, 60_000);
});
