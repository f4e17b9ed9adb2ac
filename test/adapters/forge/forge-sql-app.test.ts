// The app on Forge SQL at the sizes real directories have: imports and use cases through the Forge SQL adapter,
// against the fake service that refuses what Forge SQL refuses (1 MiB requests, 4 MiB responses, one statement).
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import { createContact } from '../../../src/application/create-contact';
import { searchContacts } from '../../../src/application/search-contacts';
import { contactSearchSchema } from '../../../src/contracts/api';
import { AppError } from '../../../src/domain/errors';
import { contactInputSchema } from '../../../src/domain/schemas';
import { forgeSqlEngineWith, type FakeForgeSql } from '../../support/fake-forge-sql';
import { csv, depsFor, runImport } from '../../support/import-harness';
import { admin, openWorld, type TestWorld } from '../../support/use-case-deps';

const maria = process.env.MARIADB_AVAILABLE === '1' ? describe : describe.skip;

maria('the app on the fake Forge SQL service', () => {
  let world: TestWorld;
  let fake: FakeForgeSql;
  beforeEach(async () => {
    const factory = forgeSqlEngineWith({ migrate: true });
    world = await openWorld({
      name: factory.name,
      open: async () => {
        const engine = await factory.open();
        fake = (engine as typeof engine & { fake: FakeForgeSql }).fake;
        return engine;
      },
    });
  });
  afterEach(() => world.close());

  const refused = () => fake.requests.filter((r) => r.refused !== null).map((r) => `${r.refused}: ${r.query.slice(0, 80)}`);

  it('imports 5,000 rows of Cyrillic names without a request Forge SQL would refuse', async () => {
    const lines = ['Email,First Name,Last Name,Organization Name,Company Domain'];
    for (let i = 0; i < 5000; i++) lines.push(`p${i}@firma${i % 400}.ru,Анастасия${i},Константинова-Щербакова${i},Фирма ${i % 400},firma${i % 400}.ru`);
    const job = await runImport(depsFor(world.deps.store), csv(...lines));
    expect(job.status).toBe('done');
    expect(job.report).toMatchObject({ rows: 5000, rejected: 0, contacts: { created: 5000 }, companies: { created: 400 } });
    expect(refused()).toEqual([]);
    expect(Math.max(...fake.requests.map((r) => r.bytes))).toBeLessThanOrEqual(1024 * 1024);
  }, 300_000);

  // limits-sql: a response is at most 4 MiB. Staged rows are read by bytes as well as by count, so 1,000 rows of 10
  // columns of 600 characters (about 6 MiB staged) come back in several responses instead of one refused one.
  it('imports 1,000 rows of 10 columns of 600 characters without a response over 4 MiB', async () => {
    const wide = Array.from({ length: 10 }, (_, c) => `Note ${c}`);
    const lines = [['Email', 'First Name', ...wide].join(',')];
    for (let i = 0; i < 1000; i++) lines.push([`w${i}@wide.example`, `W${i}`, ...wide.map((_, c) => String.fromCharCode(97 + ((i + c) % 26)).repeat(600))].join(','));
    const job = await runImport(depsFor(world.deps.store), csv(...lines), { createFields: true });
    expect(refused()).toEqual([]);
    expect(job.status).toBe('done');
    expect(job.report).toMatchObject({ rows: 1000, rejected: 0, contacts: { created: 1000 } });
  }, 300_000);

  it('reports a duplicate email as DUPLICATE, read from the ForgeSQLAPIError Forge SQL answers with', async () => {
    const input = contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace' });
    await createContact(world.deps, admin, input);
    const store = makeSqlStore(world.engine);
    const error = await store.contacts.insert({ ...(await store.contacts.findByEmails(['ada@acme.com']))[0]!, id: 'another-id' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DUPLICATE');
    expect(fake.requests.some((r) => r.refused === 'SQL_EXECUTION_ERROR')).toBe(true);
    const found = await searchContacts(world.deps, admin, contactSearchSchema.parse({ query: 'lovelace' }));
    expect(JSON.stringify(found)).toContain('ada@acme.com');
  });
});
