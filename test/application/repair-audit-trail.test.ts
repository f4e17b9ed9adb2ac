// Forge SQL has no transactions: records written without their history entry (the process died between the two) get
// the entry from the repair step, which the daily audit trigger runs; records with their entries are left alone.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { mergeContacts } from '../../src/application/merge-contacts';
import { repairAuditTrail } from '../../src/application/repair-audit-trail';
import { setMembership } from '../../src/application/set-membership';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { csv, depsFor, runImport } from '../support/import-harness';
import { engines } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('repairing the audit trail on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    world.engine.counter.revive();
    await world.close();
  });

  it('writes the missing create and membership entries once, from the records, and leaves complete records alone', async () => {
    const { deps } = world;
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.example'] }));
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.example', firstName: 'Ada' }));
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Buyer' });
    const bob = await createContact(deps, agent, contactInputSchema.parse({ email: 'bob@acme.example' }));
    await mergeContacts(deps, agent, { keepId: ada.id, mergeId: bob.id, versions: { keep: 1, merge: 1 } });
    await runImport(depsFor(deps.store), csv('Email,Company,Role', 'carl@acme.example,Acme,Engineer'));
    const complete = (await deps.store.audit.list({ limit: 500 })).items.length;
    expect(await repairAuditTrail(deps)).toEqual({ contacts: 0, companies: 0, memberships: 0 });
    expect((await deps.store.audit.list({ limit: 500 })).items).toHaveLength(complete);

    // A contact, a company and a membership written without their entries: the process died right after each write.
    await deps.store.contacts.insert({
      id: 'c-orphan', email: 'grace@acme.example', firstName: 'Grace', lastName: '', displayName: 'Grace', phone: '', jobTitle: '', custom: {},
      version: 1, createdAt: '2026-02-01T10:00:00.000Z', createdBy: 'local-agent', updatedAt: '2026-02-01T10:00:00.000Z', updatedBy: 'local-agent',
    });
    await deps.store.companies.insert({
      id: 'co-orphan', name: 'Globex', nameKey: 'globex', domains: ['globex.example'], parentId: null, custom: {},
      version: 1, createdAt: '2026-02-01T10:00:01.000Z', createdBy: 'local-admin', updatedAt: '2026-02-01T10:00:01.000Z', updatedBy: 'local-admin',
    });
    await deps.store.memberships.upsertMany([{ contactId: ada.id, companyId: 'co-orphan', role: 'Advisor', isPrimary: false, createdAt: '2026-02-01T10:00:02.000Z', createdBy: 'local-agent' }]);

    expect(await repairAuditTrail(deps)).toEqual({ contacts: 1, companies: 1, memberships: 1 });
    const grace = (await deps.store.audit.list({ recordType: 'contact', recordId: 'c-orphan', limit: 5 })).items;
    expect(grace).toEqual([
      expect.objectContaining({ action: 'create', actor: 'local-agent', at: '2026-02-01T10:00:00.000Z', changes: expect.objectContaining({ email: [null, 'grace@acme.example'], repaired: [null, expect.any(String)] }) }),
    ]);
    const globex = (await deps.store.audit.list({ recordType: 'company', recordId: 'co-orphan', limit: 5 })).items.map((e) => e.action).sort();
    expect(globex).toEqual(['create', 'membership-add']);
    expect(await repairAuditTrail(deps)).toEqual({ contacts: 0, companies: 0, memberships: 0 });
  });
});
