// The resolver API shared by the backend and both frontends: keys, zod input schemas, required actions, result types.
import { z } from 'zod';
import { appSettingsPatchSchema, type AppSettings } from '../domain/app-settings';
import { customFieldInputSchema } from '../domain/custom-fields';
import type { ErrorCode } from '../domain/errors';
import { MAX_CUSTOM_VALUE_LENGTH, MAX_PAGE_SIZE, MAX_ROLE_LENGTH, MAX_SEARCH_LENGTH } from '../domain/limits';
import type { AuditEntry } from '../domain/ports';
import type { Company, Contact, CustomField, Id, Link, Note, Role } from '../domain/records';
import type { Action } from '../domain/roles';
import { auditApi, type AuditResults } from './audit';
import { duplicatesApi, type DuplicatesResults } from './duplicates';
import { importIssuesApi, type ImportIssuesResults } from './import-issues';
import { importApi, type ImportResults } from './import';
import { linksApi, type LinksResults } from './links';
import { matchingApi, type MatchingResults } from './matching';
import { visibilityApi, type VisibilityResults } from './visibility';
import {
  companyInputSchema,
  companyPatchSchema,
  contactInputSchema,
  contactPatchSchema,
  idSchema,
  membershipInputSchema,
  noteInputSchema,
  recordTypeSchema,
} from '../domain/schemas';

export type { AppSettings } from '../domain/app-settings';
export type { Action } from '../domain/roles';

export const DEFAULT_PAGE_SIZE = 25;

// ---------------------------------------------------------------------------------------------------------------
// Result envelope

export type ErrorDetails = Record<string, unknown>;
export type ApiError = { code: ErrorCode; message: string; details?: ErrorDetails };
/** Every resolver answers with this: data on success, a code and a sentence saying what to do on failure. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------------------------
// Input schemas

const versionSchema = z
  .number({ error: 'Send the version of the record you edited' })
  .int('A version is a whole number')
  .min(1, 'A version is at least 1');

const pageSchema = {
  text: z.string().trim().max(MAX_SEARCH_LENGTH, `Search text can be at most ${MAX_SEARCH_LENGTH} characters`).optional(),
  custom: z
    .object({
      fieldId: idSchema,
      value: z.string().max(MAX_CUSTOM_VALUE_LENGTH, `A custom value can be at most ${MAX_CUSTOM_VALUE_LENGTH} characters`),
    })
    .optional(),
  sort: z.enum(['name', 'updated']).optional(),
  after: z.string().max(1000, 'The page cursor is not valid; start again from the first page').nullable().optional(),
  limit: z
    .number()
    .int('A page size is a whole number')
    .min(1, 'Ask for at least 1 result')
    .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} results per page`)
    .default(DEFAULT_PAGE_SIZE),
};

export const contactSearchSchema = z.object({
  ...pageSchema,
  companyId: idSchema.optional(),
  role: z.string().trim().max(MAX_ROLE_LENGTH, `Role can be at most ${MAX_ROLE_LENGTH} characters`).optional(),
});

export const companySearchSchema = z.object({ ...pageSchema, parentId: idSchema.optional() });

const byIdSchema = z.object({ id: idSchema });

export const contactUpdateSchema = contactPatchSchema.extend({ id: idSchema, version: versionSchema });
export const companyUpdateSchema = companyPatchSchema.extend({ id: idSchema, version: versionSchema });

/** Adds the membership, or changes its role and primary flag; a field left out keeps its stored value. */
export const membershipSetSchema = z.object({
  contactId: membershipInputSchema.shape.contactId,
  companyId: membershipInputSchema.shape.companyId,
  role: membershipInputSchema.shape.role.unwrap().optional(),
  isPrimary: z.boolean().optional(),
});

export const membershipRemoveSchema = z.object({ contactId: idSchema, companyId: idSchema });

export const noteUpdateSchema = z.object({ id: idSchema, version: versionSchema, body: noteInputSchema.shape.body });

export const fieldListSchema = z.object({ entity: recordTypeSchema.optional() });

/** Name and options can change; a field's entity and type cannot (stored values were checked against them). */
export const fieldUpdateSchema = z.object({
  id: idSchema,
  name: customFieldInputSchema.shape.name.optional(),
  options: customFieldInputSchema.shape.options.unwrap().optional(),
});

export const fieldDeleteSchema = z.object({
  id: idSchema,
  confirm: z.literal(true, 'Deleting a field removes its value from every record; send confirm: true to go ahead'),
});

const noInputSchema = z.object({});

// ---------------------------------------------------------------------------------------------------------------
// View models the UIs render

export type CompanyRef = { id: Id; name: string };

export type MembershipView = {
  contactId: Id;
  companyId: Id;
  companyName: string;
  role: string;
  isPrimary: boolean;
  createdAt: string;
};

/** A contact with its memberships, each joined to its company's name; primary first, then by company name. */
export type ContactView = Contact & { memberships: MembershipView[] };

/** A company with its parent's name and how many subsidiaries and members it has. */
export type CompanyView = Company & { parent: CompanyRef | null; childCount: number; memberCount: number };

export type CompanyMemberView = {
  contactId: Id;
  displayName: string;
  email: string;
  jobTitle: string;
  role: string;
  isPrimary: boolean;
};

/** A note, with what the current user may do to it. */
export type NoteView = Note & { canEdit: boolean; canDelete: boolean };

export type HistoryEntry = AuditEntry;

export type ContactProfile = {
  contact: ContactView;
  /** Links to issues and pages the caller may see (live titles); the others are only counted in hiddenLinks. */
  links: Link[];
  hiddenLinks: number;
  notes: NoteView[];
  /** The most recent changes, newest first. */
  history: HistoryEntry[];
};

export type CompanyProfile = {
  company: CompanyView;
  /** Subsidiaries by name (the first PROFILE_CHILDREN_LIMIT; company.childCount has them all). */
  children: CompanyRef[];
  /** Members by name (the first PROFILE_MEMBERS_LIMIT; company.memberCount has them all, contacts/search pages them). */
  contacts: CompanyMemberView[];
  /** Links to issues and pages the caller may see (live titles); the others are only counted in hiddenLinks. */
  links: Link[];
  hiddenLinks: number;
  notes: NoteView[];
  history: HistoryEntry[];
};

export const PROFILE_CHILDREN_LIMIT = 100;
export const PROFILE_MEMBERS_LIMIT = 100;
export const PROFILE_HISTORY_LIMIT = 25;

export type SearchPage<T> = { items: T[]; next: string | null; total: number };

export type ContactDeleted = { id: Id; removed: { memberships: number; links: number; notes: number } };
export type CompanyDeleted = { id: Id; detachedChildren: number; removed: { memberships: number; links: number; notes: number } };
export type NoteDeleted = { id: Id };
export type FieldDeleted = { id: Id; valuesRemoved: number };
export type Me = { accountId: string; role: Role; displayName: string };

// ---------------------------------------------------------------------------------------------------------------
// The API: each key with its input schema and the action its caller's role must allow

type Definition = { input: z.ZodType<unknown, Record<string, unknown>>; action: Action };

export const api = {
  'contacts/search': { input: contactSearchSchema, action: 'read' },
  'contacts/get': { input: byIdSchema, action: 'read' },
  'contacts/create': { input: contactInputSchema, action: 'write' },
  'contacts/update': { input: contactUpdateSchema, action: 'write' },
  'contacts/delete': { input: byIdSchema, action: 'write' },
  'companies/search': { input: companySearchSchema, action: 'read' },
  'companies/get': { input: byIdSchema, action: 'read' },
  'companies/create': { input: companyInputSchema, action: 'write' },
  'companies/update': { input: companyUpdateSchema, action: 'write' },
  'companies/delete': { input: byIdSchema, action: 'write' },
  'memberships/set': { input: membershipSetSchema, action: 'write' },
  'memberships/remove': { input: membershipRemoveSchema, action: 'write' },
  'notes/add': { input: noteInputSchema, action: 'write' },
  'notes/update': { input: noteUpdateSchema, action: 'write' },
  'notes/delete': { input: byIdSchema, action: 'write' },
  'fields/list': { input: fieldListSchema, action: 'read' },
  'fields/create': { input: customFieldInputSchema, action: 'admin' },
  'fields/update': { input: fieldUpdateSchema, action: 'admin' },
  'fields/delete': { input: fieldDeleteSchema, action: 'admin' },
  'settings/get': { input: noInputSchema, action: 'admin' },
  'settings/update': { input: appSettingsPatchSchema, action: 'admin' },
  me: { input: noInputSchema, action: 'read' },
  ...importApi,
  ...linksApi,
  ...auditApi,
  ...matchingApi,
  ...duplicatesApi,
  ...importIssuesApi,
  ...visibilityApi,
} as const satisfies Record<string, Definition>;

export type ResolverKey = keyof typeof api;
export const RESOLVER_KEYS = Object.keys(api) as ResolverKey[];

/** What a caller sends (defaults may be left out). */
export type ApiInput<K extends ResolverKey> = z.input<(typeof api)[K]['input']>;
/** What a handler receives after parsing (defaults filled in, values normalised). */
export type ApiCommand<K extends ResolverKey> = z.output<(typeof api)[K]['input']>;

// Accepts a result map only when its keys are exactly the keys of `api`.
type ForEveryKey<T extends Record<ResolverKey, unknown> & Record<Exclude<keyof T, ResolverKey>, never>> = T;

/** The data each key answers with. */
export type ApiResults = ForEveryKey<ImportResults & LinksResults & AuditResults & MatchingResults & DuplicatesResults & ImportIssuesResults & VisibilityResults & {
  'contacts/search': SearchPage<ContactView>;
  'contacts/get': ContactProfile;
  'contacts/create': ContactView;
  'contacts/update': ContactView;
  'contacts/delete': ContactDeleted;
  'companies/search': SearchPage<CompanyView>;
  'companies/get': CompanyProfile;
  'companies/create': CompanyView;
  'companies/update': CompanyView;
  'companies/delete': CompanyDeleted;
  'memberships/set': ContactView;
  'memberships/remove': ContactView;
  'notes/add': NoteView;
  'notes/update': NoteView;
  'notes/delete': NoteDeleted;
  'fields/list': CustomField[];
  'fields/create': CustomField;
  'fields/update': CustomField;
  'fields/delete': FieldDeleted;
  'settings/get': AppSettings;
  'settings/update': AppSettings;
  me: Me;
}>;

export type ApiResult<K extends ResolverKey> = ApiResults[K];

/**
 * The API as `makeResolver<ResolverDefs>` and `makeInvoke<ResolverDefs>` see it. Every call resolves to an Envelope;
 * keys without input take no argument.
 */
export type ResolverDefs = {
  [K in ResolverKey]: string extends keyof ApiInput<K>
    ? () => Promise<Envelope<ApiResult<K>>>
    : (input: ApiInput<K>) => Promise<Envelope<ApiResult<K>>>;
};

