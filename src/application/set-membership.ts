// Adds a contact to a company or changes its role there; making it primary clears the contact's other primary.
import type { ContactView } from '../contracts/api';
import { withPrimary } from '../domain/memberships';
import type { FieldChanges } from '../domain/ports';
import type { Id, Membership } from '../domain/records';
import { recordAudit, type AuditSubject } from './audit-trail';
import { getCompany } from './company-rules';
import { getContact } from './contact-rules';
import type { Actor, Deps } from './deps';
import { contactView } from './views';

/** Role and primary flag left out keep their stored values (or '' and false for a new membership). */
export type SetMembershipCommand = { contactId: Id; companyId: Id; role?: string; isPrimary?: boolean };

export async function setMembership(deps: Deps, actor: Actor, command: SetMembershipCommand): Promise<ContactView> {
  const { store } = deps;
  const contact = await getContact(store, command.contactId);
  const company = await getCompany(store, command.companyId);
  const now = deps.clock().toISOString();
  const stored = await store.memberships.forContacts([contact.id]);
  const existing = stored.find((m) => m.companyId === company.id);
  const wanted: Membership = {
    contactId: contact.id,
    companyId: company.id,
    role: command.role ?? existing?.role ?? '',
    isPrimary: command.isPrimary ?? existing?.isPrimary ?? false,
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? actor.accountId,
  };
  const others = stored.filter((m) => m.companyId !== company.id);
  const next = wanted.isPrimary ? withPrimary([...others, wanted], contact.id, company.id) : [...others, wanted];
  const changed = next.filter((m) => {
    const before = stored.find((s) => s.companyId === m.companyId);
    return before === undefined || before.role !== m.role || before.isPrimary !== m.isPrimary;
  });
  if (changed.length === 0) return contactView(store, contact);

  await store.memberships.upsertMany(changed);
  await recordAudit(
    deps,
    actor,
    now,
    changed.flatMap((m) => membershipAudit(stored.find((s) => s.companyId === m.companyId) ?? null, m)),
  );
  return contactView(store, contact);
}

/** One entry in the contact's history and one in the company's, so both pages show the change. */
function membershipAudit(before: Membership | null, after: Membership): AuditSubject[] {
  const changes: FieldChanges = {};
  if (before === null || before.role !== after.role) changes.role = [before?.role ?? null, after.role];
  if (before === null || before.isPrimary !== after.isPrimary) changes.isPrimary = [before?.isPrimary ?? null, after.isPrimary];
  const action = before === null ? 'membership-add' : 'membership-update';
  return [
    { recordType: 'contact', recordId: after.contactId, action, changes: { companyId: [before?.companyId ?? null, after.companyId], ...changes } },
    { recordType: 'company', recordId: after.companyId, action, changes: { contactId: [before?.contactId ?? null, after.contactId], ...changes } },
  ];
}
