// The suggestion on an issue as the panel shows it: candidates still open, resolved to names in two queries.
import type { MatchCandidateView, MatchCompanyRef, MatchContactRef, MatchView } from '../../contracts/matching';
import { AppError, notFound } from '../../domain/errors';
import type { IssueMatch } from '../../domain/issue-matches';
import { displayNameOf } from '../../domain/normalise';
import type { Store } from '../../domain/ports';
import type { Id } from '../../domain/records';
import type { Candidate, MatchDecision, SuggestOutcome } from '../../domain/requester-match';
import type { Actor } from '../deps';
import { getVisibleIssue } from '../link-targets';
import { assertPanelEnabled, type PanelScopeDeps } from '../panel-scope';
import type { LinkingDeps } from '../work-items';

export type Suggestion = Extract<MatchDecision, { outcome: SuggestOutcome }>;

export const isSuggestion = (decision: MatchDecision): decision is Suggestion => 'candidates' in decision;

/** The suggestions not yet dismissed, when the issue's outcome is a suggestion nobody acted on. */
export function openCandidates(match: IssueMatch): Candidate[] {
  const { decision } = match.detail;
  if (match.status === 'accepted' || !isSuggestion(decision)) return [];
  return decision.candidates.filter((c) => !match.dismissed.includes(c.key));
}

export async function matchView(store: Store, match: IssueMatch): Promise<MatchView> {
  const { decision, accepted } = match.detail;
  const linkedPair = accepted ?? (decision.outcome === 'link' ? decision.candidate : null);
  const open = openCandidates(match);
  const pairs = [...open, ...(linkedPair ? [linkedPair] : [])];
  const contactIds = pairs.flatMap((p) => (p.contactId === null ? [] : [p.contactId]));
  const companyIds = pairs.flatMap((p) => (p.companyId === null ? [] : [p.companyId]));
  const [contacts, companies] = await Promise.all([
    contactIds.length > 0 ? store.contacts.findMany(contactIds) : Promise.resolve([]),
    companyIds.length > 0 ? store.companies.findMany(companyIds) : Promise.resolve([]),
  ]);
  const contactRefs = new Map<Id, MatchContactRef>(contacts.map((c) => [c.id, { id: c.id, name: displayNameOf(c), email: c.email }]));
  const companyRefs = new Map<Id, MatchCompanyRef>(companies.map((c) => [c.id, { id: c.id, name: c.name }]));

  // A candidate whose contact or company was deleted since it was suggested is no longer offered.
  const candidates: MatchCandidateView[] = [];
  for (const c of open) {
    const contact = c.contactId === null ? null : (contactRefs.get(c.contactId) ?? undefined);
    const company = c.companyId === null ? null : (companyRefs.get(c.companyId) ?? undefined);
    if (contact === undefined || company === undefined) continue;
    candidates.push({ key: c.key, contact, company, createsCompany: c.newCompany });
  }
  const createsSomething = candidates.some((c) => c.contact === null || c.createsCompany);
  return {
    issueId: match.issueId,
    issueKey: match.issueKey,
    status: match.status,
    reason: match.status !== 'accepted' && isSuggestion(decision) ? decision.reason : null,
    candidates,
    proposal: createsSomething && isSuggestion(decision) ? decision.proposal : null,
    linked: linkedPair
      ? {
          contact: linkedPair.contactId === null ? null : (contactRefs.get(linkedPair.contactId) ?? null),
          company: linkedPair.companyId === null ? null : (companyRefs.get(linkedPair.companyId) ?? null),
        }
      : null,
    dismissedCount: match.dismissed.length,
    version: match.version,
    updatedAt: match.updatedAt,
  };
}

/**
 * The suggestion holds the requester's email, which Jira gave the app, not the user: only someone who may see the
 * issue sees it.
 */
export async function getMatch(deps: LinkingDeps & PanelScopeDeps, actor: Actor, command: { issueId: string }): Promise<MatchView | null> {
  const issue = await getVisibleIssue(deps.workItems, command.issueId);
  await assertPanelEnabled(deps, actor, issue);
  const match = await deps.store.issueMatches.find(command.issueId);
  return match === null ? null : matchView(deps.store, match);
}

/** The stored match at the version the caller saw; NOT_FOUND or CONFLICT otherwise. */
export async function matchAtVersion(store: Store, issueId: string, version: number): Promise<IssueMatch> {
  const match = await store.issueMatches.find(issueId);
  if (match === null) throw notFound('The suggestion for issue', issueId);
  if (match.version !== version) {
    throw new AppError('CONFLICT', `The suggestion for ${match.issueKey} changed since you opened it. Reload the panel and choose again.`);
  }
  return match;
}
