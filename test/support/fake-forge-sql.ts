// A stand-in for the Forge SQL service: the SDK's own SqlClient, its HTTP call answered by a MariaDB database that is
// held to Forge SQL's documented limits, so the app's SQL fails in tests where it would fail on a real site.
//
// developer.atlassian.com/platform/forge/limits-sql: "Each SQL statement can only contain a single query."
// "DDL Requests per minute (RPM) 25" · "Request size 1 MiB" · "Response size 4 MiB".
// developer.atlassian.com/platform/forge/rest/v2/api-group-forge-sql: "DML queries are limited to SELECT, INSERT,
// UPDATE and DELETE statements. [...] The DDL API is available for all other statements".
// developer.atlassian.com/platform/forge/storage-reference/sql-handling-errors: "SQL_EXECUTION_ERROR The provided
// query was either incorrect or could not be executed at the database level. More details are present in the debug
// field."
import { createConnection, createPool, type ResultSetHeader } from 'mysql2/promise';
import { errorCodes } from '@forge/sql';
import { SqlClient, SQL_API_ENDPOINTS } from '@forge/sql/out/sql';
import { openForgeSql } from '../../src/adapters/forge/forge-sql-dialect';
import { runPendingMigrations } from '../../src/adapters/forge/migrations';
import type { EngineFactory } from './engines';
import { MARIADB, MARIADB_TEST_SESSION } from './mariadb-server';

export const REQUEST_LIMIT_BYTES = 1024 * 1024;
export const RESPONSE_LIMIT_BYTES = 4 * 1024 * 1024;
export const DDL_PER_MINUTE = 25;

/**
 * Codes for refusals the documentation states as limits without naming the error: named here so tests can tell
 * them apart, in the documented `{ code, message }` body every Forge SQL error has.
 */
export const FAKE_LIMIT_CODES = {
  requestTooLarge: 'REQUEST_TOO_LARGE',
  responseTooLarge: 'RESPONSE_TOO_LARGE',
  rateLimited: 'RATE_LIMIT_EXCEEDED',
} as const;

type Body = { code: string; message: string; [extra: string]: unknown };
type Answer = { status: number; statusText: string; body: unknown };

export type FakeForgeSqlOptions = {
  /** The clock the DDL rate limit reads; tests step it instead of waiting. */
  now?: () => number;
};

/** Every request the fake received, in order: what the app sent over the wire. */
export type SentRequest = { endpoint: 'dml' | 'ddl'; query: string; bytes: number; refused: string | null };

export type FakeForgeSql = {
  /** The SDK's SqlClient, sending its requests to this fake instead of Forge. */
  client: SqlClient;
  requests: SentRequest[];
  /** Runs SQL on the database directly (test setup and inspection), outside every limit. */
  direct(query: string, params?: unknown[]): Promise<unknown>;
  drop(): Promise<void>;
};


/** A fresh, empty database (binary collation, as TiDB compares text) behind a fake Forge SQL service. */
export async function openFakeForgeSql(options: FakeForgeSqlOptions = {}): Promise<FakeForgeSql> {
  const database = `fsql_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await createConnection(MARIADB);
  await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const pool = createPool({ ...MARIADB, database, connectionLimit: 4, charset: 'utf8mb4_bin', supportBigNumbers: true, bigNumberStrings: false });
  pool.pool.on('connection', (connection) => {
    for (const [name, value] of Object.entries(MARIADB_TEST_SESSION)) connection.query(`SET SESSION ${name} = ${value}`, () => undefined);
  });
  const requests: SentRequest[] = [];
  const now = options.now ?? Date.now;
  const ddlTimes: number[] = [];

  async function answer(endpoint: 'dml' | 'ddl', rawBody: string): Promise<Answer> {
    const bytes = Buffer.byteLength(rawBody, 'utf8');
    const { query, params } = JSON.parse(rawBody) as { query: string; params: unknown[] };
    const sent: SentRequest = { endpoint, query, bytes, refused: null };
    requests.push(sent);
    const refuse = (status: number, body: Body): Answer => {
      sent.refused = body.code;
      return { status, statusText: status === 429 ? 'Too Many Requests' : status === 413 ? 'Payload Too Large' : 'Bad Request', body };
    };

    if (bytes > REQUEST_LIMIT_BYTES) {
      return refuse(413, { code: FAKE_LIMIT_CODES.requestTooLarge, message: `The request is ${bytes} bytes; Forge SQL accepts at most ${REQUEST_LIMIT_BYTES}.` });
    }
    const policy = policyProblem(endpoint, query);
    if (policy !== null) return refuse(400, { code: errorCodes.INVALID_SQL_QUERY, message: policy });
    if (endpoint === 'ddl' && !/^\s*(select|show)\b/i.test(query)) {
      const at = now();
      while (ddlTimes.length > 0 && ddlTimes[0]! <= at - 60_000) ddlTimes.shift();
      if (ddlTimes.length >= DDL_PER_MINUTE) {
        return refuse(429, { code: FAKE_LIMIT_CODES.rateLimited, message: `More than ${DDL_PER_MINUTE} DDL requests within a minute.` });
      }
      ddlTimes.push(at);
    }

    let result: unknown;
    try {
      const [rows] = await pool.query(query, params);
      result = { rows: Array.isArray(rows) ? rows : toUpdateResponse(rows as ResultSetHeader) };
    } catch (error) {
      const e = error as { code?: string; errno?: number; sqlState?: string; sqlMessage?: string; message?: string };
      return refuse(400, {
        code: errorCodes.SQL_EXECUTION_ERROR,
        message: 'The query could not be executed.',
        debug: { code: e.code, errno: e.errno, sqlState: e.sqlState, sqlMessage: e.sqlMessage, message: e.message },
      });
    }
    const text = JSON.stringify(result);
    if (Buffer.byteLength(text, 'utf8') > RESPONSE_LIMIT_BYTES) {
      return refuse(413, { code: FAKE_LIMIT_CODES.responseTooLarge, message: `The response exceeds ${RESPONSE_LIMIT_BYTES} bytes.` });
    }
    return { status: 200, statusText: 'OK', body: result };
  }

  const client = new SqlClient();
  // The SDK's one network call (private in its types): everything above it, including its error classes, is real.
  Object.assign(client, {
    async sendRequest(path: string, init: { body: string }) {
      const endpoint = path === SQL_API_ENDPOINTS.EXECUTE_DDL ? 'ddl' : 'dml';
      const reply = await answer(endpoint, init.body);
      const text = JSON.stringify(reply.body);
      return {
        ok: reply.status >= 200 && reply.status < 300,
        status: reply.status,
        statusText: reply.statusText,
        headers: new Map([['x-trace-id', 'fake-trace']]),
        text: async () => text,
      };
    },
  });

  return {
    client,
    requests,
    async direct(query, params = []) {
      const [rows] = await pool.query(query, params);
      return rows;
    },
    async drop() {
      await pool.end();
      const conn = await createConnection(MARIADB);
      await conn.query(`DROP DATABASE IF EXISTS ${database}`);
      await conn.end();
    },
  };
}

function toUpdateResponse(header: ResultSetHeader) {
  return {
    affectedRows: header.affectedRows,
    fieldCount: header.fieldCount,
    info: header.info,
    insertId: header.insertId,
    serverStatus: header.serverStatus,
    warningStatus: header.warningStatus,
  };
}

const DML = /^\s*(\(?\s*select|insert|update|delete|replace|with)\b/i;
const REFUSED = /^\s*(begin|start\s+transaction|commit|rollback|savepoint|release\s+savepoint|set\s+(autocommit|session|global|transaction)|use|lock\s+tables?|unlock\s+tables?|prepare|execute|deallocate)\b/i;

/** Why Forge SQL's query policy refuses this text on this endpoint, or null when it accepts it. */
export function policyProblem(endpoint: 'dml' | 'ddl', query: string): string | null {
  const statements = splitStatements(query);
  if (statements.length !== 1) return `Forge SQL runs one statement per request; this request holds ${statements.length}.`;
  if (REFUSED.test(query)) return 'Forge SQL refuses transaction control, USE, LOCK and SQL-level PREPARE statements.';
  if (endpoint === 'dml' && !DML.test(query)) return 'The DML endpoint accepts SELECT, INSERT, UPDATE and DELETE only; send DDL to the DDL endpoint.';
  return null;
}

/** The statements in a text: `;` outside quotes, comments and backticks separates them; a trailing `;` is allowed. */
export function splitStatements(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    if (quote !== null) {
      current += ch;
      if (ch === '\\' && quote !== '`') {
        current += query[++i] ?? '';
      } else if (ch === quote) {
        if (query[i + 1] === quote) current += query[++i];
        else quote = null;
      }
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      current += ch;
    } else if (ch === '-' && query[i + 1] === '-') {
      while (i < query.length && query[i] !== '\n') i++;
    } else if (ch === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end === -1 ? query.length : end + 1;
    } else if (ch === ';') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.filter((p) => p.trim() !== '');
}

/**
 * The store as the app runs it on Forge: the Forge SQL Kysely dialect over the SDK's client, against the fake
 * service, migrated by the app's own Forge migration runner.
 */
export const forgeSqlEngine: EngineFactory = forgeSqlEngineWith({ migrate: true });

/** `migrate: false` opens an installation whose migrations have not run yet (a first install, seconds in). */
export function forgeSqlEngineWith(options: { migrate: boolean }): EngineFactory & { open(): Promise<Awaited<ReturnType<EngineFactory['open']>> & { fake: FakeForgeSql }> } {
  return {
    name: 'forge-sql',
    async open() {
      let clock = Date.parse('2026-02-01T08:00:00.000Z');
      const fake = await openFakeForgeSql({ now: () => clock });
      if (options.migrate) {
        const run = await runPendingMigrations({ client: fake.client, now: () => clock, sleep: async (ms) => void (clock += ms) });
        if (run.pending.length > 0) throw new Error(`Migrations left pending: ${run.pending.join(', ')}`);
      }
      const engine = openForgeSql(fake.client);
      return Object.assign(engine, {
        fake,
        async drop() {
          await engine.close();
          await fake.drop();
        },
      });
    },
  };
}
