// The issue panel's search box: the first contacts and companies whose name, email or domain starts with the text.
import { TYPEAHEAD_LIMIT, type Typeahead } from '../contracts/links';
import type { Actor, Deps } from './deps';
import { fieldReaderFor, searchReadableContacts } from './field-access';
import { contactViews } from './views';

export async function searchTypeahead(deps: Deps, actor: Actor, query: { text: string }): Promise<Typeahead> {
  const { store } = deps;
  const reader = await fieldReaderFor(deps.settings, actor);
  const [{ page: contacts }, companies] = await Promise.all([
    // Only what the caller could read may match: a name, or the email when they may see it.
    searchReadableContacts(store.contacts, { text: query.text, sort: 'name', limit: TYPEAHEAD_LIMIT }, reader, { countTotal: false }),
    store.companies.search({ text: query.text, sort: 'name', limit: TYPEAHEAD_LIMIT }),
  ]);
  const views = await contactViews(store, contacts.items);
  return {
    contacts: views.map((c) => {
      // contactViews puts the primary membership first.
      const primary = c.memberships.find((m) => m.isPrimary);
      return {
        id: c.id,
        displayName: c.displayName,
        email: c.email,
        jobTitle: c.jobTitle,
        primaryCompany: primary === undefined ? null : { id: primary.companyId, name: primary.companyName },
      };
    }),
    companies: companies.items.map((c) => ({ id: c.id, name: c.name, domains: c.domains })),
  };
}
