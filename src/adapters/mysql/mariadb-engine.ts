// A MySQL-dialect engine over mysql2: runs the same SQL we ship to Forge SQL against a real MariaDB/MySQL server.
import { createPool } from 'mysql2';
import { MysqlDialect } from 'kysely';
import { makeEngine, type SqlEngine } from '../sql/engine';

export type MariaDbOptions = {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database: string;
  /** Session variables set on each connection before its first statement (a server too old for one ignores it). */
  session?: Readonly<Record<string, number>>;
};

// MySQL's protocol caps placeholders at 65,535; keep well under it.
const MYSQL_MAX_PARAMS = 60000;

export function openMariaDb(options: MariaDbOptions): SqlEngine {
  const settings = Object.entries(options.session ?? {}).map(([name, value]) => {
    if (!/^[a-z_]+$/.test(name) || !Number.isFinite(value)) throw new Error(`Refusing the session variable ${name} = ${value}.`);
    return `SET SESSION ${name} = ${value}`;
  });
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
  // Queued on a new connection before the pool hands it out. A failed setting is ignored: settings tune, never decide.
  pool.on('connection', (connection) => {
    for (const statement of settings) connection.query(statement, () => undefined);
  });
  return makeEngine('mysql', new MysqlDialect({ pool }), MYSQL_MAX_PARAMS);
}
