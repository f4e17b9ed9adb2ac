// Conversions between stored rows and domain records; JSON columns are checked on the way in.
import { z } from 'zod';
import type { Company, Contact, CustomField, CustomFieldType, Link, LinkTargetType, Membership, Note, RecordType } from '../../domain/records';
import { fromStoredTime, toStoredTime } from './stored-time';
import type { CompaniesTable, ContactsTable, CustomFieldsTable, LinksTable, MembershipsTable, NotesTable } from './schema';

const customValues = z.record(z.string(), z.string()).catch({});
const stringList = z.array(z.string()).catch([]);

export function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  return schema.parse(value);
}

export const toContact = (r: ContactsTable): Contact => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  displayName: r.display_name,
  phone: r.phone,
  jobTitle: r.job_title,
  custom: parseJson(r.custom, customValues),
  version: Number(r.version),
  createdAt: fromStoredTime(r.created_at),
  createdBy: r.created_by,
  updatedAt: fromStoredTime(r.updated_at),
  updatedBy: r.updated_by,
});

export const fromContact = (c: Contact): ContactsTable => ({
  id: c.id,
  email: c.email,
  first_name: c.firstName,
  last_name: c.lastName,
  display_name: c.displayName,
  phone: c.phone,
  job_title: c.jobTitle,
  custom: JSON.stringify(c.custom),
  version: c.version,
  created_at: toStoredTime(c.createdAt),
  created_by: c.createdBy,
  updated_at: toStoredTime(c.updatedAt),
  updated_by: c.updatedBy,
});

export const toCompany = (r: CompaniesTable, domains: string[]): Company => ({
  id: r.id,
  name: r.name,
  nameKey: r.name_key,
  domains,
  parentId: r.parent_id,
  custom: parseJson(r.custom, customValues),
  version: Number(r.version),
  createdAt: fromStoredTime(r.created_at),
  createdBy: r.created_by,
  updatedAt: fromStoredTime(r.updated_at),
  updatedBy: r.updated_by,
});

export const fromCompany = (c: Company): CompaniesTable => ({
  id: c.id,
  name: c.name,
  name_key: c.nameKey,
  parent_id: c.parentId,
  custom: JSON.stringify(c.custom),
  version: c.version,
  created_at: toStoredTime(c.createdAt),
  created_by: c.createdBy,
  updated_at: toStoredTime(c.updatedAt),
  updated_by: c.updatedBy,
});

export const toMembership = (r: MembershipsTable): Membership => ({
  contactId: r.contact_id,
  companyId: r.company_id,
  role: r.role,
  isPrimary: Number(r.is_primary) === 1,
  createdAt: fromStoredTime(r.created_at),
  createdBy: r.created_by,
});

export const fromMembership = (m: Membership): MembershipsTable => ({
  contact_id: m.contactId,
  company_id: m.companyId,
  role: m.role,
  is_primary: m.isPrimary ? 1 : 0,
  created_at: toStoredTime(m.createdAt),
  created_by: m.createdBy,
});

export const toLink = (r: LinksTable): Link => ({
  id: r.id,
  recordType: r.record_type as RecordType,
  recordId: r.record_id,
  targetType: r.target_type as LinkTargetType,
  targetId: r.target_id,
  targetKey: r.target_key,
  url: r.url,
  title: r.title,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export const fromLink = (l: Link): LinksTable => ({
  id: l.id,
  record_type: l.recordType,
  record_id: l.recordId,
  target_type: l.targetType,
  target_id: l.targetId,
  target_key: l.targetKey,
  url: l.url,
  title: l.title,
  created_at: l.createdAt,
  created_by: l.createdBy,
});

export const toNote = (r: NotesTable): Note => ({
  id: r.id,
  recordType: r.record_type as RecordType,
  recordId: r.record_id,
  authorId: r.author_id,
  body: r.body,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const fromNote = (n: Note): NotesTable => ({
  id: n.id,
  record_type: n.recordType,
  record_id: n.recordId,
  author_id: n.authorId,
  body: n.body,
  version: n.version,
  created_at: n.createdAt,
  updated_at: n.updatedAt,
});

export const toField = (r: CustomFieldsTable): CustomField => ({
  id: r.id,
  entity: r.entity as RecordType,
  name: r.name,
  nameKey: r.name_key,
  type: r.type as CustomFieldType,
  options: parseJson(r.options, stringList),
  createdAt: r.created_at,
});

export const fromField = (f: CustomField): CustomFieldsTable => ({
  id: f.id,
  entity: f.entity,
  name: f.name,
  name_key: f.nameKey,
  type: f.type,
  options: JSON.stringify(f.options),
  created_at: f.createdAt,
});
