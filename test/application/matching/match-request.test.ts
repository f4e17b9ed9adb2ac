// Matching a new request's reporter: every outcome on the real SQLite store and a fake Jira, links, budget, idempotency.
import { makeFakeRequestDirectory, type FakeJiraData } from '../../../src/adapters/local/fake-request-directory';
import { createCompany } from '../../../src/application/create-company';
import { createContact } from '../../../src/application/create-contact';
import { EMAIL_NOTICE_DAYS, getMatchNotices } from '../../../src/application/matching/email-access';
import { matchRequest, TRIGGER_SOURCE, type MatchDeps } from '../../../src/application/matching/match-request';
import { JiraUnavailableError } from '../../../src/application/matching/request-directory';
import { setMembership } from '../../../src/application/set-membership';
import { updateSettings } from '../../../src/application/settings';
import type { Settings } from '../../../src/domain/ports';
import type { Company, Contact } from '../../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../../src/domain/schemas';
import { aCustomer, aRequest, ENGINEERING, jiraWith, OPERATIONS } from '../../support/fake-jira';
import { admin, openWorld, type TestWorld } from '../../support/use-case-deps';

const ada = aCustomer('qm:ada', 'Ada.Lovelace@acme.com');
const grace = aCustomer('qm:grace', 'grace@acme.com');
const wile = aCustomer('qm:wile', 'wile.e.coyote@acme.com');
const stranger = aCustomer('qm:stranger', 'q@acme-labs.co.uk');
const linus = aCustomer('qm:linus', 'linus.t@gmail.com');
const hidden = aCustomer('qm:hidden', null);

const requests = {
  fromAda: aRequest(ada),
  fromGrace: aRequest(grace),
  fromWile: aRequest(wile),
  fromStranger: aRequest(stranger),
  fromLinus: aRequest(linus),
  fromHidden: aRequest(hidden),
  withoutReporter: aRequest(null),
  inEngineering: aRequest(ada, { projectKey: ENGINEERING.key }),
  inOperations: aRequest(ada, { projectKey: OPERATIONS.key }),
  // One of the issues the fake Atlassian site behind deps.workItems has, so its property can be read back.
  sampleIssue: aRequest(ada, { id: '10100', key: 'SUP-1' }),
};
const jira: FakeJiraData = jiraWith([ada, grace, wile, stranger, linus, hidden], Object.values(requests));

describe('matching a request', () => {
  let world: TestWorld;
  let deps: TestWorld['deps'];
  let acme: Company;
  let globex: Company;
  let adaContact: Contact;
  beforeEach(async () => {
    world = await openWorld(undefined, { jira });
    deps = world.deps;
    acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    globex = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Globex', domains: ['globex.com'] }));
    adaContact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada.lovelace@acme.com', firstName: 'Ada', lastName: 'Lovelace' }));
    await setMembership(deps, admin, { contactId: adaContact.id, companyId: acme.id });
  });
  afterEach(async () => {
    await deps.propertySync.idle();
    await world.close();
  });

  const match = async (issueId: string, on: MatchDeps = deps) => matchRequest(on, await deps.requests.getIssue(issueId), { source: TRIGGER_SOURCE });
  const linksOf = async (issueId: string) => (await deps.store.links.forTarget('issue', issueId)).map((l) => [l.recordType, l.recordId, l.createdBy]).sort();
  const linkEntries = async () => (await deps.store.audit.list({ action: 'link', limit: 50 })).items;

  it('links a known contact and their company to the request, stamped auto-match, with one audit entry each', async () => {
    const result = await match(requests.fromAda.id);
    expect(result).toEqual({ kind: 'linked', status: 'link', linksMade: 2 });
    expect(await linksOf(requests.fromAda.id)).toEqual([['company', acme.id, 'auto-match'], ['contact', adaContact.id, 'auto-match']].sort());
    const [link] = await deps.store.links.forTarget('issue', requests.fromAda.id);
    expect(link).toMatchObject({ targetKey: requests.fromAda.key, title: requests.fromAda.summary, url: `https://customer-directory.example.atlassian.net/browse/${requests.fromAda.key}` });
    const entries = await linkEntries();
    expect(entries.map((e) => [e.recordType, e.actor, e.changes])).toEqual(
      expect.arrayContaining([
        ['contact', 'auto-match', { issue: [null, requests.fromAda.key] }],
        ['company', 'auto-match', { issue: [null, requests.fromAda.key] }],
      ]),
    );
    expect(await deps.store.issueMatches.find(requests.fromAda.id)).toMatchObject({ status: 'link', reporterAccountId: 'qm:ada', dismissed: [] });
  });

  it('links once when the trigger fires twice: no second link, no second audit entry', async () => {
    await match(requests.fromAda.id);
    expect(await match(requests.fromAda.id)).toEqual({ kind: 'linked', status: 'link', linksMade: 0 });
    expect(await linksOf(requests.fromAda.id)).toHaveLength(2);
    expect(await linkEntries()).toHaveLength(2);
    expect(await deps.store.issueMatches.find(requests.fromAda.id)).toMatchObject({ status: 'link', version: 2 });
  });

  it('asks Jira for one email and reads the directory in two queries', async () => {
    const kvs = new Map<string, unknown>();
    const settings: Settings = { get: async <T>(key: string) => kvs.get(key) as T | undefined, set: async (key, value) => void kvs.set(key, value), delete: async (key) => void kvs.delete(key) };
    const fake = makeFakeRequestDirectory(jira);
    const issue = await fake.getIssue(requests.fromAda.id);
    const before = world.engine.counter.snapshot();
    // Settings live in Forge KVS, not SQL; without a property sync wired, only the match's own statements run.
    await matchRequest({ store: deps.store, settings, clock: deps.clock, ids: deps.ids, requests: fake }, issue, { source: TRIGGER_SOURCE });
    const after = world.engine.counter.snapshot();
    expect(fake.calls).toEqual({ getIssue: 1, getEmail: 1, searchIssues: 0 });
    expect(after.reads - before.reads).toBe(2);
    // Two links, one audit statement, one upsert of the outcome.
    expect(after.writes - before.writes).toBe(4);
  });

  it('queues the issue property sync when it links, so JQL finds the request by company', async () => {
    await match(requests.sampleIssue.id);
    expect(deps.propertySync.enqueued).toEqual([[requests.sampleIssue.id]]);
    await deps.propertySync.idle();
    expect(world.site.issueProperty(requests.sampleIssue.id)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [adaContact.id] });
  });

  it('suggests each company of a contact who is in several with none primary, and links nothing', async () => {
    await setMembership(deps, admin, { contactId: adaContact.id, companyId: globex.id });
    expect(await match(requests.fromAda.id)).toEqual({ kind: 'suggested', status: 'suggest', linksMade: 0 });
    const stored = await deps.store.issueMatches.find(requests.fromAda.id);
    expect(stored?.detail.decision).toMatchObject({ outcome: 'suggest', reason: 'contact-in-several-companies' });
    expect(await linksOf(requests.fromAda.id)).toEqual([]);
  });

  it('suggests creating an unknown requester in the company owning their domain', async () => {
    await match(requests.fromWile.id);
    expect((await deps.store.issueMatches.find(requests.fromWile.id))?.detail.decision).toMatchObject({
      outcome: 'suggest-create-contact',
      candidates: [{ contactId: null, companyId: acme.id }],
      proposal: { contact: { email: 'wile.e.coyote@acme.com', firstName: 'Wile E', lastName: 'Coyote' } },
    });
  });

  it('suggests creating both contact and company for an unknown domain, naming the company after it', async () => {
    await match(requests.fromStranger.id);
    expect((await deps.store.issueMatches.find(requests.fromStranger.id))?.detail.decision).toMatchObject({
      outcome: 'suggest-create-both',
      proposal: { company: { name: 'Acme Labs', domain: 'acme-labs.co.uk' } },
    });
  });

  it('never matches a company by a free-mail domain', async () => {
    await createCompany(deps, admin, companyInputSchema.parse({ name: 'Linus Consulting', domains: ['linus-consulting.example'] }));
    await match(requests.fromLinus.id);
    expect((await deps.store.issueMatches.find(requests.fromLinus.id))?.detail.decision).toMatchObject({
      outcome: 'suggest-create-contact',
      candidates: [{ contactId: null, companyId: null }],
      proposal: { company: null },
    });
  });

  it('proposes a contact from the name Jira shows when it gives no email, records no reporter as no-email, without reading the directory', async () => {
    const before = world.engine.counter.snapshot().reads;
    expect(await match(requests.fromHidden.id)).toEqual({ kind: 'suggested', status: 'suggest-create-contact', linksMade: 0 });
    expect(await match(requests.withoutReporter.id)).toEqual({ kind: 'no-match', status: 'no-email', linksMade: 0 });
    // Only the settings were read, matching and visibility, once per request (they are SQL in tests, KVS on Forge).
    expect(world.engine.counter.snapshot().reads - before).toBe(4);
    expect((await deps.store.issueMatches.find(requests.fromHidden.id))?.detail.decision).toEqual({
      outcome: 'suggest-create-contact',
      reason: 'new-contact',
      candidates: [{ key: 'new:none', contactId: null, companyId: null, newCompany: false }],
      proposal: { contact: { email: '', firstName: 'Private', lastName: 'Customer' }, company: null },
    });
    expect((await deps.store.issueMatches.find(requests.withoutReporter.id))?.detail.decision).toEqual({ outcome: 'no-email', reason: 'no-reporter' });
  });

  it('skips issues of software projects without asking Jira for an email or storing anything', async () => {
    expect(await match(requests.inEngineering.id)).toEqual({ kind: 'skipped', status: 'skipped', linksMade: 0 });
    expect(deps.requests.calls.getEmail).toBe(0);
    expect(await deps.store.issueMatches.find(requests.inEngineering.id)).toBeNull();
  });

  it('skips requests of projects outside the ones chosen in the settings', async () => {
    await updateSettings(deps, admin, { autoMatch: { autoLink: true, extraFreeMailDomains: [], projectKeys: ['SUP'] } });
    expect((await match(requests.inOperations.id)).kind).toBe('skipped');
    expect((await match(requests.fromAda.id)).kind).toBe('linked');
  });

  it('suggests instead of linking when auto-linking is off', async () => {
    await updateSettings(deps, admin, { autoMatch: { autoLink: false, extraFreeMailDomains: [], projectKeys: [] } });
    expect(await match(requests.fromAda.id)).toEqual({ kind: 'suggested', status: 'suggest', linksMade: 0 });
    expect(await linksOf(requests.fromAda.id)).toEqual([]);
  });

  it('treats a domain an admin listed as free mail like gmail.com', async () => {
    await updateSettings(deps, admin, { autoMatch: { autoLink: true, extraFreeMailDomains: ['acme.com'], projectKeys: [] } });
    await match(requests.fromGrace.id);
    expect((await deps.store.issueMatches.find(requests.fromGrace.id))?.detail.decision).toMatchObject({ candidates: [{ companyId: null }] });
  });

  it('leaves nothing behind when Jira is busy, so the retried trigger starts clean', async () => {
    deps.requests.failNext('getEmail', { status: 429, retryAfter: 30 });
    await expect(match(requests.fromAda.id)).rejects.toBeInstanceOf(JiraUnavailableError);
    expect(await deps.store.issueMatches.find(requests.fromAda.id)).toBeNull();
    expect(await linksOf(requests.fromAda.id)).toEqual([]);
    expect((await match(requests.fromAda.id)).kind).toBe('linked');
  });

  it.each([400, 401, 403, 404, 503])('carries on without an email when the email API answers %i, suggesting a contact from the display name', async (status) => {
    deps.requests.failNext('getEmail', { status });
    expect(await match(requests.fromAda.id)).toMatchObject({ kind: 'suggested', status: 'suggest-create-contact' });
    expect(await deps.store.issueMatches.find(requests.fromAda.id)).toMatchObject({
      detail: { decision: { outcome: 'suggest-create-contact', proposal: { contact: { email: '', firstName: ada.displayName } } } },
    });
    if (status === 404) return; // an unknown account, not a site-wide problem: no notice

    const notices = await getMatchNotices(deps, admin);
    expect(notices.emailAccess).toMatchObject({ httpStatus: status, reason: status === 400 ? 'not-approved' : status === 503 ? 'disabled' : 'refused' });
  });

  it('shows no email notice once the problem has not been seen for a week', async () => {
    deps.requests.failNext('getEmail', { status: 400 });
    await match(requests.fromAda.id);
    expect((await getMatchNotices(deps, admin)).emailAccess).not.toBeNull();
    const later = { ...deps, clock: () => new Date(deps.clock().getTime() + (EMAIL_NOTICE_DAYS + 1) * 86_400_000) };
    expect((await getMatchNotices(later, admin)).emailAccess).toBeNull();
  });
});
