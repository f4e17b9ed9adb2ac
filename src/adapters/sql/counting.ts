// Counts the SQL statements an engine executes, by kind, so budgets (statements per 1,000 imported rows) are measured.
import type { DatabaseConnection, Dialect, Driver, QueryResult, CompiledQuery, TransactionSettings } from 'kysely';
import { parameterBytes } from './batching';
import { RECORD_TABLES } from './schema';

/** `maxStatementBytes`: the largest request so far, as UTF-8 bytes of its SQL text and JSON-encoded parameters. */
/** `sqlMs`: time spent waiting for statements (what Forge SQL bills against an installation's 62.5 s per minute). */
export type StatementCounts = { total: number; reads: number; writes: number; recordWrites: number; ddl: number; maxStatementBytes: number; sqlMs: number };

const RECORD_TABLE_PATTERN = new RegExp(`^\\s*(?:insert(?:\\s+or\\s+ignore|\\s+ignore)?\\s+into|update|delete\\s+from|replace\\s+into)\\s+[\`"]?(${RECORD_TABLES.join('|')})[\`"]?\\b`, 'i');

export class StatementCounter {
  private counts: StatementCounts = { total: 0, reads: 0, writes: 0, recordWrites: 0, ddl: 0, maxStatementBytes: 0, sqlMs: 0 };
  /** Set by tests and the benchmark to see every statement's rows as they come back. */
  onResult: ((sql: string, rows: readonly unknown[]) => void) | null = null;
  /** Set by the benchmark's profile to see how long each statement waited. */
  onTimed: ((sql: string, ms: number) => void) | null = null;
  /**
   * Set by tests to make the store die at a chosen statement, as a crashed process would: that statement and
   * every later one fail until `revive()`.
   */
  failAt: number | null = null;
  private dead = false;

  revive(): void {
    this.dead = false;
    this.failAt = null;
  }

  record(sql: string, parameters: readonly unknown[] = []): void {
    if (this.dead || (this.failAt !== null && this.counts.total + 1 >= this.failAt)) {
      this.dead = true;
      throw new Error('Injected store failure');
    }
    const head = sql.trimStart().slice(0, 12).toLowerCase();
    this.counts.total++;
    const bytes = Buffer.byteLength(sql, 'utf8') + parameterBytes(parameters);
    if (bytes > this.counts.maxStatementBytes) this.counts.maxStatementBytes = bytes;
    if (head.startsWith('select') || head.startsWith('with')) this.counts.reads++;
    else if (head.startsWith('create') || head.startsWith('drop') || head.startsWith('alter')) this.counts.ddl++;
    else {
      this.counts.writes++;
      if (RECORD_TABLE_PATTERN.test(sql)) this.counts.recordWrites++;
    }
  }

  /** Adds the time one statement took. */
  timed(ms: number): void {
    this.counts.sqlMs += ms;
  }

  snapshot(): StatementCounts {
    return { ...this.counts };
  }
}

class CountingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection, private readonly counter: StatementCounter) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.counter.record(query.sql, query.parameters);
    const started = performance.now();
    try {
      const result = await this.inner.executeQuery<R>(query);
      this.counter.onResult?.(query.sql, result.rows);
      return result;
    } finally {
      const ms = performance.now() - started;
      this.counter.timed(ms);
      this.counter.onTimed?.(query.sql, ms);
    }
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.counter.record(query.sql, query.parameters);
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class CountingDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, CountingConnection>();
  constructor(private readonly inner: Driver, private readonly counter: StatementCounter) {}
  init() { return this.inner.init(); }
  async acquireConnection() {
    const conn = await this.inner.acquireConnection();
    let wrapped = this.wrapped.get(conn);
    if (!wrapped) {
      wrapped = new CountingConnection(conn, this.counter);
      this.wrapped.set(conn, wrapped);
    }
    return wrapped;
  }
  private unwrap(conn: DatabaseConnection): DatabaseConnection {
    return conn instanceof CountingConnection ? conn.inner : conn;
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) { return this.inner.beginTransaction(this.unwrap(conn), settings); }
  commitTransaction(conn: DatabaseConnection) { return this.inner.commitTransaction(this.unwrap(conn)); }
  rollbackTransaction(conn: DatabaseConnection) { return this.inner.rollbackTransaction(this.unwrap(conn)); }
  releaseConnection(conn: DatabaseConnection) { return this.inner.releaseConnection(this.unwrap(conn)); }
  destroy() { return this.inner.destroy(); }
}

/** Wraps any Kysely dialect so every statement it runs is counted. */
export function countingDialect(inner: Dialect, counter: StatementCounter): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new CountingDriver(inner.createDriver(), counter),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
}
