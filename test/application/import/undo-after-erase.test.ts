// Undoing an import after one of its contacts was erased: the erased person is not brought back, and the report says so.
import { createCompany } from '../../../src/application/create-company';
import { createContact } from '../../../src/application/create-contact';
import { eraseContact } from '../../../src/application/erase-contact';
import { processUndo, startUndo } from '../../../src/application/import/undo-import';
import { setMembership } from '../../../src/application/set-membership';
import { companyInputSchema, contactInputSchema } from '../../../src/domain/schemas';
import { csv, depsFor, runImport } from '../../support/import-harness';
import { engines } from '../../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../../support/use-case-deps';

describe.each(engines())('undo after an erasure on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.close();
  });

  it('skips the erased contact and its memberships, and lists them as skipped because erased', async () => {
    const { deps } = world;
    const navy = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Navy' }));
    const grace = await createContact(deps, agent, contactInputSchema.parse({ email: 'grace@navy.mil', firstName: 'Grace' }));
    await setMembership(deps, agent, { contactId: grace.id, companyId: navy.id, role: 'Officer' });
    const job = await runImport(depsFor(deps.store), csv('Email,First name,Company,Role', 'grace@navy.mil,Amazing Grace,Navy,Admiral', 'linus@navy.mil,Linus,Navy,Sailor'));
    expect(job.report?.memberships).toMatchObject({ created: 1, updated: 1 });

    await eraseContact(deps, admin, { id: grace.id, confirm: true });
    const undoDeps = depsFor(deps.store, Date.parse('2026-04-01T00:00:00Z'));
    await startUndo(undoDeps, job.id);
    const undone = await processUndo(undoDeps, job.id);

    expect(undone.status).toBe('undone');
    expect(await deps.store.memberships.forCompany(navy.id)).toEqual([]);
    expect(await deps.store.memberships.countForCompany(navy.id)).toBe(0);
    expect(await deps.store.contacts.find(grace.id)).toBeNull();
    expect(await deps.store.contacts.findByEmails(['linus@navy.mil'])).toEqual([]);
    expect(undone.report?.undo?.skipped).toEqual(expect.arrayContaining([`membership ${grace.id}:${navy.id}: erased, not restored`, `contact ${grace.id}: erased, not restored`]));
  });
});

describe('undo and the import lock', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('an undo whose lock another import has taken waits with IMPORT_RUNNING and changes nothing', async () => {
    const { deps } = world;
    const job = await runImport(depsFor(deps.store), csv('Email,First name', 'ada@acme.com,Ada'));
    const undoDeps = depsFor(deps.store, Date.parse('2026-04-01T00:00:00Z'));
    await startUndo(undoDeps, job.id);
    // The undo's lock ran out (its worker died) and another import took it over.
    await deps.store.locks.release('import', job.id);
    expect(await deps.store.locks.acquire('import', 'other-job', 60_000, Date.parse('2026-04-01T00:00:01Z'))).toBe(true);

    await expect(processUndo(undoDeps, job.id)).rejects.toMatchObject({ code: 'IMPORT_RUNNING' });
    expect(await deps.store.contacts.findByEmails(['ada@acme.com'])).toHaveLength(1);
  });
});
