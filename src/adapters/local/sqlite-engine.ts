// The embedded store: SQLite through better-sqlite3, used by `npm start`, the CLI and the fast tests.
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { SqliteDialect, type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import { busy } from '../../domain/errors';
import { makeEngine, type SqlEngine } from '../sql/engine';

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32 is 32766.
const SQLITE_MAX_PARAMS = 32766;
/** How long a statement waits for another process's lock before the request answers BUSY (not the 5 s it used to freeze). */
export const SQLITE_BUSY_TIMEOUT_MS = 750;
const RETRY_AFTER_SECONDS = 2;

type Turn = { database: Database.Database; open: boolean };

/**
 * The writer turns the running code holds, one per store. One storage for every store: on Node 20 each
 * AsyncLocalStorage that was ever entered stays hooked into every promise the process makes, so one per store made
 * every later await slower with each store opened (a test worker that had opened 300 ran 30 times slower).
 */
const heldTurns = new AsyncLocalStorage<readonly Turn[]>();

export function openSqlite(file: string): SqlEngine {
  const database = new Database(file);
  // Pages an import frees when it purges its staged rows go back to the file system (reclaimFreePages), not kept as
  // free pages: a new store only (an existing file keeps the mode it was made with until a VACUUM).
  database.pragma('auto_vacuum = INCREMENTAL');
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Freed pages are zeroed, so an erased person's values do not linger in the file.
  database.pragma('secure_delete = ON');
  // One writer at a time in this process: an import step's transaction (grouped) and a command's (exclusive, see
  // adapters/sql/atomic.ts) take turns, so neither opens a transaction inside the other's.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    // Inside the section that holds the turn (a step a command runs inline), work goes on in it.
    const held = heldTurns.getStore() ?? [];
    if (held.some((t) => t.database === database && t.open)) return work();
    const turn: Turn = { database, open: false };
    const run = tail.then(async () => {
      turn.open = true;
      try {
        return await heldTurns.run([...held, turn], work);
      } finally {
        // Work started from inside but still running later (a queued job) is no longer inside the section.
        turn.open = false;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
  const grouped = <T>(work: () => Promise<T>): Promise<T> =>
    exclusive(async () => {
      // One commit per import step instead of one per statement (autocommit spent ~30% of an import's time). Inside a
      // command's transaction the step joins it. The step is committed even when it fails, exactly as its statements
      // would have been one by one, since every step is idempotent and is simply run again.
      if (database.inTransaction) return work();
      database.exec('BEGIN');
      try {
        return await work();
      } finally {
        if (database.inTransaction) database.exec('COMMIT');
        reclaimFreePages(database);
      }
    });
  return { ...makeEngine('sqlite', busyAware(new SqliteDialect({ database })), SQLITE_MAX_PARAMS, grouped), exclusive };
}

/** Free pages kept for reuse before an import step hands them back: 4 MiB of 4 KiB pages. */
const KEPT_FREE_PAGES = 1024;

/** Gives free pages beyond KEPT_FREE_PAGES back to the file system (an incremental-vacuum store; a no-op otherwise). */
function reclaimFreePages(database: Database.Database): void {
  const free = Number(database.pragma('freelist_count', { simple: true }));
  if (free > KEPT_FREE_PAGES) database.pragma(`incremental_vacuum(${free - KEPT_FREE_PAGES})`);
}

/** SQLITE_BUSY / SQLITE_LOCKED (another process holds the file) become BUSY with a retry hint; other errors pass. */
function translate(error: unknown): unknown {
  // Not `instanceof Error`: the native module's errors may come from another realm (jest's sandbox, for one).
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return busy(`The local store is in use by another process (another server or CLI on the same data folder); try again in ${RETRY_AFTER_SECONDS} seconds.`, RETRY_AFTER_SECONDS);
  }
  return error;
}

async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translate(error);
  }
}

class BusyAwareConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return translated(() => this.inner.executeQuery<R>(query));
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class BusyAwareDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, BusyAwareConnection>();
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    const conn = await this.inner.acquireConnection();
    let wrapped = this.wrapped.get(conn);
    if (!wrapped) {
      wrapped = new BusyAwareConnection(conn);
      this.wrapped.set(conn, wrapped);
    }
    return wrapped;
  }
  private unwrap(conn: DatabaseConnection): DatabaseConnection {
    return conn instanceof BusyAwareConnection ? conn.inner : conn;
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return translated(() => this.inner.beginTransaction(this.unwrap(conn), settings));
  }
  commitTransaction(conn: DatabaseConnection) {
    return translated(() => this.inner.commitTransaction(this.unwrap(conn)));
  }
  rollbackTransaction(conn: DatabaseConnection) {
    return this.inner.rollbackTransaction(this.unwrap(conn));
  }
  releaseConnection(conn: DatabaseConnection) {
    return this.inner.releaseConnection(this.unwrap(conn));
  }
  destroy() {
    return this.inner.destroy();
  }
}

function busyAware(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new BusyAwareDriver(inner.createDriver()),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
}
