// Multi-row upserts in each dialect's words (MySQL: ON DUPLICATE KEY UPDATE; SQLite: ON CONFLICT DO UPDATE), batched.
import { sql, type Insertable } from 'kysely';
import { batchRows } from './batching';
import type { SqlEngine } from './engine';
import type { Database } from './schema';

type Column<T extends keyof Database> = keyof Database[T] & string;

/** Inserts `rows`, or on a key clash sets `update` columns to the incoming values; one statement per batch. */
export async function upsertRows<T extends keyof Database>(
  engine: SqlEngine,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  key: readonly Column<T>[],
  update: readonly Column<T>[],
): Promise<void> {
  const set: Record<string, ReturnType<typeof sql>> = {};
  for (const c of update) set[c] = engine.dialect === 'mysql' ? sql`VALUES(${sql.ref(c)})` : sql`excluded.${sql.ref(c)}`;
  for (const batch of batchRows(rows, Object.values, engine.maxParams)) {
    const insert = engine.db.insertInto(table).values(batch as Insertable<Database[T]>[]);
    // The set is built per column name at run time, which Kysely's per-table types cannot follow.
    await (engine.dialect === 'mysql' ? insert.onDuplicateKeyUpdate(set as never) : insert.onConflict((oc) => oc.columns([...key]).doUpdateSet(set as never))).execute();
  }
}
