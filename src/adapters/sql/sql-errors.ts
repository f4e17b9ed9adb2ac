// What a failed statement means to the app, read from the error shape of each engine: mysql2 (MariaDB), SQLite and
// Forge SQL, whose SDK throws a ForgeSQLAPIError carrying the server's error under `context.debug`.

export type SqlErrorKind = 'duplicate-key' | 'missing-schema' | 'other';

type ServerError = { code?: unknown; errno?: unknown; sqlMessage?: unknown; message?: unknown };

/** MySQL error numbers: 1062 duplicate entry; 1146 no such table, 1054 unknown column (the schema is behind the code). */
const DUPLICATE_ERRNO = 1062;
const MISSING_SCHEMA_ERRNO = new Set([1146, 1054]);

/**
 * The server error inside a Forge SQL failure: developer.atlassian.com/platform/forge/storage-reference/
 * sql-handling-errors says of SQL_EXECUTION_ERROR "More details are present in the debug field"; the SDK's
 * ForgeSQLAPIError puts every extra field of the error body, `debug` included, into `context`.
 */
function forgeDebug(error: object): ServerError | null {
  if (!('code' in error) || error.code !== 'SQL_EXECUTION_ERROR') return null;
  const context = 'context' in error ? error.context : undefined;
  const debug = typeof context === 'object' && context !== null && 'debug' in context ? context.debug : undefined;
  return typeof debug === 'object' && debug !== null ? (debug as ServerError) : {};
}

export function sqlErrorKind(error: unknown): SqlErrorKind {
  if (typeof error !== 'object' || error === null) return 'other';
  const server: ServerError = forgeDebug(error) ?? (error as ServerError);
  const text = [server.sqlMessage, server.message, (error as ServerError).message].filter((t) => typeof t === 'string').join(' ');
  if (server.code === 'ER_DUP_ENTRY' || server.errno === DUPLICATE_ERRNO || /UNIQUE constraint failed|Duplicate entry/i.test(text)) return 'duplicate-key';
  if (
    server.code === 'ER_NO_SUCH_TABLE' ||
    server.code === 'ER_BAD_FIELD_ERROR' ||
    (typeof server.errno === 'number' && MISSING_SCHEMA_ERRNO.has(server.errno)) ||
    /no such table|no such column|Table '.*' doesn't exist|Unknown column/i.test(text)
  ) {
    return 'missing-schema';
  }
  return 'other';
}
