// A MySQL-dialect engine over mysql2: runs the same SQL we ship to Forge SQL against a real MariaDB/MySQL server.
import { createPool } from 'mysql2';
import { MysqlDialect } from 'kysely';
import { makeEngine, type SqlEngine } from '../sql/engine';

export type MariaDbOptions = { host?: string; port?: number; user?: string; password?: string; database: string };

// MySQL's protocol caps placeholders at 65,535; keep well under it.
const MYSQL_MAX_PARAMS = 60000;

export function openMariaDb(options: MariaDbOptions): SqlEngine {
  const pool = createPool({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 3306,
    user: options.user ?? 'root',
    password: options.password ?? '',
    database: options.database,
    connectionLimit: 4,
    charset: 'utf8mb4_bin',
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  return makeEngine('mysql', new MysqlDialect({ pool }), MYSQL_MAX_PARAMS);
}
