// Contact use cases on the real SQL store: unique emails, derived names, custom values, versions, cascades, audit.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { deleteContact } from '../../src/application/delete-contact';
import { getContactProfile } from '../../src/application/get-contact-profile';
import { createField } from '../../src/application/manage-custom-fields';
import { searchContacts } from '../../src/application/search-contacts';
import { setMembership } from '../../src/application/set-membership';
import { updateContact } from '../../src/application/update-contact';
import { contactInputSchema } from '../../src/domain/schemas';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { engines } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

const input = (fields: Record<string, unknown>) => contactInputSchema.parse(fields);

describe.each(engines())('contacts on $name', (factory) => {
  let world: TestWorld;
  let deps: ResolverDeps;
  beforeEach(async () => {
    world = await openWorld(factory);
    deps = world.deps;
  });
  afterEach(() => world.close());

  const history = async (recordType: string, recordId: string) => (await deps.store.audit.list({ recordType, recordId, limit: 50 })).items;

  it('creates a contact, derives its display name from the names, and audits every field it set', async () => {
    const created = await createContact(deps, agent, input({ email: ' Ada@Example.ORG ', firstName: 'Ada', lastName: 'Lovelace' }));
    expect(created).toMatchObject({ email: 'ada@example.org', displayName: 'Ada Lovelace', version: 1, createdBy: 'local-agent', memberships: [] });
    const [entry] = await history('contact', created.id);
    expect(entry).toMatchObject({ action: 'create', actor: 'local-agent' });
    expect(entry?.changes).toEqual({
      email: [null, 'ada@example.org'],
      firstName: [null, 'Ada'],
      lastName: [null, 'Lovelace'],
      displayName: [null, 'Ada Lovelace'],
    });
  });

  it('refuses a second contact with the same email as DUPLICATE and offers the existing contact', async () => {
    const first = await createContact(deps, agent, input({ email: 'grace@navy.mil', firstName: 'Grace' }));
    await expect(createContact(deps, agent, input({ email: 'GRACE@navy.mil' }))).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { field: 'email', existingId: first.id },
    });
  });

  it('refuses to change an email to one another contact has, naming that contact', async () => {
    const taken = await createContact(deps, agent, input({ email: 'taken@example.org' }));
    const other = await createContact(deps, agent, input({ email: 'other@example.org' }));
    await expect(updateContact(deps, agent, { id: other.id, version: 1, email: 'taken@example.org' })).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { existingId: taken.id },
    });
  });

  it('answers CONFLICT to an edit made from a stale version and keeps the newer edit', async () => {
    const c = await createContact(deps, agent, input({ email: 'versioned@example.org' }));
    await updateContact(deps, agent, { id: c.id, version: 1, phone: '+1 555 0100' });
    await expect(updateContact(deps, admin, { id: c.id, version: 1, phone: '+44 20 7946 0000' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await deps.store.contacts.find(c.id)).toMatchObject({ phone: '+1 555 0100', version: 2 });
  });

  it('records only the fields an edit changed, with before and after, and who made it', async () => {
    const c = await createContact(deps, agent, input({ email: 'edit@example.org', firstName: 'Ed', jobTitle: 'CTO' }));
    const updated = await updateContact(deps, admin, { id: c.id, version: 1, jobTitle: 'CEO', phone: '' });
    expect(updated).toMatchObject({ jobTitle: 'CEO', version: 2, updatedBy: 'local-admin' });
    const [latest] = await history('contact', c.id);
    expect(latest).toMatchObject({ action: 'update', actor: 'local-admin', changes: { jobTitle: ['CTO', 'CEO'] } });
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const c = await createContact(deps, agent, input({ email: 'same@example.org', firstName: 'Sam' }));
    const result = await updateContact(deps, agent, { id: c.id, version: 1, firstName: 'Sam' });
    expect(result.version).toBe(1);
    expect(await history('contact', c.id)).toHaveLength(1);
  });

  it('keeps a derived display name in step with the names, but keeps one the user typed', async () => {
    const derived = await createContact(deps, agent, input({ email: 'd@example.org', firstName: 'Ada', lastName: 'Byron' }));
    expect((await updateContact(deps, agent, { id: derived.id, version: 1, lastName: 'Lovelace' })).displayName).toBe('Ada Lovelace');
    const typed = await createContact(deps, agent, input({ email: 't@example.org', firstName: 'Robert', displayName: 'Bob' }));
    expect((await updateContact(deps, agent, { id: typed.id, version: 1, lastName: 'Tables' })).displayName).toBe('Bob');
    expect((await updateContact(deps, agent, { id: typed.id, version: 2, displayName: '' })).displayName).toBe('Robert Tables');
  });

  it('stores custom values in canonical form, refuses bad ones naming the field, and clears a value sent empty', async () => {
    const tier = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'select', options: ['Gold', 'Silver'] });
    const seats = await createField(deps, admin, { entity: 'contact', name: 'Seats', type: 'number', options: [] });
    const c = await createContact(deps, agent, input({ email: 'custom@example.org', custom: { [tier.id]: 'gold', [seats.id]: '1,200' } }));
    expect(c.custom).toEqual({ [tier.id]: 'Gold', [seats.id]: '1200' });

    await expect(updateContact(deps, agent, { id: c.id, version: 1, custom: { [tier.id]: 'Bronze' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`custom.${tier.id}: Tier: "Bronze" is not one of the options: Gold, Silver`),
      details: { field: `custom.${tier.id}` },
    });
    await expect(updateContact(deps, agent, { id: c.id, version: 1, custom: { 'no-such-field': 'x' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'custom.no-such-field' },
    });
    const cleared = await updateContact(deps, agent, { id: c.id, version: 1, custom: { [seats.id]: '' } });
    expect(cleared.custom).toEqual({ [tier.id]: 'Gold' });
    expect((await history('contact', c.id))[0]?.changes).toEqual({ [`custom.${seats.id}`]: ['1200', null] });
  });

  it('does not accept a company field as a contact field', async () => {
    const industry = await createField(deps, admin, { entity: 'company', name: 'Industry', type: 'text', options: [] });
    await expect(createContact(deps, agent, input({ email: 'x@example.org', custom: { [industry.id]: 'Retail' } }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('deletes a contact with its memberships, links and notes, reports the counts, and audits the removal', async () => {
    const c = await createContact(deps, agent, input({ email: 'leaving@example.org' }));
    const acme = await createCompany(deps, agent, { name: 'Acme', domains: [], parentId: null, custom: {} });
    const globex = await createCompany(deps, agent, { name: 'Globex', domains: [], parentId: null, custom: {} });
    await setMembership(deps, agent, { contactId: c.id, companyId: acme.id, role: 'Buyer' });
    await setMembership(deps, agent, { contactId: c.id, companyId: globex.id });
    await addNote(deps, agent, { recordType: 'contact', recordId: c.id, body: 'Prefers email.' });
    await deps.store.links.add({
      id: deps.ids(), recordType: 'contact', recordId: c.id, targetType: 'issue', targetId: '10001', targetKey: 'SUP-1',
      url: 'https://example.atlassian.net/browse/SUP-1', title: 'Printer on fire', createdAt: '2026-02-01T00:00:00.000Z', createdBy: 'local-agent',
    });

    expect(await deleteContact(deps, admin, { id: c.id })).toEqual({ id: c.id, removed: { memberships: 2, links: 1, notes: 1 } });
    expect(await deps.store.contacts.find(c.id)).toBeNull();
    expect(await deps.store.memberships.forContacts([c.id])).toEqual([]);
    expect(await deps.store.links.forRecord('contact', c.id)).toEqual([]);
    expect(await deps.store.notes.forRecord('contact', c.id)).toEqual([]);
    expect((await history('contact', c.id))[0]).toMatchObject({ action: 'delete', changes: { email: ['leaving@example.org', null] } });
    expect((await history('company', acme.id))[0]).toMatchObject({ action: 'membership-remove', changes: { contactId: [c.id, null], role: ['Buyer', null] } });
  });

  it('answers NOT_FOUND for a contact that does not exist', async () => {
    await expect(getContactProfile(deps, agent, { id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteContact(deps, agent, { id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a profile with memberships joined to company names (primary first), notes and recent history', async () => {
    const c = await createContact(deps, agent, input({ email: 'profile@example.org', firstName: 'Pat' }));
    const zeta = await createCompany(deps, agent, { name: 'Zeta', domains: [], parentId: null, custom: {} });
    const alpha = await createCompany(deps, agent, { name: 'Alpha', domains: [], parentId: null, custom: {} });
    await setMembership(deps, agent, { contactId: c.id, companyId: alpha.id, role: 'User' });
    await setMembership(deps, agent, { contactId: c.id, companyId: zeta.id, role: 'Owner', isPrimary: true });
    await addNote(deps, agent, { recordType: 'contact', recordId: c.id, body: 'Met at the summit.' });

    const profile = await getContactProfile(deps, admin, { id: c.id });
    expect(profile.contact.memberships.map((m) => [m.companyName, m.role, m.isPrimary])).toEqual([
      ['Zeta', 'Owner', true],
      ['Alpha', 'User', false],
    ]);
    expect(profile.notes).toMatchObject([{ body: 'Met at the summit.', authorId: 'local-agent', canEdit: false, canDelete: true }]);
    expect(profile.history.map((h) => h.action)).toEqual(['note-add', 'membership-add', 'membership-add', 'create']);
  });

  it('searches by name prefix, company, role and custom value, and pages with a total', async () => {
    const acme = await createCompany(deps, agent, { name: 'Acme', domains: [], parentId: null, custom: {} });
    const region = await createField(deps, admin, { entity: 'contact', name: 'Region', type: 'select', options: ['EMEA', 'APAC'] });
    const names = ['Zoe Adams', 'Zora Baker', 'Zed Clark', 'Yan Doe'];
    for (const [i, name] of names.entries()) {
      const [firstName, lastName] = name.split(' ');
      const c = await createContact(deps, agent, input({ email: `p${i}@search.test`, firstName, lastName, custom: { [region.id]: i % 2 ? 'apac' : 'emea' } }));
      if (i < 3) await setMembership(deps, agent, { contactId: c.id, companyId: acme.id, role: i === 0 ? 'Buyer' : 'User' });
    }
    const first = await searchContacts(deps, agent, { text: 'zo', limit: 1 });
    expect(first).toMatchObject({ total: 2, items: [{ displayName: 'Zoe Adams' }] });
    const second = await searchContacts(deps, agent, { text: 'zo', limit: 1, after: first.next });
    expect(second.items.map((c) => c.displayName)).toEqual(['Zora Baker']);
    expect(second.next).toBeNull();

    const buyers = await searchContacts(deps, agent, { companyId: acme.id, role: 'Buyer', limit: 10 });
    expect(buyers.items.map((c) => [c.displayName, c.memberships[0]?.companyName])).toEqual([['Zoe Adams', 'Acme']]);
    expect((await searchContacts(deps, agent, { companyId: acme.id, limit: 10 })).total).toBe(3);
    // The filter value is matched the way values are stored: option case does not matter.
    const apac = await searchContacts(deps, agent, { custom: { fieldId: region.id, value: 'APAC' }, limit: 10 });
    expect(apac.items.map((c) => c.displayName).sort()).toEqual(['Yan Doe', 'Zora Baker']);
  });
});
