// Edits a contact: optimistic concurrency on its version, unique email, display name kept derived unless set, audited.
import type { ContactView } from '../contracts/api';
import { conflict } from '../domain/errors';
import { displayNameOf } from '../domain/normalise';
import type { Contact, Id } from '../domain/records';
import type { ContactPatch } from '../domain/schemas';
import { changesBetween, contactSnapshot, recordAudit } from './audit-trail';
import { ensureEmailFree, getContact, writeUnlessEmailTaken } from './contact-rules';
import { mergeCustomValues } from './custom-values';
import type { Actor, Deps } from './deps';
import { assertWritable, fieldReaderFor } from './field-access';
import { contactView } from './views';

/** The fields to change (absent ones keep their value) and the version the user edited. */
export type UpdateContactCommand = ContactPatch & { id: Id; version: number };

export async function updateContact(deps: Deps, actor: Actor, command: UpdateContactCommand): Promise<ContactView> {
  const { store } = deps;
  assertWritable(await fieldReaderFor(deps.settings, actor), command);
  const current = await getContact(store, command.id);
  if (current.version !== command.version) throw conflict(`Contact ${current.displayName}`);
  const edited: Contact = {
    ...current,
    email: command.email ?? current.email,
    firstName: command.firstName ?? current.firstName,
    lastName: command.lastName ?? current.lastName,
    phone: command.phone ?? current.phone,
    jobTitle: command.jobTitle ?? current.jobTitle,
    custom: await mergeCustomValues(store, 'contact', current.custom, command.custom),
  };
  // A display name derived from the names follows them; one the user typed stays until they change it ('' re-derives).
  const wasDerived = current.displayName === displayNameOf({ ...current, displayName: '' });
  const typed = command.displayName ?? (wasDerived ? '' : current.displayName);
  const next: Contact = { ...edited, displayName: displayNameOf({ ...edited, displayName: typed }) };

  const changes = changesBetween(contactSnapshot(current), contactSnapshot(next));
  if (Object.keys(changes).length === 0) return contactView(store, current);
  if (next.email !== current.email) await ensureEmailFree(store, next.email, current.id);

  const now = deps.clock().toISOString();
  const saved: Contact = { ...next, version: current.version + 1, updatedAt: now, updatedBy: actor.accountId };
  await writeUnlessEmailTaken(store, saved.email, saved.id, () => store.contacts.update(saved));
  await recordAudit(deps, actor, now, [{ recordType: 'contact', recordId: saved.id, action: 'update', changes }]);
  return contactView(store, saved);
}

