// Keeps each issue's `customer-directory` property equal to what is linked to it, now or through the sync queue.
import { issuePropertyFor, type IssueDirectoryProperty } from '../domain/issue-property';
import { AppError } from '../domain/errors';
import type { Store } from '../domain/ports';
import type { Id } from '../domain/records';
import type { LinkingDeps, PropertyDeps, PropertySync } from './work-items';

/** The property value the issue should have now; null when no contact or company is linked to it. */
export async function issuePropertyOf(store: Store, issueId: string): Promise<IssueDirectoryProperty | null> {
  const links = await store.links.forTarget('issue', issueId);
  const companyIds = links.filter((l) => l.recordType === 'company').map((l) => l.recordId);
  const contactIds = links.filter((l) => l.recordType === 'contact').map((l) => l.recordId);
  // Records deleted between a link and this read drop out instead of leaving ids that lead nowhere.
  const [companies, contacts] = await Promise.all([store.companies.findMany(companyIds), store.contacts.findMany(contactIds)]);
  return issuePropertyFor(companies, contacts.map((c) => c.id));
}

export async function writeIssueProperty(deps: PropertyDeps, issueId: string): Promise<void> {
  const value = await issuePropertyOf(deps.store, issueId);
  if (value === null) await deps.workItems.deleteIssueProperty(issueId);
  else await deps.workItems.setIssueProperty(issueId, value);
}

/**
 * After a link change on an issue: write the property right away, so JQL sees the change within seconds. If Jira
 * refuses or fails, the change itself stands and the queue writes the property later.
 */
export async function refreshIssueProperty(deps: LinkingDeps, issueId: string): Promise<void> {
  try {
    await writeIssueProperty(deps, issueId);
  } catch (error) {
    console.warn(JSON.stringify({ event: 'issue-property-deferred', issueId, error: error instanceof Error ? error.name : typeof error }));
    await deps.propertySync.enqueue([issueId]);
  }
}

/** `retryable`: the failed issues whose write may work later (Jira busy or unreachable); the rest never will as is. */
export type PropertySyncResult = { synced: string[]; failed: string[]; retryable: string[] };

/** Jira answered 429 or 5xx, or did not answer at all: the same write may succeed later. */
export function isTransientWriteFailure(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  const status = error.details?.status;
  return error.code === 'UPSTREAM' && (typeof status !== 'number' || status === 429 || status >= 500);
}

/** Recomputes and writes the property of each issue, one at a time (Jira rate-limits bursts); failures are reported. */
export async function syncIssueProperties(deps: PropertyDeps, issueIds: readonly string[]): Promise<PropertySyncResult> {
  const result: PropertySyncResult = { synced: [], failed: [], retryable: [] };
  for (const issueId of new Set(issueIds)) {
    try {
      await writeIssueProperty(deps, issueId);
      result.synced.push(issueId);
    } catch (error) {
      console.warn(JSON.stringify({ event: 'issue-property-sync-failed', issueId, error: error instanceof Error ? error.name : typeof error }));
      result.failed.push(issueId);
      if (isTransientWriteFailure(error)) result.retryable.push(issueId);
    }
  }
  return result;
}

/** The issues linked to any of these records, for a sync after a rename or delete. */
export async function linkedIssueIds(store: Store, recordType: 'contact' | 'company', recordIds: readonly Id[]): Promise<string[]> {
  const links = await store.links.forRecords(recordType, recordIds);
  return [...new Set(links.filter((l) => l.targetType === 'issue').map((l) => l.targetId))];
}

/** Queues a property sync for the issues, if there are any. */
export async function queuePropertySync(propertySync: PropertySync, issueIds: readonly string[]): Promise<void> {
  if (issueIds.length > 0) await propertySync.enqueue(issueIds);
}
