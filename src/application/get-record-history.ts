// Reads one contact's or company's history a page at a time: who changed what, when, with each field's before and after.
import type { AuditPage } from '../contracts/audit';
import { IMPORT_ACTOR_PREFIX } from '../domain/accounts';
import type { AuditEntry } from '../domain/ports';
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
  const stored = await deps.store.audit.list({ recordType: query.recordType, recordId: query.recordId, before: query.after ?? null, limit: query.limit });
  const page = stored.next === null ? { ...stored, items: [...stored.items, ...(await importedCreation(deps, query, stored.items))] } : stored;
  // Keys and titles of issues and pages the caller may not see are masked, as on the profile.
  const pageLinks = (await deps.store.links.forRecord(query.recordType, query.recordId)).filter((l) => l.targetType === 'page');
  const pages = await visibleLinks(deps, pageLinks);
  return { ...page, items: await maskHiddenTargets(deps, page.items, visiblePageLabels(pageLinks, pages.links)) };
}

/**
 * The oldest entry of a record an import created: imports write no history entry per created record (the record's
 * creator and time say it all), so it is read from the record itself, after the last stored entry.
 */
async function importedCreation(deps: LinkingDeps, query: RecordHistoryQuery, items: readonly AuditEntry[]): Promise<AuditEntry[]> {
  if (items.some((e) => e.action === 'create')) return [];
  const record = query.recordType === 'contact' ? await deps.store.contacts.find(query.recordId) : await deps.store.companies.find(query.recordId);
  if (!record || !record.createdBy.startsWith(IMPORT_ACTOR_PREFIX)) return [];
  const jobId = record.createdBy.slice(IMPORT_ACTOR_PREFIX.length);
  return [{ id: `import-created:${record.id}`, at: record.createdAt, actor: record.createdBy, jobId, recordType: query.recordType, recordId: record.id, action: 'create', changes: {} }];
}
