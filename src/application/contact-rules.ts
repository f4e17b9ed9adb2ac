// Rules shared by the contact use cases: one contact per email, and looking a contact up by id.
import { AppError, notFound } from '../domain/errors';
import type { Store } from '../domain/ports';
import type { Contact, Id } from '../domain/records';

export async function getContact(store: Store, id: Id): Promise<Contact> {
  const contact = await store.contacts.find(id);
  if (contact === null) throw notFound('Contact', id);
  return contact;
}

/** DUPLICATE naming the contact that already has `email`, so the UI can offer to open it. */
export async function ensureEmailFree(store: Store, email: string, exceptId: Id | null): Promise<void> {
  const [owner] = (await store.contacts.findByEmails([email])).filter((c) => c.id !== exceptId);
  if (owner !== undefined) throw duplicateEmail(owner);
}

export function duplicateEmail(owner: Pick<Contact, 'id' | 'email' | 'displayName'>): AppError {
  const who = owner.displayName && owner.displayName !== owner.email ? ` (${owner.displayName})` : '';
  return new AppError('DUPLICATE', `A contact with the email ${owner.email} already exists${who}; open it instead of adding another.`, {
    field: 'email',
    existingId: owner.id,
  });
}

/**
 * Runs a store write that can fail with DUPLICATE when another request took the email in between, and turns that
 * failure into the same answer the up-front check gives.
 */
export async function writeUnlessEmailTaken(store: Store, email: string, exceptId: Id | null, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof AppError && error.code === 'DUPLICATE') await ensureEmailFree(store, email, exceptId);
    throw error;
  }
}
