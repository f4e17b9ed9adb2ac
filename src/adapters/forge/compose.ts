// The Forge composition root: Forge SQL store, KVS settings and Jira-backed roles wired into what the resolvers need.
import { loadAppSettings } from '../../application/settings';
import { newId } from '../../domain/ids';
import { makeImportConsumer } from '../../entry/consumers/import-consumer';
import type { ResolverDeps } from '../../entry/resolvers/define-resolvers';
import { makeSqlStore } from '../sql/sql-store';
import { openForgeSql } from './forge-sql-dialect';
import { forgeJiraUsers, makeJiraAccess } from './jira-access';
import { makeKvsSettings } from './kvs-settings';
import { makeForgeImportQueue } from './forge-import-queue';

/** Builds the adapters; nothing here talks to Forge until a resolver runs. */
export function forgeDeps(): ResolverDeps {
  const settings = makeKvsSettings();
  return {
    store: makeSqlStore(openForgeSql()),
    settings,
    access: makeJiraAccess({ jira: forgeJiraUsers(), roleMapping: async () => (await loadAppSettings(settings)).roleMapping }),
    clock: () => new Date(),
    ids: () => newId(),
    importQueue: makeForgeImportQueue(),
  };
}

/** The import queue's consumer, over the same Forge adapters. */
export const importConsumer = makeImportConsumer(forgeDeps);
