// Possible duplicate contacts for editors to merge or dismiss: read the directory in bounded pages, group contacts by
// the keys in domain/duplicates.ts, and leave out pairs someone dismissed.
import type { DuplicateContact, DuplicatePair, DuplicatePairs } from '../contracts/duplicates';
import { emailDuplicateKey, pairKey, personNameKey, phoneDuplicateKey, type DuplicateReason } from '../domain/duplicates';
import type { Contact, Id } from '../domain/records';
import type { Actor, Deps } from './deps';

/** Contacts read per statement. */
export const DUPLICATE_SCAN_PAGE = 1000;
/** Contacts compared per call: well inside a resolver's 25 s and 512 MB. */
export const MAX_DUPLICATE_SCAN = 20_000;
/** A key shared by more contacts than this (a switchboard number, a role inbox) says nothing about any pair. */
const MAX_GROUP = 10;

/** Candidate pairs checked against the dismissed ones per call. */
export const MAX_DISMISSAL_CHECKS = 500;
const DISMISSED_PREFIX = 'duplicates.dismissed.';
const REASON_ORDER: readonly DuplicateReason[] = ['same-email', 'same-phone', 'same-name-and-company'];

export async function findDuplicateContacts(deps: Deps, _actor: Actor, query: { limit: number }): Promise<DuplicatePairs> {
  const { store } = deps;
  const byKey = new Map<string, Id[]>();
  const contacts = new Map<Id, Contact>();
  const companiesOf = new Map<Id, string[]>();
  const add = (key: string, id: Id) => {
    const group = byKey.get(key) ?? [];
    if (group.length <= MAX_GROUP) group.push(id);
    byKey.set(key, group);
  };

  let after: string | null = null;
  let truncated = false;
  do {
    const page = await store.contacts.search({ sort: 'name', after, limit: DUPLICATE_SCAN_PAGE });
    const memberships = await store.memberships.forContacts(page.items.map((c) => c.id));
    for (const m of memberships) companiesOf.set(m.contactId, [...(companiesOf.get(m.contactId) ?? []), m.companyId]);
    for (const contact of page.items) {
      contacts.set(contact.id, contact);
      const email = emailDuplicateKey(contact.email);
      if (email !== null) add(`same-email|${email}`, contact.id);
      const phone = phoneDuplicateKey(contact.phone);
      if (phone !== null) add(`same-phone|${phone}`, contact.id);
      const name = personNameKey(contact.displayName);
      if (name !== null) for (const companyId of companiesOf.get(contact.id) ?? []) add(`same-name-and-company|${name}|${companyId}`, contact.id);
    }
    after = page.next;
    if (after !== null && contacts.size >= MAX_DUPLICATE_SCAN) truncated = true;
  } while (after !== null && !truncated);

  const pairs = new Map<string, { ids: [Id, Id]; reasons: Set<DuplicateReason>; companyId: Id | null }>();
  for (const [key, ids] of byKey) {
    if (ids.length < 2 || ids.length > MAX_GROUP) continue;
    const [reason, , companyId] = key.split('|') as [DuplicateReason, string, string | undefined];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const k = pairKey(ids[i]!, ids[j]!);
        const pair = pairs.get(k) ?? { ids: [ids[i]!, ids[j]!].sort() as [Id, Id], reasons: new Set<DuplicateReason>(), companyId: null };
        pair.reasons.add(reason);
        if (reason === 'same-name-and-company') pair.companyId = companyId ?? null;
        pairs.set(k, pair);
      }
    }
  }

  // Strongest evidence first: more reasons, then email before phone before name.
  const ranked = [...pairs.entries()].sort(
    ([ka, a], [kb, b]) => b.reasons.size - a.reasons.size || rank(a.reasons) - rank(b.reasons) || ka.localeCompare(kb),
  );
  const chosen: typeof ranked = [];
  let checked = 0;
  for (const entry of ranked) {
    if (chosen.length >= query.limit) break;
    // One small read per candidate pair, bounded: a directory with many dismissed pairs shows the rest next time round.
    if (checked++ >= MAX_DISMISSAL_CHECKS) {
      truncated = true;
      break;
    }
    if ((await deps.settings.get(`${DISMISSED_PREFIX}${entry[0]}`)) === undefined) chosen.push(entry);
  }

  const companyIds = [...new Set(chosen.flatMap(([, p]) => p.ids.flatMap((id) => companiesOf.get(id) ?? [])))];
  const names = new Map((await store.companies.findMany(companyIds)).map((c) => [c.id, c.name]));
  const view = (id: Id): DuplicateContact => {
    const c = contacts.get(id)!;
    return {
      id,
      displayName: c.displayName,
      email: c.email,
      phone: c.phone,
      companies: (companiesOf.get(id) ?? []).map((companyId) => names.get(companyId) ?? '').filter(Boolean).sort(),
      version: c.version,
    };
  };
  const result: DuplicatePair[] = chosen.map(([key, p]) => ({
    key,
    contacts: [view(p.ids[0]), view(p.ids[1])],
    reasons: REASON_ORDER.filter((r) => p.reasons.has(r)),
    sharedCompany: p.companyId === null ? null : (names.get(p.companyId) ?? null),
  }));
  return { pairs: result, scanned: contacts.size, truncated };
}

/** Hides the pair from the list for everyone; it comes back only if someone clears the setting. */
export async function dismissDuplicate(deps: Deps, actor: Actor, command: { contactIds: [Id, Id] }): Promise<{ dismissed: true }> {
  const [a, b] = command.contactIds;
  await deps.settings.set(`${DISMISSED_PREFIX}${pairKey(a, b)}`, { by: actor.accountId, at: deps.clock().toISOString() });
  return { dismissed: true };
}

function rank(reasons: Set<DuplicateReason>): number {
  return Math.min(...[...reasons].map((r) => REASON_ORDER.indexOf(r)));
}
