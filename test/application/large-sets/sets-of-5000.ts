// Set operations at 5,000 items, the suite each engine's file runs: no statement grows with the set (SQLite refuses an
// expression tree deeper than 1,000, Forge SQL a request over 1 MiB), so undo, membership sync and company delete work
// at any size.
import { deleteCompany } from '../../../src/application/delete-company';
import { processUndo, startUndo } from '../../../src/application/import/undo-import';
import { describeOnEngine, type EngineFactory } from '../../support/engines';
import { csv, depsFor, runImport } from '../../support/import-harness';
import { admin, openWorld, type TestWorld } from '../../support/use-case-deps';

const N = 5000;
const people = (company: string | null) =>
  csv(company ? 'Email,First Name,Company,Website' : 'Email,First Name', ...Array.from({ length: N }, (_, i) => (company ? `p${i}@people.test,P${i},${company},${company.toLowerCase()}.test` : `p${i}@people.test,P${i}`)));

export const describeSetsOf5000 = (engine: EngineFactory['name']) =>
  describeOnEngine(engine, 'sets of 5,000 on $name', (factory) => {
    let world: TestWorld;
    beforeEach(async () => {
      world = await openWorld(factory);
    });
    afterEach(() => world.close());

    const store = () => world.deps.store;
    const membersOf = async (domain: string) => {
      const [company] = await store().companies.findByDomains([domain]);
      return company ? store().memberships.countForCompany(company.id) : 0;
    };

    it('undoes an import that added 5,000 memberships to existing contacts, and one that created them', async () => {
      const first = await runImport(depsFor(store(), Date.parse('2026-03-01T00:00:00Z')), people(null));
      expect(first.report?.contacts.created).toBe(N);
      const second = await runImport(depsFor(store(), Date.parse('2026-03-02T00:00:00Z')), people('Acme'));
      expect(second.report?.memberships.created).toBe(N);
      expect(await membersOf('acme.test')).toBe(N);

      const deps = depsFor(store(), Date.parse('2026-03-03T00:00:00Z'));
      await startUndo(deps, second.id);
      expect((await processUndo(deps, second.id)).status).toBe('undone');
      expect(await membersOf('acme.test')).toBe(0);
      expect(await store().contacts.count({})).toBe(N);

      await startUndo(deps, first.id);
      expect((await processUndo(deps, first.id)).status).toBe('undone');
      expect(await store().contacts.count({})).toBe(0);
    }, 300_000);

    it('undoes an import that created 5,000 contacts with their memberships', async () => {
      const job = await runImport(depsFor(store()), people('Acme'));
      expect(await membersOf('acme.test')).toBe(N);
      const deps = depsFor(store(), Date.parse('2026-03-03T00:00:00Z'));
      await startUndo(deps, job.id);
      expect((await processUndo(deps, job.id)).status).toBe('undone');
      expect(await store().contacts.count({})).toBe(0);
      expect(await store().companies.findByDomains(['acme.test'])).toEqual([]);
    }, 300_000);

    it('removes 5,000 memberships with --memberships sync', async () => {
      await runImport(depsFor(store(), Date.parse('2026-03-01T00:00:00Z')), people('Acme'));
      const sync = await runImport(depsFor(store(), Date.parse('2026-03-02T00:00:00Z')), people('Globex'), { memberships: 'sync' });
      expect(sync.status).toBe('done');
      expect(sync.report?.memberships).toMatchObject({ created: N, removed: N });
      expect(await membersOf('acme.test')).toBe(0);
      expect(await membersOf('globex.test')).toBe(N);
    }, 300_000);

    it('deletes a company with 5,000 members', async () => {
      await runImport(depsFor(store()), people('Acme'));
      const [acme] = await store().companies.findByDomains(['acme.test']);
      const result = await deleteCompany(world.deps, admin, { id: acme!.id });
      expect(result.removed.memberships).toBe(N);
      expect(await store().memberships.countForCompany(acme!.id)).toBe(0);
      expect(await store().contacts.count({})).toBe(N);
    }, 300_000);

    it('removes 5,000 membership pairs from the store in bounded statements', async () => {
      await runImport(depsFor(store()), people('Acme'));
      const [acme] = await store().companies.findByDomains(['acme.test']);
      const pairs = (await store().memberships.forCompany(acme!.id, N)).map((m) => ({ contactId: m.contactId, companyId: m.companyId }));
      expect(pairs).toHaveLength(N);
      const before = world.engine.counter.snapshot().writes;
      await store().memberships.deleteMany(pairs);
      const statements = world.engine.counter.snapshot().writes - before;
      expect(statements).toBeGreaterThan(1);
      expect(statements).toBeLessThanOrEqual(5);
      expect(await store().memberships.countForCompany(acme!.id)).toBe(0);
    }, 300_000);
  });
