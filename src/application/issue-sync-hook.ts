// The hook by which merges and erasures tell Jira's issues that a linked record changed, when the property sync is wired.
import type { RecordType } from '../domain/records';
import type { Deps } from './deps';
import { linkedIssueIds, queuePropertySync } from './issue-properties';
import type { WorkPorts } from './work-items';

/**
 * Merges and erasures run with or without the issue-property sync: where it is wired in (Forge, the local runner),
 * the issues linked to the merged or erased record are queued, so their `customer-directory` property stops naming it.
 */
export type IssueSyncDeps = Deps & Partial<Pick<WorkPorts, 'propertySync'>>;

/** The issues linked to the record, read before its links move or go. */
export async function issuesToResync(deps: IssueSyncDeps, recordType: RecordType, recordId: string): Promise<string[]> {
  return deps.propertySync === undefined ? [] : linkedIssueIds(deps.store, recordType, [recordId]);
}

export async function resyncIssues(deps: IssueSyncDeps, issueIds: readonly string[]): Promise<void> {
  if (deps.propertySync !== undefined) await queuePropertySync(deps.propertySync, issueIds);
}
