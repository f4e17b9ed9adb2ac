// What people do with a suggestion on an issue: read it, accept it (creating what is missing), dismiss it.
import { createCompany } from '../../../src/application/create-company';
import { createContact } from '../../../src/application/create-contact';
import { deleteCompany } from '../../../src/application/delete-company';
import { acceptMatch } from '../../../src/application/matching/accept-match';
import { dismissMatch } from '../../../src/application/matching/dismiss-match';
import { matchRequest, TRIGGER_SOURCE } from '../../../src/application/matching/match-request';
import { getMatch } from '../../../src/application/matching/match-view';
import { setMembership } from '../../../src/application/set-membership';
import { updateSettings } from '../../../src/application/settings';
import type { Company, Contact } from '../../../src/domain/records';
import { candidateKey } from '../../../src/domain/requester-match';
import { companyInputSchema, contactInputSchema } from '../../../src/domain/schemas';
import { aCustomer, aRequest, jiraWith } from '../../support/fake-jira';
import { admin, agent, openWorld, type TestWorld } from '../../support/use-case-deps';

// Issues of the fake Atlassian site behind deps.workItems, so that "may the user see it" has an answer.
const ada = aCustomer('qm:ada', 'ada@acme.com');
const wile = aCustomer('qm:wile', 'wile.e.coyote@acme.com');
const stranger = aCustomer('qm:stranger', 'q@acme-labs.co.uk');
const fromAda = aRequest(ada, { id: '10101', key: 'SUP-2' });
const fromWile = aRequest(wile, { id: '10102', key: 'SUP-3' });
const fromStranger = aRequest(stranger, { id: '10103', key: 'SUP-4' });

describe('suggestions on an issue', () => {
  let world: TestWorld;
  let deps: TestWorld['deps'];
  let acme: Company;
  let globex: Company;
  beforeEach(async () => {
    world = await openWorld(undefined, { jira: jiraWith([ada, wile, stranger], [fromAda, fromWile, fromStranger]) });
    deps = world.deps;
    acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    globex = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Globex', domains: ['globex.com'] }));
  });
  afterEach(async () => {
    await deps.propertySync.idle();
    await world.close();
  });

  const match = async (issueId: string) => matchRequest(deps, await deps.requests.getIssue(issueId), { source: TRIGGER_SOURCE });
  const view = async (issueId: string) => {
    const found = await getMatch(deps, agent, { issueId });
    if (found === null) throw new Error(`No suggestion for ${issueId}`);
    return found;
  };
  const linked = async (issueId: string) => (await deps.store.links.forTarget('issue', issueId)).map((l) => [l.recordType, l.recordId, l.createdBy]).sort();

  async function adaInTwoCompanies(): Promise<Contact> {
    const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada' }));
    await setMembership(deps, admin, { contactId: contact.id, companyId: acme.id });
    await setMembership(deps, admin, { contactId: contact.id, companyId: globex.id });
    return contact;
  }

  it('shows the candidates by name, with the values proposed for what would be created', async () => {
    await match(fromWile.id);
    expect(await view(fromWile.id)).toMatchObject({
      issueKey: 'SUP-3',
      status: 'suggest-create-contact',
      reason: 'new-contact',
      candidates: [{ key: candidateKey(null, acme.id), contact: null, company: { id: acme.id, name: 'Acme' }, createsCompany: false }],
      proposal: { contact: { email: 'wile.e.coyote@acme.com', firstName: 'Wile E', lastName: 'Coyote' }, company: null },
      linked: null,
      dismissedCount: 0,
    });
  });

  it('answers nothing for an issue that was never matched', async () => {
    expect(await getMatch(deps, agent, { issueId: '10104' })).toBeNull();
  });

  it('shows nothing of a suggestion to someone who may not see the issue in Jira', async () => {
    await match(fromWile.id);
    world.site.hideFromUser(fromWile.id);
    await expect(getMatch(deps, agent, { issueId: fromWile.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates the requester with the edited names in the proposed company, then links both as the agent', async () => {
    await match(fromWile.id);
    const suggestion = await view(fromWile.id);
    const accepted = await acceptMatch(deps, agent, {
      issueId: fromWile.id,
      version: suggestion.version,
      key: suggestion.candidates[0]!.key,
      contact: { firstName: 'Wile', lastName: 'E. Coyote', jobTitle: 'Genius' },
    });
    const [created] = await deps.store.contacts.findByEmails(['wile.e.coyote@acme.com']);
    expect(created).toMatchObject({ firstName: 'Wile', lastName: 'E. Coyote', jobTitle: 'Genius', createdBy: 'local-agent' });
    expect(await deps.store.memberships.forContacts([created!.id])).toMatchObject([{ companyId: acme.id, isPrimary: true }]);
    expect(await linked(fromWile.id)).toEqual([['company', acme.id, 'local-agent'], ['contact', created!.id, 'local-agent']].sort());
    expect(accepted).toMatchObject({
      status: 'accepted',
      reason: null,
      candidates: [],
      linked: { contact: { id: created!.id, name: 'Wile E. Coyote' }, company: { id: acme.id, name: 'Acme' } },
      version: suggestion.version + 1,
    });
  });

  it('creates a new company from the domain under the name the agent chose', async () => {
    await match(fromStranger.id);
    const suggestion = await view(fromStranger.id);
    expect(suggestion.candidates).toMatchObject([{ contact: null, company: null, createsCompany: true }]);
    await acceptMatch(deps, agent, { issueId: fromStranger.id, version: suggestion.version, key: suggestion.candidates[0]!.key, company: { name: 'Acme Laboratories Ltd' } });
    const [company] = await deps.store.companies.findByDomains(['acme-labs.co.uk']);
    expect(company).toMatchObject({ name: 'Acme Laboratories Ltd', domains: ['acme-labs.co.uk'] });
    const [contact] = await deps.store.contacts.findByEmails(['q@acme-labs.co.uk']);
    expect(await linked(fromStranger.id)).toEqual([['company', company!.id, 'local-agent'], ['contact', contact!.id, 'local-agent']].sort());
  });

  it('refuses edits that are not valid, and creates nothing then', async () => {
    await match(fromStranger.id);
    const suggestion = await view(fromStranger.id);
    await expect(
      acceptMatch(deps, agent, { issueId: fromStranger.id, version: suggestion.version, key: suggestion.candidates[0]!.key, company: { name: '   ' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'company.name' } });
    expect(await deps.store.companies.findByDomains(['acme-labs.co.uk'])).toEqual([]);
    expect(await deps.store.contacts.findByEmails(['q@acme-labs.co.uk'])).toEqual([]);
  });

  it('links the company the agent picked for a contact in several companies, without new memberships', async () => {
    const contact = await adaInTwoCompanies();
    await match(fromAda.id);
    const suggestion = await view(fromAda.id);
    expect(suggestion.candidates.map((c) => c.company?.name).sort()).toEqual(['Acme', 'Globex']);
    await acceptMatch(deps, agent, { issueId: fromAda.id, version: suggestion.version, key: candidateKey(contact.id, globex.id) });
    expect(await linked(fromAda.id)).toEqual([['company', globex.id, 'local-agent'], ['contact', contact.id, 'local-agent']].sort());
    expect(await deps.store.memberships.forContacts([contact.id])).toHaveLength(2);
  });

  it('uses the contact someone created meanwhile instead of failing on the taken email', async () => {
    await match(fromWile.id);
    const suggestion = await view(fromWile.id);
    const meanwhile = await createContact(deps, admin, contactInputSchema.parse({ email: 'wile.e.coyote@acme.com', firstName: 'W.' }));
    await acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version, key: suggestion.candidates[0]!.key });
    expect(await linked(fromWile.id)).toContainEqual(['contact', meanwhile.id, 'local-agent']);
    expect(await deps.store.contacts.findByEmails(['wile.e.coyote@acme.com'])).toHaveLength(1);
  });

  it('refuses a suggestion that changed since the agent saw it, or one no longer offered', async () => {
    await match(fromWile.id);
    const suggestion = await view(fromWile.id);
    await expect(acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version + 1, key: suggestion.candidates[0]!.key })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version, key: 'someone:else' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version, key: suggestion.candidates[0]!.key });
    await expect(acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version + 1, key: suggestion.candidates[0]!.key })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('creates nothing for someone who may not see the issue', async () => {
    await match(fromWile.id);
    const suggestion = await view(fromWile.id);
    world.site.hideFromUser(fromWile.id);
    await expect(acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version, key: suggestion.candidates[0]!.key })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await deps.store.contacts.findByEmails(['wile.e.coyote@acme.com'])).toEqual([]);
  });

  it('dismisses one candidate, then the rest, remembering each on the issue', async () => {
    const contact = await adaInTwoCompanies();
    await match(fromAda.id);
    const first = await view(fromAda.id);
    const afterOne = await dismissMatch(deps, agent, { issueId: fromAda.id, version: first.version, key: candidateKey(contact.id, acme.id) });
    expect(afterOne).toMatchObject({ dismissedCount: 1, candidates: [{ company: { name: 'Globex' } }], version: first.version + 1 });
    const afterAll = await dismissMatch(deps, agent, { issueId: fromAda.id, version: afterOne.version });
    expect(afterAll).toMatchObject({ dismissedCount: 2, candidates: [], proposal: null });
    expect((await deps.store.issueMatches.find(fromAda.id))?.dismissed.sort()).toEqual([candidateKey(contact.id, acme.id), candidateKey(contact.id, globex.id)].sort());
    expect(await linked(fromAda.id)).toEqual([]);
  });

  it('never auto-links a pair dismissed on the issue, even once auto-linking is turned on', async () => {
    await updateSettings(deps, admin, { autoMatch: { autoLink: false, extraFreeMailDomains: [], projectKeys: [] } });
    const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@acme.com' }));
    await setMembership(deps, admin, { contactId: contact.id, companyId: acme.id });
    await match(fromAda.id);
    await dismissMatch(deps, agent, { issueId: fromAda.id, version: (await view(fromAda.id)).version });
    await updateSettings(deps, admin, { autoMatch: { autoLink: true, extraFreeMailDomains: [], projectKeys: [] } });
    const previous = await deps.store.issueMatches.find(fromAda.id);
    const again = await matchRequest(deps, await deps.requests.getIssue(fromAda.id), { source: 'backfill:job', previous });
    expect(again).toMatchObject({ kind: 'suggested', linksMade: 0 });
    expect(await view(fromAda.id)).toMatchObject({ reason: 'previously-dismissed', candidates: [] });
  });

  it('leaves an accepted suggestion as it is when matching runs again', async () => {
    await match(fromWile.id);
    const suggestion = await view(fromWile.id);
    await acceptMatch(deps, agent, { issueId: fromWile.id, version: suggestion.version, key: suggestion.candidates[0]!.key });
    const previous = await deps.store.issueMatches.find(fromWile.id);
    expect(await matchRequest(deps, await deps.requests.getIssue(fromWile.id), { source: 'backfill:job', previous })).toMatchObject({ kind: 'already-settled', status: 'accepted' });
    expect((await deps.store.issueMatches.find(fromWile.id))?.version).toBe(previous?.version);
  });

  it('stops offering a candidate whose company was deleted since', async () => {
    await match(fromWile.id);
    await deleteCompany(deps, admin, { id: acme.id });
    expect(await view(fromWile.id)).toMatchObject({ candidates: [], proposal: null });
  });
});
