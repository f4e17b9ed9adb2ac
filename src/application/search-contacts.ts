// Finds contacts by name or email prefix, company, role or a custom value, a page at a time with the total count.
import type { ContactView, SearchPage } from '../contracts/api';
import type { Id } from '../domain/records';
import type { Actor, Deps } from './deps';
import { canonicalFilter, type CustomFilter } from './search-filters';
import { contactViews } from './views';

export type ContactSearch = {
  text?: string;
  companyId?: Id;
  role?: string;
  custom?: CustomFilter;
  sort?: 'name' | 'updated';
  after?: string | null;
  limit: number;
};

export async function searchContacts(deps: Deps, _actor: Actor, search: ContactSearch): Promise<SearchPage<ContactView>> {
  const { store } = deps;
  const filter = {
    text: search.text || undefined,
    companyId: search.companyId,
    role: search.role || undefined,
    custom: await canonicalFilter(store, 'contact', search.custom),
  };
  const [page, total] = await Promise.all([
    store.contacts.search({ ...filter, sort: search.sort, after: search.after, limit: search.limit }),
    store.contacts.count(filter),
  ]);
  return { items: await contactViews(store, page.items), next: page.next, total };
}
