// What of a record the caller may read: email, phone and custom values below their role are left out of every answer,
// history values of those fields are masked, and text searches only match what the caller could read.
import type { AuditEntry, DirectoryQuery, Page, Settings } from '../domain/ports';
import { AppError } from '../domain/errors';
import { companySearchText, contactSearchText, searchPieces } from '../domain/search-text';
import type { Company, Contact, CustomValues, Id, Role } from '../domain/records';
import { canReadField, readableCustom, type FieldVisibility, type GovernedField } from '../domain/visibility';
import type { Actor } from './deps';
import { loadVisibility } from './visibility-settings';

/** What a masked history value reads as. */
export const HIDDEN_VALUE = '(hidden)';
/** The name shown for a contact whose only name is an email the caller may not read. */
export const UNNAMED_CONTACT = 'Contact without a name';

type ContactLike = { email: string; phone?: string; displayName?: string; custom?: CustomValues };

export type FieldReader = {
  role: Role;
  fields: FieldVisibility;
  canRead(field: GovernedField): boolean;
  /** True when nothing is hidden from this caller (answers pass through untouched). */
  readsEverything: boolean;
  /** The contact with unreadable email, phone and custom values blanked (and an email standing in for a name). */
  contact<T extends ContactLike>(contact: T): T;
  custom(values: CustomValues): CustomValues;
  /** A history entry with the values of unreadable fields masked (that they changed still shows). */
  auditEntry(entry: AuditEntry): AuditEntry;
  /** Whether a text search could match this company on fields the caller can read (hidden custom values left out). */
  textMatchesCompany(company: Pick<Company, 'name' | 'domains' | 'custom'>, text: string): boolean;
  /** Whether a text search could match this contact on fields the caller can read. */
  textMatchesContact(contact: Pick<Contact, 'email' | 'firstName' | 'lastName' | 'displayName' | 'phone' | 'custom'>, text: string): boolean;
};

export async function fieldReaderFor(settings: Settings, actor: Actor): Promise<FieldReader> {
  return fieldReader(actor.role, (await loadVisibility(settings)).fields);
}

export function fieldReader(role: Role, fields: FieldVisibility): FieldReader {
  const canRead = (field: GovernedField) => canReadField(role, fields, field);
  const email = canRead('email');
  const phone = canRead('phone');
  const hiddenCustom = (id: Id) => !canRead({ customFieldId: id });
  const readsEverything = email && phone && Object.keys(fields.custom).every((id) => !hiddenCustom(id));

  const reader: FieldReader = {
    role,
    fields,
    canRead,
    readsEverything,
    contact(contact) {
      if (readsEverything) return contact;
      const out = { ...contact };
      if (!email) {
        out.email = '';
        if (out.displayName !== undefined && out.displayName.trim().toLowerCase() === contact.email.toLowerCase()) out.displayName = UNNAMED_CONTACT;
      }
      if (!phone && out.phone !== undefined) out.phone = '';
      if (out.custom !== undefined) out.custom = readableCustom(role, fields, out.custom);
      return out;
    },
    custom: (values) => (readsEverything ? values : readableCustom(role, fields, values)),
    auditEntry(entry) {
      if (readsEverything) return entry;
      const changes: AuditEntry['changes'] = {};
      for (const [key, value] of Object.entries(entry.changes)) {
        const hidden = (key === 'email' && !email) || (key === 'phone' && !phone) || (key.startsWith('custom.') && hiddenCustom(key.slice('custom.'.length)));
        changes[key] = hidden ? [value[0] === null || value[0] === '' ? value[0] : HIDDEN_VALUE, value[1] === null || value[1] === '' ? value[1] : HIDDEN_VALUE] : value;
      }
      return { ...entry, changes };
    },
    textMatchesCompany(company, text) {
      if (readsEverything) return true;
      const pieces = searchPieces(text);
      const readable = companySearchText({ ...company, custom: readableCustom(role, fields, company.custom) });
      return pieces.length > 0 && pieces.every((piece) => readable.includes(piece));
    },
    textMatchesContact(contact, text) {
      if (readsEverything) return true;
      // The same test the store makes (every piece inside the folded search text), on what this caller may read.
      const pieces = searchPieces(text);
      const readable = contactSearchText(reader.contact(contact));
      return pieces.length > 0 && pieces.every((piece) => readable.includes(piece));
    },
  };
  return reader;
}

/** Store rows read to fill one page when matches on hidden fields are left out; a page may come back short past it. */
export const MAX_FILTERED_SCANS = 10;
/** Store matches counted for the total when some of them may only match on hidden fields. */
export const MAX_FILTERED_TOTAL_SCAN = 500;

type SearchSource<T> = { search(query: DirectoryQuery): Promise<Page<T>>; count(query: Omit<DirectoryQuery, 'after' | 'limit' | 'sort'>): Promise<number> };

/**
 * A page of records for a text query, and its total, matching only on what the caller can read. When the caller
 * reads every field this is the store's own search; otherwise rows that matched only on a hidden field are left out,
 * the page is filled from further rows, and the total counts visible matches among the first MAX_FILTERED_TOTAL_SCAN.
 */
async function searchReadable<T>(
  source: SearchSource<T>,
  query: DirectoryQuery,
  reader: FieldReader,
  matches: (record: T, text: string) => boolean,
  options: { countTotal: boolean },
): Promise<{ page: Page<T>; total: number | null }> {
  const text = query.text?.trim() ?? '';
  if (text === '' || reader.readsEverything) {
    const { after: _after, limit: _limit, sort: _sort, ...filter } = query;
    const [page, total] = await Promise.all([source.search(query), options.countTotal ? source.count(filter) : Promise.resolve(null)]);
    return { page, total };
  }
  const items: T[] = [];
  let after = query.after ?? null;
  for (let scan = 0; scan < MAX_FILTERED_SCANS && items.length < query.limit; scan++) {
    // Whole store pages are consumed, so the store's own cursor stays exact.
    const page = await source.search({ ...query, after, limit: query.limit - items.length });
    items.push(...page.items.filter((r) => matches(r, text)));
    after = page.next;
    if (after === null) break;
  }
  if (!options.countTotal) return { page: { items, next: after }, total: null };
  let total = 0;
  let cursor: string | null = null;
  for (let seen = 0; seen < MAX_FILTERED_TOTAL_SCAN; ) {
    const page: Page<T> = await source.search({ ...query, after: cursor, limit: 100 });
    total += page.items.filter((r) => matches(r, text)).length;
    seen += page.items.length;
    cursor = page.next;
    if (cursor === null || page.items.length === 0) break;
  }
  return { page: { items, next: after }, total: Math.max(total, items.length) };
}

export function searchReadableContacts(
  contacts: SearchSource<Contact>,
  query: DirectoryQuery,
  reader: FieldReader,
  options: { countTotal: boolean } = { countTotal: true },
): Promise<{ page: Page<Contact>; total: number | null }> {
  return searchReadable(contacts, query, reader, (c, text) => reader.textMatchesContact(c, text), options);
}

export function searchReadableCompanies(
  companies: SearchSource<Company>,
  query: DirectoryQuery,
  reader: FieldReader,
  options: { countTotal: boolean } = { countTotal: true },
): Promise<{ page: Page<Company>; total: number | null }> {
  return searchReadable(companies, query, reader, (c, text) => reader.textMatchesCompany(c, text), options);
}

/**
 * A caller cannot change a field they may not read: they never saw its value. Pages send only the fields a user
 * changed, so this refuses only a deliberate write.
 */
export function assertWritable(reader: FieldReader, patch: { email?: string; phone?: string; custom?: CustomValues }): void {
  const hidden = [
    ...(patch.email !== undefined && !reader.canRead('email') ? ['email'] : []),
    ...(patch.phone !== undefined && !reader.canRead('phone') ? ['phone'] : []),
    ...Object.keys(patch.custom ?? {}).filter((id) => !reader.canRead({ customFieldId: id })).map((id) => `custom.${id}`),
  ];
  if (hidden.length > 0) {
    throw new AppError('FORBIDDEN', `Your role (${reader.role}) cannot read ${hidden[0]}, so it cannot change it; ask an app admin.`, { field: hidden[0] });
  }
}
