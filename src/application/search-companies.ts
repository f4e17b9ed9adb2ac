// Finds companies by name or domain prefix, parent or a custom value, a page at a time with the total count.
import type { CompanyView, SearchPage } from '../contracts/api';
import type { Id } from '../domain/records';
import type { Actor, Deps } from './deps';
import { fieldReaderFor, searchReadableCompanies } from './field-access';
import { canonicalFilter, readableFilter, type CustomFilter } from './search-filters';
import { companyViews } from './views';

export type CompanySearch = {
  text?: string;
  parentId?: Id;
  custom?: CustomFilter;
  sort?: 'name' | 'updated';
  after?: string | null;
  limit: number;
};

export async function searchCompanies(deps: Deps, actor: Actor, search: CompanySearch): Promise<SearchPage<CompanyView>> {
  const { store } = deps;
  const reader = await fieldReaderFor(deps.settings, actor);
  const filter = { text: search.text || undefined, parentId: search.parentId, custom: readableFilter(reader, await canonicalFilter(store, 'company', search.custom)) };
  // A text search matches only what the caller may read: a company found by a hidden custom value is left out.
  const { page, total } = await searchReadableCompanies(store.companies, { ...filter, sort: search.sort, after: search.after, limit: search.limit }, reader);
  return { items: await companyViews(store, page.items), next: page.next, total: total ?? page.items.length };
}
