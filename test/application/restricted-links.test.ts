// Profiles show a linked issue's key and summary only to someone who may see the issue, as links/work does.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { getCompanyProfile } from '../../src/application/get-company-profile';
import { getContactProfile } from '../../src/application/get-contact-profile';
import { getRecordHistory } from '../../src/application/get-record-history';
import { linkRecord } from '../../src/application/link-record';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

describe('link titles on profiles', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('leaves out issues the caller may not see from contacts/get and companies/get, and counts them', async () => {
    const { deps, site } = world;
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com' }));
    await linkRecord(deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [acme.id] });
    await linkRecord(deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [acme.id] });
    site.hideFromUser('10100');

    const contact = await getContactProfile(deps, viewer, { id: ada.id });
    const company = await getCompanyProfile(deps, viewer, { id: acme.id });

    for (const profile of [contact, company]) {
      expect(profile.links.map((l) => [l.targetKey, l.title])).toEqual([['SUP-2', 'SSO login loops back to the sign-in page']]);
      expect(profile.hiddenLinks).toBe(1);
      expect(JSON.stringify(profile)).not.toMatch(/SUP-1\b|VAT number/);
    }
  });

  it('shows a deleted issue by its key only', async () => {
    const { deps, site } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com' }));
    await linkRecord(deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [] });
    site.deleteIssue('10100');

    const profile = await getContactProfile(deps, viewer, { id: ada.id });
    expect(profile.links.map((l) => [l.targetKey, l.title])).toEqual([['SUP-1', '']]);
    expect(profile.hiddenLinks).toBe(0);
  });
});

describe('link entries in a record history', () => {
  it('mask the key of an issue the caller may not see, in audit/record as on the profile', async () => {
    const world = await openWorld();
    const { deps, site } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com' }));
    await linkRecord(deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [] });
    await linkRecord(deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [] });
    site.hideFromUser('10100');

    const page = await getRecordHistory(deps, viewer, { recordType: 'contact', recordId: ada.id, limit: 10 });
    const linked = page.items.filter((e) => e.action === 'link').map((e) => e.changes.issue?.[1]);
    expect(linked).toEqual(['SUP-2', '(restricted)']);
    await world.close();
  });
});
