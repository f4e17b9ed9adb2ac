// Erases a contact for good (a person's right to erasure): the record, what hangs off it, and its values in the history.
import type { ContactErased } from '../contracts/audit';
import { erasureTombstone } from '../domain/accounts';
import type { Id } from '../domain/records';
import { recordAudit, type AuditSubject } from './audit-trail';
import { getContact } from './contact-rules';
import type { Actor } from './deps';
import { issuesToResync, resyncIssues, type IssueSyncDeps } from './issue-sync-hook';

/**
 * Unlike a delete, nothing of the person is kept: memberships, links, notes about the contact and staged import rows
 * with its email go, and every history entry of the contact (and the import's membership entries, whose ids start with
 * the contact's) keeps only a tombstone saying when and by whom it was erased. The erase entry itself is a tombstone.
 * Dependants go first and the contact last, so an erasure that fails halfway can simply be run again.
 */
export async function eraseContact(deps: IssueSyncDeps, actor: Actor, command: { id: Id; confirm: true }): Promise<ContactErased> {
  const { store } = deps;
  const contact = await getContact(store, command.id);
  const now = deps.clock().toISOString();
  const tombstone = erasureTombstone(now, actor.accountId);
  const issueIds = await issuesToResync(deps, 'contact', contact.id);

  const memberships = await store.memberships.forContacts([contact.id]);
  await store.memberships.deleteMany(memberships.map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
  const links = await store.links.deleteForRecords('contact', [contact.id]);
  const notes = await store.notes.deleteForRecords('contact', [contact.id]);
  const stagedRows = await store.importJobs.deleteStagedRowsByEmail(contact.email);
  const redactedEntries =
    (await store.audit.redact('contact', contact.id, tombstone)) + (await store.audit.redactPrefix('membership', `${contact.id}:`, tombstone));
  // Each company's history keeps that a member left, by opaque id only.
  await recordAudit(deps, actor, now, [
    { recordType: 'contact', recordId: contact.id, action: 'erase', changes: tombstone },
    ...memberships.map((m): AuditSubject => ({ recordType: 'company', recordId: m.companyId, action: 'membership-remove', changes: { contactId: [contact.id, null] } })),
  ]);
  await store.contacts.delete(contact.id);

  await resyncIssues(deps, issueIds);
  return { id: contact.id, removed: { memberships: memberships.length, links, notes, stagedRows }, redactedEntries };
}
