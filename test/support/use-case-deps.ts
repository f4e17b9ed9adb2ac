// The real use-case dependencies over a fresh SQL engine: SQL store and settings, local users, a clock that steps.
import { FakeAtlassianSite, makeFakeWorkItems } from '../../src/adapters/local/fake-work-items';
import { InProcessPropertySync } from '../../src/adapters/local/in-process-property-sync';
import { InProcessImportQueue } from '../../src/adapters/local/in-process-queue';
import { makeLocalAccess } from '../../src/adapters/local/local-access';
import { runImportStep } from '../../src/application/import/run-import-step';
import { makeFakeRequestDirectory, type FakeJiraData, type FakeRequestDirectory } from '../../src/adapters/local/fake-request-directory';
import { InProcessBackfillQueue } from '../../src/adapters/local/in-process-backfill-queue';
import { runBackfillStep } from '../../src/application/matching/run-backfill-step';
import type { SqlEngine } from '../../src/adapters/sql/engine';
import { makeSqlSettings } from '../../src/adapters/sql/record-store';
import { makeSqlStore } from '../../src/adapters/sql/sql-store';
import type { Actor } from '../../src/application/deps';
import { syncIssueProperties } from '../../src/application/issue-properties';
import { newId } from '../../src/domain/ids';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { sqliteEngine, type EngineFactory } from './engines';

export const admin: Actor = { accountId: 'local-admin', role: 'admin' };
export const agent: Actor = { accountId: 'local-agent', role: 'editor' };
export const viewer: Actor = { accountId: 'local-viewer', role: 'viewer' };
/** A second editor, for rules about whose note it is. */
export const otherAgent: Actor = { accountId: 'other-agent', role: 'editor' };

type TestDeps = ResolverDeps & {
  importQueue: InProcessImportQueue;
  propertySync: InProcessPropertySync;
  requests: FakeRequestDirectory;
  backfillQueue: InProcessBackfillQueue;
};

/** `jira` is what the fake Jira behind deps.requests (requester matching) knows; the sample issues unless told. */
export type WorldOptions = { jira?: FakeJiraData; jiraPageSize?: number };

/** `site` is the fake Jira and Confluence behind deps.workItems: tests hide or delete issues and read properties there. */
export type TestWorld = { deps: TestDeps; engine: SqlEngine; site: FakeAtlassianSite; close(): Promise<void> };

/** Each call of the clock is one second after the previous one, so audit entries sort in the order they were made. */
export async function openWorld(factory: EngineFactory = sqliteEngine, options: WorldOptions = {}): Promise<TestWorld> {
  const engine = await factory.open();
  let tick = Date.parse('2026-02-01T09:00:00.000Z');
  const importQueue = new InProcessImportQueue();
  const backfillQueue = new InProcessBackfillQueue();
  const store = makeSqlStore(engine);
  const { site, workItems } = makeFakeWorkItems();
  const deps: TestDeps = {
    store,
    settings: makeSqlSettings(engine),
    access: makeLocalAccess(),
    clock: () => new Date((tick += 1000)),
    ids: () => newId(),
    importQueue,
    workItems,
    propertySync: new InProcessPropertySync((issueIds) => syncIssueProperties({ store, workItems }, issueIds)),
    requests: makeFakeRequestDirectory(options.jira, { pageSize: options.jiraPageSize }),
    backfillQueue,
  };
  importQueue.setWorker((message, retryCount) => runImportStep(deps, message, retryCount));
  backfillQueue.setWorker((message, retryCount) => runBackfillStep(deps, message, { retryCount }));
  return {
    deps,
    engine,
    site,
    async close() {
      // Background property writes read the store: let them finish before it goes away.
      await deps.propertySync.idle();
      await engine.drop();
    },
  };
}
