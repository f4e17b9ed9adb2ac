// An open SQL engine (Kysely over one dialect, counted) and the local migration runner used outside Forge.
import { Kysely, sql } from 'kysely';
import type { Dialect as KyselyDialect } from 'kysely';
import { ActorCache } from './actor-cache';
import { countingDialect, StatementCounter } from './counting';
import { migrations } from './migrations';
import type { Database, Dialect } from './schema';

export type SqlEngine = {
  db: Kysely<Database>;
  dialect: Dialect;
  counter: StatementCounter;
  /** What this process has read of the actors table (shared by every store and transaction over this engine). */
  actors: ActorCache;
  /** Largest number of bound parameters one statement may carry on this engine. */
  maxParams: number;
  /** Groups a step's statements into one transaction where the engine has them (see Store.grouped). */
  grouped?<T>(work: () => Promise<T>): Promise<T>;
  /** Runs work when no other grouped step or exclusive command is running in this process (the embedded store). */
  exclusive?<T>(work: () => Promise<T>): Promise<T>;
  /** Inside a command's transaction: work that must run on the engine once the transaction has committed. */
  afterCommit?(work: (engine: SqlEngine) => Promise<void>): void;
  close(): Promise<void>;
};

export function makeEngine(dialect: Dialect, kyselyDialect: KyselyDialect, maxParams: number, grouped?: SqlEngine['grouped']): SqlEngine {
  const counter = new StatementCounter();
  const db = new Kysely<Database>({ dialect: countingDialect(kyselyDialect, counter) });
  return { db, dialect, counter, actors: new ActorCache(), maxParams, ...(grouped ? { grouped } : {}), close: () => db.destroy() };
}

/**
 * Applies the ordered migrations not yet recorded in `schema_migrations`. Forge uses its own runner
 * (adapters/forge/migrations.ts) over the same list.
 */
export async function applyMigrations(engine: SqlEngine): Promise<string[]> {
  const { db, dialect } = engine;
  const nameType = dialect === 'mysql' ? 'VARCHAR(255)' : 'TEXT';
  await sql.raw(`CREATE TABLE IF NOT EXISTS schema_migrations (name ${nameType} NOT NULL PRIMARY KEY, applied_at ${nameType} NOT NULL)`).execute(db);
  const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db);
  const applied = new Set(done.rows.map((r) => r.name));
  const ran: string[] = [];
  for (const m of migrations(dialect)) {
    if (applied.has(m.name)) continue;
    const apply = async (on: typeof db) => {
      await sql.raw(m.sql).execute(on);
      await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, ${new Date().toISOString()})`.execute(on);
    };
    // SQLite's DDL is transactional: a step and its record land together, so a crash never leaves one without the other.
    if (dialect === 'sqlite') await db.transaction().execute(apply);
    else await apply(db);
    ran.push(m.name);
  }
  return ran;
}
