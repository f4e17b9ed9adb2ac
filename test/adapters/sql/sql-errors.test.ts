// What a failed statement means, from each engine's error shape; Forge SQL's is the SDK's own ForgeSQLAPIError.
//
// developer.atlassian.com/platform/forge/storage-reference/sql-handling-errors: "SQL_EXECUTION_ERROR The provided
// query was either incorrect or could not be executed at the database level. More details are present in the debug
// field."
import { errorCodes, ForgeSQLAPIError } from '@forge/sql';
import { sqlErrorKind } from '../../../src/adapters/sql/sql-errors';

const response = { status: 400, statusText: 'Bad Request', traceId: 'trace-1' };

/** The error the SDK throws for a failed statement: the body's extra fields (here `debug`) land in `context`. */
function forgeError(debug: Record<string, unknown>, code: string = errorCodes.SQL_EXECUTION_ERROR) {
  return new ForgeSQLAPIError(response, { code, message: 'The query could not be executed.', debug } as { code: string; message: string });
}

describe('sqlErrorKind', () => {
  it('reads a duplicate key from Forge SQL’s ForgeSQLAPIError, by errno, code or server message', () => {
    expect(sqlErrorKind(forgeError({ code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000', sqlMessage: "Duplicate entry 'a@b.c' for key 'uq_contacts_email'" }))).toBe('duplicate-key');
    expect(sqlErrorKind(forgeError({ errno: 1062 }))).toBe('duplicate-key');
    expect(sqlErrorKind(forgeError({ sqlMessage: "Duplicate entry 'x' for key 'PRIMARY'" }))).toBe('duplicate-key');
  });

  it('reads a missing table or column from Forge SQL as a schema that is not migrated yet', () => {
    expect(sqlErrorKind(forgeError({ code: 'ER_NO_SUCH_TABLE', errno: 1146, sqlMessage: "Table 'app.contacts' doesn't exist" }))).toBe('missing-schema');
    expect(sqlErrorKind(forgeError({ errno: 1054, sqlMessage: "Unknown column 'reporter_account_id' in 'field list'" }))).toBe('missing-schema');
  });

  it('does not read other Forge SQL failures as either', () => {
    expect(sqlErrorKind(forgeError({}, errorCodes.QUERY_TIMED_OUT))).toBe('other');
    expect(sqlErrorKind(forgeError({ errno: 1064, sqlMessage: 'You have an error in your SQL syntax' }))).toBe('other');
    expect(sqlErrorKind(new ForgeSQLAPIError({ status: 500, statusText: 'Error' }, { code: errorCodes.UNKNOWN_ERROR, message: 'Unexpected error in Forge SQL API request' }))).toBe('other');
  });

  it('reads the same from mysql2 (MariaDB) and SQLite errors', () => {
    expect(sqlErrorKind(Object.assign(new Error("Duplicate entry 'x' for key 'PRIMARY'"), { code: 'ER_DUP_ENTRY', errno: 1062 }))).toBe('duplicate-key');
    expect(sqlErrorKind(new Error('UNIQUE constraint failed: contacts.email'))).toBe('duplicate-key');
    expect(sqlErrorKind(Object.assign(new Error("Table 't.contacts' doesn't exist"), { code: 'ER_NO_SUCH_TABLE', errno: 1146 }))).toBe('missing-schema');
    expect(sqlErrorKind(new Error('no such table: contacts'))).toBe('missing-schema');
    expect(sqlErrorKind('boom')).toBe('other');
  });
});
