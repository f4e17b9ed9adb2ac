// Export of the directory as the one-file CSV the import reads, so export -> edit -> import changes nothing.
import { AppError } from '../domain/errors';
import type { Store } from '../domain/ports';
import type { Company, Contact, CustomField } from '../domain/records';
import { cleanText } from '../domain/normalise';
import { csvLine, neutraliseFormula } from '../import/error-csv';
import type { FieldReader } from './field-access';

// Contacts per page: keeps a page well under the 200 KB an invoke should carry.
const PAGE = 500;
const BASE_HEADERS = ['Email', 'First Name', 'Last Name', 'Phone', 'Job Title', 'Organization Name', 'Company Domain', 'Parent Company', 'Role', 'Primary'];

/** How a parent is written: by its first domain when it has one (unambiguous), else by name. */
const parentRef = (parent: Company | undefined) => (parent ? (parent.domains[0] ?? parent.name) : '');

export type ExportFilter = { text?: string; companyId?: string };
type ExportCursor = { stage: 'contacts' | 'companies'; after: string | null };

const encode = (c: ExportCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(cursor: string | null): ExportCursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<ExportCursor>;
    if ((value.stage === 'contacts' || value.stage === 'companies') && (typeof value.after === 'string' || value.after === null)) return { stage: value.stage, after: value.after };
  } catch {
    /* fall through */
  }
  throw new AppError('INVALID_INPUT', 'The export cursor is not valid; start the export again.');
}

/** The whole export as pages of lines (CLI); `count.rows` adds up the data rows written (the header excluded). */
export async function* exportDirectory(store: Store, filter: ExportFilter = {}, count: { rows: number } = { rows: 0 }): AsyncGenerator<string> {
  let cursor: string | null = null;
  do {
    const page = await exportDirectoryPage(store, filter, cursor);
    count.rows += page.rows;
    yield page.text;
    cursor = page.next;
  } while (cursor);
}

/**
 * One page of the export (one page of contacts or companies), so a resolver stays inside its time and size limits.
 * With a `reader`, columns the caller may not read are left out, and a text filter matches only what they can read.
 */
export async function exportDirectoryPage(store: Store, filter: ExportFilter, cursorText: string | null, reader?: FieldReader): Promise<{ text: string; next: string | null; rows: number }> {
  const cursor = decode(cursorText);
  const fields = (await store.fields.list()).filter((f) => reader === undefined || reader.canRead({ customFieldId: f.id }));
  const contactFields = fields.filter((f) => f.entity === 'contact');
  const companyFields = fields.filter((f) => f.entity === 'company');
  // Email and Phone columns stay only for callers who may read them.
  const hiddenColumns = new Set<number>();
  if (reader !== undefined && !reader.canRead('email')) hiddenColumns.add(BASE_HEADERS.indexOf('Email'));
  if (reader !== undefined && !reader.canRead('phone')) hiddenColumns.add(BASE_HEADERS.indexOf('Phone'));
  const keep = (_: unknown, index: number) => !hiddenColumns.has(index);
  const csvRow = (cells: string[]) => csvLine(cells.filter(keep).map((cell) => neutraliseFormula(cleanText(cell).text)));
  let text = cursor ? '' : '\uFEFF' + csvRow([...BASE_HEADERS, ...contactFields.map((f) => f.name), ...companyFields.map((f) => `Company: ${f.name}`)]);

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
  let rows = 0;
  const line = (contact: Contact | null, company: Company | undefined, role: string, primary: string) => {
    rows++;
    return csvRow([
      contact?.email ?? '', contact?.firstName ?? '', contact?.lastName ?? '', contact?.phone ?? '', contact?.jobTitle ?? '',
      ...companyCells(company), role, primary, ...custom(contactFields, contact?.custom), ...custom(companyFields, company?.custom),
    ]);
  };

  if (!cursor || cursor.stage === 'contacts') {
    const page = await store.contacts.search({ ...filter, limit: PAGE, after: cursor?.after ?? null });
    const memberships = await store.memberships.forContacts(page.items.map((c) => c.id));
    await companies(memberships.map((m) => m.companyId));
    const query = filter.text ?? '';
    for (const contact of page.items) {
      // A row that matched the text only through a field the caller may not read is not theirs to export.
      if (reader !== undefined && query !== '' && !reader.textMatchesContact(contact, query)) continue;
      const mine = memberships.filter((m) => m.contactId === contact.id);
      if (mine.length === 0) text += line(contact, undefined, '', '');
      for (const m of mine) text += line(contact, companyCache.get(m.companyId), m.role, m.isPrimary ? 'yes' : 'no');
    }
    if (page.next) return { text, rows, next: encode({ stage: 'contacts', after: page.next }) };
    // Companies without members follow, unless the export is filtered to some contacts.
    return { text, rows, next: filter.companyId || filter.text ? null : encode({ stage: 'companies', after: null }) };
  }
  const page = await store.companies.search({ limit: PAGE, after: cursor.after });
  for (const c of page.items) companyCache.set(c.id, c);
  await companies(page.items.map((c) => c.id));
  const counts = await store.memberships.countForCompanies(page.items.map((c) => c.id));
  for (const company of page.items) if (!counts.get(company.id)) text += line(null, company, '', '');
  return { text, rows, next: page.next ? encode({ stage: 'companies', after: page.next }) : null };
}
