// Formatting shared by the components: names, dates and lists as people read them.
import type { ContactView, CustomField } from './api-types';

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function contactName(contact: Pick<ContactView, 'displayName' | 'firstName' | 'lastName' | 'email'>): string {
  return contact.displayName.trim() || [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** A stored custom value as it reads best: dates in the reader's locale, the rest as stored. */
export function formatCustomValue(field: CustomField, value: string): string {
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE.format(new Date(`${value}T00:00:00`));
  return value;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export function primaryCompanyName(contact: ContactView): string {
  const primary = contact.memberships.find((m) => m.isPrimary) ?? (contact.memberships.length === 1 ? contact.memberships[0] : undefined);
  return primary?.companyName ?? '';
}
