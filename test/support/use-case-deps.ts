// The real use-case dependencies over a fresh SQL engine: SQL store and settings, local users, a clock that steps.
import { InProcessImportQueue } from '../../src/adapters/local/in-process-queue';
import { makeLocalAccess } from '../../src/adapters/local/local-access';
import { runImportStep } from '../../src/application/import/run-import-step';
import type { SqlEngine } from '../../src/adapters/sql/engine';
import { makeSqlSettings } from '../../src/adapters/sql/record-store';
import { makeSqlStore } from '../../src/adapters/sql/sql-store';
import type { Actor } from '../../src/application/deps';
import { newId } from '../../src/domain/ids';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { sqliteEngine, type EngineFactory } from './engines';

export const admin: Actor = { accountId: 'local-admin', role: 'admin' };
export const agent: Actor = { accountId: 'local-agent', role: 'editor' };
export const viewer: Actor = { accountId: 'local-viewer', role: 'viewer' };
/** A second editor, for rules about whose note it is. */
export const otherAgent: Actor = { accountId: 'other-agent', role: 'editor' };

export type TestWorld = { deps: ResolverDeps & { importQueue: InProcessImportQueue }; engine: SqlEngine; close(): Promise<void> };

/** Each call of the clock is one second after the previous one, so audit entries sort in the order they were made. */
export async function openWorld(factory: EngineFactory = sqliteEngine): Promise<TestWorld> {
  const engine = await factory.open();
  let tick = Date.parse('2026-02-01T09:00:00.000Z');
  const importQueue = new InProcessImportQueue();
  const deps: ResolverDeps & { importQueue: InProcessImportQueue } = {
    store: makeSqlStore(engine),
    settings: makeSqlSettings(engine),
    access: makeLocalAccess(),
    clock: () => new Date((tick += 1000)),
    ids: () => newId(),
    importQueue,
  };
  importQueue.setWorker((message, retryCount) => runImportStep(deps, message, retryCount));
  return { deps, engine, close: () => engine.drop() };
}
