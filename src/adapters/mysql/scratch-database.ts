// A throwaway MariaDB database with the schema applied: what the contract suites and the benchmark run against.
import { createConnection } from 'mysql2/promise';
import { applyMigrations, type SqlEngine } from '../sql/engine';
import { openMariaDb, type MariaDbOptions } from './mariadb-engine';

export type ServerOptions = Omit<MariaDbOptions, 'database'>;
export type ScratchEngine = SqlEngine & { drop(): Promise<void> };

const serverOf = (o: ServerOptions) => ({ host: o.host ?? '127.0.0.1', port: o.port ?? 3306, user: o.user ?? 'root', password: o.password ?? '' });

/** Creates a database with binary collation (as TiDB compares text), migrates it, and drops it on `drop()`. */
export async function openScratchMariaDb(server: ServerOptions, prefix: string): Promise<ScratchEngine> {
  const database = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  // A database name is an identifier, which no driver can bind: only names of this shape are ever interpolated.
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(database)) throw new Error(`Refusing the database name ${database}.`);
  const admin = await createConnection(serverOf(server));
  await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const engine = openMariaDb({ ...server, database });
  await applyMigrations(engine);
  return Object.assign(engine, {
    async drop() {
      await engine.close();
      const conn = await createConnection(serverOf(server));
      await conn.query(`DROP DATABASE IF EXISTS ${database}`);
      await conn.end();
    },
  });
}

export async function mariaDbReachable(server: ServerOptions): Promise<boolean> {
  try {
    const conn = await createConnection({ ...serverOf(server), connectTimeout: 2000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}
