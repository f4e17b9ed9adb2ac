// The issue panel's search box: contacts and companies containing the text anywhere, best matches first.
import { TYPEAHEAD_LIMIT, type Typeahead } from '../contracts/links';
import type { Actor, Deps } from './deps';
import { fieldReaderFor } from './field-access';
import { contactViews } from './views';

export async function searchTypeahead(deps: Deps, actor: Actor, query: { text: string }): Promise<Typeahead> {
  const { store } = deps;
  const reader = await fieldReaderFor(deps.settings, actor);
  // Only what the caller could read may match: suggestions that matched on a hidden field are left out (more are read
  // so the list still fills when some are).
  const wanted = reader.readsEverything ? TYPEAHEAD_LIMIT : TYPEAHEAD_LIMIT * 4;
  const [suggested, suggestedCompanies] = await Promise.all([
    store.contacts.suggest(query.text, wanted),
    store.companies.suggest(query.text, wanted),
  ]);
  const contacts = suggested.filter((c) => reader.textMatchesContact(c, query.text)).slice(0, TYPEAHEAD_LIMIT);
  const companies = suggestedCompanies.filter((c) => reader.textMatchesCompany(c, query.text)).slice(0, TYPEAHEAD_LIMIT);
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
