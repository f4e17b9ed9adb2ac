// Erasing a contact: the record and everything about it go, its history keeps only tombstones, issues stop naming it.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { eraseContact } from '../../src/application/erase-contact';
import { runImportStep } from '../../src/application/import/run-import-step';
import { startImport, stageImportRows, queueImport } from '../../src/application/import/start-import';
import { importOptionsSchema } from '../../src/application/import/job-model';
import { linkRecord } from '../../src/application/link-record';
import { setMembership } from '../../src/application/set-membership';
import { updateContact } from '../../src/application/update-contact';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('erasing a contact on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.deps.propertySync.idle();
    await world.deps.importQueue.idle();
    await world.close();
  });

  it('removes the contact with its memberships, links and notes, blanks its history, and reports the counts', async () => {
    const { deps, site } = world;
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada', phone: '+1 555 0100' }));
    const bob = await createContact(deps, agent, contactInputSchema.parse({ email: 'bob@acme.com' }));
    await updateContact(deps, agent, { id: ada.id, version: 1, lastName: 'Lovelace' });
    await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Buyer' });
    await linkRecord(deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [acme.id] });
    await addNote(deps, agent, { recordType: 'contact', recordId: ada.id, body: 'Her mobile is +1 555 0100.' });
    await addNote(deps, agent, { recordType: 'contact', recordId: bob.id, body: 'Unrelated.' });
    await deps.propertySync.idle();
    expect(site.issueProperty('10100')).toMatchObject({ contactIds: [ada.id] });

    const erased = await eraseContact(deps, admin, { id: ada.id, confirm: true });
    await deps.propertySync.idle();

    expect(erased).toEqual({ id: ada.id, alsoErased: [], removed: { memberships: 1, links: 1, notes: 1, stagedRows: 0 }, redactedEntries: expect.any(Number) });
    expect(erased.redactedEntries).toBeGreaterThanOrEqual(5);
    expect(await deps.store.contacts.find(ada.id)).toBeNull();
    expect(await deps.store.memberships.forContacts([ada.id])).toEqual([]);
    expect(await deps.store.notes.forRecord('contact', ada.id)).toEqual([]);
    expect(await deps.store.notes.forRecord('contact', bob.id)).toHaveLength(1);
    const tombstone = { erased: [null, expect.stringMatching(/^2026-\S+Z by local-admin$/)] };
    const entries = (await deps.store.audit.list({ recordType: 'contact', recordId: ada.id, limit: 100 })).items;
    expect(entries[0]).toMatchObject({ action: 'erase', actor: 'local-admin' });
    for (const entry of entries) expect(entry.changes).toEqual(tombstone);
    // Only the changes can hold personal values; ids are random hex and may contain any digits.
    expect(JSON.stringify(entries.map((e) => e.changes))).not.toMatch(/ada@acme\.com|Lovelace|555/);
    // The issue still shows the company, no longer the person.
    expect(site.issueProperty('10100')).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [] });
  });

  it('also blanks the import\'s membership entries and drops staged rows carrying the email', async () => {
    const { deps } = world;
    const grace = await createContact(deps, agent, contactInputSchema.parse({ email: 'grace@navy.mil', firstName: 'Grace' }));
    // An import that adds the existing contact to a company writes a membership entry "<contact id>:<company id>".
    const imported = await startImport(deps, 'local-admin', { fileName: 'people.csv', headers: ['Email', 'Company', 'Role'], options: importOptionsSchema.parse({}), dryRun: false });
    await stageImportRows(deps, imported.job.id, [{ row: 1, line: 2, cells: ['grace@navy.mil', 'Navy', 'Admiral'] }]);
    await queueImport(deps, imported.job.id, 1);
    await runImportStep(deps, { jobId: imported.job.id, kind: 'import' });
    // A later upload of the same person is still staged.
    const staged = await startImport(deps, 'local-admin', { fileName: 'again.csv', headers: ['Email', 'Phone'], options: importOptionsSchema.parse({}), dryRun: true });
    await stageImportRows(deps, staged.job.id, [{ row: 1, line: 2, cells: ['Grace@Navy.mil', '+1 555 0100'] }]);
    const membershipEntries = () => deps.store.audit.list({ recordType: 'membership', limit: 10 });
    expect((await membershipEntries()).items[0]?.changes).toMatchObject({ role: [null, 'Admiral'] });

    const erased = await eraseContact(deps, admin, { id: grace.id, confirm: true });

    expect(erased.removed.stagedRows).toBe(1);
    expect((await membershipEntries()).items.map((e) => Object.keys(e.changes))).toEqual([['erased']]);
    expect(await deps.store.importJobs.rowsInFileOrder(staged.job.id, 0, 10)).toEqual([]);
  });

  it('can run again after failing halfway, and then finds nothing left', async () => {
    const { deps, engine } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com' }));
    await addNote(deps, agent, { recordType: 'contact', recordId: ada.id, body: 'Call back.' });
    engine.counter.failAt = engine.counter.snapshot().total + 4;
    await expect(eraseContact(deps, admin, { id: ada.id, confirm: true })).rejects.toThrow('Injected store failure');
    engine.counter.revive();

    await eraseContact(deps, admin, { id: ada.id, confirm: true });
    expect(await deps.store.contacts.find(ada.id)).toBeNull();
    expect(await deps.store.notes.forRecord('contact', ada.id)).toEqual([]);
    await expect(eraseContact(deps, admin, { id: ada.id, confirm: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
