// Reads everything the company page shows: parent and subsidiaries, members with their roles, links, notes, history.
import {
  PROFILE_CHILDREN_LIMIT,
  PROFILE_HISTORY_LIMIT,
  PROFILE_MEMBERS_LIMIT,
  type CompanyMemberView,
  type CompanyProfile,
} from '../contracts/api';
import type { Store } from '../domain/ports';
import type { Id } from '../domain/records';
import { getCompany } from './company-rules';
import type { Actor } from './deps';
import { maskHiddenTargets, visibleLinks, visiblePageLabels } from './visible-links';
import { companyView, noteView } from './views';
import type { LinkingDeps } from './work-items';

export async function getCompanyProfile(deps: LinkingDeps, actor: Actor, query: { id: Id }): Promise<CompanyProfile> {
  const { store } = deps;
  const company = await getCompany(store, query.id);
  const [view, children, contacts, links, notes, history] = await Promise.all([
    companyView(store, company),
    store.companies.children(company.id),
    membersOf(store, company.id),
    store.links.forRecord('company', company.id),
    store.notes.forRecord('company', company.id),
    store.audit.list({ recordType: 'company', recordId: company.id, limit: PROFILE_HISTORY_LIMIT }),
  ]);
  // Stored titles are shown only for issues and pages this user may open (as links/work does).
  const visible = await visibleLinks(deps, links);
  const shownHistory = await maskHiddenTargets(deps, history.items, visiblePageLabels(links, visible.links));
  return {
    company: view,
    children: children.slice(0, PROFILE_CHILDREN_LIMIT).map((c) => ({ id: c.id, name: c.name })),
    contacts,
    links: visible.links,
    hiddenLinks: visible.hidden,
    notes: notes.map((n) => noteView(n, actor)),
    history: shownHistory,
  };
}

/** The first members by name, with their role here; contacts/search with companyId pages through the rest. */
async function membersOf(store: Store, companyId: Id): Promise<CompanyMemberView[]> {
  const page = await store.contacts.search({ companyId, limit: PROFILE_MEMBERS_LIMIT });
  const memberships = (await store.memberships.forContacts(page.items.map((c) => c.id))).filter((m) => m.companyId === companyId);
  return page.items.flatMap((contact) => {
    const membership = memberships.find((m) => m.contactId === contact.id);
    if (membership === undefined) return []; // removed between the two reads
    return [
      {
        contactId: contact.id,
        displayName: contact.displayName,
        email: contact.email,
        jobTitle: contact.jobTitle,
        role: membership.role,
        isPrimary: membership.isPrimary,
      },
    ];
  });
}
