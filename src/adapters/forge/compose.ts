// The Forge composition root: Forge SQL store, KVS settings and Jira-backed roles wired into what the resolvers need.
import { loadAppSettings } from '../../application/settings';
import { newId } from '../../domain/ids';
import { makeImportConsumer, type QueueEvent } from '../../entry/consumers/import-consumer';
import { makePersonalDataTrigger } from '../../entry/scheduled/personal-data-trigger';
import { makePruneAuditTrigger } from '../../entry/scheduled/prune-audit-trigger';
import { makePropertySyncConsumer } from '../../entry/consumers/property-sync-consumer';
import { makeBackfillConsumer } from '../../entry/consumers/backfill-consumer';
import { makeIssueCreatedHandler } from '../../entry/triggers/issue-created';
import type { ResolverDeps } from '../../entry/resolvers/define-resolvers';
import { makeForgeResolver } from '../../entry/resolvers/forge-resolver';
import { makeSchemaInstalledTrigger, makeSchemaMigrationsConsumer, makeSchemaMigrationsTrigger } from '../../entry/scheduled/schema-migrations';
import { makeSqlStore } from '../sql/sql-store';
import { openForgeSql } from './forge-sql-dialect';
import { forgeJiraUsers, makeJiraAccess } from './jira-access';
import { makeKvsSettings } from './kvs-settings';
import { makeForgeImportQueue } from './forge-import-queue';
import { makeForgePrivacy } from './forge-privacy';
import { forgeWorkItems } from './jira-work-items';
import { makeForgePropertySync } from './property-sync-queue';
import { makeForgeBackfillQueue } from './forge-backfill-queue';
import { toForgeResult } from './invocation-retry';
import { makeForgeRequestDirectory } from './jira-request-directory';
import { runMigrations } from './migrations';
import { makeForgeSchemaMigrationQueue } from './schema-migration-queue';

/** Builds the adapters; nothing here talks to Forge until a resolver runs. */
export function forgeDeps(): ResolverDeps {
  const settings = makeKvsSettings();
  return {
    store: makeSqlStore(openForgeSql()),
    settings,
    access: makeJiraAccess({
      jira: forgeJiraUsers(),
      roleMapping: async () => (await loadAppSettings(settings)).roleMapping,
      defaultRole: async () => (await loadAppSettings(settings)).defaultRole,
    }),
    clock: () => new Date(),
    ids: () => newId(),
    importQueue: makeForgeImportQueue(),
    workItems: forgeWorkItems(),
    propertySync: makeForgePropertySync(),
    requests: makeForgeRequestDirectory(),
    backfillQueue: makeForgeBackfillQueue(),
  };
}

/** manifest.yml: function `resolver`, handler `index.resolver`: every `invoke` from the global page and the issue panel. */
export const resolver = makeForgeResolver(forgeDeps());

/** avi:forge:installed:app / avi:forge:upgraded:app: queue a schema-migration run (the trigger itself has 25 s). */
export const onAppInstalled = makeSchemaInstalledTrigger(makeForgeSchemaMigrationQueue());

/** The schema-migrations queue's consumer: paced DDL for up to 780 s, then the rest is queued again. */
const schemaMigrations = makeSchemaMigrationsConsumer(runMigrations, makeForgeSchemaMigrationQueue());
export const processSchemaMigrations = async (event: unknown) => toForgeResult(await schemaMigrations(event));

/** Hourly: runs whatever migrations this installation lacks (minor-version upgrades send no upgrade event). */
export const migrateHourly = makeSchemaMigrationsTrigger(runMigrations);

/** The import queue's consumer, over the same Forge adapters. */
const importSlices = makeImportConsumer(forgeDeps);
export const importConsumer = async (event: QueueEvent) => toForgeResult(await importSlices(event));

/** The property-sync queue's consumer: rewrites the customer property of the issues in each event. */
const propertySync = makePropertySyncConsumer(forgeDeps);
export const propertySyncConsumer = async (event: unknown) => toForgeResult(await propertySync(event));

/** Daily: deletes audit entries older than the retention setting. */
export const pruneAuditTrigger = makePruneAuditTrigger(forgeDeps);

/** Weekly: reports stored account ids to Atlassian's personal-data reporting API and anonymises closed accounts. */
export const personalDataTrigger = makePersonalDataTrigger(() => ({ ...forgeDeps(), reporting: makeForgePrivacy() }));

/** New issues: match the request's reporter to the directory; an InvocationError asks Forge to deliver the event again. */
const issueCreated = makeIssueCreatedHandler(forgeDeps);
export const onIssueCreated = async (event: unknown) => toForgeResult(await issueCreated(event));

/** The match-backfill queue's consumer: matches existing issues page by page. */
const backfillConsumer = makeBackfillConsumer(forgeDeps);
export const processBackfill = async (event: unknown) => toForgeResult(await backfillConsumer(event));
