// The Forge composition root: Forge SQL store, KVS settings and Jira-backed roles wired into what the resolvers need.
import { loadAppSettings } from '../../application/settings';
import { newId } from '../../domain/ids';
import type { ResolverDeps } from '../../entry/resolvers/define-resolvers';
import { makeSqlStore } from '../sql/sql-store';
import { openForgeSql } from './forge-sql-dialect';
import { forgeJiraUsers, makeJiraAccess } from './jira-access';
import { makeKvsSettings } from './kvs-settings';

/** Builds the adapters; nothing here talks to Forge until a resolver runs. */
export function forgeDeps(): ResolverDeps {
  const settings = makeKvsSettings();
  return {
    store: makeSqlStore(openForgeSql()),
    settings,
    access: makeJiraAccess({ jira: forgeJiraUsers(), roleMapping: async () => (await loadAppSettings(settings)).roleMapping }),
    clock: () => new Date(),
    ids: () => newId(),
  };
}
