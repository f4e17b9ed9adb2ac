// Matching a request's reporter to the directory: which contact and company an email stands for, or what to propose.
import { z } from 'zod';
import { emailDomain, isFreeMailDomain, normaliseEmail } from './normalise';
import { primaryCompanyId } from './memberships';
import type { AppSettings } from './app-settings';
import type { Company, Contact, Id, Membership } from './records';

export type AutoMatchSettings = AppSettings['autoMatch'];

/** Jira's project type of Jira Service Management projects. */
export const SERVICE_DESK_PROJECT_TYPE = 'service_desk';

export type SkipReason = 'not-service-desk' | 'project-not-selected';
export type NoEmailReason = 'no-reporter' | 'email-unavailable';
export type SuggestReason =
  | 'auto-link-off'
  | 'previously-dismissed'
  | 'contact-in-several-companies'
  | 'domain-shared'
  | 'new-contact'
  | 'new-contact-and-company';

export type MatchOutcome = 'link' | 'suggest' | 'suggest-create-contact' | 'suggest-create-both' | 'no-email' | 'skipped';

/**
 * One way to file the request: a contact (null: create it from the proposal) and a company (null: none; `newCompany`:
 * create it from the proposal). The key names the pair, so a dismissal survives a later re-match.
 */
export type Candidate = { key: string; contactId: Id | null; companyId: Id | null; newCompany: boolean };

export type ContactProposal = { email: string; firstName: string; lastName: string };
export type CompanyProposal = { name: string; domain: string };
/** Values offered for records that do not exist yet; the user may edit them before creating. */
export type Proposal = { contact: ContactProposal; company: CompanyProposal | null };

export type SuggestOutcome = Extract<MatchOutcome, 'suggest' | 'suggest-create-contact' | 'suggest-create-both'>;

export type MatchDecision =
  | { outcome: 'link'; candidate: Candidate }
  | { outcome: SuggestOutcome; reason: SuggestReason; candidates: Candidate[]; proposal: Proposal }
  | { outcome: 'no-email'; reason: NoEmailReason }
  | { outcome: 'skipped'; reason: SkipReason };

/** What the matching needs to know of an issue. */
export type RequestFacts = { projectKey: string; projectTypeKey: string };

/** Why an issue is not matched at all, or null when it should be: only JSM requests, in the chosen projects if any. */
export function skipReason(issue: RequestFacts, settings: AutoMatchSettings): SkipReason | null {
  if (issue.projectTypeKey !== SERVICE_DESK_PROJECT_TYPE) return 'not-service-desk';
  if (settings.projectKeys.length > 0 && !settings.projectKeys.includes(issue.projectKey.toUpperCase())) return 'project-not-selected';
  return null;
}

// Second-level labels under which registrable names sit (acme.co.uk, acme.com.au): never a company's own name.
const GENERIC_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ltd', 'plc', 'or', 'ne', 'go', 'gob', 'nic', 'mil', 'sch', 'biz', 'info', 'gen', 'firm', 'int']);
/** Parent domains looked up beyond the email's own domain (eu.support.acme.com -> support.acme.com, acme.com). */
const MAX_PARENT_DOMAINS = 4;

/** The domain and the parents a company could own it through, most specific first, without bare suffixes (co.uk). */
export function domainsToLookUp(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1 && out.length <= MAX_PARENT_DOMAINS; i++) {
    const rest = labels.slice(i);
    if (rest.length === 2 && GENERIC_SECOND_LEVEL.has(rest[0]!)) break;
    out.push(rest.join('.'));
  }
  return out;
}

export type RequesterKeys = {
  email: string;
  domain: string;
  freeMail: boolean;
  /** Domains whose owners are the company candidates; empty for free-mail addresses. */
  lookupDomains: string[];
};

/** The normalised email and the domains to look companies up by; null when Jira gave no usable email. */
export function requesterKeys(rawEmail: string | null, settings: AutoMatchSettings): RequesterKeys | null {
  const email = rawEmail === null ? null : normaliseEmail(rawEmail);
  if (email === null) return null;
  const domain = emailDomain(email);
  const freeMail = isFreeMailDomain(domain, settings.extraFreeMailDomains);
  return { email, domain, freeMail, lookupDomains: freeMail ? [] : domainsToLookUp(domain) };
}

/** The companies owning the most specific of the looked-up domains: an exact owner beats the owner of a parent. */
export function domainOwners(keys: RequesterKeys, companies: readonly Company[]): Company[] {
  for (const domain of keys.lookupDomains) {
    const owners = companies.filter((c) => c.domains.includes(domain));
    if (owners.length > 0) return [...owners].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
  return [];
}

const capitalise = (word: string) => word.charAt(0).toLocaleUpperCase() + word.slice(1);

/** A company name to propose for a domain: acme-labs.co.uk -> "Acme Labs", support.acme.com -> "Acme". */
export function companyNameFromDomain(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  let core = labels.slice(0, -1);
  if (core.length >= 2 && GENERIC_SECOND_LEVEL.has(core[core.length - 1]!)) core = core.slice(0, -1);
  const label = core[core.length - 1] ?? labels[0] ?? domain;
  // Punycode labels cannot be split into words without decoding them; the user edits the proposal anyway.
  if (label.startsWith('xn--')) return label;
  return label.split(/[-_]+/).filter(Boolean).map(capitalise).join(' ');
}

/** Names read from an email's local part when it looks like one: "ada.lovelace+crm" -> Ada / Lovelace; else blank. */
export function contactProposalFromEmail(email: string): ContactProposal {
  const local = email.slice(0, email.lastIndexOf('@')).replace(/\+.*$/, '');
  const words = local.split(/[._-]+/).filter(Boolean);
  // Middle initials may be single letters ("wile.e.coyote"); the first and last words must be names.
  const looksLikeName = words.length >= 2 && words.every((w) => /^\p{L}+$/u.test(w)) && words[0]!.length > 1 && words[words.length - 1]!.length > 1;
  if (!looksLikeName) return { email, firstName: '', lastName: '' };
  return { email, firstName: words.slice(0, -1).map(capitalise).join(' '), lastName: capitalise(words[words.length - 1]!) };
}

/** Names read from the name Jira shows for the reporter: "Ada King Lovelace" -> Ada King / Lovelace; no email. */
export function contactProposalFromDisplayName(displayName: string): ContactProposal {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { email: '', firstName: '', lastName: '' };
  if (words.length === 1) return { email: '', firstName: words[0]!, lastName: '' };
  return { email: '', firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}

/**
 * Jira gave no email for the reporter (the email API refused or is off, or the account hides it): with the name Jira
 * shows, propose creating the contact from it (a person adds the email); without one, there is nothing to suggest.
 */
export function decideWithoutEmail(displayName: string | null | undefined): MatchDecision {
  const name = displayName?.trim() ?? '';
  if (name === '') return { outcome: 'no-email', reason: 'email-unavailable' };
  return {
    outcome: 'suggest-create-contact',
    reason: 'new-contact',
    candidates: [candidate(null, null)],
    proposal: { contact: contactProposalFromDisplayName(name), company: null },
  };
}

export const candidateKey = (contactId: Id | null, companyId: Id | null, newCompany = false): string =>
  `${contactId ?? 'new'}:${newCompany ? 'new' : (companyId ?? 'none')}`;

const candidate = (contactId: Id | null, companyId: Id | null, newCompany = false): Candidate => ({
  key: candidateKey(contactId, companyId, newCompany),
  contactId,
  companyId,
  newCompany,
});

export type MatchFacts = {
  keys: RequesterKeys;
  /** The contact whose email is the requester's, with all of its memberships. */
  found: { contact: Contact; memberships: Membership[] } | null;
  /** Companies owning the email's domain or one of its parents (see domainsToLookUp). */
  companies: readonly Company[];
  settings: AutoMatchSettings;
  /** Candidate keys a user dismissed on this issue before; never linked without asking. */
  dismissed?: readonly string[];
};

/**
 * The rules: link only when exactly one contact and at most one company answer; when several companies could be
 * meant, suggest them all and let a person choose; when the contact or company is missing, propose creating it.
 */
export function decideMatch(facts: MatchFacts): MatchDecision {
  const { keys, found, settings } = facts;
  const owners = domainOwners(keys, facts.companies);
  const contactProposal = contactProposalFromEmail(keys.email);

  if (found !== null) {
    const contactId = found.contact.id;
    const proposal: Proposal = { contact: contactProposal, company: null };
    const own = found.memberships.filter((m) => m.contactId === contactId);
    const primary = primaryCompanyId(own, contactId);
    if (primary === null && own.length > 1) {
      const companyIds = [...new Set(own.map((m) => m.companyId))].sort();
      return { outcome: 'suggest', reason: 'contact-in-several-companies', candidates: companyIds.map((id) => candidate(contactId, id)), proposal };
    }
    if (primary === null && owners.length > 1) {
      return { outcome: 'suggest', reason: 'domain-shared', candidates: owners.map((c) => candidate(contactId, c.id)), proposal };
    }
    const only = candidate(contactId, primary ?? owners[0]?.id ?? null);
    if (facts.dismissed?.includes(only.key)) return { outcome: 'suggest', reason: 'previously-dismissed', candidates: [only], proposal };
    if (!settings.autoLink) return { outcome: 'suggest', reason: 'auto-link-off', candidates: [only], proposal };
    return { outcome: 'link', candidate: only };
  }

  if (owners.length > 1) {
    return {
      outcome: 'suggest',
      reason: 'domain-shared',
      candidates: owners.map((c) => candidate(null, c.id)),
      proposal: { contact: contactProposal, company: null },
    };
  }
  const [owner] = owners;
  if (owner !== undefined || keys.freeMail) {
    return {
      outcome: 'suggest-create-contact',
      reason: 'new-contact',
      candidates: [candidate(null, owner?.id ?? null)],
      proposal: { contact: contactProposal, company: null },
    };
  }
  return {
    outcome: 'suggest-create-both',
    reason: 'new-contact-and-company',
    candidates: [candidate(null, null, true)],
    proposal: { contact: contactProposal, company: { name: companyNameFromDomain(keys.domain), domain: keys.domain } },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Stored form: decisions are kept as JSON and checked on the way back in.

const candidateSchema = z.object({ key: z.string(), contactId: z.string().nullable(), companyId: z.string().nullable(), newCompany: z.boolean() });
const proposalSchema = z.object({
  contact: z.object({ email: z.string(), firstName: z.string(), lastName: z.string() }),
  company: z.object({ name: z.string(), domain: z.string() }).nullable(),
});

export const matchDecisionSchema: z.ZodType<MatchDecision> = z.union([
  z.object({ outcome: z.literal('link'), candidate: candidateSchema }),
  z.object({
    outcome: z.enum(['suggest', 'suggest-create-contact', 'suggest-create-both']),
    reason: z.enum(['auto-link-off', 'previously-dismissed', 'contact-in-several-companies', 'domain-shared', 'new-contact', 'new-contact-and-company']),
    candidates: z.array(candidateSchema),
    proposal: proposalSchema,
  }),
  z.object({ outcome: z.literal('no-email'), reason: z.enum(['no-reporter', 'email-unavailable']) }),
  z.object({ outcome: z.literal('skipped'), reason: z.enum(['not-service-desk', 'project-not-selected']) }),
]);
