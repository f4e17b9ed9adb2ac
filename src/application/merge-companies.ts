// Merges a duplicate company into the one kept: values filled, domains, members, subsidiaries, links and notes moved.
import type { CompanyMerged } from '../contracts/audit';
import { AppError, conflict, invalid } from '../domain/errors';
import { MAX_DOMAINS_PER_COMPANY, MAX_HIERARCHY_DEPTH } from '../domain/limits';
import { mergeCompanyMembership } from '../domain/memberships';
import type { Store } from '../domain/ports';
import type { Company, Id } from '../domain/records';
import { changesBetween, companySnapshot, recordAudit } from './audit-trail';
import { getCompany, sortedDomains } from './company-rules';
import type { Actor } from './deps';
import { issuesToResync, resyncIssues, type IssueSyncDeps } from './issue-sync-hook';
import { fillCustomValues, type MergeCommand } from './merge-rules';

// Members are moved a page at a time so a large company stays within memory and statement limits.
const MEMBERSHIP_PAGE = 1000;

/**
 * Order of writes: both companies are claimed with version-checked writes, the domains change owner in one statement
 * (never owned by neither), the kept company is saved, then subsidiaries, members, links and notes move and the merged
 * company goes. Running the merge again after a failure finishes it.
 */
export async function mergeCompanies(deps: IssueSyncDeps, actor: Actor, command: MergeCommand): Promise<CompanyMerged> {
  const { store } = deps;
  if (command.keepId === command.mergeId) throw invalid('mergeId: pick two different companies to merge.', { field: 'mergeId' });
  const keep = await getCompany(store, command.keepId);
  const merge = await getCompany(store, command.mergeId);
  if (keep.version !== command.versions.keep) throw conflict(`Company ${keep.name}`);
  if (merge.version !== command.versions.merge) throw conflict(`Company ${merge.name}`);

  const domains = sortedDomains([...new Set([...keep.domains, ...merge.domains])]);
  if (domains.length > MAX_DOMAINS_PER_COMPANY) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      `domains: together the two companies have ${domains.length} domains, and a company can have at most ${MAX_DOMAINS_PER_COMPANY} (MAX_DOMAINS_PER_COMPANY); remove some first.`,
      { field: 'domains', limit: MAX_DOMAINS_PER_COMPANY },
    );
  }
  const now = deps.clock().toISOString();
  const next: Company = {
    ...keep,
    domains,
    parentId: await parentAfterMerge(store, keep, merge),
    custom: await fillCustomValues(store, 'company', keep.custom, merge.custom),
    version: keep.version + 1,
    updatedAt: now,
    updatedBy: actor.accountId,
  };
  const issueIds = await issuesToResync(deps, 'company', merge.id);

  await store.companies.update({ ...merge, version: merge.version + 1, updatedAt: now, updatedBy: actor.accountId });
  await store.companies.moveDomains(merge.id, keep.id);
  await store.companies.update(next);
  // After the kept company left the merged one's subtree (if it was in it), so no step makes a loop.
  const children = await store.companies.moveChildren(merge.id, keep.id, now, actor.accountId);
  await recordAudit(
    deps,
    actor,
    now,
    children.map((childId) => ({ recordType: 'company', recordId: childId, action: 'update', changes: { parentId: [merge.id, keep.id] } })),
  );
  const memberships = await moveMembers(deps, actor, now, merge.id, keep.id);
  const links = await store.links.moveToRecord('company', merge.id, keep.id);
  const notes = await store.notes.moveToRecord('company', merge.id, keep.id);
  await store.companies.delete(merge.id);

  await recordAudit(deps, actor, now, [
    { recordType: 'company', recordId: keep.id, action: 'merge', changes: { ...changesBetween(companySnapshot(keep), companySnapshot(next)), mergedFrom: [null, merge.id] } },
    { recordType: 'company', recordId: merge.id, action: 'merge', changes: { ...changesBetween(companySnapshot(merge), null), mergedInto: [null, keep.id] } },
  ]);
  await resyncIssues(deps, issueIds);
  return {
    id: keep.id,
    version: next.version,
    mergedId: merge.id,
    moved: { memberships, links, notes, domains: merge.domains.filter((d) => !keep.domains.includes(d)).length, children: children.length },
  };
}

/**
 * The kept company's parent: its own; the merged one's when it has none (unless that would put it under itself); and
 * when the kept company sits below the merged one, the merged one's parent (it takes the merged company's place).
 */
async function parentAfterMerge(store: Store, keep: Company, merge: Company): Promise<Id | null> {
  if ((await ancestorsOf(store, keep.parentId)).has(merge.id)) return merge.parentId;
  if (keep.parentId !== null || merge.parentId === null) return keep.parentId;
  const aboveMergedParent = await ancestorsOf(store, merge.parentId);
  return aboveMergedParent.has(keep.id) ? null : merge.parentId;
}

/** `id` and the companies above it, up to MAX_HIERARCHY_DEPTH (a chain that loops stops where it repeats). */
async function ancestorsOf(store: Store, id: Id | null): Promise<Set<Id>> {
  const chain = new Set<Id>();
  let current = id;
  while (current !== null && !chain.has(current) && chain.size < MAX_HIERARCHY_DEPTH) {
    chain.add(current);
    current = (await store.companies.find(current))?.parentId ?? null;
  }
  return chain;
}

/** Moves every member of `fromId` to `toId` a page at a time; each contact's history says which company it is in now. */
async function moveMembers(deps: IssueSyncDeps, actor: Actor, now: string, fromId: Id, toId: Id): Promise<number> {
  const { store } = deps;
  let moved = 0;
  for (;;) {
    const page = await store.memberships.forCompany(fromId, MEMBERSHIP_PAGE);
    if (page.length === 0) return moved;
    const existing = new Map(
      (await store.memberships.forContacts(page.map((m) => m.contactId))).filter((m) => m.companyId === toId).map((m) => [m.contactId, m]),
    );
    const moves = page.map((before) => ({ before, after: mergeCompanyMembership(existing.get(before.contactId), before, toId) }));
    await store.memberships.upsertMany(moves.map((m) => m.after));
    await store.memberships.deleteMany(page.map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
    await recordAudit(
      deps,
      actor,
      now,
      moves.map(({ before, after }) => ({
        recordType: 'contact',
        recordId: before.contactId,
        action: 'membership-update',
        changes: { companyId: [fromId, toId], role: [before.role, after.role], isPrimary: [before.isPrimary, after.isPrimary] },
      })),
    );
    moved += page.length;
    if (page.length < MEMBERSHIP_PAGE) return moved;
  }
}
