// Opens each SQL engine the contract suites run against: embedded SQLite always, MariaDB when reachable (required in CI).
import { createConnection } from 'mysql2/promise';
import { openSqlite } from '../../src/adapters/local/sqlite-engine';
import { openMariaDb } from '../../src/adapters/mysql/mariadb-engine';
import { applyMigrations, type SqlEngine } from '../../src/adapters/sql/engine';

export type EngineFactory = { name: 'sqlite' | 'mariadb'; open(): Promise<SqlEngine & { drop(): Promise<void> }> };

const MARIADB = { host: process.env.MARIADB_HOST ?? '127.0.0.1', port: Number(process.env.MARIADB_PORT ?? 3306), user: 'root', password: '' };

export const sqliteEngine: EngineFactory = {
  name: 'sqlite',
  async open() {
    const engine = openSqlite(':memory:');
    await applyMigrations(engine);
    return Object.assign(engine, { drop: () => engine.close() });
  },
};

export const mariaDbEngine: EngineFactory = {
  name: 'mariadb',
  async open() {
    const database = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = await createConnection(MARIADB);
    await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.end();
    const engine = openMariaDb({ ...MARIADB, database });
    await applyMigrations(engine);
    return Object.assign(engine, {
      async drop() {
        await engine.close();
        const conn = await createConnection(MARIADB);
        await conn.query(`DROP DATABASE IF EXISTS ${database}`);
        await conn.end();
      },
    });
  },
};

/** The engines a contract suite runs on; global-setup.ts decided whether MariaDB is reachable. */
export function engines(): EngineFactory[] {
  return process.env.MARIADB_AVAILABLE === '1' ? [sqliteEngine, mariaDbEngine] : [sqliteEngine];
}

export async function mariaDbReachable(): Promise<boolean> {
  try {
    const conn = await createConnection({ ...MARIADB, connectTimeout: 2000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}
