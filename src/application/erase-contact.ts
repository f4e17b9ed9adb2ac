// Erases a person for good (the right to erasure): their contact records, what hangs off them, and every copy of their values.
import type { ContactErased } from '../contracts/audit';
import { erasureTombstone } from '../domain/accounts';
import { notFound } from '../domain/errors';
import { normaliseEmail } from '../domain/normalise';
import type { AuditEntry, Store } from '../domain/ports';
import type { Contact, Id } from '../domain/records';
import { recordAudit, type AuditSubject } from './audit-trail';
import type { Actor } from './deps';
import { issuesToResync, resyncIssues, type IssueSyncDeps } from './issue-sync-hook';

/** A merge chain longer than this is not one person's; the erasure stops following it. */
const MAX_RECORDS_PER_PERSON = 50;
const HISTORY_PAGE = 200;
/** The fields of a contact's history that hold the person's values. */
const WORD_FIELDS = ['firstName', 'lastName', 'displayName'];
const SUBSTRING_FIELDS = ['email', 'phone'];

export type EraseCommand = { id?: Id; email?: string; confirm: true };

/**
 * The person is found by id or email among live contacts, and also among deleted and merged-away ones through their
 * history; merges are followed both ways, since a merge says two records were one person. Every record of that
 * person goes with its memberships, links, notes and staged import rows; its history keeps only a tombstone; other
 * records' history, import reports and issues, requester matches, notes and issue titles lose the person's values.
 * Values are collected before anything is removed, and each step can run again, so an erasure that fails halfway is
 * finished by repeating it (the history still names the records).
 */
export async function eraseContact(deps: IssueSyncDeps, actor: Actor, command: EraseCommand): Promise<ContactErased> {
  const { store } = deps;
  const start = await startingRecords(store, command);
  const ids = await samePerson(store, start);
  const live = await store.contacts.findMany(ids);
  const values = await personalValues(store, ids, live);
  const now = deps.clock().toISOString();
  const tombstone = erasureTombstone(now, actor.accountId);
  const primary = live[0]?.id ?? (command.id && ids.includes(command.id) ? command.id : ids[0]!);

  const issueIds: string[] = [];
  for (const contact of live) issueIds.push(...(await issuesToResync(deps, 'contact', contact.id)));
  const memberships = await store.memberships.forContacts(live.map((c) => c.id));
  await store.memberships.deleteMany(memberships.map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
  const links = await store.links.deleteForRecords('contact', live.map((c) => c.id));
  const notes = await store.notes.deleteForRecords('contact', live.map((c) => c.id));
  let stagedRows = 0;
  for (const email of values.emails) stagedRows += await store.importJobs.deleteStagedRowsByEmail(email);
  let redactedEntries = 0;
  for (const id of ids) redactedEntries += (await store.audit.redact('contact', id, tombstone)) + (await store.audit.redactPrefix('membership', `${id}:`, tombstone));
  redactedEntries += await store.erasure.scrub({ contactIds: ids, substrings: [...values.emails, ...values.phones], words: values.names }, tombstone);
  // Each company's history keeps that a member left, by opaque id only.
  await recordAudit(deps, actor, now, [
    ...ids.map((id): AuditSubject => ({ recordType: 'contact', recordId: id, action: 'erase', changes: tombstone })),
    ...memberships.map((m): AuditSubject => ({ recordType: 'company', recordId: m.companyId, action: 'membership-remove', changes: { contactId: [m.contactId, null], ...tombstone } })),
  ]);
  await store.contacts.deleteMany(live.map((c) => c.id));
  await store.erasure.compact();

  await resyncIssues(deps, issueIds);
  return {
    id: primary,
    alsoErased: ids.filter((id) => id !== primary),
    removed: { memberships: memberships.length, links, notes, stagedRows },
    redactedEntries,
  };
}

/** The contact records the command names: a live one, or ones whose history shows they existed. */
async function startingRecords(store: Store, command: EraseCommand): Promise<Id[]> {
  if (command.id !== undefined) {
    if ((await store.contacts.find(command.id)) !== null) return [command.id];
    // A deleted or merged-away contact still has values in its history; one already erased has only tombstones.
    const history = await store.audit.list({ recordType: 'contact', recordId: command.id, limit: HISTORY_PAGE });
    if (history.items.some((e) => !('erased' in e.changes))) return [command.id];
    throw notFound('Contact', command.id);
  }
  const email = normaliseEmail(command.email ?? '');
  if (email === null) throw notFound('Contact', command.email ?? '');
  const found = await store.contacts.findByEmails([email]);
  const ids = [...found.map((c) => c.id), ...(await store.erasure.contactIdsQuotingEmail(email, MAX_RECORDS_PER_PERSON))];
  if (ids.length === 0) throw notFound('Contact', email);
  return [...new Set(ids)];
}

/** Follows merges from the starting records, both ways: the records merged into them and the ones they became. */
async function samePerson(store: Store, start: readonly Id[]): Promise<Id[]> {
  const seen = new Set<Id>(start);
  const queue = [...start];
  while (queue.length > 0 && seen.size < MAX_RECORDS_PER_PERSON) {
    const id = queue.shift()!;
    const merges = await store.audit.list({ recordType: 'contact', recordId: id, action: 'merge', limit: MAX_RECORDS_PER_PERSON });
    for (const entry of merges.items) {
      for (const key of ['mergedInto', 'mergedFrom']) {
        const other = entry.changes[key]?.[1];
        if (typeof other === 'string' && !seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  return [...seen];
}

type Values = { emails: string[]; phones: string[]; names: string[] };

/** Everything the records held, now or in their history: old emails and names count as much as current ones. */
async function personalValues(store: Store, ids: readonly Id[], live: readonly Contact[]): Promise<Values> {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  const add = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    if (field === 'email') emails.add(value.trim().toLowerCase());
    else if (field === 'phone') phones.add(value.trim());
    else if (WORD_FIELDS.includes(field)) names.add(value.trim());
  };
  for (const c of live) {
    add('email', c.email);
    add('phone', c.phone);
    add('firstName', c.firstName);
    add('lastName', c.lastName);
    add('displayName', c.displayName);
  }
  for (const id of ids) {
    let before: string | null = null;
    do {
      const page = await store.audit.list({ recordType: 'contact', recordId: id, limit: HISTORY_PAGE, before });
      for (const entry of page.items) collect(entry, add);
      before = page.next;
    } while (before !== null);
  }
  return { emails: [...emails], phones: [...phones], names: [...names] };
}

function collect(entry: AuditEntry, add: (field: string, value: unknown) => void): void {
  for (const [field, pair] of Object.entries(entry.changes)) {
    if (!SUBSTRING_FIELDS.includes(field) && !WORD_FIELDS.includes(field)) continue;
    for (const value of pair) add(field, value);
  }
}
