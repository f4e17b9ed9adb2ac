// Brings the Forge SQL schema up to date: idempotent DDL, paced under Forge's DDL rate limit, run from the install
// and upgrade triggers (through a queue) and from an hourly scheduled trigger, so every installation gets every migration.
import { sql as forgeSql } from '@forge/sql';
import { rebuildExternalIds } from '../../application/rebuild-external-ids';
import { rebuildSearchText } from '../../application/rebuild-search-text';
import { migrations as allMigrations, type Migration } from '../sql/migrations';
import { makeSqlStore } from '../sql/sql-store';
import { openForgeSql, type ForgeSqlClient } from './forge-sql-dialect';

/** developer.atlassian.com/platform/forge/limits-sql: "DDL Requests per minute (RPM) 25" per installation. */
export const FORGE_DDL_PER_MINUTE = 25;
/**
 * DDL requests one run sends per minute. The queued install/upgrade run and the hourly run can overlap; two runs at
 * 12 stay under 25 together.
 */
export const DDL_BUDGET_PER_MINUTE = 12;
const WINDOW_MS = 61_000;
/** A run stops before this much time has passed (its function has 900 s) and leaves the rest to the next run. */
export const RUN_BUDGET_MS = 780_000;

// The SDK migration runner's own table, so that its records and ours are the same records.
const CREATE_MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS __migrations (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(255) NOT NULL, migratedAt TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)';

/** MySQL errors that say a statement's effect is already there: table, column or index exists. */
const ALREADY_APPLIED_ERRNO = new Set([1050, 1060, 1061]);

export type MigrationRunDeps = {
  client: ForgeSqlClient;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  migrations?: Migration[];
  /**
   * Data a migration leaves to fill (the search text of existing records), run after every DDL statement applied,
   * recorded in `__migrations` by name once done; `run` answers whether it finished before `deadlineMs`.
   */
  dataSteps?: DataStep[];
};

export type DataStep = { name: string; run: (deadlineMs: number) => Promise<boolean> };

export type MigrationRun = {
  applied: string[];
  /** Migrations still to run: a later run (the queue's retry or the hourly trigger) continues with them. */
  pending: string[];
  stoppedBy: null | 'time' | 'rate-limited';
};

type ErrorBody = { code?: unknown; responseDetails?: { status?: unknown }; context?: { debug?: { errno?: unknown } } };

function isRateLimited(error: unknown): boolean {
  return (error as ErrorBody | null)?.responseDetails?.status === 429;
}

function isAlreadyApplied(error: unknown): boolean {
  const errno = (error as ErrorBody | null)?.context?.debug?.errno;
  return typeof errno === 'number' && ALREADY_APPLIED_ERRNO.has(errno);
}

/**
 * Runs the migrations not yet recorded in `__migrations`, in order. Each statement is idempotent, and one that finds
 * its effect already there counts as applied, so a crash between running a statement and recording it repairs itself.
 * Bookkeeping reads and writes go to the DML endpoint: only the migrations themselves spend the DDL budget.
 */
export async function runPendingMigrations(deps: MigrationRunDeps): Promise<MigrationRun> {
  const start = deps.now();
  const sent: number[] = [];

  /** Waits until one more DDL request fits the budget; false when that wait would overrun the run's time. */
  async function slot(): Promise<boolean> {
    for (;;) {
      const at = deps.now();
      while (sent.length > 0 && sent[0]! <= at - WINDOW_MS) sent.shift();
      if (sent.length < DDL_BUDGET_PER_MINUTE) {
        sent.push(at);
        return true;
      }
      const wait = sent[0]! + WINDOW_MS - at;
      if (at + wait - start > RUN_BUDGET_MS) return false;
      await deps.sleep(wait);
    }
  }

  const all = deps.migrations ?? allMigrations('mysql');
  if (!(await slot())) return { applied: [], pending: all.map((m) => m.name), stoppedBy: 'time' };
  try {
    await deps.client.executeDDL(CREATE_MIGRATIONS_TABLE);
  } catch (error) {
    if (isRateLimited(error)) return { applied: [], pending: all.map((m) => m.name), stoppedBy: 'rate-limited' };
    throw error;
  }
  const recorded = await deps.client.prepare<{ name: string }>('SELECT name FROM __migrations').execute();
  const done = new Set((recorded.rows as { name: string }[]).map((r) => r.name));
  const todo = all.filter((m) => !done.has(m.name));
  const applied: string[] = [];

  for (const [i, migration] of todo.entries()) {
    const rest = () => todo.slice(i).map((m) => m.name);
    if (!(await slot())) return { applied, pending: rest(), stoppedBy: 'time' };
    try {
      await deps.client.executeDDL(migration.sql);
    } catch (error) {
      if (isRateLimited(error)) return { applied, pending: rest(), stoppedBy: 'rate-limited' };
      if (!isAlreadyApplied(error)) throw new MigrationFailed(migration.name, error);
    }
    await deps.client.prepare('INSERT INTO __migrations (name) VALUES (?)').bindParams(migration.name).execute();
    applied.push(migration.name);
  }
  for (const [i, step] of (deps.dataSteps ?? []).entries()) {
    if (done.has(step.name)) continue;
    const rest = () => (deps.dataSteps ?? []).slice(i).map((d) => d.name);
    // Idempotent: a run cut short starts the step again; what it wrote is written again, the same.
    if (!(await step.run(start + RUN_BUDGET_MS))) return { applied, pending: rest(), stoppedBy: 'time' };
    await deps.client.prepare('INSERT INTO __migrations (name) VALUES (?)').bindParams(step.name).execute();
    applied.push(step.name);
  }
  return { applied, pending: [], stoppedBy: null };
}

export class MigrationFailed extends Error {
  readonly code = 'MIGRATION_FAILED';
  constructor(readonly migration: string, override readonly cause: unknown) {
    super(`Migration ${migration} failed; the next run tries it again.`);
    this.name = 'MigrationFailed';
  }
}

/** The production wiring: Forge SQL and real time. */
export function runMigrations(): Promise<MigrationRun> {
  return runPendingMigrations({
    client: forgeSql,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    dataSteps: [SEARCH_TEXT_FILL, EXTERNAL_IDS_FILL],
  });
}

/** Records stored before the search text existed get theirs (a fresh install has none to fill, and finishes at once). */
export const SEARCH_TEXT_FILL: DataStep = {
  name: 'speed_fill_search_text',
  run: async (deadlineMs) => (await rebuildSearchText(makeSqlStore(openForgeSql()), () => new Date(), undefined, deadlineMs)) === null,
};

/** Companies stored before the external-id lookup existed get their rows (a fresh install has none to fill). */
export const EXTERNAL_IDS_FILL: DataStep = {
  name: 'import_fill_company_external_ids',
  run: async (deadlineMs) => (await rebuildExternalIds(makeSqlStore(openForgeSql()), () => new Date(), null, deadlineMs)) === null,
};
