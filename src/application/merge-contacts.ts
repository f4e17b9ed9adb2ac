// Merges a duplicate contact into the one kept: empty fields filled, memberships, links and notes moved, duplicate deleted.
import type { ContactMerged } from '../contracts/audit';
import { conflict, invalid } from '../domain/errors';
import { mergeContactMemberships } from '../domain/memberships';
import { displayNameOf } from '../domain/normalise';
import type { FieldChanges } from '../domain/ports';
import type { Contact, Id, Membership } from '../domain/records';
import { changesBetween, contactSnapshot, recordAudit, type AuditSubject } from './audit-trail';
import { getContact } from './contact-rules';
import type { Actor } from './deps';
import { issuesToResync, resyncIssues, type IssueSyncDeps } from './issue-sync-hook';
import { fillCustomValues, fillText, type MergeCommand } from './merge-rules';

/**
 * Writes go in an order that a repeated call can finish: both contacts are claimed first with version-checked writes
 * (an edit made since the user looked is a CONFLICT, before anything moved), then the dependants move, then the merged
 * contact goes. The kept contact keeps its email; the merged one's stays in the history.
 */
export async function mergeContacts(deps: IssueSyncDeps, actor: Actor, command: MergeCommand): Promise<ContactMerged> {
  const { store } = deps;
  if (command.keepId === command.mergeId) throw invalid('mergeId: pick two different contacts to merge.', { field: 'mergeId' });
  const keep = await getContact(store, command.keepId);
  const merge = await getContact(store, command.mergeId);
  if (keep.version !== command.versions.keep) throw conflict(`Contact ${keep.displayName}`);
  if (merge.version !== command.versions.merge) throw conflict(`Contact ${merge.displayName}`);

  const now = deps.clock().toISOString();
  const filled = await filledContact(deps, keep, merge);
  const stored = await store.memberships.forContacts([keep.id, merge.id]);
  const kept = stored.filter((m) => m.contactId === keep.id);
  const merged = stored.filter((m) => m.contactId === merge.id);
  const wanted = mergeContactMemberships(kept, merged, keep.id);
  const changed = wanted.filter((m) => !sameMembership(kept.find((k) => k.companyId === m.companyId), m));
  const issueIds = await issuesToResync(deps, 'contact', merge.id);

  await store.contacts.update({ ...merge, version: merge.version + 1, updatedAt: now, updatedBy: actor.accountId });
  const saved: Contact = { ...filled, version: keep.version + 1, updatedAt: now, updatedBy: actor.accountId };
  await store.contacts.update(saved);
  await store.memberships.upsertMany(changed);
  await store.memberships.deleteMany(merged.map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
  const links = await store.links.moveToRecord('contact', merge.id, keep.id);
  const notes = await store.notes.moveToRecord('contact', merge.id, keep.id);
  await store.contacts.delete(merge.id);

  await recordAudit(deps, actor, now, [
    { recordType: 'contact', recordId: keep.id, action: 'merge', changes: { ...changesBetween(contactSnapshot(keep), contactSnapshot(saved)), mergedFrom: [null, merge.id] } },
    { recordType: 'contact', recordId: merge.id, action: 'merge', changes: { ...changesBetween(contactSnapshot(merge), null), mergedInto: [null, keep.id] } },
    ...membershipEntries(kept, merged, changed, keep.id),
  ]);
  await resyncIssues(deps, issueIds);
  return { id: keep.id, version: saved.version, mergedId: merge.id, moved: { memberships: changed.length, links, notes } };
}

async function filledContact(deps: IssueSyncDeps, keep: Contact, merge: Contact): Promise<Contact> {
  const filled: Contact = {
    ...keep,
    firstName: fillText(keep.firstName, merge.firstName),
    lastName: fillText(keep.lastName, merge.lastName),
    phone: fillText(keep.phone, merge.phone),
    jobTitle: fillText(keep.jobTitle, merge.jobTitle),
    custom: await fillCustomValues(deps.store, 'contact', keep.custom, merge.custom),
  };
  // A display name derived from the names follows the filled names; one a user typed stays.
  const wasDerived = keep.displayName === displayNameOf({ ...keep, displayName: '' });
  return { ...filled, displayName: wasDerived ? displayNameOf({ ...filled, displayName: '' }) : keep.displayName };
}

function sameMembership(a: Membership | undefined, b: Membership): boolean {
  return a !== undefined && a.role === b.role && a.isPrimary === b.isPrimary;
}

/** Each company's history says which contact left it and which one it has now. */
function membershipEntries(kept: Membership[], merged: Membership[], changed: Membership[], keepId: Id): AuditSubject[] {
  const entries: AuditSubject[] = merged.map((m) => ({
    recordType: 'company',
    recordId: m.companyId,
    action: 'membership-remove',
    changes: { contactId: [m.contactId, null], role: [m.role, null], isPrimary: [m.isPrimary, null] },
  }));
  for (const m of changed) {
    const before = kept.find((k) => k.companyId === m.companyId);
    const action = before === undefined ? 'membership-add' : 'membership-update';
    const changes: FieldChanges = { role: [before?.role ?? null, m.role], isPrimary: [before?.isPrimary ?? null, m.isPrimary] };
    entries.push({ recordType: 'company', recordId: m.companyId, action, changes: { contactId: [before?.contactId ?? null, keepId], ...changes } });
    entries.push({ recordType: 'contact', recordId: keepId, action, changes: { companyId: [before?.companyId ?? null, m.companyId], ...changes } });
  }
  return entries;
}
