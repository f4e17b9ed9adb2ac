// The embedded store: SQLite through better-sqlite3, used by `npm start`, the CLI and the fast tests.
import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { makeEngine, type SqlEngine } from '../sql/engine';

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32 is 32766.
const SQLITE_MAX_PARAMS = 32766;

export function openSqlite(file: string): SqlEngine {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return makeEngine('sqlite', new SqliteDialect({ database }), SQLITE_MAX_PARAMS, async (work) => {
    // One commit per import step instead of one per statement (autocommit spent ~30% of an import's time). Nested
    // or concurrent calls join the open transaction; it is committed even when the step fails, exactly as the
    // statements would have been one by one, since every step is idempotent and is simply run again.
    if (database.inTransaction) return work();
    database.exec('BEGIN');
    try {
      return await work();
    } finally {
      if (database.inTransaction) database.exec('COMMIT');
    }
  });
}
