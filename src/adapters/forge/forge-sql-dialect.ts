// A Kysely dialect over @forge/sql: each compiled statement becomes one Forge SQL call (no transactions exist there).
import { sql as forgeSql } from '@forge/sql';
import {
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { makeEngine, type SqlEngine } from '../sql/engine';

// Forge SQL limits a request to 1 MiB; the store also splits multi-row writes by size, this bounds parameters.
const FORGE_MAX_PARAMS = 20000;

type UpdateResult = { affectedRows?: number; insertId?: number };

class ForgeSqlConnection implements DatabaseConnection {
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await forgeSql.prepare<R>(query.sql).bindParams(...query.parameters).execute();
    const rows = result.rows as unknown;
    if (Array.isArray(rows)) return { rows: rows as R[] };
    const update = (rows ?? {}) as UpdateResult;
    return { rows: [], numAffectedRows: BigInt(update.affectedRows ?? 0) };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Forge SQL does not stream results; page with keyset queries instead.');
  }
}

class ForgeSqlDriver implements Driver {
  private readonly connection = new ForgeSqlConnection();
  async init() {}
  async acquireConnection() { return this.connection; }
  async beginTransaction() { throw new Error('Forge SQL has no transactions across calls; write idempotent steps instead.'); }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

const forgeDialect: Dialect = {
  createAdapter: () => new MysqlAdapter(),
  createDriver: () => new ForgeSqlDriver(),
  createIntrospector: (db: Kysely<unknown>) => new MysqlIntrospector(db),
  createQueryCompiler: () => new MysqlQueryCompiler(),
};

export function openForgeSql(): SqlEngine {
  return makeEngine('mysql', forgeDialect, FORGE_MAX_PARAMS);
}
