// Export of the directory as the one-file CSV the import reads, so export -> edit -> import changes nothing.
import type { Store } from '../domain/ports';
import type { Company, Contact, CustomField } from '../domain/records';
import { csvLine, neutraliseFormula } from '../import/error-csv';

const PAGE = 1000;
const BASE_HEADERS = ['Email', 'First Name', 'Last Name', 'Phone', 'Job Title', 'Organization Name', 'Company Domain', 'Parent Company', 'Role', 'Primary'];

/** How a parent is written: by its first domain when it has one (unambiguous), else by name. */
const parentRef = (parent: Company | undefined) => (parent ? (parent.domains[0] ?? parent.name) : '');

export async function* exportDirectory(store: Store, filter: { text?: string; companyId?: string } = {}): AsyncGenerator<string> {
  const fields = await store.fields.list();
  const contactFields = fields.filter((f) => f.entity === 'contact');
  const companyFields = fields.filter((f) => f.entity === 'company');
  yield '\uFEFF' + csvLine([...BASE_HEADERS, ...contactFields.map((f) => f.name), ...companyFields.map((f) => `Company: ${f.name}`)].map(neutraliseFormula));

  const companyCache = new Map<string, Company>();
  const companies = async (ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !companyCache.has(id));
    if (missing.length > 0) for (const c of await store.companies.findMany(missing)) companyCache.set(c.id, c);
    // Parents are written by reference, so they must be known too.
    const parents = [...companyCache.values()].map((c) => c.parentId).filter((id): id is string => !!id && !companyCache.has(id));
    if (parents.length > 0) for (const c of await store.companies.findMany(parents)) companyCache.set(c.id, c);
  };
  const companyCells = (c: Company | undefined) =>
    c ? [c.name, c.domains.join('; '), parentRef(c.parentId ? companyCache.get(c.parentId) : undefined)] : ['', '', ''];
  const custom = (defs: CustomField[], values: Record<string, string> | undefined) => defs.map((f) => values?.[f.id] ?? '');
  const line = (contact: Contact | null, company: Company | undefined, role: string, primary: string) =>
    csvLine(
      [
        contact?.email ?? '', contact?.firstName ?? '', contact?.lastName ?? '', contact?.phone ?? '', contact?.jobTitle ?? '',
        ...companyCells(company), role, primary, ...custom(contactFields, contact?.custom), ...custom(companyFields, company?.custom),
      ].map(neutraliseFormula),
    );

  const seenCompanies = new Set<string>();
  let after: string | null = null;
  do {
    const page = await store.contacts.search({ ...filter, limit: PAGE, after });
    after = page.next;
    const memberships = await store.memberships.forContacts(page.items.map((c) => c.id));
    await companies(memberships.map((m) => m.companyId));
    for (const contact of page.items) {
      const mine = memberships.filter((m) => m.contactId === contact.id);
      if (mine.length === 0) yield line(contact, undefined, '', '');
      for (const m of mine) {
        seenCompanies.add(m.companyId);
        yield line(contact, companyCache.get(m.companyId), m.role, m.isPrimary ? 'yes' : 'no');
      }
    }
  } while (after);

  // Companies without members (in the filtered view: only when no contact filter applies).
  if (filter.companyId || filter.text) return;
  after = null;
  do {
    const page = await store.companies.search({ limit: PAGE, after });
    after = page.next;
    for (const c of page.items) companyCache.set(c.id, c);
    await companies(page.items.map((c) => c.id));
    for (const company of page.items) if (!seenCompanies.has(company.id)) yield line(null, company, '', '');
  } while (after);
}
