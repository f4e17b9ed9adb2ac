// Builds the view models the UIs render from stored records, reading related rows in a fixed number of queries.
import type { CompanyRef, CompanyView, ContactView, MembershipView, NoteView } from '../contracts/api';
import type { Store } from '../domain/ports';
import type { Company, Contact, Note } from '../domain/records';
import type { Actor } from './deps';

const byMembershipOrder = (a: MembershipView, b: MembershipView) =>
  Number(b.isPrimary) - Number(a.isPrimary) || a.companyName.localeCompare(b.companyName) || a.companyId.localeCompare(b.companyId);

export async function contactViews(store: Store, contacts: readonly Contact[]): Promise<ContactView[]> {
  if (contacts.length === 0) return [];
  const memberships = await store.memberships.forContacts(contacts.map((c) => c.id));
  const companies = await companyNames(store, memberships.map((m) => m.companyId));
  return contacts.map((contact) => ({
    ...contact,
    memberships: memberships
      .filter((m) => m.contactId === contact.id)
      .map((m) => ({
        contactId: m.contactId,
        companyId: m.companyId,
        companyName: companies.get(m.companyId) ?? '',
        role: m.role,
        isPrimary: m.isPrimary,
        createdAt: m.createdAt,
      }))
      .sort(byMembershipOrder),
  }));
}

export async function contactView(store: Store, contact: Contact): Promise<ContactView> {
  const [view] = await contactViews(store, [contact]);
  return view ?? { ...contact, memberships: [] };
}

export async function companyViews(store: Store, companies: readonly Company[]): Promise<CompanyView[]> {
  if (companies.length === 0) return [];
  const ids = companies.map((c) => c.id);
  const parentIds = companies.flatMap((c) => (c.parentId === null ? [] : [c.parentId]));
  const [parents, childCounts, memberCounts] = await Promise.all([
    companyNames(store, parentIds),
    store.companies.countChildren(ids),
    store.memberships.countForCompanies(ids),
  ]);
  return companies.map((company) => ({
    ...company,
    parent: parentRef(company.parentId, parents),
    childCount: childCounts.get(company.id) ?? 0,
    memberCount: memberCounts.get(company.id) ?? 0,
  }));
}

export async function companyView(store: Store, company: Company): Promise<CompanyView> {
  const [view] = await companyViews(store, [company]);
  return view ?? { ...company, parent: null, childCount: 0, memberCount: 0 };
}

// A parent deleted by a concurrent request reads as no parent rather than a dangling reference.
function parentRef(parentId: string | null, names: Map<string, string>): CompanyRef | null {
  if (parentId === null) return null;
  const name = names.get(parentId);
  return name === undefined ? null : { id: parentId, name };
}

async function companyNames(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await store.companies.findMany(ids)).map((c) => [c.id, c.name]));
}

/** Authors edit their own notes; admins may also delete anyone's. */
export function noteView(note: Note, actor: Actor): NoteView {
  const own = note.authorId === actor.accountId && actor.role !== 'viewer';
  return { ...note, canEdit: own, canDelete: own || actor.role === 'admin' };
}
