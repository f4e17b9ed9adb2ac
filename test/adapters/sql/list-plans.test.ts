// The directory's lists page through an index in their sort order: a page reads its rows, never the whole table
// sorted. Checked with SQLite's plan for the statement the store sends (not timed). SQLite plans by the indexes there
// are; MariaDB's and TiDB's cost models may sort a few thousand rows rather than use the index, so a plan of a small
// test table there says nothing about a large one.
import { CompiledQuery } from 'kysely';
import type { SqlEngine } from '../../../src/adapters/sql/engine';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import type { Store } from '../../../src/domain/ports';
import { aCompany, aContact } from '../../support/builders';
import { sqliteEngine } from '../../support/engines';

const NAMES = ['Ada', 'Grace', 'Alan', 'Zoë', 'José', 'Søren', 'Łukasz', 'Amélie', 'Björn', 'Chloé'];

describe.each([sqliteEngine])('list pages on $name', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  beforeAll(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
    const contacts = Array.from({ length: 3000 }, (_, i) => aContact({ firstName: NAMES[i % NAMES.length]!, lastName: `Person ${i}`, displayName: `${NAMES[i % NAMES.length]} Person ${i}`, email: `p${i}@example.org` }));
    await store.contacts.saveMany(contacts, () => true);
    await store.companies.saveMany(
      Array.from({ length: 3000 }, (_, i) => aCompany({ name: `Company ${i}`, domains: [`c${i}.example.org`] })),
      () => true,
    );
  }, 60_000);
  afterAll(() => engine.drop());

  /** The statements `read` sends, with their parameters. */
  async function statementsOf(read: () => Promise<unknown>): Promise<{ sql: string; parameters: readonly unknown[] }[]> {
    const seen: { sql: string; parameters: readonly unknown[] }[] = [];
    const record = engine.counter.record.bind(engine.counter);
    engine.counter.record = (text: string, parameters: readonly unknown[] = []) => {
      seen.push({ sql: text, parameters });
      record(text, parameters);
    };
    try {
      await read();
    } finally {
      engine.counter.record = record;
    }
    return seen;
  }

  /** SQLite's plan for the statement, one line per step. */
  async function planOf(statement: { sql: string; parameters: readonly unknown[] }): Promise<string[]> {
    const { rows } = await engine.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]));
    return rows.map((r) => r.detail);
  }

  it.each([
    ['contacts', 'ix_contacts_display_name_id', (s: Store, after: string | null) => s.contacts.search({ limit: 50, after })],
    ['companies', 'ix_companies_name_id', (s: Store, after: string | null) => s.companies.search({ limit: 50, after })],
  ] as const)('reads a page of %s by name through %s, first page and later ones', async (table, index, page) => {
    const first = await page(store, null);
    expect(first.next).not.toBeNull();
    for (const after of [null, first.next]) {
      const statements = (await statementsOf(() => page(store, after))).filter((s) => s.sql.toLowerCase().includes(`from "${table}"`));
      expect(statements).toHaveLength(1);
      const plan = (await planOf(statements[0]!)).join(' | ');
      expect(plan).toContain(index);
      // No sort of the whole table.
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });
});
