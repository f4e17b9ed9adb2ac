// Company use cases on the real SQL store: domains owned once, parents without loops, cascading deletes, audit.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { deleteCompany } from '../../src/application/delete-company';
import { getCompanyProfile } from '../../src/application/get-company-profile';
import { searchCompanies } from '../../src/application/search-companies';
import { setMembership } from '../../src/application/set-membership';
import { updateCompany } from '../../src/application/update-company';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { engines } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

const company = (fields: Record<string, unknown>) => companyInputSchema.parse(fields);

describe.each(engines())('companies on $name', (factory) => {
  let world: TestWorld;
  let deps: ResolverDeps;
  beforeEach(async () => {
    world = await openWorld(factory);
    deps = world.deps;
  });
  afterEach(() => world.close());

  const history = async (recordType: string, recordId: string) => (await deps.store.audit.list({ recordType, recordId, limit: 50 })).items;
  const member = async (email: string) => createContact(deps, agent, contactInputSchema.parse({ email }));

  it('creates a company with normalised domains and audits it', async () => {
    const acme = await createCompany(deps, agent, company({ name: 'ACME, Inc.', domains: ['https://www.Acme.com/about', 'acme.io'] }));
    expect(acme).toMatchObject({ name: 'ACME, Inc.', nameKey: 'acme', domains: ['acme.com', 'acme.io'], parent: null, childCount: 0, memberCount: 0 });
    expect((await history('company', acme.id))[0]).toMatchObject({ action: 'create', changes: { domains: [null, ['acme.com', 'acme.io']] } });
  });

  it('refuses a domain another company owns, naming the domain and the company that has it', async () => {
    const acme = await createCompany(deps, agent, company({ name: 'Acme', domains: ['acme.com'] }));
    const other = await createCompany(deps, agent, company({ name: 'Other' }));
    const duplicate = { code: 'DUPLICATE', details: { field: 'domains', domain: 'acme.com', companyId: acme.id, companyName: 'Acme' } };
    await expect(createCompany(deps, agent, company({ name: 'Copycat', domains: ['acme.com'] }))).rejects.toMatchObject(duplicate);
    await expect(updateCompany(deps, agent, { id: other.id, version: 1, domains: ['other.com', 'acme.com'] })).rejects.toMatchObject(duplicate);
    expect((await deps.store.companies.find(other.id))?.domains).toEqual([]);
  });

  it('lets a company keep and reorder its own domains', async () => {
    const acme = await createCompany(deps, agent, company({ name: 'Acme', domains: ['acme.com', 'acme.io'] }));
    const updated = await updateCompany(deps, agent, { id: acme.id, version: 1, domains: ['acme.io', 'acme.com', 'acme.dev'] });
    expect(updated.domains).toEqual(['acme.com', 'acme.dev', 'acme.io']);
  });

  it('refuses a parent that does not exist, naming the parentId field', async () => {
    await expect(createCompany(deps, agent, company({ name: 'Orphan', parentId: 'nope' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'parentId' },
    });
  });

  it('refuses a parent that would put a company above itself', async () => {
    const group = await createCompany(deps, agent, company({ name: 'Group' }));
    const europe = await createCompany(deps, agent, company({ name: 'Europe', parentId: group.id }));
    const france = await createCompany(deps, agent, company({ name: 'France', parentId: europe.id }));
    await expect(updateCompany(deps, agent, { id: group.id, version: 1, parentId: france.id })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'parentId: France is a subsidiary of Group, so it cannot also be its parent.',
    });
    await expect(updateCompany(deps, agent, { id: group.id, version: 1, parentId: group.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await deps.store.companies.find(group.id))?.parentId).toBeNull();
    // Moving a subsidiary under a sibling branch is fine.
    const moved = await updateCompany(deps, agent, { id: france.id, version: 1, parentId: group.id });
    expect(moved.parent).toEqual({ id: group.id, name: 'Group' });
  });

  it('answers CONFLICT to an edit made from a stale version', async () => {
    const acme = await createCompany(deps, agent, company({ name: 'Acme' }));
    await updateCompany(deps, agent, { id: acme.id, version: 1, name: 'Acme Corp' });
    await expect(updateCompany(deps, admin, { id: acme.id, version: 1, name: 'Acme Ltd' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await deps.store.companies.find(acme.id))?.name).toBe('Acme Corp');
  });

  it('audits a rename with the name before and after', async () => {
    const acme = await createCompany(deps, agent, company({ name: 'Acme' }));
    await updateCompany(deps, admin, { id: acme.id, version: 1, name: 'Acme Corp' });
    expect((await history('company', acme.id))[0]).toMatchObject({ action: 'update', actor: 'local-admin', changes: { name: ['Acme', 'Acme Corp'] } });
  });

  it('deletes a company: subsidiaries become top-level, memberships, links and notes go, and the counts are reported', async () => {
    const group = await createCompany(deps, agent, company({ name: 'Group', domains: ['group.com'] }));
    const europe = await createCompany(deps, agent, company({ name: 'Europe', parentId: group.id }));
    const asia = await createCompany(deps, agent, company({ name: 'Asia', parentId: group.id }));
    const ada = await member('ada@group.com');
    const bob = await member('bob@group.com');
    await setMembership(deps, agent, { contactId: ada.id, companyId: group.id, isPrimary: true });
    await setMembership(deps, agent, { contactId: bob.id, companyId: group.id, role: 'Buyer' });
    await setMembership(deps, agent, { contactId: bob.id, companyId: europe.id });
    await addNote(deps, agent, { recordType: 'company', recordId: group.id, body: 'Renewal in May.' });
    await addNote(deps, agent, { recordType: 'company', recordId: group.id, body: 'Ask for a reference.' });

    expect(await deleteCompany(deps, admin, { id: group.id })).toEqual({
      id: group.id,
      detachedChildren: 2,
      removed: { memberships: 2, links: 0, notes: 2 },
    });
    expect(await deps.store.companies.find(group.id)).toBeNull();
    expect(await deps.store.companies.findByDomains(['group.com'])).toEqual([]);
    expect(await deps.store.companies.find(europe.id)).toMatchObject({ parentId: null, version: 2, updatedBy: 'local-admin' });
    expect(await deps.store.companies.find(asia.id)).toMatchObject({ parentId: null });
    expect((await deps.store.memberships.forContacts([ada.id, bob.id])).map((m) => m.companyId)).toEqual([europe.id]);
    expect(await deps.store.notes.forRecord('company', group.id)).toEqual([]);
    expect((await history('company', europe.id))[0]).toMatchObject({ action: 'update', changes: { parentId: [group.id, null] } });
    expect((await history('contact', bob.id))[0]).toMatchObject({ action: 'membership-remove', changes: { companyId: [group.id, null], role: ['Buyer', null] } });
    expect((await history('company', group.id))[0]).toMatchObject({ action: 'delete', changes: { name: ['Group', null] } });
  });

  it('shows a profile with parent, subsidiaries, members with their roles, notes and history', async () => {
    const group = await createCompany(deps, agent, company({ name: 'Group' }));
    const acme = await createCompany(deps, agent, company({ name: 'Acme', parentId: group.id }));
    await createCompany(deps, agent, company({ name: 'Acme Labs', parentId: acme.id }));
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada' }));
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'CTO', isPrimary: true });

    const profile = await getCompanyProfile(deps, agent, { id: acme.id });
    expect(profile.company).toMatchObject({ name: 'Acme', parent: { id: group.id, name: 'Group' }, childCount: 1, memberCount: 1 });
    expect(profile.children.map((c) => c.name)).toEqual(['Acme Labs']);
    expect(profile.contacts).toEqual([{ contactId: ada.id, displayName: 'Ada', email: 'ada@acme.com', jobTitle: '', role: 'CTO', isPrimary: true }]);
    expect(profile.history.map((h) => h.action)).toEqual(['membership-add', 'create']);
  });

  it('searches by name or domain prefix and by parent, with counts of subsidiaries and members', async () => {
    const group = await createCompany(deps, agent, company({ name: 'Globex Group', domains: ['globex.com'] }));
    await createCompany(deps, agent, company({ name: 'Globex Europe', parentId: group.id }));
    await createCompany(deps, agent, company({ name: 'Initech' }));
    const byName = await searchCompanies(deps, agent, { text: 'glob', limit: 10 });
    expect(byName.total).toBe(2);
    expect(byName.items.map((c) => [c.name, c.childCount])).toEqual([
      ['Globex Europe', 0],
      ['Globex Group', 1],
    ]);
    expect((await searchCompanies(deps, agent, { text: 'globex.com', limit: 10 })).items.map((c) => c.name)).toEqual(['Globex Group']);
    const children = await searchCompanies(deps, agent, { parentId: group.id, limit: 10 });
    expect(children.items.map((c) => [c.name, c.parent?.name])).toEqual([['Globex Europe', 'Globex Group']]);
  });
});
