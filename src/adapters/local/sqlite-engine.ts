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
  // Freed pages are zeroed, so an erased person's values do not linger in the file.
  database.pragma('secure_delete = ON');
  return makeEngine('sqlite', new SqliteDialect({ database }), SQLITE_MAX_PARAMS);
}
