// Membership use cases: adding, changing role and primary (one primary per contact), removing, and their audit trail.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { removeMembership } from '../../src/application/remove-membership';
import { setMembership } from '../../src/application/set-membership';
import type { Company, Contact } from '../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { agent, openWorld, type TestWorld } from '../support/use-case-deps';

describe('memberships', () => {
  let world: TestWorld;
  let deps: ResolverDeps;
  let ada: Contact;
  let acme: Company;
  let globex: Company;
  beforeEach(async () => {
    world = await openWorld();
    deps = world.deps;
    ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@example.org' }));
    acme = await createCompany(deps, agent, companyInputSchema.parse({ name: 'Acme' }));
    globex = await createCompany(deps, agent, companyInputSchema.parse({ name: 'Globex' }));
  });
  afterEach(() => world.close());

  const history = async (recordType: string, recordId: string) => (await deps.store.audit.list({ recordType, recordId, limit: 50 })).items;
  const primaries = async () => (await deps.store.memberships.forContacts([ada.id])).filter((m) => m.isPrimary).map((m) => m.companyId);

  it('adds a membership with a role and records it in both the contact and the company history', async () => {
    const view = await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Buyer' });
    expect(view.memberships).toMatchObject([{ companyId: acme.id, companyName: 'Acme', role: 'Buyer', isPrimary: false }]);
    expect((await history('contact', ada.id))[0]).toMatchObject({
      action: 'membership-add',
      changes: { companyId: [null, acme.id], role: [null, 'Buyer'], isPrimary: [null, false] },
    });
    expect((await history('company', acme.id))[0]).toMatchObject({ action: 'membership-add', changes: { contactId: [null, ada.id] } });
  });

  it('keeps the stored role when only the primary flag is sent, and the flag when only the role is sent', async () => {
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Buyer', isPrimary: true });
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Approver' });
    const [m] = await deps.store.memberships.forContacts([ada.id]);
    expect(m).toMatchObject({ role: 'Approver', isPrimary: true });
    expect((await history('contact', ada.id))[0]).toMatchObject({ action: 'membership-update', changes: { role: ['Buyer', 'Approver'] } });
  });

  it('makes one company primary at a time: setting a primary clears the previous one', async () => {
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, isPrimary: true });
    const view = await setMembership(deps, agent, { contactId: ada.id, companyId: globex.id, isPrimary: true });
    expect(await primaries()).toEqual([globex.id]);
    expect(view.memberships.map((m) => [m.companyName, m.isPrimary])).toEqual([
      ['Globex', true],
      ['Acme', false],
    ]);
    const acmeHistory = await history('company', acme.id);
    expect(acmeHistory[0]).toMatchObject({ action: 'membership-update', changes: { isPrimary: [true, false] } });
  });

  it('writes nothing when the membership already is as asked', async () => {
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Buyer' });
    const before = (await history('contact', ada.id)).length;
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Buyer', isPrimary: false });
    expect(await history('contact', ada.id)).toHaveLength(before);
  });

  it('removes a membership and keeps the contact and the company', async () => {
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, isPrimary: true });
    const view = await removeMembership(deps, agent, { contactId: ada.id, companyId: acme.id });
    expect(view.memberships).toEqual([]);
    expect(await deps.store.companies.find(acme.id)).not.toBeNull();
    expect((await history('company', acme.id))[0]).toMatchObject({ action: 'membership-remove', changes: { contactId: [ada.id, null], isPrimary: [true, null] } });
  });

  it('answers NOT_FOUND for a membership, contact or company that does not exist', async () => {
    await expect(removeMembership(deps, agent, { contactId: ada.id, companyId: acme.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setMembership(deps, agent, { contactId: ada.id, companyId: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setMembership(deps, agent, { contactId: 'gone', companyId: acme.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
