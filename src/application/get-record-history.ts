// Reads one contact's or company's history a page at a time: who changed what, when, with each field's before and after.
import type { AuditPage } from '../contracts/audit';
import type { Id, RecordType } from '../domain/records';
import type { Actor, Deps } from './deps';

export type RecordHistoryQuery = { recordType: RecordType; recordId: Id; after?: string | null; limit: number };

/**
 * The history stays readable after the record is deleted (its last entry says who deleted it), so a missing record is
 * not an error here; an erased contact's entries read as tombstones.
 */
export async function getRecordHistory(deps: Deps, _actor: Actor, query: RecordHistoryQuery): Promise<AuditPage> {
  return deps.store.audit.list({ recordType: query.recordType, recordId: query.recordId, before: query.after ?? null, limit: query.limit });
}
