// Creates a contact: unique email, derived display name, custom values checked against their fields, audited.
import type { ContactView } from '../contracts/api';
import { displayNameOf } from '../domain/normalise';
import type { Contact } from '../domain/records';
import type { ContactInput } from '../domain/schemas';
import { changesBetween, contactSnapshot, recordAudit } from './audit-trail';
import { ensureEmailFree, writeUnlessEmailTaken } from './contact-rules';
import { mergeCustomValues } from './custom-values';
import type { Actor, Deps } from './deps';
import { contactView } from './views';

export async function createContact(deps: Deps, actor: Actor, input: ContactInput): Promise<ContactView> {
  const { store } = deps;
  await ensureEmailFree(store, input.email, null);
  const custom = await mergeCustomValues(store, 'contact', {}, input.custom);
  const now = deps.clock().toISOString();
  const contact: Contact = {
    id: deps.ids(),
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: displayNameOf(input),
    phone: input.phone,
    jobTitle: input.jobTitle,
    custom,
    version: 1,
    createdAt: now,
    createdBy: actor.accountId,
    updatedAt: now,
    updatedBy: actor.accountId,
  };
  await writeUnlessEmailTaken(store, contact.email, null, () => store.contacts.insert(contact));
  await recordAudit(deps, actor, now, [
    { recordType: 'contact', recordId: contact.id, action: 'create', changes: changesBetween(null, contactSnapshot(contact)) },
  ]);
  return contactView(store, contact);
}
