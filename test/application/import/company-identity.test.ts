// Real-world files that used to lose rows, store rejected rows, rename companies or write on re-import (issue 10, items 1-4).
import { errorFileLines } from '../../../src/application/import/import-results';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import type { SqlEngine } from '../../../src/adapters/sql/engine';
import type { Store } from '../../../src/domain/ports';
import { engines } from '../../support/engines';
import { csv, depsFor, runImport } from '../../support/import-harness';

const HEADER = 'Email,First Name,Company,Website';

/** Item 1: the companies pass met "Acme" first by name, then other.com under the name "Acme LLC". */
const ACME_FILE = csv(HEADER, 'a@x.com,A,Acme Ltd,acme.com', 'b@x.com,B,Acme Inc,', 'c@x.com,C,Other,other.com', 'd@x.com,D,Acme LLC,other.com');

/** Item 2: two companies named Jackson with different domains, then a third Jackson with a third domain. */
const JACKSON_FILE = csv(
  HEADER,
  'a@x.com,A,Jackson Ltd,fitz.com',
  'c@x.com,C,Other,brown.com',
  'd@x.com,D,Jackson LLC,brown.com',
  'e@x.com,E,Jackson Inc,fox.net',
  'f@x.com,F,Brownish,brown.com',
);

describe.each(engines())('company identity on real-world files ($name)', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  beforeEach(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
  });
  afterEach(() => engine.drop());

  const companyOf = async (email: string) => {
    const [contact] = await store.contacts.findByEmails([email]);
    if (!contact) return null;
    const memberships = await store.memberships.forContacts([contact.id]);
    const companies = await store.companies.findMany(memberships.map((m) => m.companyId));
    return companies.map((c) => c.name);
  };
  const errorFile = async (jobId: string) => {
    let text = '';
    for await (const page of errorFileLines(store, jobId)) text += page;
    return text.trim().split('\r\n').slice(1);
  };
  const issues = async (jobId: string) => (await store.importJobs.issues(jobId, null, 100)).map((i) => `${i.severity} row ${i.rowNo}: ${i.message}`);

  it('stores every row it does not reject, linked to the company the companies pass chose', async () => {
    const job = await runImport(depsFor(store), ACME_FILE);
    expect(job.report).toMatchObject({ rows: 4, imported: 4, rejected: 0 });
    expect(await companyOf('b@x.com')).toEqual(['Acme Ltd']);
    expect(await companyOf('d@x.com')).toEqual(['Other']);
    expect(await store.contacts.count({})).toBe(4);
  });

  it('never stores a rejected row, and never links a row to a guessed company', async () => {
    const job = await runImport(depsFor(store), csv(HEADER, 'a@x.com,A,Jackson Ltd,fitz.com', 'b@x.com,B,Jackson Inc,fox.net', 'e@x.com,E,Jackson,'));
    expect(job.report).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    const rejected = await errorFile(job.id);
    expect(rejected).toEqual([expect.stringMatching(/^e@x\.com,E,Jackson,,".*matches 2 companies/)]);
    expect(await store.contacts.findByEmails(['e@x.com'])).toEqual([]);
  });

  it('makes a new company for a name match against a company with a different domain, with a warning naming both', async () => {
    const job = await runImport(depsFor(store), JACKSON_FILE);
    expect(job.report).toMatchObject({ rows: 5, imported: 5, rejected: 0 });
    expect(await companyOf('e@x.com')).toEqual(['Jackson Inc']);
    expect(await companyOf('a@x.com')).toEqual(['Jackson Ltd']);
    expect(await issues(job.id)).toContainEqual(expect.stringMatching(/^warning row 4: .*"Jackson Inc" \(fox\.net\) has the same name as "Jackson Ltd" \(fitz\.com\)/));
  });

  it('keeps companies with the same name key and different domains apart', async () => {
    await runImport(depsFor(store), csv('Email,Company,Website', 'p@x.com,Garcia PLC,miranda-burnett.biz', 'q@x.com,Garcia Inc,garcia.info'));
    const [first] = await store.companies.findByDomains(['miranda-burnett.biz']);
    const [second] = await store.companies.findByDomains(['garcia.info']);
    expect(first).toMatchObject({ name: 'Garcia PLC', domains: ['miranda-burnett.biz'] });
    expect(second).toMatchObject({ name: 'Garcia Inc', domains: ['garcia.info'] });
  });

  it('lets the first row that names a company fix its name, and warns about a later different name with both names and rows', async () => {
    const job = await runImport(depsFor(store), csv('Email,Company,Website', 'c@x.com,Other,other.com', 'd@x.com,Acme,other.com'));
    const [company] = await store.companies.findByDomains(['other.com']);
    expect(company!.name).toBe('Other');
    expect(await issues(job.id)).toEqual([expect.stringMatching(/^warning row 2: Row 2 names the company of other\.com "Acme", but row 1 named it "Other"/)]);
  });

  it('does not rename a stored company when a later file calls it something else', async () => {
    await runImport(depsFor(store), csv('Email,Company,Website', 'c@x.com,Other,other.com'));
    const job = await runImport(depsFor(store, Date.parse('2026-03-02T10:00:00Z')), csv('Email,Company,Website', 'd@x.com,Acme,other.com'));
    expect((await store.companies.findByDomains(['other.com']))[0]!.name).toBe('Other');
    expect(await issues(job.id)).toEqual([expect.stringMatching(/"Acme", but it is already named "Other"/)]);
  });

  it('names a company first known by its domain when a row gives its name', async () => {
    await runImport(depsFor(store), csv('Email,Website,Company', 'a@x.com,acme.com,', 'b@x.com,acme.com,Acme'));
    expect((await store.companies.findByDomains(['acme.com']))[0]!.name).toBe('Acme');
  });

  it.each([1, 2, 5, 40])('counts every company either pass creates when the file is cut into chunks of %i rows', async (chunkRows) => {
    const file = csv('Company,Website', 'Alpha,alpha.com', 'Beta,', 'Gamma,gamma.com', 'Delta,', 'Epsilon,epsilon.com', 'Zeta,');
    const job = await runImport({ ...depsFor(store), chunkRows }, file);
    expect(job.report?.companies).toMatchObject({ created: 6, updated: 0, unchanged: 0 });
    expect(await store.companies.count({})).toBe(6);
  });

  const OPTIONS = [
    ['the default options', {}],
    ['fill-empty', { mode: 'fill-empty' as const }],
    ['membership sync', { memberships: 'sync' as const }],
    ['fill-empty with membership sync', { mode: 'fill-empty' as const, memberships: 'sync' as const }],
  ] as const;
  it.each(OPTIONS.flatMap(([name, options]) => [['the Acme file', name, ACME_FILE, options] as const, ['the Jackson file', name, JACKSON_FILE, options] as const]))(
    'writes nothing when %s is imported a second time with %s',
    async (_file, _name, file, options) => {
      const first = await runImport(depsFor(store), file);
      const before = engine.counter.snapshot();
      const again = await runImport(depsFor(store, Date.parse('2026-03-02T10:00:00Z')), file, options);
      expect(engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
      expect(again.report).toMatchObject({ rejected: first.report!.rejected, contacts: { created: 0, updated: 0 }, companies: { created: 0, updated: 0 }, memberships: { created: 0, updated: 0, removed: 0 } });
    },
  );

  it("makes a contact's only membership its primary one, and otherwise the first company the file gives it", async () => {
    await runImport(depsFor(store), csv('Email,Company,Primary', 'solo@x.com,Solo Ltd,', 'two@x.com,One Ltd,', 'two@x.com,Two Ltd,', 'not@x.com,Not Ltd,no'));
    const primaries = async (email: string) => {
      const [contact] = await store.contacts.findByEmails([email]);
      const memberships = await store.memberships.forContacts([contact!.id]);
      const names = new Map((await store.companies.findMany(memberships.map((m) => m.companyId))).map((c) => [c.id, c.name]));
      return memberships.filter((m) => m.isPrimary).map((m) => names.get(m.companyId));
    };
    expect(await primaries('solo@x.com')).toEqual(['Solo Ltd']);
    expect(await primaries('two@x.com')).toEqual(['One Ltd']);
    expect(await primaries('not@x.com')).toEqual([]);
  });
});

describe.each(engines())('rows that cannot be read ($name)', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  beforeEach(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
  });
  afterEach(() => engine.drop());

  const errorLines = async (jobId: string) => {
    let text = '';
    for await (const page of errorFileLines(store, jobId)) text += page;
    return text.replace(/^\uFEFF/, '').trim().split('\r\n');
  };

  it('keeps the text of a row it could not parse in the error file', async () => {
    const job = await runImport(depsFor(store), csv('Company,Email', '"Acme" Inc,a@acme.com', 'Beta,b@beta.com'));
    expect(job.report).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect((await errorLines(job.id))[1]).toMatch(/^"""Acme"" Inc,a@acme.com",,".*not doubled/);
  });

  it.each([
    ['near the top of the file', 0],
    ['after the first 64 KiB', 2_000],
  ])('rejects only the row that holds a NUL byte, %s, naming its line and column', async (_where, before) => {
    const filler = Array.from({ length: before }, (_, i) => `p${i}@x.com,Person ${i} with a fairly long name to fill the file`);
    const job = await runImport(depsFor(store), csv('Email,First Name', ...filler, 'nul@x.com,Bad\u0000Name', 'ok@x.com,Fine'));
    expect(job.report).toMatchObject({ rows: before + 2, imported: before + 1, rejected: 1 });
    const [issue] = await store.importJobs.issues(job.id, null, 10, 'error');
    expect(issue!.message).toBe(`Row ${before + 1} (line ${before + 2}), column B ("First Name") holds a NUL character (a binary zero), which is not text; remove it and import the row again.`);
    expect(await store.contacts.findByEmails(['nul@x.com'])).toEqual([]);
  });
});
