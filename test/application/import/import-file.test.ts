// Whole-file imports on the real store: contacts, companies and memberships from one CSV.
import { errorFileLines } from '../../../src/application/import/import-results';
import { startUndo, processUndo } from '../../../src/application/import/undo-import';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import type { SqlEngine } from '../../../src/adapters/sql/engine';
import type { Store } from '../../../src/domain/ports';
import { engines } from '../../support/engines';
import { csv, depsFor, runImport } from '../../support/import-harness';

const HEADER = 'Email,First Name,Last Name,Organization Name,Company Domain,Role,Primary,Parent Company';

describe.each(engines())('importing a file on $name', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  beforeEach(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
  });
  afterEach(() => engine.drop());

  const file = csv(
    HEADER,
    'ada@acme.com,Ada,Lovelace,"ACME, Inc.",acme.com,CTO,yes,Globex Holding',
    'ada@acme.com,,,Initech,initech.com,Advisor,,',
    'bob@acme.com,Bob,Builder,Acme Inc,,Engineer,,',
    ',,,Globex Holding,globex.com,,,',
    'bad-email,X,Y,,,,,',
  );

  it('creates contacts, companies and memberships in one pass and reports rejected rows', async () => {
    const job = await runImport(depsFor(store), file);
    expect(job.status).toBe('done');
    expect(job.report).toMatchObject({
      rows: 5,
      rejected: 1,
      contacts: { created: 2, updated: 0, unchanged: 0 },
      companies: { created: 3, updated: 0 },
      memberships: { created: 3, removed: 0 },
    });
    const [ada] = await store.contacts.findByEmails(['ada@acme.com']);
    const memberships = await store.memberships.forContacts([ada!.id]);
    expect(memberships).toHaveLength(2);
    const acme = (await store.companies.findByDomains(['acme.com']))[0]!;
    expect(acme.name).toBe('ACME, Inc.'); // the first row that names a company fixes its name
    const globex = (await store.companies.findByDomains(['globex.com']))[0]!;
    expect(acme.parentId).toBe(globex.id);
    expect(memberships.find((m) => m.companyId === acme.id)).toMatchObject({ role: 'CTO', isPrimary: true });
    const bob = (await store.contacts.findByEmails(['bob@acme.com']))[0]!;
    expect((await store.memberships.forContacts([bob.id]))[0]?.companyId).toBe(acme.id);
  });

  it('changes nothing when the same file is imported twice', async () => {
    await runImport(depsFor(store), file);
    const before = engine.counter.snapshot();
    const again = await runImport(depsFor(store, Date.parse('2026-03-02T10:00:00Z')), file);
    expect(again.report).toMatchObject({ contacts: { created: 0, updated: 0, unchanged: 2 }, companies: { created: 0, updated: 0, unchanged: 3 }, memberships: { created: 0, updated: 0, unchanged: 3 } });
    expect(engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
  });

  it('plans the whole file on a dry run and writes nothing', async () => {
    const before = engine.counter.snapshot();
    const job = await runImport(depsFor(store), file, { dryRun: true });
    expect(job.report).toMatchObject({ dryRun: true, rejected: 1, contacts: { created: 2 }, companies: { created: 3 }, memberships: { created: 3 } });
    expect(engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
    expect(await store.contacts.count({})).toBe(0);
  });

  it('writes rejected rows to an error file with the original columns and the reason', async () => {
    const job = await runImport(depsFor(store), file);
    let text = '';
    for await (const page of errorFileLines(store, job.id)) text += page;
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain(`${HEADER},Error`);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^bad-email,X,Y,,,,,,".*Row 5.*email/i);
  });

  it('undoes an import: created records go, updated ones get their previous values back', async () => {
    await runImport(depsFor(store), csv('Email,First Name', 'kept@acme.com,Kept'));
    const job = await runImport(depsFor(store, Date.parse('2026-03-05T00:00:00Z')), csv('Email,First Name,Organization Name', 'kept@acme.com,Changed,NewCo', 'new@acme.com,New,NewCo'));
    expect(job.report?.contacts).toMatchObject({ created: 1, updated: 1 });
    const deps = depsFor(store, Date.parse('2026-03-06T00:00:00Z'));
    await startUndo(deps, job.id);
    const undone = await processUndo(deps, job.id);
    expect(undone.status).toBe('undone');
    expect((await store.contacts.findByEmails(['kept@acme.com']))[0]?.firstName).toBe('Kept');
    expect(await store.contacts.findByEmails(['new@acme.com'])).toEqual([]);
    expect(await store.companies.findByNameKeys(['newco'])).toEqual([]);
  });
});
