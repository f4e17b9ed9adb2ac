// Pure merge rules: several rows of one record fold into one, then the result meets the stored record.
import { displayNameOf } from '../domain/normalise';
import type { FieldChanges } from '../domain/ports';
import type { Company, Contact } from '../domain/records';
import type { ImportCompany, ImportContact, RowIssue } from './types';

export type ImportMode = 'overwrite' | 'fill-empty';

const CONTACT_FIELDS = ['firstName', 'lastName', 'phone', 'jobTitle'] as const;
const FIELD_LABELS: Record<string, string> = { firstName: 'First Name', lastName: 'Last Name', phone: 'Phone', jobTitle: 'Job Title', name: 'Company name' };

type Located<T> = { row: number; line?: number; value: T };

/** Folds the rows of one contact (same email, in file order): a later non-empty cell wins, with a warning on disagreement. */
export function mergeContactRows(rows: readonly Located<ImportContact>[]): { contact: ImportContact; warnings: RowIssue[] } {
  const merged: ImportContact = { email: rows[0]?.value.email ?? '', custom: {} };
  const from: Record<string, number> = {};
  const warnings: RowIssue[] = [];
  const take = (key: string, value: string | undefined, row: Located<ImportContact>, current: string | undefined, label: string): string | undefined => {
    if (value === undefined) return current;
    if (current !== undefined && current !== value) {
      warnings.push({ row: row.row, line: row.line, column: label, severity: 'warning', message: `${label} "${value}" differs from row ${from[key]} ("${current}") for ${merged.email}; the later value is used.` });
    }
    from[key] = row.row;
    return value;
  };
  for (const row of rows) {
    for (const field of CONTACT_FIELDS) merged[field] = take(field, row.value[field], row, merged[field], FIELD_LABELS[field] ?? field);
    for (const [id, value] of Object.entries(row.value.custom)) {
      const next = take(`custom:${id}`, value, row, merged.custom[id], id.startsWith('new:') ? id.slice(4) : 'Custom field');
      if (next !== undefined) merged.custom[id] = next;
    }
  }
  return { contact: merged, warnings };
}

function changed(mode: ImportMode, stored: string, incoming: string | undefined): incoming is string {
  if (incoming === undefined || incoming === stored) return false;
  return mode === 'overwrite' || stored === '';
}

export type ContactPlan = { next: Contact; changes: FieldChanges };

/**
 * The stored contact after the file's values apply, and what changed. `null` changes mean nothing to write.
 * Blank cells never erase: absent values leave stored ones alone.
 */
export function planContact(stored: Contact | null, incoming: ImportContact, mode: ImportMode, make: () => Omit<Contact, 'email' | 'firstName' | 'lastName' | 'displayName' | 'phone' | 'jobTitle' | 'custom'>): ContactPlan | null {
  const base: Contact = stored ?? blankContact(make(), incoming.email);
  const next: Contact = { ...base, custom: { ...base.custom } };
  const changes: FieldChanges = {};
  if (!stored) changes.email = [null, incoming.email];
  for (const field of CONTACT_FIELDS) {
    const value = incoming[field];
    if (changed(stored ? mode : 'overwrite', base[field], value)) {
      changes[field] = [stored ? base[field] : null, value];
      next[field] = value;
    }
  }
  for (const [id, value] of Object.entries(incoming.custom)) {
    const before = base.custom[id] ?? '';
    if (changed(stored ? mode : 'overwrite', before, value)) {
      changes[`custom.${id}`] = [stored ? before || null : null, value];
      next.custom[id] = value;
    }
  }
  // The display name follows the names unless someone set it by hand (it then differs from the derived one).
  const derivedBefore = displayNameOf({ firstName: base.firstName, lastName: base.lastName, email: base.email });
  if (!stored || base.displayName === derivedBefore || base.displayName === '') {
    const derived = displayNameOf({ firstName: next.firstName, lastName: next.lastName, email: next.email });
    if (derived !== base.displayName) {
      changes.displayName = [stored ? base.displayName : null, derived];
      next.displayName = derived;
    }
  }
  if (stored && Object.keys(changes).length === 0) return null;
  return { next, changes };
}

/**
 * A new contact, written out field by field: spreading `meta` and then adding fields cost V8 ~6 us an object (each
 * result got a map of its own), a fifth of an import's planning.
 */
function blankContact(meta: Omit<Contact, 'email' | 'firstName' | 'lastName' | 'displayName' | 'phone' | 'jobTitle' | 'custom'>, email: string): Contact {
  const { id, version, createdAt, createdBy, updatedAt, updatedBy } = meta;
  return { id, email, firstName: '', lastName: '', displayName: '', phone: '', jobTitle: '', custom: {}, version, createdAt, createdBy, updatedAt, updatedBy };
}

export type CompanyPlan = { next: Company; changes: FieldChanges; addedDomains: string[] };

/**
 * The company after a row's values apply: domains only ever added, custom values by mode. The name is applied as given:
 * whether a row names its company is decided by the identity rules (company-identity.ts), not by the mode.
 */
export function planCompany(stored: Company, incoming: ImportCompany, mode: ImportMode, isNew: boolean): CompanyPlan | null {
  const next: Company = { ...stored, domains: [...stored.domains], custom: { ...stored.custom } };
  const changes: FieldChanges = {};
  const effectiveMode = isNew ? 'overwrite' : mode;
  if (incoming.name !== undefined && incoming.name !== stored.name) {
    changes.name = [isNew && stored.name === '' ? null : stored.name, incoming.name];
    next.name = incoming.name;
    next.nameKey = incoming.nameKey ?? next.nameKey;
  }
  const addedDomains = incoming.domains.filter((d) => !stored.domains.includes(d));
  if (addedDomains.length > 0) {
    next.domains = [...stored.domains, ...addedDomains].sort();
    changes.domains = [stored.domains.length ? stored.domains : null, next.domains];
  }
  for (const [id, value] of Object.entries(incoming.custom)) {
    const before = stored.custom[id] ?? '';
    if (changed(effectiveMode, before, value)) {
      changes[`custom.${id}`] = [before || null, value];
      next.custom[id] = value;
    }
  }
  if (Object.keys(changes).length === 0) return null;
  return { next, changes, addedDomains };
}
