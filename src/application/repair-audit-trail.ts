// The repair step for a store without transactions: gives records whose history entry was never written that entry.
import type { AuditEntry } from '../domain/ports';
import { changesBetween, companySnapshot, contactSnapshot } from './audit-trail';
import type { Deps } from './deps';

/** How far back a run looks: the daily trigger runs it, so two days cover a missed run. */
export const REPAIR_WINDOW_DAYS = 2;
/** Records repaired per kind per run; the next run takes the rest. */
export const REPAIR_BATCH = 1000;

export type AuditRepaired = { contacts: number; companies: number; memberships: number };

const REPAIRED = 'written by the repair step: the process stopped between the record and its history entry';

/**
 * On Forge SQL each statement stands alone, so a process killed after a record write and before its audit write leaves
 * the record without history. The record is the truth: the entry is rebuilt from it, stamped with the record's own
 * creator and time and marked `repaired`, with an id derived from the record so a second run writes nothing new. (On
 * SQLite each command is one transaction, so there is nothing to repair.) Updates cannot be rebuilt this way: their
 * before-values are gone with the process.
 */
export async function repairAuditTrail(deps: Pick<Deps, 'store' | 'clock'>, windowDays = REPAIR_WINDOW_DAYS): Promise<AuditRepaired> {
  const { store } = deps;
  const since = new Date(deps.clock().getTime() - windowDays * 86_400_000).toISOString();
  const entry = (recordType: string, recordId: string, at: string, actor: string, action: AuditEntry['action'], changes: AuditEntry['changes']): AuditEntry => ({
    id: `repair:${action}:${recordType}:${recordId}`,
    at,
    actor,
    jobId: null,
    recordType,
    recordId,
    action,
    changes: { ...changes, repaired: [null, REPAIRED] },
  });

  const contacts = await store.auditGaps.contactsWithoutHistory(since, REPAIR_BATCH);
  const companies = await store.auditGaps.companiesWithoutHistory(since, REPAIR_BATCH);
  const memberships = await store.auditGaps.membershipsWithoutHistory(since, REPAIR_BATCH);
  await store.audit.append([
    ...contacts.map((c) => entry('contact', c.id, c.createdAt, c.createdBy, 'create', changesBetween(null, contactSnapshot(c)))),
    ...companies.map((c) => entry('company', c.id, c.createdAt, c.createdBy, 'create', changesBetween(null, companySnapshot(c)))),
    ...memberships.flatMap((m) => {
      const added = { role: [null, m.role] as [null, string], isPrimary: [null, m.isPrimary] as [null, boolean] };
      return [
        entry('company', m.companyId, m.createdAt, m.createdBy, 'membership-add', { contactId: [null, m.contactId], ...added }),
        entry('contact', m.contactId, m.createdAt, m.createdBy, 'membership-add', { companyId: [null, m.companyId], ...added }),
      ];
    }),
  ]);
  return { contacts: contacts.length, companies: companies.length, memberships: memberships.length };
}
