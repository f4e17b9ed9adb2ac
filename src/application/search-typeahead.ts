// The issue panel's search box: the first contacts and companies whose name, email or domain starts with the text.
import { TYPEAHEAD_LIMIT, type Typeahead } from '../contracts/links';
import type { Actor, Deps } from './deps';
import { contactViews } from './views';

export async function searchTypeahead(deps: Deps, _actor: Actor, query: { text: string }): Promise<Typeahead> {
  const { store } = deps;
  const [contacts, companies] = await Promise.all([
    store.contacts.search({ text: query.text, sort: 'name', limit: TYPEAHEAD_LIMIT }),
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
