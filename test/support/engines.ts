// Opens each SQL engine the contract suites run against: embedded SQLite always, MariaDB when reachable (required in CI).
import { openSqlite } from '../../src/adapters/local/sqlite-engine';
import { mariaDbReachable as isReachable, openScratchMariaDb } from '../../src/adapters/mysql/scratch-database';
import { applyMigrations, type SqlEngine } from '../../src/adapters/sql/engine';
import { makeSqlStore } from '../../src/adapters/sql/sql-store';
import type { Store } from '../../src/domain/ports';
import { forgeSqlEngine } from './fake-forge-sql';
import { MARIADB, MARIADB_TEST_SESSION } from './mariadb-server';

export type EngineFactory = { name: 'sqlite' | 'mariadb' | 'forge-sql'; open(): Promise<SqlEngine & { drop(): Promise<void> }> };

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
  open: () => openScratchMariaDb({ ...MARIADB, session: MARIADB_TEST_SESSION }, 't'),
};

/**
 * The engines a contract suite runs on; global-setup.ts decided whether MariaDB is reachable. With MariaDB, the
 * suites also run through the Forge SQL adapter against the fake Forge SQL service (its documented limits enforced).
 */
export function engines(): EngineFactory[] {
  return process.env.MARIADB_AVAILABLE === '1' ? [sqliteEngine, mariaDbEngine, forgeSqlEngine] : [sqliteEngine];
}

export const mariaDbReachable = () => isReachable(MARIADB);

/**
 * One engine's share of a suite too slow to run on every engine in one file: Jest spreads files, not tests, over its
 * workers. Without MariaDB (outside CI) the MariaDB-backed shares show as skipped, as `engines()` leaves them out.
 */
export function describeOnEngine(name: EngineFactory['name'], title: string, suite: (factory: EngineFactory) => void): void {
  const factory = { sqlite: sqliteEngine, mariadb: mariaDbEngine, 'forge-sql': forgeSqlEngine }[name];
  const here = engines().some((f) => f.name === name);
  (here ? describe : describe.skip)(title.replace('$name', name), () => suite(factory));
}

/**
 * For a suite on one engine: opens it and a store over it before the suite's tests and drops it after. Read `engine`
 * and `store` inside tests (they are there once the suite has started).
 */
export function storeOn(factory: EngineFactory): { readonly engine: SqlEngine & { drop(): Promise<void> }; readonly store: Store } {
  let engine: (SqlEngine & { drop(): Promise<void> }) | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
  });
  afterAll(() => engine?.drop());
  const opened = (what: string) => new Error(`The ${what} of a storeOn suite is read before the suite has started.`);
  return {
    get engine() {
      if (!engine) throw opened('engine');
      return engine;
    },
    get store() {
      if (!store) throw opened('store');
      return store;
    },
  };
}
