// Personal-data reporting: every account id the app stores is reported in batches of 90, closed accounts are anonymised.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { deleteNote } from '../../src/application/delete-note';
import { PERSONAL_DATA_REPORT_BATCH } from '../../src/application/privacy/personal-data-reporting';
import { PERSONAL_DATA_CURSOR_KEY, reportPersonalData } from '../../src/application/privacy/report-personal-data';
import { setMembership } from '../../src/application/set-membership';
import { updateContact } from '../../src/application/update-contact';
import { ANONYMOUS_ACCOUNT, isPersonAccount } from '../../src/domain/accounts';
import type { Role } from '../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { FakePrivacy } from '../support/fake-privacy';
import { runImport } from '../support/import-harness';
import { openWorld, type TestWorld } from '../support/use-case-deps';

const as = (accountId: string, role: Role = 'editor') => ({ accountId, role });

describe('which actors are people', () => {
  it.each([
    ['557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', true],
    ['5b10ac8d82e05b22cc7d4ef5', true],
    ['import:019c0000-0000-7000-8000-000000000000', false],
    ['undo:019c0000-0000-7000-8000-000000000000', false],
    ['auto-match', false],
    ['local-admin', false],
    [ANONYMOUS_ACCOUNT, false],
    ['', false],
  ])('%s -> %s', (actor, person) => expect(isPersonAccount(actor)).toBe(person));
});

describe.each(engines())('personal-data reporting on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.deps.propertySync.idle();
    await world.close();
  });

  /** Ada creates, Bob edits and writes notes, Carol deletes a note, admin-1 runs an import (which itself acts as the app). */
  async function seed() {
    const { deps } = world;
    const contact = await createContact(deps, as('acc-ada'), contactInputSchema.parse({ email: 'x@acme.com' }));
    const company = await createCompany(deps, as('acc-ada'), companyInputSchema.parse({ name: 'Acme' }));
    await updateContact(deps, as('acc-bob'), { id: contact.id, version: 1, firstName: 'X' });
    await setMembership(deps, as('acc-bob'), { contactId: contact.id, companyId: company.id, role: 'Buyer' });
    const note = await addNote(deps, as('acc-bob'), { recordType: 'contact', recordId: contact.id, body: 'Hello' });
    await deleteNote(deps, as('acc-carol', 'admin'), { id: note.id });
    await addNote(deps, as('acc-bob'), { recordType: 'company', recordId: company.id, body: 'Kept' });
    await runImport(deps, 'Email,Company\nlin@initech.com,Initech\n');
    await createContact(deps, as('local-admin', 'admin'), contactInputSchema.parse({ email: 'y@acme.com' }));
    return { contact, company };
  }

  const deps = (privacy: FakePrivacy) => ({ ...world.deps, reporting: privacy });

  it('reports each stored person account once, with the latest time it was stored, and leaves the app\'s own actors out', async () => {
    await seed();
    const privacy = new FakePrivacy();
    const result = await reportPersonalData(deps(privacy));
    expect(result).toEqual({ reported: 4, closed: 0, anonymisedRows: 0, complete: true });
    expect(privacy.reported).toEqual(['acc-ada', 'acc-bob', 'acc-carol', 'admin-1']);
    for (const account of privacy.batches.flat()) expect(account.updatedAt).toMatch(/^2026-02-01T09:\d\d:\d\d\.000Z$/);
    // Bob's latest trace is the company note, after Carol's deletion.
    const [, bob, carol] = privacy.batches.flat();
    expect((bob?.updatedAt ?? '') > (carol?.updatedAt ?? '')).toBe(true);
  });

  it('replaces a closed account\'s id wherever it is kept, including inside history entries, and stops reporting it', async () => {
    const { contact } = await seed();
    const privacy = new FakePrivacy({ 'acc-bob': 'closed', 'acc-ada': 'updated' });

    const result = await reportPersonalData(deps(privacy));

    expect(result).toMatchObject({ reported: 4, closed: 1, complete: true });
    expect(result.anonymisedRows).toBeGreaterThanOrEqual(6);
    const { store } = world.deps;
    expect(await store.contacts.find(contact.id)).toMatchObject({ createdBy: 'acc-ada', updatedBy: ANONYMOUS_ACCOUNT });
    expect((await store.memberships.forContacts([contact.id]))[0]?.createdBy).toBe(ANONYMOUS_ACCOUNT);
    const trail = JSON.stringify((await store.audit.list({ limit: 500 })).items);
    expect(trail).not.toContain('acc-bob');
    expect(trail).toContain(`"authorId":["${ANONYMOUS_ACCOUNT}",null]`);

    const again = new FakePrivacy({ 'acc-bob': 'closed' });
    expect(await reportPersonalData(deps(again))).toMatchObject({ reported: 3, closed: 0 });
    expect(again.reported).toEqual(['acc-ada', 'acc-carol', 'admin-1']);
  });

  it('sends at most 90 accounts per request, in account order, across store pages', async () => {
    const accounts = Array.from({ length: 2 * PERSONAL_DATA_REPORT_BATCH + 7 }, (_, i) => `acc-${String(i).padStart(4, '0')}`);
    await world.deps.store.audit.append(
      accounts.map((actor, i) => ({ id: `e-${i}`, at: '2026-01-01T00:00:00.000Z', actor, jobId: null, recordType: 'contact', recordId: `c-${i}`, action: 'update', changes: {} })),
    );
    const privacy = new FakePrivacy();
    await reportPersonalData(deps(privacy));
    expect(privacy.batches.map((b) => b.length)).toEqual([PERSONAL_DATA_REPORT_BATCH, PERSONAL_DATA_REPORT_BATCH, 7]);
    expect(privacy.reported).toEqual(accounts);

    const paged = new FakePrivacy();
    await reportPersonalData(deps(paged), { pageSize: 50 });
    expect(paged.reported).toEqual(accounts);
    expect(Math.max(...paged.batches.map((b) => b.length))).toBeLessThanOrEqual(PERSONAL_DATA_REPORT_BATCH);
  });

  it('leaves a cursor when its time runs out, and the next run goes on from there', async () => {
    const accounts = Array.from({ length: PERSONAL_DATA_REPORT_BATCH + 10 }, (_, i) => `acc-${String(i).padStart(4, '0')}`);
    await world.deps.store.audit.append(
      accounts.map((actor, i) => ({ id: `e-${i}`, at: '2026-01-01T00:00:00.000Z', actor, jobId: null, recordType: 'contact', recordId: `c-${i}`, action: 'update', changes: {} })),
    );
    const first = new FakePrivacy();
    // The world's clock moves a second per reading: a 1 ms budget ends after the first batch.
    expect(await reportPersonalData(deps(first), { budgetMs: 1 })).toMatchObject({ reported: PERSONAL_DATA_REPORT_BATCH, complete: false });
    expect(await world.deps.settings.get(PERSONAL_DATA_CURSOR_KEY)).toBe(accounts[PERSONAL_DATA_REPORT_BATCH - 1]);

    const second = new FakePrivacy();
    expect(await reportPersonalData(deps(second))).toMatchObject({ reported: 10, complete: true });
    expect([...first.reported, ...second.reported]).toEqual(accounts);
    expect(await world.deps.settings.get(PERSONAL_DATA_CURSOR_KEY)).toBeUndefined();
  });

  it('fails without anonymising anything when the API is down, so the next run reports again', async () => {
    await seed();
    const privacy = new FakePrivacy({ 'acc-bob': 'closed' });
    privacy.failures = 1;
    await expect(reportPersonalData(deps(privacy))).rejects.toThrow('HTTP 503');
    expect(JSON.stringify((await world.deps.store.audit.list({ limit: 500 })).items)).toContain('acc-bob');
  });
});
