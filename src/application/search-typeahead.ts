// The issue panel's search box: contacts and companies containing the text anywhere, best matches first.
import { TYPEAHEAD_LIMIT, type Typeahead } from '../contracts/links';
import type { Actor, Deps } from './deps';
import { contactViews } from './views';

export async function searchTypeahead(deps: Deps, _actor: Actor, query: { text: string }): Promise<Typeahead> {
  const { store } = deps;
  const [contacts, companies] = await Promise.all([
    store.contacts.suggest(query.text, TYPEAHEAD_LIMIT),
    store.companies.suggest(query.text, TYPEAHEAD_LIMIT),
  ]);
  const views = await contactViews(store, contacts);
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
    companies: companies.map((c) => ({ id: c.id, name: c.name, domains: c.domains })),
  };
}
