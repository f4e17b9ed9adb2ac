// Small builders for test records: each test states only the fields it cares about.
import { companyNameKey, displayNameOf } from '../../src/domain/normalise';
import type { Company, Contact, Membership } from '../../src/domain/records';

let seq = 0;
const stamp = '2026-01-01T00:00:00.000Z';
const nextId = () => `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

export function aContact(fields: Partial<Contact> = {}): Contact {
  const id = fields.id ?? nextId();
  const base = { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${id.slice(-6)}@example.org`, ...fields };
  return {
    id,
    phone: '',
    jobTitle: '',
    custom: {},
    version: 1,
    createdAt: stamp,
    createdBy: 'test',
    updatedAt: stamp,
    updatedBy: 'test',
    ...base,
    displayName: fields.displayName ?? displayNameOf({ ...base, displayName: '' }),
  };
}

export function aCompany(fields: Partial<Company> = {}): Company {
  const name = fields.name ?? `Acme ${seq + 1}`;
  return {
    id: nextId(),
    domains: [],
    parentId: null,
    custom: {},
    version: 1,
    createdAt: stamp,
    createdBy: 'test',
    updatedAt: stamp,
    updatedBy: 'test',
    ...fields,
    name,
    nameKey: companyNameKey(name),
  };
}

export function aMembership(contact: Contact, company: Company, fields: Partial<Membership> = {}): Membership {
  return { contactId: contact.id, companyId: company.id, role: '', isPrimary: false, createdAt: stamp, createdBy: 'test', ...fields };
}
