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
