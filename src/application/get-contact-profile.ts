// Reads everything the contact page shows: the contact with its companies, linked work, notes and recent history.
import { PROFILE_HISTORY_LIMIT, type ContactProfile } from '../contracts/api';
import type { Id } from '../domain/records';
import { getContact } from './contact-rules';
import type { Actor, Deps } from './deps';
import { contactView, noteView } from './views';

export async function getContactProfile(deps: Deps, actor: Actor, query: { id: Id }): Promise<ContactProfile> {
  const { store } = deps;
  const contact = await getContact(store, query.id);
  const [view, links, notes, history] = await Promise.all([
    contactView(store, contact),
    store.links.forRecord('contact', contact.id),
    store.notes.forRecord('contact', contact.id),
    store.audit.list({ recordType: 'contact', recordId: contact.id, limit: PROFILE_HISTORY_LIMIT }),
  ]);
  return { contact: view, links, notes: notes.map((n) => noteView(n, actor)), history: history.items };
}
