// The customer records the app keeps: contacts, companies and what joins them to each other and to work.

export type Id = string;
export type RecordType = 'contact' | 'company';
export type CustomValues = Record<string, string>; // custom field id -> canonical text value

export type Audit = {
  createdAt: string; // ISO-8601 UTC
  createdBy: string; // account id, "import:<jobId>" or "auto-match"
  updatedAt: string;
  updatedBy: string;
};

export type Contact = Audit & {
  id: Id;
  email: string; // normalised, unique
  firstName: string;
  lastName: string;
  displayName: string;
  phone: string;
  jobTitle: string;
  custom: CustomValues;
  version: number;
};

export type Company = Audit & {
  id: Id;
  name: string;
  nameKey: string;
  domains: string[];
  parentId: Id | null;
  custom: CustomValues;
  version: number;
};

export type Membership = {
  contactId: Id;
  companyId: Id;
  role: string;
  isPrimary: boolean;
  createdAt: string;
  createdBy: string;
};

export type LinkTargetType = 'issue' | 'page' | 'space';

export type Link = {
  id: Id;
  recordType: RecordType;
  recordId: Id;
  targetType: LinkTargetType;
  targetId: string; // Jira issue id, Confluence page id or space key
  targetKey: string; // issue key; space key; '' for pages
  url: string;
  title: string;
  createdAt: string;
  createdBy: string;
};

export type Note = {
  id: Id;
  recordType: RecordType;
  recordId: Id;
  authorId: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type CustomFieldType = 'text' | 'number' | 'date' | 'url' | 'email' | 'phone' | 'select';

export type CustomField = {
  id: Id;
  entity: RecordType;
  name: string;
  nameKey: string;
  type: CustomFieldType;
  options: string[]; // for 'select'
  createdAt: string;
};

export type Role = 'viewer' | 'editor' | 'admin';

/** The editable fields of a contact, as a create/update command carries them. */
export type ContactFields = Pick<Contact, 'email' | 'firstName' | 'lastName' | 'displayName' | 'phone' | 'jobTitle' | 'custom'>;
export type CompanyFields = Pick<Company, 'name' | 'domains' | 'parentId' | 'custom'>;

export const CONTACT_TEXT_FIELDS = ['email', 'firstName', 'lastName', 'displayName', 'phone', 'jobTitle'] as const;
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];
