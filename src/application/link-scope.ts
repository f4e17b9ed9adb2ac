// Whose links a profile's "linked work" covers: a contact's own, or a company's with its contacts (and, as an option, its
// subsidiaries and theirs).
import type { LinkedRecordRef } from '../contracts/links';
import { descendants } from '../domain/hierarchy';
import type { Store } from '../domain/ports';
import type { Id, Link, RecordType } from '../domain/records';
import { getCompany } from './company-rules';
import { getContact } from './contact-rules';

/** The company and its subsidiaries read for one roll-up; a larger group is cut at this many companies. */
export const MAX_SCOPE_COMPANIES = 200;
/** Contacts of those companies read for one roll-up. */
export const MAX_SCOPE_CONTACTS = 500;

export type LinkScope = {
  /** Every record in scope, keyed `contact:<id>` or `company:<id>`. */
  records: Map<string, LinkedRecordRef>;
  contactIds: Id[];
  companyIds: Id[];
  /** True when a bound above cut the scope short. */
  truncated: boolean;
};

export const refKey = (recordType: RecordType, id: Id): string => `${recordType}:${id}`;

/** `subsidiaries: false` keeps a company's roll-up to the company itself and its own contacts. */
export async function linkScope(store: Store, recordType: RecordType, recordId: Id, options: { subsidiaries: boolean } = { subsidiaries: true }): Promise<LinkScope> {
  if (recordType === 'contact') {
    const contact = await getContact(store, recordId);
    return {
      records: new Map([[refKey('contact', contact.id), { recordType: 'contact', id: contact.id, name: contact.displayName }]]),
      contactIds: [contact.id],
      companyIds: [],
      truncated: false,
    };
  }
  const root = await getCompany(store, recordId);
  const names = new Map<Id, string>([[root.id, root.name]]);
  const childrenOf = new Map<Id, Id[]>();
  // Load the tree a level at a time; `descendants` then orders it and ignores any loop in stored data.
  let truncated = false;
  for (let frontier = options.subsidiaries ? [root.id] : []; frontier.length > 0; ) {
    const next: Id[] = [];
    for (const id of frontier) {
      if (childrenOf.has(id)) continue;
      if (names.size >= MAX_SCOPE_COMPANIES) {
        truncated = true;
        break;
      }
      const children = await store.companies.children(id);
      childrenOf.set(id, children.map((c) => c.id));
      for (const child of children) {
        if (!names.has(child.id)) next.push(child.id);
        names.set(child.id, child.name);
      }
    }
    frontier = truncated ? [] : next;
  }
  const companyIds = [root.id, ...descendants(root.id, (id) => childrenOf.get(id) ?? [])].slice(0, MAX_SCOPE_COMPANIES);

  const contactIds = new Set<Id>();
  for (const companyId of companyIds) {
    const room = MAX_SCOPE_CONTACTS - contactIds.size;
    if (room <= 0) {
      truncated = true;
      break;
    }
    const members = await store.memberships.forCompany(companyId, room + 1);
    if (members.length > room) truncated = true;
    for (const m of members.slice(0, room)) contactIds.add(m.contactId);
  }
  const contacts = await store.contacts.findMany([...contactIds]);

  const records = new Map<string, LinkedRecordRef>();
  for (const id of companyIds) records.set(refKey('company', id), { recordType: 'company', id, name: names.get(id) ?? '' });
  for (const c of contacts) records.set(refKey('contact', c.id), { recordType: 'contact', id: c.id, name: c.displayName });
  return { records, contactIds: contacts.map((c) => c.id), companyIds, truncated };
}

/** Every link held by a record in scope. */
export async function scopeLinks(store: Store, scope: LinkScope): Promise<Link[]> {
  const [contactLinks, companyLinks] = await Promise.all([
    scope.contactIds.length > 0 ? store.links.forRecords('contact', scope.contactIds) : Promise.resolve([]),
    scope.companyIds.length > 0 ? store.links.forRecords('company', scope.companyIds) : Promise.resolve([]),
  ]);
  return [...companyLinks, ...contactLinks];
}
