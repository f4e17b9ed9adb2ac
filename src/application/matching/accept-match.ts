// Accepting a suggestion: create the missing contact or company from the (edited) proposal, then link them to the issue.
import type { z } from 'zod';
import { describeProblem, fieldProblems } from '../../contracts/validation';
import type { MatchView } from '../../contracts/matching';
import { AppError, invalid } from '../../domain/errors';
import type { IssueMatch } from '../../domain/issue-matches';
import type { Contact } from '../../domain/records';
import type { Proposal } from '../../domain/requester-match';
import { companyInputSchema, contactInputSchema, type CompanyInput, type CompanyPatch, type ContactInput, type ContactPatch } from '../../domain/schemas';
import { getCompany } from '../company-rules';
import { getContact } from '../contact-rules';
import { createCompany } from '../create-company';
import { createContact } from '../create-contact';
import type { Actor, Deps } from '../deps';
import { linkRecord } from '../link-record';
import { getVisibleIssue } from '../link-targets';
import { assertPanelEnabled, type PanelScopeDeps } from '../panel-scope';
import { setMembership } from '../set-membership';
import type { LinkingDeps } from '../work-items';
import { isSuggestion, matchAtVersion, matchView, openCandidates } from './match-view';

export type AcceptMatchCommand = {
  issueId: string;
  version: number;
  key: string;
  /** `email` counts only when the proposal has none (Jira gave no email): then the person types it. */
  contact?: Pick<ContactPatch, 'firstName' | 'lastName' | 'jobTitle' | 'phone' | 'email'>;
  company?: Pick<CompanyPatch, 'name' | 'domains'>;
};

/** Records are created only once it is clear the user may see the issue; the links are made as that user. */
export async function acceptMatch(deps: LinkingDeps & PanelScopeDeps, actor: Actor, command: AcceptMatchCommand): Promise<MatchView> {
  const { store } = deps;
  const issue = await getVisibleIssue(deps.workItems, command.issueId);
  await assertPanelEnabled(deps, actor, issue);
  const match = await matchAtVersion(store, command.issueId, command.version);
  const candidate = openCandidates(match).find((c) => c.key === command.key);
  const { decision } = match.detail;
  if (candidate === undefined || !isSuggestion(decision)) {
    throw invalid(`That suggestion is no longer offered for ${match.issueKey}; reload the panel to see what is.`, { field: 'key' });
  }

  // Everything is checked before anything is written: the records named still exist, and the edited values are valid.
  const contactPlan: { existing: Contact } | { create: ContactInput } = candidate.contactId === null ? { create: contactInput(decision.proposal, command.contact) } : { existing: await getContact(store, candidate.contactId) };
  const existingCompany = candidate.companyId === null ? null : await getCompany(store, candidate.companyId);
  const newCompany = candidate.newCompany ? companyInput(decision.proposal, command.company) : null;

  const companyId = newCompany !== null ? (await createCompany(deps, actor, newCompany)).id : (existingCompany?.id ?? null);
  const contact = 'existing' in contactPlan ? contactPlan.existing : await findOrCreateContact(deps, actor, contactPlan.create);
  if (companyId !== null) {
    const memberships = await store.memberships.forContacts([contact.id]);
    // A requester confirmed as belonging to a company joins it; as their first company it becomes their primary one.
    if (!memberships.some((m) => m.companyId === companyId)) {
      await setMembership(deps, actor, { contactId: contact.id, companyId, isPrimary: memberships.length === 0 });
    }
  }

  const pair = { contactId: contact.id, companyId };
  await linkRecord(deps, actor, {
    recordType: 'contact',
    recordId: contact.id,
    target: { type: 'issue', issueId: match.issueId, issueKey: match.issueKey },
    alsoCompanyIds: companyId === null ? [] : [companyId],
  });
  const at = deps.clock().toISOString();
  const accepted: IssueMatch = {
    ...match,
    status: 'accepted',
    detail: { ...match.detail, accepted: { key: candidate.key, ...pair, by: actor.accountId, at } },
    version: match.version + 1,
    updatedAt: at,
  };
  await store.issueMatches.update(accepted);
  return matchView(store, accepted);
}

function companyInput(proposal: Proposal, edits: AcceptMatchCommand['company']): CompanyInput {
  const proposed = proposal.company;
  if (proposed === null) throw new AppError('INTERNAL', 'The suggestion proposes a company without its values.');
  return parseOrInvalid(companyInputSchema, { name: edits?.name ?? proposed.name, domains: edits?.domains ?? [proposed.domain] }, 'company');
}

function contactInput(proposal: Proposal, edits: AcceptMatchCommand['contact']): ContactInput {
  const values = {
    email: proposal.contact.email === '' ? (edits?.email ?? '') : proposal.contact.email,
    firstName: edits?.firstName ?? proposal.contact.firstName,
    lastName: edits?.lastName ?? proposal.contact.lastName,
    jobTitle: edits?.jobTitle ?? '',
    phone: edits?.phone ?? '',
  };
  return parseOrInvalid(contactInputSchema, values, 'contact');
}

/** Someone may have added the requester since the suggestion was made: use that contact rather than fail on the email. */
async function findOrCreateContact(deps: Deps, actor: Actor, input: ContactInput): Promise<Contact> {
  const [existing] = await deps.store.contacts.findByEmails([input.email]);
  return existing ?? createContact(deps, actor, input);
}

function parseOrInvalid<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [problem] = fieldProblems(parsed.error);
  const field = problem ? `${prefix}.${problem.field}` : prefix;
  throw invalid(problem ? describeProblem({ field, message: problem.message }) : `The ${prefix} is not valid.`, { field });
}
