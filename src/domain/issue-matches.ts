// The outcome of matching an issue's requester, as stored per issue, and the repository port that keeps it.
import { z } from 'zod';
import { matchDecisionSchema, type MatchDecision, type MatchOutcome } from './requester-match';
import type { Id } from './records';

/** A suggestion a person acted on is 'accepted'; every other status is what the matching decided. */
export type MatchStatus = MatchOutcome | 'accepted';

export type AcceptedCandidate = { key: string; contactId: Id; companyId: Id | null; by: string; at: string };

export type MatchDetail = {
  decision: MatchDecision;
  /** The issue's summary and address when it was matched: title and URL of the links made from the suggestion. */
  summary: string;
  url: string;
  /** What matched it: 'trigger', or 'backfill:<job id>'. */
  source: string;
  accepted: AcceptedCandidate | null;
};

export type IssueMatch = {
  issueId: string;
  issueKey: string;
  status: MatchStatus;
  detail: MatchDetail;
  /** Candidate keys dismissed on this issue; they are never offered or auto-linked again. */
  dismissed: string[];
  /** The reporter whose email was looked up ('' when none): found by account for personal-data erasure. */
  reporterAccountId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** A fresh matching result, before it is stored. */
export type MatchRecord = Pick<IssueMatch, 'issueId' | 'issueKey' | 'status' | 'detail' | 'reporterAccountId'> & { at: string };

export type IssueMatches = {
  find(issueId: string): Promise<IssueMatch | null>;
  findMany(issueIds: readonly string[]): Promise<IssueMatch[]>;
  /** Inserts the result, or replaces status and detail of the stored one (dismissals kept, version bumped): one statement. */
  record(match: MatchRecord): Promise<void>;
  /** Stores `match` when the stored version is `match.version - 1`; otherwise CONFLICT. */
  update(match: IssueMatch): Promise<void>;
  /** Personal-data erasure: forgets what was matched for these reporters. Returns how many issues were affected. */
  deleteForReporters(accountIds: readonly string[]): Promise<number>;
};

const acceptedSchema = z.object({ key: z.string(), contactId: z.string(), companyId: z.string().nullable(), by: z.string(), at: z.string() });

export const matchDetailSchema: z.ZodType<MatchDetail> = z.object({
  decision: matchDecisionSchema,
  summary: z.string().catch(''),
  url: z.string().catch(''),
  source: z.string().catch(''),
  accepted: acceptedSchema.nullable().catch(null),
});

export const MATCH_STATUSES = ['link', 'suggest', 'suggest-create-contact', 'suggest-create-both', 'no-email', 'skipped', 'accepted'] as const satisfies readonly MatchStatus[];
export const matchStatusSchema = z.enum(MATCH_STATUSES);
