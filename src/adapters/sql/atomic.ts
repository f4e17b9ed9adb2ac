// One command as one unit of work where the engine allows it: a transaction on SQLite, plain statements on Forge SQL.
import type { Atomically } from '../../application/deps';
import type { SqlEngine } from './engine';
import { makeSqlSettings } from './record-store';
import { makeSqlStore } from './sql-store';

/**
 * On SQLite the command runs in a transaction over the one connection: Kysely holds that connection for the whole
 * transaction, so other callers (background import steps, other requests) wait rather than write into it; a port
 * that reads the same file must come from `work`'s argument (settings kept in SQL, with `settingsInSql`). Forge SQL
 * (and MariaDB standing in for it) has no transactions across calls, so there the command runs as it is.
 */
export function makeAtomic(engine: SqlEngine, options: { settingsInSql?: boolean } = {}): Atomically {
  if (engine.dialect !== 'sqlite') return (work) => work({ store: makeSqlStore(engine) });
  const exclusive = engine.exclusive ?? (<T>(work: () => Promise<T>) => work());
  return (work) =>
    // Waits for an import step's transaction to end instead of opening one inside it (one connection, one transaction).
    exclusive(async () => {
      const later: ((root: SqlEngine) => Promise<void>)[] = [];
      const result = await engine.db
        .transaction()
        .execute((trx) => {
          const inTransaction: SqlEngine = { ...engine, db: trx, afterCommit: (fn) => later.push(fn) };
          // Settings kept in the same SQLite file must be read through the transaction too, or they wait for it forever.
          return work({ store: makeSqlStore(inTransaction), ...(options.settingsInSql ? { settings: makeSqlSettings(inTransaction) } : {}) });
        })
        .catch((error: unknown) => {
          // Rolled back: an actors row any store saw written in it is gone (see actor-refs.ts).
          engine.actors.clear();
          throw error;
        });
      // What cannot run inside a transaction (a WAL checkpoint after an erasure) runs once it has committed.
      for (const fn of later) await fn(engine);
      return result;
    });
}
