// Reads one contact's or company's history a page at a time: who changed what, when, with each field's before and after.
import type { AuditPage } from '../contracts/audit';
import type { Id, RecordType } from '../domain/records';
import type { Actor } from './deps';
import { maskHiddenTargets, visibleLinks, visiblePageLabels } from './visible-links';
import type { LinkingDeps } from './work-items';

export type RecordHistoryQuery = { recordType: RecordType; recordId: Id; after?: string | null; limit: number };

/**
 * The history stays readable after the record is deleted (its last entry says who deleted it), so a missing record is
 * not an error here; an erased contact's entries read as tombstones.
 */
export async function getRecordHistory(deps: LinkingDeps, _actor: Actor, query: RecordHistoryQuery): Promise<AuditPage> {
  const page = await deps.store.audit.list({ recordType: query.recordType, recordId: query.recordId, before: query.after ?? null, limit: query.limit });
  // Keys and titles of issues and pages the caller may not see are masked, as on the profile.
  const pageLinks = (await deps.store.links.forRecord(query.recordType, query.recordId)).filter((l) => l.targetType === 'page');
  const pages = await visibleLinks(deps, pageLinks);
  return { ...page, items: await maskHiddenTargets(deps, page.items, visiblePageLabels(pageLinks, pages.links)) };
}
