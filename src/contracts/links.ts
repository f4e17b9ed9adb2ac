// The linking part of the resolver API: records linked to Jira issues and Confluence pages, the issue panel's reads.
import { z } from 'zod';
import { MAX_SEARCH_LENGTH } from '../domain/limits';
import type { Id, Link, LinkTargetType, RecordType } from '../domain/records';
import { idSchema, recordTypeSchema } from '../domain/schemas';
import { ISSUE_ID_PATTERN, ISSUE_KEY_PATTERN, type IssueStatusCategory } from '../domain/work-items';

/** Contacts and companies each, in the panel's search. */
export const TYPEAHEAD_LIMIT = 8;
/** Companies linked along with a contact in one call (the panel offers the contact's primary company). */
export const MAX_ALSO_COMPANIES = 10;

const issueIdSchema = z.string().trim().regex(ISSUE_ID_PATTERN, 'An issue id is the number Jira gives the issue (such as 10042)');

/** An issue (JSM requests are issues too) by id or key, with its pasted address; or a Confluence page or space by URL. */
export const linkTargetSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('issue'),
      issueId: issueIdSchema.optional(),
      issueKey: z.string().trim().toUpperCase().regex(ISSUE_KEY_PATTERN, 'An issue key looks like SUP-42').optional(),
      /** The issue's address as pasted; the server links it only when it is on this site. */
      url: z.string().trim().max(2000, 'An issue link is at most 2000 characters').optional(),
    })
    .refine((t) => t.issueId !== undefined || t.issueKey !== undefined, { message: 'Say which issue to link: its id or its key', path: ['issueKey'] }),
  z.object({
    type: z.literal('confluence'),
    url: z.string().trim().min(1, 'Paste the link of a Confluence page or space').max(2000, 'A Confluence link is at most 2000 characters'),
  }),
]);

const recordRefSchema = { recordType: recordTypeSchema, recordId: idSchema };

export const linkAddSchema = z.object({
  ...recordRefSchema,
  target: linkTargetSchema,
  alsoCompanyIds: z.array(idSchema).max(MAX_ALSO_COMPANIES, `Link at most ${MAX_ALSO_COMPANIES} companies along with a record`).default([]),
});

export const linkRemoveSchema = z.object({
  ...recordRefSchema,
  targetType: z.enum(['issue', 'page', 'space'] as const satisfies readonly LinkTargetType[]),
  targetId: z.string().trim().min(1, 'Say which issue, page or space to unlink').max(255, 'A link target id is at most 255 characters'),
});

/** Linked work shown per call on a profile; more come with the `after` cursor. */
export const LINKED_WORK_PAGE_SIZE = 25;
export const MAX_LINKED_WORK_PAGE_SIZE = 100;

export const linkedWorkKindSchema = z.enum(['issue', 'page', 'space'] as const satisfies readonly LinkTargetType[]);

/**
 * A profile's linked work, a page at a time. `state` and `project` narrow to issues (pages and spaces have neither);
 * a company's roll-up covers its contacts, and its subsidiaries (with theirs) when `subsidiaries` is true.
 */
export const linkedWorkQuerySchema = z.object({
  ...recordRefSchema,
  kind: linkedWorkKindSchema.optional(),
  state: z.enum(['all', 'open', 'done']).default('all'),
  project: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'A project key looks like SUP').optional(),
  subsidiaries: z.boolean().default(false),
  after: z.string().regex(/^\d{1,9}$/, 'The page cursor is not valid; start again from the first page').nullable().optional(),
  limit: z
    .number()
    .int('A page size is a whole number')
    .min(1, 'Ask for at least 1 item')
    .max(MAX_LINKED_WORK_PAGE_SIZE, `Ask for at most ${MAX_LINKED_WORK_PAGE_SIZE} items per page`)
    .default(LINKED_WORK_PAGE_SIZE),
});

export const linksApi = {
  'links/for-issue': { input: z.object({ issueId: issueIdSchema }), action: 'read' },
  'links/add': { input: linkAddSchema, action: 'write' },
  'links/remove': { input: linkRemoveSchema, action: 'write' },
  'links/work': { input: linkedWorkQuerySchema, action: 'read' },
  'links/remove-missing': { input: z.object({ ...recordRefSchema, subsidiaries: z.boolean().default(false) }), action: 'write' },
  'directory/typeahead': {
    input: z.object({
      text: z.string().trim().min(1, 'Type part of a name, email or domain').max(MAX_SEARCH_LENGTH, `Search text can be at most ${MAX_SEARCH_LENGTH} characters`),
    }),
    action: 'read',
  },
} as const;

export type LinkTargetInput = z.output<typeof linkTargetSchema>;

// ---------------------------------------------------------------------------------------------------------------
// What the panel and the profile pages render

export type LinkedRecordRef = { recordType: RecordType; id: Id; name: string };

export type IssueContactCompany = { companyId: Id; companyName: string; role: string; isPrimary: boolean };

/** A contact linked to the issue, with its companies (primary first) and roles there. */
export type IssueLinkedContact = {
  id: Id;
  displayName: string;
  email: string;
  jobTitle: string;
  companies: IssueContactCompany[];
  linkedAt: string;
  linkedBy: string;
};

export type IssueLinkedCompany = { id: Id; name: string; domains: string[]; linkedAt: string; linkedBy: string };

/** Everything the issue panel shows, and whether the caller may change it. */
export type IssueLinks = {
  issue: { id: string; key: string; summary: string };
  contacts: IssueLinkedContact[];
  companies: IssueLinkedCompany[];
  canEdit: boolean;
};

export type LinkAdded = {
  /** Links this call made; a record already linked to the target is not linked again. */
  created: Link[];
  alreadyLinked: number;
  /** The issue's linked records after the change, when the target is an issue. */
  issue: IssueLinks | null;
};

export type LinkRemoved = { removed: boolean; issue: IssueLinks | null };

export type LinkedWorkState = 'available' | 'missing' | 'unchecked';

/**
 * A linked issue, page or space, read live as the user where possible. `missing` means Jira says the issue no longer
 * exists; `unchecked` shows what was stored when it was linked (spaces, and pages Confluence would not show).
 */
export type LinkedWorkItem = {
  targetType: LinkTargetType;
  targetId: string;
  state: LinkedWorkState;
  key: string;
  title: string;
  url: string;
  status: { name: string; category: IssueStatusCategory } | null;
  issueType: string | null;
  assignee: string | null;
  /** When the issue last changed; null for pages, spaces and missing issues. */
  updated: string | null;
  /** The issue's project now (or, for a missing issue, the one its stored key names). */
  project: { key: string; name: string } | null;
  /** Which records hold the link: the profile itself and, for a company, its contacts and subsidiaries. */
  via: LinkedRecordRef[];
  linkedAt: string;
};

export type LinkedWorkCounts = { issue: number; page: number; space: number };

export type LinkedWork = {
  /** This page of the linked work that matches the filters, newest link first. */
  items: LinkedWorkItem[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
  /** Linked targets of each kind in scope, as stored (before reading them live). */
  counts: LinkedWorkCounts;
  /** Project keys of the linked issues, as stored, for the project filter. */
  projects: string[];
  /** Missing issues on this page. */
  missing: number;
  /** Linked items read for this page that the user may not see; left out of `items`, and counted here only. */
  hidden: number;
  /** True when the roll-up reached its bounds (companies or contacts in scope) and some records were left out. */
  truncated: boolean;
  scope: { contacts: number; companies: number };
};

export type MissingLinksRemoved = { removed: number };

export type TypeaheadContact = { id: Id; displayName: string; email: string; jobTitle: string; primaryCompany: { id: Id; name: string } | null };
export type TypeaheadCompany = { id: Id; name: string; domains: string[] };
export type Typeahead = { contacts: TypeaheadContact[]; companies: TypeaheadCompany[] };

export type LinksResults = {
  'links/for-issue': IssueLinks;
  'links/add': LinkAdded;
  'links/remove': LinkRemoved;
  'links/work': LinkedWork;
  'links/remove-missing': MissingLinksRemoved;
  'directory/typeahead': Typeahead;
};
