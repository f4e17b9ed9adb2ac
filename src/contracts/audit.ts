// The history, merge and privacy part of the resolver API: reading the audit trail, merging duplicates, erasing a contact.
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../domain/limits';
import type { AuditAction, AuditEntry } from '../domain/ports';
import type { Id } from '../domain/records';
import { emailAddressSchema, idSchema, recordTypeSchema } from '../domain/schemas';

export const DEFAULT_AUDIT_PAGE_SIZE = 25;

// The mapped type makes the compiler flag an AuditAction added in ports.ts but missing here.
const AUDIT_ACTIONS = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  merge: 'merge',
  link: 'link',
  unlink: 'unlink',
  'membership-add': 'membership-add',
  'membership-update': 'membership-update',
  'membership-remove': 'membership-remove',
  'note-add': 'note-add',
  'note-edit': 'note-edit',
  'note-delete': 'note-delete',
  erase: 'erase',
  import: 'import',
} as const satisfies { [K in AuditAction]: K };

const limitSchema = z
  .number()
  .int('A page size is a whole number')
  .min(1, 'Ask for at least 1 entry')
  .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} entries per page`)
  .default(DEFAULT_AUDIT_PAGE_SIZE);

/** The `next` of a previous page: "<time>|<entry id>". */
const cursorSchema = z
  .string()
  .regex(/^[^|]{1,40}\|[^|]{1,255}$/, 'The page cursor is not valid; start again from the first page')
  .nullish();

/** Any ISO-8601 date and time with a zone, stored and compared as UTC like the entries' own times. */
const timeSchema = z.iso
  .datetime({ offset: true, error: 'Give a date and time with a zone, like 2026-01-31T00:00:00Z' })
  .transform((value) => new Date(value).toISOString());

const versionSchema = z
  .number({ error: 'Send the version of the record you merged from' })
  .int('A version is a whole number')
  .min(1, 'A version is at least 1');

export const auditRecordSchema = z.object({ recordType: recordTypeSchema, recordId: idSchema, after: cursorSchema, limit: limitSchema });

export const auditListSchema = z
  .object({
    recordType: z.string().trim().min(1, 'Give a record type').max(32, 'A record type is at most 32 characters').optional(),
    recordId: z.string().trim().min(1, 'Give a record id').max(255, 'A record id is at most 255 characters').optional(),
    actor: z.string().trim().min(1, 'Give an account id').max(128, 'An account id is at most 128 characters').optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    jobId: z.string().trim().min(1, 'Give an import job id').max(64, 'A job id is at most 64 characters').optional(),
    /** Entries at or after this time. */
    from: timeSchema.optional(),
    /** Entries before this time. */
    to: timeSchema.optional(),
    after: cursorSchema,
    limit: limitSchema,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'The end of the date range must come after its start', path: ['to'] });

const mergeSchema = (what: string) =>
  z
    .object({
      keepId: idSchema,
      mergeId: idSchema,
      versions: z.object({ keep: versionSchema, merge: versionSchema }, { error: `Send the versions of both ${what} as { keep, merge }` }),
    })
    .refine((m) => m.keepId !== m.mergeId, { message: `Pick two different ${what} to merge`, path: ['mergeId'] });

export const contactMergeSchema = mergeSchema('contacts');
export const companyMergeSchema = mergeSchema('companies');

export const contactEraseSchema = z
  .object({
    id: idSchema.optional(),
    /** A deleted or merged-away contact can be erased by the email it had. */
    email: emailAddressSchema.optional(),
    confirm: z.literal(
      true,
      'Erasing removes the contact, its memberships, links and notes, and blanks its history for good; send confirm: true to go ahead',
    ),
  })
  .refine((c) => (c.id === undefined) !== (c.email === undefined), { message: 'Give either the id or the email of the contact to erase', path: ['id'] });

export const auditApi = {
  'audit/record': { input: auditRecordSchema, action: 'read' },
  'audit/list': { input: auditListSchema, action: 'admin' },
  'contacts/merge': { input: contactMergeSchema, action: 'write' },
  'companies/merge': { input: companyMergeSchema, action: 'write' },
  'contacts/erase': { input: contactEraseSchema, action: 'admin' },
} as const;

/** A page of history, newest first; actor ids are shown as stored (an account id, "import:<job>", "deleted-user"). */
export type AuditPage = { items: AuditEntry[]; next: string | null };

/** The kept record after a merge (reload it for its view), and what moved over from the merged one. */
export type ContactMerged = { id: Id; version: number; mergedId: Id; moved: { memberships: number; links: number; notes: number } };
export type CompanyMerged = {
  id: Id;
  version: number;
  mergedId: Id;
  moved: { memberships: number; links: number; notes: number; domains: number; children: number };
};

export type ContactErased = {
  id: Id;
  /** Other records of the same person (merged into it, or it into them) erased with it. */
  alsoErased: Id[];
  removed: { memberships: number; links: number; notes: number; stagedRows: number };
  /** History entries whose values were replaced by the erasure tombstone. */
  redactedEntries: number;
};

export type AuditResults = {
  'audit/record': AuditPage;
  'audit/list': AuditPage;
  'contacts/merge': ContactMerged;
  'companies/merge': CompanyMerged;
  'contacts/erase': ContactErased;
};
