// Deletes a company: subsidiaries become top-level, memberships, links and notes go with it; reports the counts.
import type { CompanyDeleted } from '../contracts/api';
import type { Id } from '../domain/records';
import { changesBetween, companySnapshot, recordAudit } from './audit-trail';
import { getCompany } from './company-rules';
import type { Actor, Deps } from './deps';
import { linkedIssueIds, queuePropertySync } from './issue-properties';
import type { PropertySync } from './work-items';

// Memberships are read and removed a page at a time so a large company stays within memory and statement limits.
const MEMBERSHIP_PAGE = 1000;

export async function deleteCompany(deps: Deps & { propertySync: PropertySync }, actor: Actor, command: { id: Id }): Promise<CompanyDeleted> {
  const { store } = deps;
  const company = await getCompany(store, command.id);
  const now = deps.clock().toISOString();

  // Dependants first and the company last: if a step fails, running the delete again finishes the job.
  const detached = await store.companies.detachChildren(company.id, now, actor.accountId);
  await recordAudit(
    deps,
    actor,
    now,
    detached.map((childId) => ({ recordType: 'company', recordId: childId, action: 'update', changes: { parentId: [company.id, null] } })),
  );

  let memberships = 0;
  for (;;) {
    const page = await store.memberships.forCompany(company.id, MEMBERSHIP_PAGE);
    if (page.length === 0) break;
    await store.memberships.deleteMany(page.map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
    // Each contact's history keeps the fact that it left this company.
    await recordAudit(
      deps,
      actor,
      now,
      page.map((m) => ({
        recordType: 'contact',
        recordId: m.contactId,
        action: 'membership-remove',
        changes: { companyId: [m.companyId, null], role: [m.role, null], isPrimary: [m.isPrimary, null] },
      })),
    );
    memberships += page.length;
    if (page.length < MEMBERSHIP_PAGE) break;
  }

  const linkedIssues = await linkedIssueIds(store, 'company', [company.id]);
  const links = await store.links.deleteForRecords('company', [company.id]);
  const notes = await store.notes.deleteForRecords('company', [company.id]);
  await store.companies.delete(company.id);
  await recordAudit(deps, actor, now, [
    { recordType: 'company', recordId: company.id, action: 'delete', changes: changesBetween(companySnapshot(company), null) },
  ]);
  // The issues it was linked to drop it from their JQL property in the background.
  await queuePropertySync(deps.propertySync, linkedIssues);
  return { id: company.id, detachedChildren: detached.length, removed: { memberships, links, notes } };
}
