// One command as one unit of work where the engine allows it: a transaction on SQLite, plain statements on Forge SQL.
import type { Atomically } from '../../application/deps';
import type { SqlEngine } from './engine';
import { makeSqlStore } from './sql-store';

/**
 * On SQLite the command runs in a transaction over the one connection: Kysely holds that connection for the whole
 * transaction, so other callers (background import steps, other requests) wait rather than write into it. Forge SQL
 * (and MariaDB standing in for it) has no transactions across calls, so there the command runs as it is.
 */
export function makeAtomic(engine: SqlEngine): Atomically {
  if (engine.dialect !== 'sqlite') return (work) => work(makeSqlStore(engine));
  return (work) => engine.db.transaction().execute((trx) => work(makeSqlStore({ ...engine, db: trx })));
}
