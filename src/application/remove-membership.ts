// Takes a contact out of a company; the contact and the company themselves stay.
import type { ContactView } from '../contracts/api';
import { AppError } from '../domain/errors';
import type { FieldChanges } from '../domain/ports';
import type { Id } from '../domain/records';
import { recordAudit } from './audit-trail';
import { getContact } from './contact-rules';
import type { Actor, Deps } from './deps';
import { contactView } from './views';

export async function removeMembership(deps: Deps, actor: Actor, command: { contactId: Id; companyId: Id }): Promise<ContactView> {
  const { store } = deps;
  const contact = await getContact(store, command.contactId);
  const membership = (await store.memberships.forContacts([contact.id])).find((m) => m.companyId === command.companyId);
  if (membership === undefined) {
    throw new AppError('NOT_FOUND', `${contact.displayName} is not a member of company ${command.companyId} (any more); reload the page.`);
  }
  await store.memberships.deleteMany([{ contactId: contact.id, companyId: membership.companyId }]);
  const gone: FieldChanges = { role: [membership.role, null], isPrimary: [membership.isPrimary, null] };
  await recordAudit(deps, actor, deps.clock().toISOString(), [
    { recordType: 'contact', recordId: contact.id, action: 'membership-remove', changes: { companyId: [membership.companyId, null], ...gone } },
    { recordType: 'company', recordId: membership.companyId, action: 'membership-remove', changes: { contactId: [contact.id, null], ...gone } },
  ]);
  return contactView(store, contact);
}
