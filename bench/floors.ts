// The benchmark's floors: the rows an import left behind, written again into empty tables of the same engine by
// the fastest plain means (prepared multi-row INSERTs inside one transaction), so an import can be compared with them.
import { createReadStream } from 'node:fs';
import Database from 'better-sqlite3';
import { createConnection, type Connection } from 'mysql2/promise';
import { sql, type QueryResult, type RawBuilder } from 'kysely';
import { decodeChunks } from '../src/import/decode';
import { isParsedError, parseCsv } from '../src/import/parse';
import { batchRows } from '../src/adapters/sql/batching';
import type { SqlEngine } from '../src/adapters/sql/engine';
import { migrations } from '../src/adapters/sql/migrations';

/** A table's rows as value arrays, in column order. */
export type TableRows = { table: string; columns: string[]; pages: () => AsyncGenerator<unknown[][]> };

/** Writes rows with cached prepared multi-row statements inside one transaction; returns seconds spent writing. */
export type RawWriter = { write(tables: TableRows[]): Promise<number>; close(): Promise<void> };

const PAGE = 20_000;
const MAX_PARAMS = { sqlite: 32_766, mysql: 60_000 };

/** The columns of a table's primary key, in key order. */
async function primaryKeyOf(engine: SqlEngine, table: string): Promise<string[]> {
  if (engine.dialect === 'sqlite') {
    const info = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(engine.db);
    return info.rows.map((r) => r.name);
  }
  const info = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.KEY_COLUMN_USAGE WHERE table_schema = DATABASE() AND table_name = ${table} AND constraint_name = 'PRIMARY' ORDER BY ordinal_position`.execute(engine.db);
  return info.rows.map((r) => r.name);
}

/**
 * Reads a whole table page by page, by its primary key (keyset: an OFFSET would read every earlier page again, which
 * at a million rows costs MariaDB more than the import it is compared with).
 */
export async function tableRows(engine: SqlEngine, table: string): Promise<TableRows> {
  const probe = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} LIMIT 1`.execute(engine.db);
  const columns = probe.rows[0] ? Object.keys(probe.rows[0]) : [];
  const key = await primaryKeyOf(engine, table);
  if (key.length === 0) throw new Error(`The benchmark cannot page ${table}: it has no primary key.`);
  // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...: the rows after `last` in key order.
  const after = (last: Record<string, unknown>) =>
    sql.join(
      key.map((_, i) => sql`(${sql.join([...key.slice(0, i).map((k) => sql`${sql.ref(k)} = ${last[k]}`), sql`${sql.ref(key[i]!)} > ${last[key[i]!]}`], sql` AND `)})`),
      sql` OR `,
    );
  const order = sql.join(key.map((k) => sql.ref(k)));
  return {
    table,
    columns,
    async *pages() {
      let last: Record<string, unknown> | null = null;
      for (;;) {
        const where: RawBuilder<unknown> = last ? sql`WHERE ${after(last)}` : sql``;
        const page: QueryResult<Record<string, unknown>> = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ${where} ORDER BY ${order} LIMIT ${PAGE}`.execute(engine.db);
        if (page.rows.length > 0) yield page.rows.map((r) => columns.map((c) => r[c]));
        if (page.rows.length < PAGE) return;
        last = page.rows[page.rows.length - 1]!;
      }
    },
  };
}

/** The staged rows an import writes for `file` (job, row, line, email key, cells as JSON), read from the file again. */
export function stagedRows(file: string): TableRows {
  return {
    table: 'import_rows',
    columns: ['job_id', 'row_no', 'line_no', 'email_key', 'cells'],
    async *pages() {
      const rows = parseCsv(decodeChunks(createReadStream(file, { highWaterMark: 256 * 1024 })));
      await rows.next(); // header
      let page: unknown[][] = [];
      for await (const r of rows) {
        const cells = isParsedError(r) ? { error: r.error.message } : r.cells;
        const email = Array.isArray(cells) ? (cells[0] ?? '').trim().toLowerCase() : '';
        page.push(['floor-job', r.row, r.line, email, JSON.stringify(cells)]);
        if (page.length >= PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
  };
}

const insertSql = (table: string, columns: string[], rows: number) => {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
};

export function sqliteWriter(file: string): RawWriter {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const m of migrations('sqlite')) db.exec(m.sql);
  const cache = new Map<string, Database.Statement>();
  return {
    async write(tables) {
      let seconds = 0;
      db.exec('BEGIN');
      for (const t of tables) {
        for await (const page of t.pages()) {
          const started = performance.now();
          for (const batch of batchRows(page, (r) => r, MAX_PARAMS.sqlite)) {
            const key = `${t.table}:${batch.length}`;
            let statement = cache.get(key);
            if (!statement) cache.set(key, (statement = db.prepare(insertSql(t.table, t.columns, batch.length))));
            statement.run(batch.flat() as unknown[]);
          }
          seconds += (performance.now() - started) / 1000;
        }
      }
      const started = performance.now();
      db.exec('COMMIT');
      return seconds + (performance.now() - started) / 1000;
    },
    async close() {
      db.close();
    },
  };
}

export async function mysqlWriter(server: { host: string; port: number; user: string; password: string }, database: string): Promise<RawWriter> {
  const conn: Connection = await createConnection({ ...server, database, charset: 'utf8mb4_bin' });
  return {
    async write(tables) {
      let seconds = 0;
      await conn.beginTransaction();
      for (const t of tables) {
        for await (const page of t.pages()) {
          const started = performance.now();
          // mysql2 prepares each statement text once and reuses it (one shape per batch size) within a page; the shapes
          // are released after it, or its statement cache keeps every batch size's 60,000-placeholder text and metadata.
          const used = new Set<string>();
          for (const batch of batchRows(page, (r) => r, MAX_PARAMS.mysql)) {
            const text = insertSql(t.table, t.columns, batch.length);
            used.add(text);
            await conn.execute(text, batch.flat() as never[]);
          }
          seconds += (performance.now() - started) / 1000;
          for (const text of used) conn.unprepare(text);
        }
      }
      const started = performance.now();
      await conn.commit();
      return seconds + (performance.now() - started) / 1000;
    },
    async close() {
      await conn.end();
    },
  };
}
