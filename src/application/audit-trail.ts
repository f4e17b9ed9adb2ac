// Audit entries for the use cases: field-level before/after of what a command changed, stamped with actor and time.
import type { AuditAction, AuditEntry, FieldChanges } from '../domain/ports';
import type { Company, Contact, CustomField, CustomValues } from '../domain/records';
import type { Actor, Deps } from './deps';

export type AuditValue = string | number | boolean | null | readonly string[];
/** A record flattened to the fields the audit log tracks; custom values appear as `custom.<fieldId>`. */
export type Snapshot = Record<string, AuditValue>;

const customEntries = (custom: CustomValues) => Object.entries(custom).map(([id, value]) => [`custom.${id}`, value] as const);

export function contactSnapshot(c: Contact): Snapshot {
  const { email, firstName, lastName, displayName, phone, jobTitle } = c;
  return { email, firstName, lastName, displayName, phone, jobTitle, ...Object.fromEntries(customEntries(c.custom)) };
}

export function companySnapshot(c: Company): Snapshot {
  return { name: c.name, domains: c.domains, parentId: c.parentId, ...Object.fromEntries(customEntries(c.custom)) };
}

export function fieldSnapshot(f: CustomField): Snapshot {
  return { entity: f.entity, name: f.name, type: f.type, options: f.options };
}

/** The keys whose value differs; null on one side stands for "did not exist", and empty values are left out of it. */
export function changesBetween(before: Snapshot | null, after: Snapshot | null): FieldChanges {
  const changes: FieldChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const was = before?.[key] ?? null;
    const now = after?.[key] ?? null;
    if (!sameValue(was, now) && !(isEmpty(was) && isEmpty(now))) changes[key] = [was, now];
  }
  return changes;
}

function isEmpty(v: AuditValue): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function sameValue(a: AuditValue, b: AuditValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

export type AuditSubject = { recordType: string; recordId: string; action: AuditAction; changes: FieldChanges };

/** Stores one entry per subject, all stamped with the same time and actor. */
export async function recordAudit(deps: Deps, actor: Actor, at: string, subjects: readonly AuditSubject[]): Promise<void> {
  if (subjects.length === 0) return;
  const entries: AuditEntry[] = subjects.map((s) => ({
    id: deps.ids(),
    at,
    actor: actor.accountId,
    jobId: null,
    recordType: s.recordType,
    recordId: s.recordId,
    action: s.action,
    changes: s.changes,
  }));
  await deps.store.audit.append(entries);
}
