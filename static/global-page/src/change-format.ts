// Field-level changes (from the history and from import reports) as people read them: field names and values.
import type { CustomField } from './api-types';

export type Change = [unknown, unknown];
/** One changed field; `summary` replaces the values when they are ids a reader could not make sense of. */
export type ChangeLine = { field: string; before: string; after: string; summary?: string };

const FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  displayName: 'Display name',
  phone: 'Phone',
  jobTitle: 'Job title',
  name: 'Name',
  domains: 'Domains',
  parentId: 'Parent company',
  role: 'Role',
  isPrimary: 'Primary company',
  contactId: 'Contact',
  memberships: 'Memberships',
  companyId: 'Company',
  mergedFrom: 'Merged from',
  mergedInto: 'Merged into',
  body: 'Note',
  entity: 'Record type',
  type: 'Field type',
  options: 'Options',
  autoLink: 'Link new issues automatically',
  roleMapping: 'Group roles',
  autoMatch: 'Issue matching',
  auditRetentionDays: 'History kept (days)',
};

// Values that are record ids mean nothing to a reader: they show as the record's name when the page knows it.
const ID_FIELDS = new Set(['parentId', 'contactId', 'companyId']);
// Bookkeeping the entry's action already says (a note's id, the other side of a merge).
const HIDDEN_FIELDS = new Set(['noteId', 'mergedFrom', 'mergedInto', 'recordId', 'issueId', 'linkId']);

export function fieldLabel(key: string, fields: readonly CustomField[]): string {
  if (key.startsWith('custom.')) {
    const id = key.slice('custom.'.length);
    return fields.find((f) => f.id === id)?.name ?? (id.startsWith('new:') ? id.slice(4) : 'Custom field');
  }
  return FIELD_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString();
  if (Array.isArray(value)) return value.map(formatValue).filter(Boolean).join(value.some(isMembership) ? '; ' : ', ');
  if (isMembership(value)) return `${value.role || 'Member'}${value.isPrimary ? ' (primary company)' : ''}`;
  return JSON.stringify(value);
}

/** A membership as an import's create entry lists it: the company is only an id, so its role tells them apart. */
function isMembership(value: unknown): value is { role?: string; isPrimary?: boolean } {
  return typeof value === 'object' && value !== null && 'companyId' in value && ('role' in value || 'isPrimary' in value);
}

/**
 * The changes worth showing, in a stable order; bookkeeping keys (leading underscore) are left out. `names` turns
 * record ids into names (a contact's companies, a company's members); an id it cannot name is summarised or left out.
 */
export function changeLines(changes: Record<string, Change>, fields: readonly CustomField[], names: ReadonlyMap<string, string> = new Map()): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const [key, [before, after]] of Object.entries(changes)) {
    if (key.startsWith('_') || HIDDEN_FIELDS.has(key)) continue;
    const field = fieldLabel(key, fields);
    if (!ID_FIELDS.has(key)) {
      lines.push({ field, before: formatValue(before), after: formatValue(after) });
      continue;
    }
    const name = (id: unknown) => (typeof id === 'string' && id ? names.get(id) : '');
    const [was, now] = [name(before), name(after)];
    if (was !== undefined && now !== undefined) lines.push({ field, before: was, after: now });
    else if (key === 'parentId') lines.push({ field, before: '', after: '', summary: !before ? 'set' : !after ? 'removed' : 'changed' });
  }
  return lines;
}
