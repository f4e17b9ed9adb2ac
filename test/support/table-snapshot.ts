// Every row of every table of an SQLite test store, so a call that wrote anything at all shows up in a comparison.
import { sql } from 'kysely';
import type { SqlEngine } from '../../src/adapters/sql/engine';

export async function snapshotTables(engine: SqlEngine): Promise<Record<string, string[]>> {
  const { db } = engine;
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
