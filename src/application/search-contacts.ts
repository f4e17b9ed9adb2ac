// Finds contacts by name or email prefix, company, role or a custom value, a page at a time with the total count;
// only on fields the caller may read.
import type { ContactView, SearchPage } from '../contracts/api';
import type { Id } from '../domain/records';
import type { Actor, Deps } from './deps';
import { fieldReaderFor, searchReadableContacts } from './field-access';
import { canonicalFilter, readableFilter, type CustomFilter } from './search-filters';
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

export async function searchContacts(deps: Deps, actor: Actor, search: ContactSearch): Promise<SearchPage<ContactView>> {
  const { store } = deps;
  const reader = await fieldReaderFor(deps.settings, actor);
  const filter = {
    text: search.text || undefined,
    companyId: search.companyId,
    role: search.role || undefined,
    custom: readableFilter(reader, await canonicalFilter(store, 'contact', search.custom)),
  };
  const { page, total } = await searchReadableContacts(store.contacts, { ...filter, sort: search.sort, after: search.after, limit: search.limit }, reader);
  return { items: await contactViews(store, page.items), next: page.next, total: total ?? page.items.length };
}
