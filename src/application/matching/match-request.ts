// Matches one request's reporter to the directory: one email look-up, two queries, then link or record a suggestion.
import type { IssueMatch, MatchStatus } from '../../domain/issue-matches';
import type { Id, RecordType } from '../../domain/records';
import { decideMatch, decideWithoutEmail, requesterKeys, skipReason, type AutoMatchSettings, type Candidate, type MatchDecision } from '../../domain/requester-match';
import { resyncIssues, type IssueSyncDeps } from '../issue-sync-hook';
import { isProjectInScope, type PanelScope } from '../../domain/visibility';
import { loadAppSettings } from '../settings';
import { noteEmailAccessProblem } from './email-access';
import { loadVisibility } from '../visibility-settings';
import { AUTO_MATCH_ACTOR, linkRecordsToIssue } from './link-issue';
import type { RequestDirectory, RequestIssue } from './request-directory';

/** Storage, the Jira port, and (where wired) the issue-property sync that keeps JQL in step with new links. */
export type MatchDeps = IssueSyncDeps & { requests: RequestDirectory };

/** How a match counts in a backfill's summary. */
export type MatchKind = 'linked' | 'suggested' | 'no-match' | 'skipped' | 'already-settled';

export type MatchResult = { kind: MatchKind; status: MatchStatus; linksMade: number };

export type MatchOptions = {
  /** What is matching: 'trigger', or 'backfill:<job id>'. */
  source: string;
  /** The issue's stored match, when the caller has read it (a backfill reads a page of them in one query). */
  previous?: IssueMatch | null;
  /** The auto-match settings, when the caller has loaded them already. */
  settings?: AutoMatchSettings;
  /** The caller queues the issue-property sync itself, for many issues at once (a backfill page). */
  deferPropertySync?: boolean;
  /** The projects whose issues show customer data, when the caller has loaded them already. */
  panelScope?: PanelScope;
};

export const TRIGGER_SOURCE = 'trigger';

/**
 * Safe to run again for the same issue: links are kept once, the stored outcome is replaced (dismissals kept), and an
 * issue a person already settled, or another run already linked, is left as it is.
 */
export async function matchRequest(deps: MatchDeps, issue: RequestIssue, options: MatchOptions): Promise<MatchResult> {
  const settings = options.settings ?? (await loadAppSettings(deps.settings)).autoMatch;
  // Skipped issues are not stored: most issues of a site are not requests, and nothing about them needs showing.
  if (skipReason(issue, settings) !== null) return { kind: 'skipped', status: 'skipped', linksMade: 0 };
  // Customer data is kept off issues of projects where admins did not enable the panel: no links, no suggestions.
  const panelScope = options.panelScope ?? (await loadVisibility(deps.settings)).panelScope;
  if (!isProjectInScope(panelScope, { key: issue.projectKey, typeKey: issue.projectTypeKey })) return { kind: 'skipped', status: 'skipped', linksMade: 0 };
  const previous = options.previous ?? null;
  if (previous !== null && isSettled(previous, options.source)) return { kind: 'already-settled', status: previous.status, linksMade: 0 };

  const decision = await decide(deps, issue, settings, previous?.dismissed ?? []);
  const linksMade = decision.outcome === 'link' ? await linkRecordsToIssue(deps, AUTO_MATCH_ACTOR, issue, recordsOf(decision.candidate)) : 0;
  // Queued rather than written: a trigger has little time, and the sync retries on its own if Jira refuses. Queued on
  // every link decision, not only when a link was new, so a run that died after linking still gets the property right.
  if (decision.outcome === 'link' && options.deferPropertySync !== true) await resyncIssues(deps, [issue.id]);
  // Stored last: a failure above leaves no outcome behind, so a retry starts clean and nobody acts on half a result.
  await deps.store.issueMatches.record({
    issueId: issue.id,
    issueKey: issue.key,
    status: decision.outcome,
    detail: { decision, summary: issue.summary, url: issue.url, source: options.source, accepted: null },
    reporterAccountId: issue.reporterAccountId ?? '',
    at: deps.clock().toISOString(),
  });
  return { kind: kindOf(decision), status: decision.outcome, linksMade };
}

/** A person accepted a suggestion, or an earlier run linked the issue: re-running must not undo or redo that. */
function isSettled(previous: IssueMatch, source: string): boolean {
  return previous.status === 'accepted' || (previous.status === 'link' && previous.detail.source !== source);
}

async function decide(deps: MatchDeps, issue: RequestIssue, settings: AutoMatchSettings, dismissed: readonly string[]): Promise<MatchDecision> {
  if (issue.reporterAccountId === null) return { outcome: 'no-email', reason: 'no-reporter' };
  const lookup = await deps.requests.getEmail(issue.reporterAccountId);
  if (lookup.problem !== null) await noteEmailAccessProblem(deps, lookup.problem);
  const keys = requesterKeys(lookup.email, settings);
  if (keys === null) return decideWithoutEmail(issue.reporterDisplayName);
  const [found, companies] = await Promise.all([
    deps.store.contacts.findByEmailWithMemberships(keys.email),
    keys.lookupDomains.length > 0 ? deps.store.companies.findByDomainsOrNameKeys(keys.lookupDomains, []) : Promise.resolve([]),
  ]);
  return decideMatch({ keys, found, companies, settings, dismissed });
}

function recordsOf(candidate: Pick<Candidate, 'contactId' | 'companyId'>): { recordType: RecordType; recordId: Id }[] {
  const records: { recordType: RecordType; recordId: Id }[] = [];
  if (candidate.contactId !== null) records.push({ recordType: 'contact', recordId: candidate.contactId });
  if (candidate.companyId !== null) records.push({ recordType: 'company', recordId: candidate.companyId });
  return records;
}

function kindOf(decision: MatchDecision): MatchKind {
  switch (decision.outcome) {
    case 'link':
      return 'linked';
    case 'no-email':
      return 'no-match';
    case 'skipped':
      return 'skipped';
    default:
      return 'suggested';
  }
}
