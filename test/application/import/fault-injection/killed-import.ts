// Kills the store at every statement of an import and resumes: the final data always equals an uninterrupted run. The
// suite each engine's file runs.
import { importFile } from '../../../../src/application/import/import-file';
import { importOptionsSchema } from '../../../../src/application/import/job-model';
import { makeSqlStore } from '../../../../src/adapters/sql/sql-store';
import type { SqlEngine } from '../../../../src/adapters/sql/engine';
import type { Store } from '../../../../src/domain/ports';
import { describeOnEngine, type EngineFactory } from '../../../support/engines';
import { bytesOf, csv, depsFor } from '../../../support/import-harness';

/** Twelve contacts over five companies (one a parent defined late), with a row to reject and a contact on two rows. */
const FILE = csv(
  'Email,First Name,Last Name,Company,Website,Role,Primary,Parent Company,Tier',
  ...Array.from({ length: 12 }, (_, i) => `p${i}@co${i % 4}.com,P${i},Person,Co ${i % 4},co${i % 4}.com,Role ${i},${i % 3 === 0 ? 'yes' : ''},${i % 4 === 1 ? 'Holding' : ''},T${i % 2}`),
  'p3@co3.com,,,Co 1,co1.com,Second,,,',
  'broken,,,,,,,,',
  ',,,Holding,holding.com,,,,',
);

async function snapshot(store: Store) {
  const contacts = (await store.contacts.search({ limit: 100 })).items;
  const companies = (await store.companies.search({ limit: 100 })).items;
  const names = new Map(companies.map((c) => [c.id, c.name]));
  const emails = new Map(contacts.map((c) => [c.id, c.email]));
  const memberships = await store.memberships.forContacts(contacts.map((c) => c.id));
  return {
    contacts: contacts.map((c) => [c.email, c.firstName, c.lastName, c.displayName, JSON.stringify(Object.values(c.custom))]).sort(),
    companies: companies.map((c) => [c.name, c.domains.join(' '), c.parentId ? names.get(c.parentId) : null]).sort(),
    memberships: memberships.map((m) => [emails.get(m.contactId), names.get(m.companyId), m.role, m.isPrimary]).sort(),
  };
}

async function importOrResume(store: Store, time: number) {
  const deps = { ...depsFor(store, time), chunkRows: 4 };
  const [latest] = await store.importJobs.list(1);
  const resumeJobId = latest && latest.status !== 'done' ? latest.id : undefined;
  return importFile(deps, 'admin', { fileName: 'f.csv', bytes: bytesOf(FILE, 97), options: importOptionsSchema.parse({ createFields: true }), dryRun: false, resumeJobId });
}

export const describeKilledImport = (engine: EngineFactory['name']) =>
  describeOnEngine(engine, 'an import killed at any statement on $name', (factory) => {
    let engine: SqlEngine & { drop(): Promise<void> };
    afterEach(() => engine.drop());

    it('ends with the same data as an uninterrupted run, with no duplicates', async () => {
      engine = await factory.open();
      const start = engine.counter.snapshot().total;
      const clean = await importOrResume(makeSqlStore(engine), Date.parse('2026-04-01T00:00:00Z'));
      expect(clean.status).toBe('done');
      const expected = await snapshot(makeSqlStore(engine));
      expect(expected.contacts).toHaveLength(12);
      const statements = engine.counter.snapshot().total - start;
      await engine.drop();

      // Every statement on SQLite; every third on MariaDB, where each fresh database costs more.
      const step = factory.name === 'sqlite' ? 1 : 3;
      for (let failAt = 1; failAt <= statements; failAt += step) {
        engine = await factory.open();
        const store = makeSqlStore(engine);
        engine.counter.failAt = engine.counter.snapshot().total + failAt;
        await importOrResume(store, Date.parse('2026-04-01T00:00:00Z')).catch((error: Error) => {
          if (error.message !== 'Injected store failure') throw error;
        });
        engine.counter.revive();
        // Killed after the job had finished its work: the user sees it done, and that job's report is the one to check.
        const [latest] = await store.importJobs.list(1);
        const resumed = latest?.status === 'done' ? { status: 'done', report: latest.report as typeof clean.report } : await importOrResume(store, Date.parse('2026-04-01T01:00:00Z'));
        expect({ failAt, status: resumed.status }).toEqual({ failAt, status: 'done' });
        const data = await snapshot(store);
        if (JSON.stringify(data) !== JSON.stringify(expected)) throw new Error(`Killed at statement ${failAt}: ${JSON.stringify(data)}`);
        expect(resumed.report).toMatchObject({ contacts: clean.report!.contacts, companies: clean.report!.companies, memberships: clean.report!.memberships, rejected: 1 });
        await engine.drop();
      }
      engine = await factory.open();
    }, 300_000);
  });
