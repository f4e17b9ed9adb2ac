// The matching rules on their own: which contact and company an email stands for, and what is proposed when none does.
import { DEFAULT_APP_SETTINGS } from '../../src/domain/app-settings';
import {
  candidateKey,
  companyNameFromDomain,
  contactProposalFromEmail,
  decideMatch,
  domainsToLookUp,
  matchDecisionSchema,
  requesterKeys,
  skipReason,
  type AutoMatchSettings,
  type MatchFacts,
} from '../../src/domain/requester-match';
import { aCompany, aContact, aMembership } from '../support/builders';

const settings: AutoMatchSettings = DEFAULT_APP_SETTINGS.autoMatch;

function facts(email: string, rest: Partial<Omit<MatchFacts, 'keys'>> = {}, autoMatch: AutoMatchSettings = settings): MatchFacts {
  const keys = requesterKeys(email, autoMatch);
  if (keys === null) throw new Error(`${email} is not an email address`);
  return { keys, found: null, companies: [], settings: autoMatch, ...rest };
}

const acme = aCompany({ name: 'Acme', domains: ['acme.com'] });
const globex = aCompany({ name: 'Globex', domains: ['globex.com'] });

describe('which issues are matched', () => {
  it('matches Jira Service Management requests in any project when no projects are chosen', () => {
    expect(skipReason({ projectKey: 'SUP', projectTypeKey: 'service_desk' }, settings)).toBeNull();
  });

  it('skips issues of software and business projects', () => {
    expect(skipReason({ projectKey: 'ENG', projectTypeKey: 'software' }, settings)).toBe('not-service-desk');
    expect(skipReason({ projectKey: 'HR', projectTypeKey: 'business' }, settings)).toBe('not-service-desk');
  });

  it('skips requests of projects left out of the chosen ones', () => {
    const chosen = { ...settings, projectKeys: ['SUP'] };
    expect(skipReason({ projectKey: 'SUP', projectTypeKey: 'service_desk' }, chosen)).toBeNull();
    expect(skipReason({ projectKey: 'OPS', projectTypeKey: 'service_desk' }, chosen)).toBe('project-not-selected');
  });
});

describe('the requester email', () => {
  it('is normalised, and its domain and parent domains are looked up', () => {
    expect(requesterKeys(' Jane.Doe@EU.Acme.com ', settings)).toEqual({
      email: 'jane.doe@eu.acme.com',
      domain: 'eu.acme.com',
      freeMail: false,
      lookupDomains: ['eu.acme.com', 'acme.com'],
    });
  });

  it('counts as missing when Jira gives none, or something that is not an email address', () => {
    expect(requesterKeys(null, settings)).toBeNull();
    expect(requesterKeys('not an email', settings)).toBeNull();
  });

  it('never looks a company up by a free-mail domain, including ones an admin added', () => {
    expect(requesterKeys('someone@gmail.com', settings)).toMatchObject({ freeMail: true, lookupDomains: [] });
    const extra = { ...settings, extraFreeMailDomains: ['mail.example'] };
    expect(requesterKeys('someone@mail.example', extra)).toMatchObject({ freeMail: true, lookupDomains: [] });
  });

  it('stops at registrable names: co.uk and com.au are never looked up', () => {
    expect(domainsToLookUp('support.acme.co.uk')).toEqual(['support.acme.co.uk', 'acme.co.uk']);
    expect(domainsToLookUp('acme.com.au')).toEqual(['acme.com.au']);
  });
});

describe('a known contact', () => {
  it('with a single company is linked with it', () => {
    const ada = aContact({ email: 'ada@acme.com' });
    const decision = decideMatch(facts('ada@acme.com', { found: { contact: ada, memberships: [aMembership(ada, acme)] } }));
    expect(decision).toEqual({ outcome: 'link', candidate: { key: candidateKey(ada.id, acme.id), contactId: ada.id, companyId: acme.id, newCompany: false } });
  });

  it('in several companies is linked with the primary one', () => {
    const ada = aContact({ email: 'ada@acme.com' });
    const memberships = [aMembership(ada, acme), aMembership(ada, globex, { isPrimary: true })];
    expect(decideMatch(facts('ada@acme.com', { found: { contact: ada, memberships } }))).toMatchObject({
      outcome: 'link',
      candidate: { contactId: ada.id, companyId: globex.id },
    });
  });

  it('in several companies with none primary is a suggestion of each, never a guess', () => {
    const ada = aContact({ email: 'ada@acme.com' });
    const memberships = [aMembership(ada, acme), aMembership(ada, globex)];
    const decision = decideMatch(facts('ada@acme.com', { found: { contact: ada, memberships }, companies: [acme] }));
    expect(decision).toMatchObject({ outcome: 'suggest', reason: 'contact-in-several-companies' });
    expect('candidates' in decision && decision.candidates.map((c) => [c.contactId, c.companyId]).sort()).toEqual(
      [[ada.id, acme.id], [ada.id, globex.id]].sort(),
    );
  });

  it('without companies is linked with the company owning their email domain', () => {
    const ada = aContact({ email: 'ada@acme.com' });
    expect(decideMatch(facts('ada@acme.com', { found: { contact: ada, memberships: [] }, companies: [acme] }))).toMatchObject({
      outcome: 'link',
      candidate: { contactId: ada.id, companyId: acme.id },
    });
  });

  it('without companies and with a free-mail address is linked alone', () => {
    const linus = aContact({ email: 'linus@gmail.com' });
    expect(decideMatch(facts('linus@gmail.com', { found: { contact: linus, memberships: [] } }))).toMatchObject({
      outcome: 'link',
      candidate: { contactId: linus.id, companyId: null },
    });
  });

  it('is suggested, not linked, when auto-linking is off', () => {
    const ada = aContact({ email: 'ada@acme.com' });
    const off = { ...settings, autoLink: false };
    const decision = decideMatch(facts('ada@acme.com', { found: { contact: ada, memberships: [aMembership(ada, acme)] } }, off));
    expect(decision).toMatchObject({ outcome: 'suggest', reason: 'auto-link-off', candidates: [{ contactId: ada.id, companyId: acme.id }] });
  });

  it('is suggested, not linked, when someone dismissed that pair on the issue before', () => {
    const ada = aContact({ email: 'ada@acme.com' });
    const decision = decideMatch(
      facts('ada@acme.com', { found: { contact: ada, memberships: [aMembership(ada, acme)] }, dismissed: [candidateKey(ada.id, acme.id)] }),
    );
    expect(decision).toMatchObject({ outcome: 'suggest', reason: 'previously-dismissed' });
  });
});

describe('an unknown requester', () => {
  it('at the domain of one company is proposed as a new contact in that company', () => {
    const decision = decideMatch(facts('wile.e.coyote@acme.com', { companies: [acme] }));
    expect(decision).toEqual({
      outcome: 'suggest-create-contact',
      reason: 'new-contact',
      candidates: [{ key: candidateKey(null, acme.id), contactId: null, companyId: acme.id, newCompany: false }],
      proposal: { contact: { email: 'wile.e.coyote@acme.com', firstName: 'Wile E', lastName: 'Coyote' }, company: null },
    });
  });

  it('at a subdomain of a company domain is proposed in that company', () => {
    expect(decideMatch(facts('jane@eu.acme.com', { companies: [acme] }))).toMatchObject({
      outcome: 'suggest-create-contact',
      candidates: [{ companyId: acme.id }],
    });
  });

  it('at a domain shared by several companies gets each company as a suggestion', () => {
    const acmeEurope = aCompany({ name: 'Acme Europe', domains: ['acme.com'] });
    const decision = decideMatch(facts('jane@acme.com', { companies: [acmeEurope, acme] }));
    expect(decision).toMatchObject({
      outcome: 'suggest',
      reason: 'domain-shared',
      candidates: [{ contactId: null, companyId: acme.id }, { contactId: null, companyId: acmeEurope.id }],
    });
  });

  it('prefers the company owning the exact domain over the owner of a parent domain', () => {
    const acmeEurope = aCompany({ name: 'Acme Europe', domains: ['eu.acme.com'] });
    expect(decideMatch(facts('jane@eu.acme.com', { companies: [acme, acmeEurope] }))).toMatchObject({
      outcome: 'suggest-create-contact',
      candidates: [{ companyId: acmeEurope.id }],
    });
  });

  it('with a free-mail address is proposed as a contact without a company', () => {
    const decision = decideMatch(facts('road.runner@gmail.com', { companies: [aCompany({ name: 'Gmail', domains: ['gmail.com'] })] }));
    expect(decision).toMatchObject({ outcome: 'suggest-create-contact', candidates: [{ contactId: null, companyId: null, newCompany: false }] });
  });

  it('at an unknown domain is proposed as a new contact in a new company named after the domain', () => {
    expect(decideMatch(facts('q@acme-labs.co.uk'))).toEqual({
      outcome: 'suggest-create-both',
      reason: 'new-contact-and-company',
      candidates: [{ key: candidateKey(null, null, true), contactId: null, companyId: null, newCompany: true }],
      proposal: { contact: { email: 'q@acme-labs.co.uk', firstName: '', lastName: '' }, company: { name: 'Acme Labs', domain: 'acme-labs.co.uk' } },
    });
  });
});

describe('proposed values', () => {
  it.each([
    ['acme-labs.co.uk', 'Acme Labs'],
    ['support.acme.com', 'Acme'],
    ['acme.com.au', 'Acme'],
    ['northwind_traders.io', 'Northwind Traders'],
    ['xn--bcher-kva.de', 'xn--bcher-kva'],
  ])('names a company at %s "%s"', (domain, name) => {
    expect(companyNameFromDomain(domain)).toBe(name);
  });

  it('reads first and last name from a dotted local part, ignoring plus addressing', () => {
    expect(contactProposalFromEmail('ada.lovelace+jira@acme.com')).toEqual({ email: 'ada.lovelace+jira@acme.com', firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('leaves names blank when the local part does not look like one', () => {
    for (const email of ['support@acme.com', 'jdoe42@acme.com', 'a.b@acme.com']) {
      expect(contactProposalFromEmail(email)).toMatchObject({ firstName: '', lastName: '' });
    }
  });
});

describe('stored decisions', () => {
  it('read back as they were written', () => {
    const decisions = [
      decideMatch(facts('q@acme-labs.co.uk')),
      decideMatch(facts('jane@acme.com', { companies: [acme] })),
      { outcome: 'no-email', reason: 'email-unavailable' },
      { outcome: 'skipped', reason: 'not-service-desk' },
    ];
    for (const decision of decisions) expect(matchDecisionSchema.parse(JSON.parse(JSON.stringify(decision)))).toEqual(decision);
  });

  it('refuse a shape this version does not know', () => {
    expect(matchDecisionSchema.safeParse({ outcome: 'link' }).success).toBe(false);
    expect(matchDecisionSchema.safeParse({ outcome: 'guess', candidates: [] }).success).toBe(false);
  });
});
