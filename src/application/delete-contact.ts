// Deletes a contact with its memberships, issue links and notes, and reports how many of each went with it.
import type { ContactDeleted } from '../contracts/api';
import type { Id } from '../domain/records';
import { changesBetween, contactSnapshot, recordAudit, type AuditSubject } from './audit-trail';
import { getContact } from './contact-rules';
import type { Actor, Deps } from './deps';
import { linkedIssueIds, queuePropertySync } from './issue-properties';
import type { PropertySync } from './work-items';

export async function deleteContact(deps: Deps & { propertySync: PropertySync }, actor: Actor, command: { id: Id }): Promise<ContactDeleted> {
  const { store } = deps;
  const contact = await getContact(store, command.id);
  const memberships = await store.memberships.forContacts([contact.id]);
  // Dependants first and the contact last: if a step fails, running the delete again finishes the job.
  await store.memberships.deleteMany(memberships.map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
  const linkedIssues = await linkedIssueIds(store, 'contact', [contact.id]);
  const links = await store.links.deleteForRecords('contact', [contact.id]);
  const notes = await store.notes.deleteForRecords('contact', [contact.id]);
  await store.contacts.delete(contact.id);

  const now = deps.clock().toISOString();
  // Each company's history keeps the fact that this contact left it.
  const left: AuditSubject[] = memberships.map((m) => ({
    recordType: 'company',
    recordId: m.companyId,
    action: 'membership-remove',
    changes: { contactId: [m.contactId, null], role: [m.role, null], isPrimary: [m.isPrimary, null] },
  }));
  await recordAudit(deps, actor, now, [
    { recordType: 'contact', recordId: contact.id, action: 'delete', changes: changesBetween(contactSnapshot(contact), null) },
    ...left,
  ]);
  // The issues it was linked to drop its id from their JQL property in the background.
  await queuePropertySync(deps.propertySync, linkedIssues);
  return { id: contact.id, removed: { memberships: memberships.length, links, notes } };
}
