// The requester-matching part of the resolver API: the suggestion on an issue, acting on it, and the admin backfill.
import { z } from 'zod';
import type { MatchStatus } from '../domain/issue-matches';
import type { Id } from '../domain/records';
import type { Proposal, SuggestReason } from '../domain/requester-match';
import { companyPatchSchema, contactPatchSchema, idSchema } from '../domain/schemas';

export type { MatchStatus } from '../domain/issue-matches';
export type { Proposal } from '../domain/requester-match';

/** Long enough for any JQL an admin writes by hand; Jira's own limit is far above it. */
export const MAX_BACKFILL_JQL_LENGTH = 2000;
/** What a backfill searches when the admin gives no JQL: every request of every Jira Service Management project. */
export const DEFAULT_BACKFILL_JQL = 'projectType = "service_desk" ORDER BY created ASC';

const issueIdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,18}$/, 'An issue id is the number Jira gives the issue (such as 10042)');
const versionSchema = z.number({ error: 'Send the version of the suggestion you saw' }).int().min(1);
const candidateKeySchema = z.string().trim().min(1, 'Say which suggestion you mean').max(200, 'That suggestion key is not valid; reload the panel');

/** Values for the records a suggestion creates; anything left out keeps the proposed value. */
export const matchAcceptSchema = z.object({
  issueId: issueIdSchema,
  version: versionSchema,
  key: candidateKeySchema,
  contact: contactPatchSchema.pick({ firstName: true, lastName: true, jobTitle: true, phone: true, email: true }).optional(),
  company: companyPatchSchema.pick({ name: true, domains: true }).optional(),
});

export const matchDismissSchema = z.object({
  issueId: issueIdSchema,
  version: versionSchema,
  /** One suggestion; without it, every suggestion on the issue is dismissed. */
  key: candidateKeySchema.optional(),
});

export const backfillStartSchema = z.object({
  jql: z.string().trim().min(1, 'Enter a JQL query, or leave it out to match every service project').max(MAX_BACKFILL_JQL_LENGTH, `A JQL query can be at most ${MAX_BACKFILL_JQL_LENGTH} characters`).optional(),
  /** Continue a backfill that stopped, from the page it had reached. */
  resumeJobId: idSchema.optional(),
});

export const matchingApi = {
  'matches/get': { input: z.object({ issueId: issueIdSchema }), action: 'read' },
  'matches/accept': { input: matchAcceptSchema, action: 'write' },
  'matches/dismiss': { input: matchDismissSchema, action: 'write' },
  'matches/backfill-start': { input: backfillStartSchema, action: 'admin' },
  'matches/backfill-status': { input: z.object({ jobId: idSchema.optional() }), action: 'admin' },
  'matches/notices': { input: z.object({}), action: 'admin' },
} as const;

/** Problems with requester matching an admin should know about; shown as one line in settings. */
export type MatchNotices = {
  /** Jira gave no requester emails recently: matching then suggests no contact by email. */
  emailAccess: { reason: 'not-approved' | 'refused' | 'disabled'; httpStatus: number; seenAt: string } | null;
};

export type MatchContactRef = { id: Id; name: string; email: string };
export type MatchCompanyRef = { id: Id; name: string };

/** One way to file the request. A null contact is created from `proposal.contact`; `createsCompany` from `proposal.company`. */
export type MatchCandidateView = {
  key: string;
  contact: MatchContactRef | null;
  company: MatchCompanyRef | null;
  createsCompany: boolean;
};

export type MatchView = {
  issueId: string;
  issueKey: string;
  status: MatchStatus;
  /** Why it is a suggestion rather than a link; null for links, accepted suggestions and issues without an email. */
  reason: SuggestReason | null;
  /** Open suggestions: not dismissed, and whose records still exist. */
  candidates: MatchCandidateView[];
  /** Proposed values of records to create; null when no suggestion creates one. */
  proposal: Proposal | null;
  /** What matching or a person linked to the issue. */
  linked: { contact: MatchContactRef | null; company: MatchCompanyRef | null } | null;
  dismissedCount: number;
  version: number;
  updatedAt: string;
};

export type BackfillStatus = 'queued' | 'running' | 'done' | 'failed';

export type BackfillSummary = { linked: number; suggested: number; noMatch: number; skipped: number; alreadySettled: number };

export type BackfillJobView = {
  id: Id;
  jql: string;
  status: BackfillStatus;
  pagesDone: number;
  issuesSeen: number;
  summary: BackfillSummary;
  /** Why the job stopped, and what to do; null while it runs or once it is done. */
  error: string | null;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
};

export type MatchingResults = {
  'matches/get': MatchView | null;
  'matches/accept': MatchView;
  'matches/dismiss': MatchView;
  'matches/backfill-start': BackfillJobView;
  'matches/backfill-status': BackfillJobView | null;
  'matches/notices': MatchNotices;
};
