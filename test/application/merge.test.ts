// Merging duplicates on the real SQL store: fields filled, memberships, links, notes, domains and subsidiaries moved.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { getCompanyProfile } from '../../src/application/get-company-profile';
import { getContactProfile } from '../../src/application/get-contact-profile';
import { linkRecord } from '../../src/application/link-record';
import { createField } from '../../src/application/manage-custom-fields';
import { mergeCompanies } from '../../src/application/merge-companies';
import { mergeContacts } from '../../src/application/merge-contacts';
import { setMembership } from '../../src/application/set-membership';
import { updateCompany } from '../../src/application/update-company';
import { updateContact } from '../../src/application/update-contact';
import { MAX_DOMAINS_PER_COMPANY } from '../../src/domain/limits';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

const contactInput = (fields: Record<string, unknown>) => contactInputSchema.parse(fields);
const companyInput = (fields: Record<string, unknown>) => companyInputSchema.parse(fields);

describe.each(engines())('merging on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.deps.propertySync.idle();
    await world.close();
  });

  const history = async (recordType: string, recordId: string) => (await world.deps.store.audit.list({ recordType, recordId, limit: 50 })).items;

  describe('contacts', () => {
    it('fills the kept contact\'s empty fields and custom values from the duplicate, keeps its email, and deletes the duplicate', async () => {
      const { deps } = world;
      const tier = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'text', options: [] });
      const region = await createField(deps, admin, { entity: 'contact', name: 'Region', type: 'text', options: [] });
      const keep = await createContact(deps, agent, contactInput({ email: 'ada@acme.com', firstName: 'Ada', custom: { [tier.id]: 'Gold' } }));
      const dupe = await createContact(
        deps,
        agent,
        contactInput({ email: 'ada.lovelace@acme.com', firstName: 'Augusta', lastName: 'Lovelace', phone: '+44 20 7946 0000', custom: { [tier.id]: 'Silver', [region.id]: 'EMEA' } }),
      );

      const merged = await mergeContacts(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: keep.version, merge: dupe.version } });

      expect(merged).toMatchObject({ id: keep.id, version: 2, mergedId: dupe.id });
      const kept = await deps.store.contacts.find(keep.id);
      expect(kept).toMatchObject({
        email: 'ada@acme.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        displayName: 'Ada Lovelace',
        phone: '+44 20 7946 0000',
        custom: { [tier.id]: 'Gold', [region.id]: 'EMEA' },
        version: 2,
      });
      expect(await deps.store.contacts.find(dupe.id)).toBeNull();
      const [keptEntry] = await history('contact', keep.id);
      expect(keptEntry).toMatchObject({ action: 'merge', actor: 'local-agent', changes: { lastName: ['', 'Lovelace'], mergedFrom: [null, dupe.id] } });
      const [goneEntry] = await history('contact', dupe.id);
      expect(goneEntry).toMatchObject({ action: 'merge', changes: { email: ['ada.lovelace@acme.com', null], mergedInto: [null, keep.id] } });
    });

    it('moves memberships, keeping the kept contact\'s role and its primary company, with at most one primary', async () => {
      const { deps } = world;
      const acme = await createCompany(deps, admin, companyInput({ name: 'Acme' }));
      const globex = await createCompany(deps, admin, companyInput({ name: 'Globex' }));
      const initech = await createCompany(deps, admin, companyInput({ name: 'Initech' }));
      const keep = await createContact(deps, agent, contactInput({ email: 'bob@acme.com' }));
      const dupe = await createContact(deps, agent, contactInput({ email: 'robert@globex.com' }));
      await setMembership(deps, agent, { contactId: keep.id, companyId: acme.id, role: 'Buyer', isPrimary: true });
      await setMembership(deps, agent, { contactId: dupe.id, companyId: acme.id, role: 'Champion', isPrimary: false });
      await setMembership(deps, agent, { contactId: dupe.id, companyId: globex.id, role: 'CTO', isPrimary: true });
      await setMembership(deps, agent, { contactId: dupe.id, companyId: initech.id, role: 'Advisor' });

      const merged = await mergeContacts(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } });

      expect(merged.moved.memberships).toBe(2);
      const memberships = (await deps.store.memberships.forContacts([keep.id, dupe.id])).map((m) => [m.contactId === keep.id ? 'kept' : 'dupe', m.companyId, m.role, m.isPrimary]);
      expect(memberships.sort()).toEqual(
        [
          ['kept', acme.id, 'Buyer', true],
          ['kept', globex.id, 'CTO', false],
          ['kept', initech.id, 'Advisor', false],
        ].sort(),
      );
      expect((await history('company', globex.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['membership-add', 'membership-remove']));
    });

    it('makes the duplicate\'s primary company primary when the kept contact has none', async () => {
      const { deps } = world;
      const acme = await createCompany(deps, admin, companyInput({ name: 'Acme' }));
      const keep = await createContact(deps, agent, contactInput({ email: 'bob@acme.com' }));
      const dupe = await createContact(deps, agent, contactInput({ email: 'robert@acme.com' }));
      await setMembership(deps, agent, { contactId: keep.id, companyId: acme.id, role: 'Buyer' });
      await setMembership(deps, agent, { contactId: dupe.id, companyId: acme.id, role: 'Champion', isPrimary: true });

      await mergeContacts(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } });

      expect(await deps.store.memberships.forContacts([keep.id])).toEqual([expect.objectContaining({ companyId: acme.id, role: 'Buyer', isPrimary: true })]);
    });

    it('moves links and notes, and rewrites the property of the issues that named the duplicate', async () => {
      const { deps, site } = world;
      const keep = await createContact(deps, agent, contactInput({ email: 'carol@acme.com' }));
      const dupe = await createContact(deps, agent, contactInput({ email: 'c.jones@acme.com' }));
      await linkRecord(deps, agent, { recordType: 'contact', recordId: dupe.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [] });
      await linkRecord(deps, agent, { recordType: 'contact', recordId: keep.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [] });
      await linkRecord(deps, agent, { recordType: 'contact', recordId: dupe.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [] });
      await addNote(deps, agent, { recordType: 'contact', recordId: dupe.id, body: 'Prefers email.' });
      await deps.propertySync.idle();

      const merged = await mergeContacts(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } });
      await deps.propertySync.idle();

      expect(merged.moved).toEqual({ memberships: 0, links: 1, notes: 1 });
      const profile = await getContactProfile(deps, agent, { id: keep.id });
      expect(profile.links.map((l) => l.targetId).sort()).toEqual(['10100', '10101']);
      expect(profile.notes.map((n) => n.body)).toEqual(['Prefers email.']);
      expect(site.issueProperty('10100')).toMatchObject({ contactIds: [keep.id] });
      expect(site.issueProperty('10101')).toMatchObject({ contactIds: [keep.id] });
    });

    it('refuses a stale version of either contact with CONFLICT, before anything moved', async () => {
      const { deps } = world;
      const keep = await createContact(deps, agent, contactInput({ email: 'dan@acme.com' }));
      const dupe = await createContact(deps, agent, contactInput({ email: 'daniel@acme.com', firstName: 'Daniel' }));
      await updateContact(deps, agent, { id: dupe.id, version: 1, jobTitle: 'CFO' });

      await expect(mergeContacts(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await deps.store.contacts.find(dupe.id)).toMatchObject({ version: 2, jobTitle: 'CFO' });
      expect(await deps.store.contacts.find(keep.id)).toMatchObject({ version: 1, firstName: '' });
    });

    it('refuses to merge a contact into itself and names a missing one', async () => {
      const { deps } = world;
      const keep = await createContact(deps, agent, contactInput({ email: 'eve@acme.com' }));
      await expect(mergeContacts(deps, agent, { keepId: keep.id, mergeId: keep.id, versions: { keep: 1, merge: 1 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(mergeContacts(deps, agent, { keepId: keep.id, mergeId: 'gone', versions: { keep: 1, merge: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('companies', () => {
    it('moves domains, members, links and notes, fills empty values, and deletes the duplicate', async () => {
      const { deps } = world;
      const industry = await createField(deps, admin, { entity: 'company', name: 'Industry', type: 'text', options: [] });
      const keep = await createCompany(deps, agent, companyInput({ name: 'Acme', domains: ['acme.com'] }));
      const dupe = await createCompany(deps, agent, companyInput({ name: 'ACME Corp', domains: ['acme.co.uk', 'acme.com.au'], custom: { [industry.id]: 'Retail' } }));
      const ada = await createContact(deps, agent, contactInput({ email: 'ada@acme.co.uk' }));
      const bob = await createContact(deps, agent, contactInput({ email: 'bob@acme.com' }));
      await setMembership(deps, agent, { contactId: ada.id, companyId: dupe.id, role: 'Buyer', isPrimary: true });
      await setMembership(deps, agent, { contactId: bob.id, companyId: keep.id, role: 'CTO' });
      await setMembership(deps, agent, { contactId: bob.id, companyId: dupe.id, role: 'Advisor', isPrimary: true });
      await linkRecord(deps, agent, { recordType: 'company', recordId: dupe.id, target: { type: 'issue', issueId: '10102' }, alsoCompanyIds: [] });
      await addNote(deps, agent, { recordType: 'company', recordId: dupe.id, body: 'Renewal in May.' });

      const merged = await mergeCompanies(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } });
      await deps.propertySync.idle();

      expect(merged).toMatchObject({ id: keep.id, version: 2, mergedId: dupe.id, moved: { memberships: 2, links: 1, notes: 1, domains: 2, children: 0 } });
      expect(await deps.store.companies.find(dupe.id)).toBeNull();
      const profile = await getCompanyProfile(deps, agent, { id: keep.id });
      expect(profile.company).toMatchObject({ name: 'Acme', domains: ['acme.co.uk', 'acme.com', 'acme.com.au'], custom: { [industry.id]: 'Retail' }, memberCount: 2 });
      const members = (await deps.store.memberships.forCompany(keep.id)).map((m) => [m.contactId === ada.id ? 'ada' : 'bob', m.role, m.isPrimary]);
      expect(members.sort()).toEqual([['ada', 'Buyer', true], ['bob', 'CTO', true]].sort());
      expect((await deps.store.companies.findByDomains(['acme.com.au']))[0]?.id).toBe(keep.id);
      expect(world.site.issueProperty('10102')).toMatchObject({ companyIds: [keep.id], companyNames: ['Acme'] });
      expect((await history('company', keep.id))[0]).toMatchObject({ action: 'merge', changes: { mergedFrom: [null, dupe.id] } });
      expect((await history('contact', ada.id))[0]).toMatchObject({ action: 'membership-update', changes: { companyId: [dupe.id, keep.id] } });
    });

    it('re-parents the duplicate\'s subsidiaries to the kept company without making a loop', async () => {
      const { deps } = world;
      // holding > dupe > (subsidiary, mid > keep): after the merge keep takes dupe's place under holding.
      const holding = await createCompany(deps, agent, companyInput({ name: 'Holding' }));
      const dupe = await createCompany(deps, agent, companyInput({ name: 'Dupe', parentId: holding.id }));
      const subsidiary = await createCompany(deps, agent, companyInput({ name: 'Subsidiary', parentId: dupe.id }));
      const mid = await createCompany(deps, agent, companyInput({ name: 'Mid', parentId: dupe.id }));
      const keep = await createCompany(deps, agent, companyInput({ name: 'Keep', parentId: mid.id }));

      const merged = await mergeCompanies(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } });

      expect(merged.moved.children).toBe(2);
      const parentOf = async (id: string) => (await deps.store.companies.find(id))?.parentId;
      expect(await parentOf(keep.id)).toBe(holding.id);
      expect(await parentOf(subsidiary.id)).toBe(keep.id);
      expect(await parentOf(mid.id)).toBe(keep.id);
    });

    it('takes the duplicate\'s parent only when that would not put the kept company under itself', async () => {
      const { deps } = world;
      const keep = await createCompany(deps, agent, companyInput({ name: 'Keep' }));
      const child = await createCompany(deps, agent, companyInput({ name: 'Child', parentId: keep.id }));
      const dupe = await createCompany(deps, agent, companyInput({ name: 'Dupe', parentId: child.id }));
      const parentOf = async (id: string) => (await deps.store.companies.find(id))?.parentId;

      await mergeCompanies(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } });
      expect(await parentOf(keep.id)).toBeNull();

      const top = await createCompany(deps, agent, companyInput({ name: 'Top' }));
      const other = await createCompany(deps, agent, companyInput({ name: 'Other', parentId: top.id }));
      const keptVersion = (await deps.store.companies.find(keep.id))?.version ?? 0;
      await mergeCompanies(deps, agent, { keepId: keep.id, mergeId: other.id, versions: { keep: keptVersion, merge: 1 } });
      expect(await parentOf(keep.id)).toBe(top.id);
    });

    it('refuses a merge that would give the kept company too many domains, naming the limit, and changes nothing', async () => {
      const { deps } = world;
      const half = Math.ceil(MAX_DOMAINS_PER_COMPANY / 2) + 1;
      const keep = await createCompany(deps, agent, companyInput({ name: 'A', domains: Array.from({ length: half }, (_, i) => `a${i}.com`) }));
      const dupe = await createCompany(deps, agent, companyInput({ name: 'B', domains: Array.from({ length: half }, (_, i) => `b${i}.com`) }));
      await expect(mergeCompanies(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } })).rejects.toMatchObject({
        code: 'LIMIT_EXCEEDED',
        message: expect.stringContaining(`at most ${MAX_DOMAINS_PER_COMPANY}`),
      });
      expect(await deps.store.companies.find(dupe.id)).toMatchObject({ version: 1, domains: dupe.domains });
    });

    it('refuses a stale version with CONFLICT', async () => {
      const { deps } = world;
      const keep = await createCompany(deps, agent, companyInput({ name: 'Keep' }));
      const dupe = await createCompany(deps, agent, companyInput({ name: 'Dupe', domains: ['dupe.com'] }));
      await updateCompany(deps, agent, { id: keep.id, version: 1, name: 'Keep Ltd' });
      await expect(mergeCompanies(deps, agent, { keepId: keep.id, mergeId: dupe.id, versions: { keep: 1, merge: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await deps.store.companies.find(dupe.id)).toMatchObject({ domains: ['dupe.com'] });
    });
  });
});
