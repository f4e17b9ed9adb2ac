// Reads everything the contact page shows: the contact with its companies, linked work, notes and recent history.
import { PROFILE_HISTORY_LIMIT, type ContactProfile } from '../contracts/api';
import type { Id } from '../domain/records';
import { getContact } from './contact-rules';
import type { Actor } from './deps';
import { maskHiddenTargets, visibleLinks, visiblePageLabels } from './visible-links';
import { contactView, noteView } from './views';
import type { LinkingDeps } from './work-items';

export async function getContactProfile(deps: LinkingDeps, actor: Actor, query: { id: Id }): Promise<ContactProfile> {
  const { store } = deps;
  const contact = await getContact(store, query.id);
  const [view, links, notes, history] = await Promise.all([
    contactView(store, contact),
    store.links.forRecord('contact', contact.id),
    store.notes.forRecord('contact', contact.id),
    store.audit.list({ recordType: 'contact', recordId: contact.id, limit: PROFILE_HISTORY_LIMIT }),
  ]);
  // Stored titles are shown only for issues and pages this user may open (as links/work does).
  const visible = await visibleLinks(deps, links);
  const shownHistory = await maskHiddenTargets(deps, history.items, visiblePageLabels(links, visible.links));
  return { contact: view, links: visible.links, hiddenLinks: visible.hidden, notes: notes.map((n) => noteView(n, actor)), history: shownHistory };
}
