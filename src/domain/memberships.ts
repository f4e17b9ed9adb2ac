// Membership rules: a contact belongs to any number of companies, and at most one of them is primary.
import { AppError } from './errors';
import type { Membership } from './records';

/**
 * The contact's memberships with `companyId` as the only primary one; the other memberships of the contact are
 * returned with isPrimary false so the caller can save exactly what changed.
 */
export function withPrimary(memberships: Membership[], contactId: string, companyId: string): Membership[] {
  const own = memberships.filter((m) => m.contactId === contactId);
  const target = own.find((m) => m.companyId === companyId);
  if (target === undefined) {
    throw new AppError(
      'NOT_FOUND',
      `Contact ${contactId} is not a member of company ${companyId}; add the membership before making it primary.`,
    );
  }
  return own.map((m) => ({ ...m, isPrimary: m === target }));
}

/** The company that stands for the contact: the primary one, else the only one, else none. */
export function primaryCompanyId(memberships: Membership[], contactId: string): string | null {
  const own = memberships.filter((m) => m.contactId === contactId);
  const primary = own.find((m) => m.isPrimary);
  if (primary !== undefined) return primary.companyId;
  return own.length === 1 ? own[0]!.companyId : null;
}

/**
 * The memberships the kept contact has after a merge: its own, plus the merged contact's companies it was not in
 * (their role and primary flag taken over). Where both were members the kept contact's role wins. One primary at most:
 * the kept contact's, else the merged contact's.
 */
export function mergeContactMemberships(kept: readonly Membership[], merged: readonly Membership[], keepId: string): Membership[] {
  const byCompany = new Map(kept.map((m) => [m.companyId, m]));
  for (const m of merged) if (!byCompany.has(m.companyId)) byCompany.set(m.companyId, { ...m, contactId: keepId });
  const primary = kept.find((m) => m.isPrimary)?.companyId ?? merged.find((m) => m.isPrimary)?.companyId ?? null;
  return [...byCompany.values()].map((m) => ({ ...m, isPrimary: m.companyId === primary }));
}

/**
 * A contact's membership of the kept company after its company merged into that one: the kept membership's role wins,
 * and it is primary when either was (the contact had at most one primary, so it still has at most one).
 */
export function mergeCompanyMembership(kept: Membership | undefined, merged: Membership, keepCompanyId: string): Membership {
  if (kept === undefined) return { ...merged, companyId: keepCompanyId };
  return { ...kept, isPrimary: kept.isPrimary || merged.isPrimary };
}
