// The fake Forge SQL service refuses what Forge SQL refuses, with the SDK's own ForgeSQLAPIError, so the suites that
// run the app against it fail where a real site would.
import { errorCodes, ForgeSQLAPIError } from '@forge/sql';
import { FAKE_LIMIT_CODES, openFakeForgeSql, REQUEST_LIMIT_BYTES, splitStatements, type FakeForgeSql } from '../../support/fake-forge-sql';

const maria = process.env.MARIADB_AVAILABLE === '1' ? describe : describe.skip;

async function failure(run: Promise<unknown>): Promise<ForgeSQLAPIError> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(ForgeSQLAPIError);
    return error as ForgeSQLAPIError;
  }
  throw new Error('Expected Forge SQL to refuse the request');
}

describe('splitting a request into statements', () => {
  it('ignores semicolons inside quotes and comments and allows one trailing semicolon', () => {
    expect(splitStatements("SELECT 'a;b', `x;y` FROM t; ")).toHaveLength(1);
    expect(splitStatements('SELECT 1 -- ; not a statement\n')).toHaveLength(1);
    expect(splitStatements("SELECT 'it''s; fine'")).toHaveLength(1);
    expect(splitStatements('SELECT 1; SELECT 2')).toHaveLength(2);
  });
});

maria('the fake Forge SQL service', () => {
  let fake: FakeForgeSql;
  beforeAll(async () => {
    fake = await openFakeForgeSql();
    await fake.direct('CREATE TABLE t (id INT PRIMARY KEY, body MEDIUMTEXT NOT NULL) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin');
  });
  afterAll(() => fake.drop());

  // limits-sql: "Each SQL statement can only contain a single query."
  it('refuses a ;-separated batch in one request', async () => {
    const error = await failure(fake.client.prepare('INSERT INTO t VALUES (1, ?); DELETE FROM t').bindParams('x').execute());
    expect(error.code).toBe(errorCodes.INVALID_SQL_QUERY);
    expect(await fake.direct('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('refuses transaction control: Forge SQL has no transactions across calls', async () => {
    for (const statement of ['START TRANSACTION', 'BEGIN', 'COMMIT', 'ROLLBACK']) {
      expect((await failure(fake.client.prepare(statement).execute())).code).toBe(errorCodes.INVALID_SQL_QUERY);
    }
  });

  // api-group-forge-sql: "DML queries are limited to SELECT, INSERT, UPDATE and DELETE statements."
  it('refuses DDL on the DML endpoint', async () => {
    expect((await failure(fake.client.prepare('DROP TABLE t').execute())).code).toBe(errorCodes.INVALID_SQL_QUERY);
  });

  // limits-sql: "Request size 1 MiB"; the request is the SQL and its parameters as UTF-8 JSON.
  it('refuses a request over 1 MiB counted in UTF-8 bytes, not characters', async () => {
    const cyrillic = 'ж'.repeat(300_000); // 300,000 characters, 600,000 bytes
    const error = await failure(fake.client.prepare('INSERT INTO t VALUES (2, ?), (3, ?)').bindParams(cyrillic, cyrillic).execute());
    expect(error.code).toBe(FAKE_LIMIT_CODES.requestTooLarge);
    expect(error.responseDetails.status).toBe(413);
    expect(cyrillic.length * 2).toBeLessThan(REQUEST_LIMIT_BYTES);
    await fake.client.prepare('INSERT INTO t VALUES (2, ?)').bindParams(cyrillic).execute();
  });

  // limits-sql: "Response size 4 MiB".
  it('refuses a response over 4 MiB', async () => {
    const chunk = 'x'.repeat(900_000);
    for (let id = 10; id < 15; id++) await fake.client.prepare('INSERT INTO t VALUES (?, ?)').bindParams(id, chunk).execute();
    const error = await failure(fake.client.prepare('SELECT body FROM t WHERE id >= 10').execute());
    expect(error.code).toBe(FAKE_LIMIT_CODES.responseTooLarge);
    const some = await fake.client.prepare<{ body: string }>('SELECT body FROM t WHERE id >= 10 LIMIT 4').execute();
    expect(some.rows).toHaveLength(4);
  });

  // sql-handling-errors: "SQL_EXECUTION_ERROR The provided query was either incorrect or could not be executed at the
  // database level. More details are present in the debug field."
  it('answers a failed statement with SQL_EXECUTION_ERROR and the server error in context.debug', async () => {
    const error = await failure(fake.client.prepare('INSERT INTO t VALUES (2, ?)').bindParams('again').execute());
    expect(error.code).toBe(errorCodes.SQL_EXECUTION_ERROR);
    expect(error.context).toMatchObject({ debug: { code: 'ER_DUP_ENTRY', errno: 1062 } });
  });

  it('answers writes with the documented UpdateQueryResponse', async () => {
    const result = await fake.client.prepare('UPDATE t SET body = ? WHERE id = 2').bindParams('short').execute();
    expect(result.rows).toMatchObject({ affectedRows: 1, insertId: 0 });
  });
});
