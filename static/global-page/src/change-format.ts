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

// Values that are record ids: their text means nothing to a reader, so only the fact of the change is shown.
const ID_FIELDS = new Set(['parentId', 'contactId', 'companyId', 'mergedFrom', 'mergedInto', 'recordId', 'issueId']);

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
  if (Array.isArray(value)) return value.map(formatValue).filter(Boolean).join(', ');
  return JSON.stringify(value);
}

/** The changes worth showing, in a stable order; bookkeeping keys (leading underscore) are left out. */
export function changeLines(changes: Record<string, Change>, fields: readonly CustomField[]): ChangeLine[] {
  return Object.entries(changes)
    .filter(([key]) => !key.startsWith('_'))
    .map(([key, [before, after]]) =>
      ID_FIELDS.has(key)
        ? { field: fieldLabel(key, fields), before: '', after: '', summary: !before ? 'set' : !after ? 'removed' : 'changed' }
        : { field: fieldLabel(key, fields), before: formatValue(before), after: formatValue(after) },
    );
}
