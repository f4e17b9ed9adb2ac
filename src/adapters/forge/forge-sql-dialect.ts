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
import { AppError } from '../../domain/errors';
import { makeEngine, type SqlEngine } from '../sql/engine';
import { sqlErrorKind } from '../sql/sql-errors';

// Forge SQL limits a request to 1 MiB; the store also splits multi-row writes by size, this bounds parameters.
const FORGE_MAX_PARAMS = 20000;

type UpdateResult = { affectedRows?: number; insertId?: number };

/** The part of @forge/sql's SqlClient the app uses; tests pass the SDK's own client pointed at a fake service. */
export type ForgeSqlClient = Pick<typeof forgeSql, 'prepare' | 'executeDDL'>;

/** What a user sees while the schema migrations have not reached this installation yet (see migrations.ts). */
export const settingUp = () =>
  new AppError('SETTING_UP', 'The customer directory is still setting up its database on this site; try again in a minute.');

class ForgeSqlConnection implements DatabaseConnection {
  constructor(private readonly client: ForgeSqlClient) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let result: Awaited<ReturnType<ReturnType<ForgeSqlClient['prepare']>['execute']>>;
    try {
      result = await this.client.prepare<R>(query.sql).bindParams(...query.parameters).execute();
    } catch (error) {
      // A table or column the code expects is missing: the migrations have not run (or finished) on this site yet.
      if (sqlErrorKind(error) === 'missing-schema') throw settingUp();
      throw error;
    }
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
  private readonly connection: ForgeSqlConnection;
  constructor(client: ForgeSqlClient) {
    this.connection = new ForgeSqlConnection(client);
  }
  async init() {}
  async acquireConnection() { return this.connection; }
  async beginTransaction() { throw new Error('Forge SQL has no transactions across calls; write idempotent steps instead.'); }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

function forgeDialect(client: ForgeSqlClient): Dialect {
  return {
    createAdapter: () => new MysqlAdapter(),
    createDriver: () => new ForgeSqlDriver(client),
    createIntrospector: (db: Kysely<unknown>) => new MysqlIntrospector(db),
    createQueryCompiler: () => new MysqlQueryCompiler(),
  };
}

export function openForgeSql(client: ForgeSqlClient = forgeSql): SqlEngine {
  return makeEngine('mysql', forgeDialect(client), FORGE_MAX_PARAMS);
}
