// Per resolver key, what of its answer a caller may read: every key must say how the admins' field visibility applies
// to it, so a read path added to the contract cannot forget it (the compiler asks for an entry).
import type { ApiResult, CompanyView, ContactView, ResolverKey } from '../../contracts/api';
import type { IssueLinks, LinkedWork } from '../../contracts/links';
import type { MatchView } from '../../contracts/matching';
import { UNNAMED_CONTACT, type FieldReader } from '../../application/field-access';
import type { AuditPage } from '../../contracts/audit';
import type { DuplicateContact, DuplicatePairs, DuplicateReason } from '../../contracts/duplicates';

type Redact<K extends ResolverKey> = (result: ApiResult<K>, reader: FieldReader) => ApiResult<K>;

/**
 * - a function: removes what the caller may not read from the answer;
 * - 'in-use-case': the use case itself reads only what the caller may (searches that must not match hidden fields, export);
 * - 'no-record-fields': the answer carries no email, phone or custom value;
 * - 'admin-only': only admins call it, and admins read every field (the lowest role a field can ask for is admin).
 */
export type Redaction<K extends ResolverKey> = Redact<K> | 'in-use-case' | 'no-record-fields' | 'admin-only';

const contactView = (c: ContactView, r: FieldReader): ContactView => r.contact(c);
const companyView = (c: CompanyView, r: FieldReader): CompanyView => ({ ...c, custom: r.custom(c.custom) });
const history = (page: AuditPage, r: FieldReader): AuditPage => ({ ...page, items: page.items.map((e) => r.auditEntry(e)) });

function issueLinks(links: IssueLinks, r: FieldReader): IssueLinks {
  return { ...links, contacts: links.contacts.map((c) => r.contact(c)) };
}

function matchView(view: MatchView, r: FieldReader): MatchView {
  if (r.canRead('email')) return view;
  const ref = <T extends { name: string; email: string }>(c: T): T => ({ ...c, email: '', name: c.name.includes('@') ? UNNAMED_CONTACT : c.name });
  return {
    ...view,
    candidates: view.candidates.map((c) => ({ ...c, contact: c.contact === null ? null : ref(c.contact) })),
    proposal: view.proposal === null ? null : { ...view.proposal, contact: { ...view.proposal.contact, email: '' } },
    linked: view.linked === null ? null : { ...view.linked, contact: view.linked.contact === null ? null : ref(view.linked.contact) },
  };
}

/** Pairs found only through a field the caller may not read are left out; the rest show only readable values. */
function duplicatePairs(result: DuplicatePairs, r: FieldReader): DuplicatePairs {
  if (r.readsEverything) return result;
  const readable = (reason: DuplicateReason) => (reason === 'same-email' ? r.canRead('email') : reason === 'same-phone' ? r.canRead('phone') : true);
  const contact = (c: DuplicateContact): DuplicateContact => ({ ...c, email: r.canRead('email') ? c.email : '', phone: r.canRead('phone') ? c.phone : '' });
  const pairs = result.pairs
    .map((p) => ({ ...p, reasons: p.reasons.filter(readable), contacts: [contact(p.contacts[0]), contact(p.contacts[1])] as [DuplicateContact, DuplicateContact] }))
    .filter((p) => p.reasons.length > 0);
  return { ...result, pairs };
}

function linkedWork(work: LinkedWork, r: FieldReader): LinkedWork {
  if (r.canRead('email')) return work;
  // A contact without a name is named by its email.
  const via = (refs: LinkedWork['items'][number]['via']) => refs.map((v) => (v.recordType === 'contact' && v.name.includes('@') ? { ...v, name: UNNAMED_CONTACT } : v));
  return { ...work, items: work.items.map((item) => ({ ...item, via: via(item.via) })) };
}

export const redactions: { [K in ResolverKey]: Redaction<K> } = {
  'contacts/search': (page, r) => ({ ...page, items: page.items.map((c) => contactView(c, r)) }),
  'contacts/get': (profile, r) => ({ ...profile, contact: contactView(profile.contact, r), history: profile.history.map((e) => r.auditEntry(e)) }),
  'contacts/create': contactView,
  'contacts/update': contactView,
  'contacts/delete': 'no-record-fields',
  'companies/search': (page, r) => ({ ...page, items: page.items.map((c) => companyView(c, r)) }),
  'companies/get': (profile, r) => ({
    ...profile,
    company: companyView(profile.company, r),
    contacts: profile.contacts.map((m) => r.contact(m)),
    history: profile.history.map((e) => r.auditEntry(e)),
  }),
  'companies/create': companyView,
  'companies/update': companyView,
  'companies/delete': 'no-record-fields',
  'memberships/set': contactView,
  'memberships/remove': contactView,
  'notes/add': 'no-record-fields',
  'notes/update': 'no-record-fields',
  'notes/delete': 'no-record-fields',
  // A field the caller may not read is not offered as a column or filter.
  'fields/list': (fields, r) => fields.filter((f) => r.canRead({ customFieldId: f.id })),
  'fields/create': 'admin-only',
  'fields/update': 'admin-only',
  'fields/delete': 'admin-only',
  'settings/get': 'admin-only',
  'settings/update': 'admin-only',
  me: 'no-record-fields',
  'import/start': 'admin-only',
  'import/preview': 'admin-only',
  'import/rows': 'admin-only',
  'import/queue': 'admin-only',
  'import/status': 'admin-only',
  'import/list': 'admin-only',
  'import/errors': 'admin-only',
  'import/undo': 'admin-only',
  'import/cancel': 'admin-only',
  'import/mappings': 'admin-only',
  'export/csv': 'in-use-case',
  'links/for-issue': issueLinks,
  'links/add': (added, r) => ({ ...added, issue: added.issue === null ? null : issueLinks(added.issue, r) }),
  'links/remove': (removed, r) => ({ ...removed, issue: removed.issue === null ? null : issueLinks(removed.issue, r) }),
  'links/work': linkedWork,
  'links/remove-missing': 'no-record-fields',
  'directory/typeahead': (found, r) => ({ ...found, contacts: found.contacts.map((c) => r.contact(c)) }),
  'audit/record': history,
  'audit/list': 'admin-only',
  'contacts/merge': 'no-record-fields',
  'companies/merge': 'no-record-fields',
  'contacts/erase': 'admin-only',
  'matches/get': (view, r) => (view === null ? null : matchView(view, r)),
  'matches/accept': matchView,
  'matches/dismiss': matchView,
  'matches/backfill-start': 'admin-only',
  'matches/backfill-status': 'admin-only',
  'matches/notices': 'admin-only',
  'duplicates/contacts': duplicatePairs,
  'duplicates/dismiss': 'no-record-fields',
  'import/issues': 'admin-only',
  'visibility/get': 'admin-only',
  'visibility/update': 'admin-only',
};

/** The answer as the caller may see it. */
export function redactResult<K extends ResolverKey>(key: K, result: ApiResult<K>, reader: FieldReader): ApiResult<K> {
  const redaction: Redaction<K> = redactions[key];
  return typeof redaction === 'function' && !reader.readsEverything ? redaction(result, reader) : result;
}

/** Whether answering `key` needs the caller's field visibility. */
export const needsReader = (key: ResolverKey): boolean => typeof redactions[key] === 'function';
