// The app as `npm start` runs it: the SQLite store in a data folder, local users, demo data, and the real resolvers.
import path from 'node:path';
import { z } from 'zod';
import { api, type Envelope, type ResolverKey } from '../../contracts/api';
import { newId } from '../../domain/ids';
import { defineResolvers, type ResolverDeps, type ResolverHandlers } from '../../entry/resolvers/define-resolvers';
import { migrateLocalStore } from './migrate-local';
import { makeAtomic } from '../sql/atomic';
import { makeSqlSettings } from '../sql/record-store';
import { makeSqlStore } from '../sql/sql-store';
import { checkDataDir } from './data-dir';
import { seedDemoData } from './demo-data';
import { LOCAL_USERS, makeLocalAccess } from './local-access';
import { InProcessImportQueue } from './in-process-queue';
import { FakeAtlassianSite, makeFakeWorkItems } from './fake-work-items';
import { InProcessPropertySync } from './in-process-property-sync';
import { syncIssueProperties } from '../../application/issue-properties';
import { interruptedJobs } from '../../application/import/resume-jobs';
import { repairAuditTrail } from '../../application/repair-audit-trail';
import { runImportStep } from '../../application/import/run-import-step';
import { runBackfillStep } from '../../application/matching/run-backfill-step';
import { makeFakeRequestDirectory } from './fake-request-directory';
import { InProcessBackfillQueue } from './in-process-backfill-queue';
import { openSqlite } from './sqlite-engine';

/** How long one import or backfill step may run before yielding, so the local server stays responsive. */
const LOCAL_SLICE_MS = 500;

export const DATABASE_FILE = 'directory.sqlite';

export type LocalUserInfo = { accountId: string; displayName: string; role: string };

export type LocalApp = {
  dataDir: string;
  deps: ResolverDeps;
  handlers: ResolverHandlers;
  /** Calls a resolver the way Forge would, as `accountId`; an unknown key answers NOT_FOUND in the envelope. */
  invoke(key: string, payload: unknown, accountId: string): Promise<Envelope<unknown>>;
  users: LocalUserInfo[];
  /** The fake Jira and Confluence behind the app: tests delete or hide issues there. */
  site: FakeAtlassianSite;
  /** True when this start wrote the demo data. */
  seeded: boolean;
  close(): Promise<void>;
};

const resolverKeySchema = z.enum(Object.keys(api) as [ResolverKey, ...ResolverKey[]]);

export async function openLocalApp(options: { dataDir: string; seedDemo?: boolean; siteUrl?: string }): Promise<LocalApp> {
  const dataDir = path.resolve(options.dataDir);
  // A read-only or full folder would start fine and then fail every write: refuse now, in one line.
  checkDataDir(dataDir);
  const engine = openSqlite(path.join(dataDir, DATABASE_FILE));
  try {
    await migrateLocalStore(engine);
    const importQueue = new InProcessImportQueue();
    const backfillQueue = new InProcessBackfillQueue();
    const store = makeSqlStore(engine);
    // Jira and Confluence are a fake site with the sample issues; issue properties are kept in memory.
    const { site, workItems } = makeFakeWorkItems(new FakeAtlassianSite(undefined, undefined, options.siteUrl));
    const propertySync = new InProcessPropertySync((issueIds) => syncIssueProperties({ store, workItems }, issueIds));
    const deps: ResolverDeps = {
      store,
      settings: makeSqlSettings(engine),
      clock: () => new Date(),
      ids: () => newId(),
      access: makeLocalAccess(),
      importQueue,
      workItems,
      propertySync,
      requests: makeFakeRequestDirectory(),
      backfillQueue,
      atomically: makeAtomic(engine, { settingsInSql: true }),
    };
    // Small slices keep the local server responsive while a large import runs.
    importQueue.setWorker((message, retryCount) => runImportStep(deps, message, retryCount, LOCAL_SLICE_MS));
    backfillQueue.setWorker((message, retryCount) => runBackfillStep(deps, message, { retryCount, budgetMs: LOCAL_SLICE_MS }));
    const seeded = options.seedDemo === false ? false : await seedDemoData(deps, deps.atomically);
    // Records a killed process left without their history entry get it (each command is a transaction here, but
    // a store written by an older version, or by the CLI's imports, may have gaps).
    await repairAuditTrail(deps);
    // A job whose process died (killed server or CLI) carries on now, rather than holding the import lock.
    for (const message of await interruptedJobs(store)) await importQueue.push(message);
    const handlers = defineResolvers(deps);
    return {
      dataDir,
      deps,
      handlers,
      seeded,
      site,
      users: Object.entries(LOCAL_USERS).map(([accountId, user]) => ({ accountId, displayName: user.displayName, role: user.role })),
      async invoke(key, payload, accountId) {
        const known = resolverKeySchema.safeParse(key);
        if (!known.success) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no resolver named "${key}"; check the key against src/contracts/api.ts.` } };
        return handlers[known.data]({ payload, context: { accountId } });
      },
      close: async () => {
        await propertySync.idle();
        await engine.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
