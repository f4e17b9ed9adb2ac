// Multi-row INSERTs, batched, in each dialect's words: plain, ignoring rows whose key is taken (MySQL: INSERT IGNORE;
// SQLite: INSERT OR IGNORE), or upserting (MySQL: ON DUPLICATE KEY UPDATE; SQLite: ON CONFLICT DO UPDATE).
// The statement text is written here rather than by Kysely's builder: an import sends thousands of rows a statement,
// and parsing them into Kysely's tree and compiling it back cost more than SQLite took to store them.
import { CompiledQuery, type Insertable } from 'kysely';
import { sizedBatches, sizedParameterList } from './batching';
import type { SqlEngine } from './engine';
import type { Database } from './schema';

type Column<T extends keyof Database> = keyof Database[T] & string;

/** What a row whose key is already stored does: fail the statement, stay out, or set `update` to its values. */
export type OnConflict<T extends keyof Database> = 'fail' | 'ignore' | { key: readonly Column<T>[]; update: readonly Column<T>[] };

/** Inserts `rows` (each with the same columns) in as few statements as the engine's limits allow. */
export async function insertRows<T extends keyof Database>(engine: SqlEngine, table: T, rows: readonly Insertable<Database[T]>[], onConflict: OnConflict<T> = 'fail'): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const tuples = rows.map((row) =>
    columns.map((c) => {
      const value = (row as Record<string, unknown>)[c];
      if (value === undefined) throw new Error(`A row for ${table} has no value for ${c}.`);
      return value;
    }),
  );
  const { head, tail } = statementText(engine.dialect, table, columns, onConflict);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  // The batcher's byte count goes with each statement, so the statement counter does not size every value again.
  for (const batch of sizedBatches(tuples, (t) => t, engine.maxParams)) {
    const text = `${head}${new Array<string>(batch.rows.length).fill(tuple).join(', ')}${tail}`;
    await engine.db.executeQuery(CompiledQuery.raw(text, sizedParameterList(batch.rows, batch.jsonBytes)));
  }
}

/** Inserts `rows`, or on a key clash sets `update` columns to the incoming values; one statement per batch. */
export function upsertRows<T extends keyof Database>(engine: SqlEngine, table: T, rows: readonly Insertable<Database[T]>[], key: readonly Column<T>[], update: readonly Column<T>[]): Promise<void> {
  return insertRows(engine, table, rows, { key, update });
}

/** Table and column names as this schema writes them: the only text the statement holds besides its placeholders. */
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

function statementText(dialect: SqlEngine['dialect'], table: string, columns: readonly string[], onConflict: OnConflict<never> | OnConflict<keyof Database>) {
  const quote = dialect === 'mysql' ? '`' : '"';
  const id = (name: string) => {
    if (!IDENTIFIER.test(name)) throw new Error(`Refusing ${JSON.stringify(name)} as a table or column name.`);
    return `${quote}${name}${quote}`;
  };
  const ignore = onConflict === 'ignore' ? (dialect === 'mysql' ? ' ignore' : ' or ignore') : '';
  const head = `insert${ignore} into ${id(table)} (${columns.map(id).join(', ')}) values `;
  if (typeof onConflict === 'string') return { head, tail: '' };
  const { key, update } = onConflict;
  const tail =
    dialect === 'mysql'
      ? ` on duplicate key update ${update.map((c) => `${id(c)} = values(${id(c)})`).join(', ')}`
      : ` on conflict (${key.map(id).join(', ')}) do update set ${update.map((c) => `${id(c)} = excluded.${id(c)}`).join(', ')}`;
  return { head, tail };
}
