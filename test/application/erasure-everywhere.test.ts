// Erasure reaches every copy: live, deleted and merged-away contacts, by id or by email, in every table of both engines.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openSqlite } from '../../src/adapters/local/sqlite-engine';
import { applyMigrations, type SqlEngine } from '../../src/adapters/sql/engine';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { deleteContact } from '../../src/application/delete-contact';
import { eraseContact } from '../../src/application/erase-contact';
import { matchRequest, TRIGGER_SOURCE } from '../../src/application/matching/match-request';
import { mergeContacts } from '../../src/application/merge-contacts';
import { setMembership } from '../../src/application/set-membership';
import { updateContact } from '../../src/application/update-contact';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { aCustomer, aRequest, jiraWith } from '../support/fake-jira';
import { csv, depsFor, runImport } from '../support/import-harness';
import { engines, type EngineFactory } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

// Distinctive values, so a hit anywhere in the store can only be a copy of this person.
const ADA = { email: 'augusta.ada@analytical.example', firstName: 'Augustabelle', lastName: 'Kingsbourne', phone: '+44 20 7946 0958' };
const ADA_OLD_EMAIL = 'a.byronette@analytical.example';
const BERTHA = { email: 'bertha.quillfeather@analytical.example', firstName: 'Berthilde', lastName: 'Quillfeather', phone: '+44 20 7946 0111' };
const CARL = { email: 'carl.vendelmoor@analytical.example', firstName: 'Carlisander', lastName: 'Vendelmoor', phone: '+1 202 555 0199' };
const personal = (p: typeof ADA) => [p.email, p.firstName, p.lastName, p.phone];

const reporter = aCustomer('qm:ada', ADA.email);
const request = aRequest(reporter);
const jira = jiraWith([reporter], [request]);

/** Every row of every table, as text, lowercased. */
async function everyRow(engine: SqlEngine): Promise<{ table: string; row: string }[]> {
  const tables =
    engine.dialect === 'mysql'
      ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`.execute(engine.db)).rows
      : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(engine.db)).rows;
  const out: { table: string; row: string }[] = [];
  for (const { name } of tables) {
    for (const row of (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(engine.db)).rows) out.push({ table: name, row: JSON.stringify(row).toLowerCase() });
  }
  return out;
}

async function copiesOf(engine: SqlEngine, values: readonly string[]): Promise<string[]> {
  const rows = await everyRow(engine);
  return values.flatMap((v) => rows.filter((r) => r.row.includes(v.toLowerCase())).map((r) => `${v} in ${r.table}: ${r.row.slice(0, 300)}`));
}

/** Ada (live, with an old email, in an import, matched on a request) absorbed Bertha; Carl was deleted by an editor. */
async function populate(world: TestWorld) {
  const { deps } = world;
  const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Analytical Engines', domains: ['analytical.example'] }));
  const ada = await createContact(deps, agent, contactInputSchema.parse({ email: ADA_OLD_EMAIL, firstName: ADA.firstName, phone: ADA.phone }));
  await updateContact(deps, agent, { id: ada.id, version: 1, email: ADA.email, lastName: ADA.lastName });
  await setMembership(deps, agent, { contactId: ada.id, companyId: acme.id, role: 'Countess' });
  const bertha = await createContact(deps, agent, contactInputSchema.parse(BERTHA));
  await setMembership(deps, agent, { contactId: bertha.id, companyId: acme.id, role: 'Scribe' });
  const current = await deps.store.contacts.find(ada.id);
  await mergeContacts(deps, agent, { keepId: ada.id, mergeId: bertha.id, versions: { keep: current!.version, merge: 1 } });
  const carl = await createContact(deps, agent, contactInputSchema.parse(CARL));
  await setMembership(deps, agent, { contactId: carl.id, companyId: acme.id, role: 'Engineer' });
  await deleteContact(deps, agent, { id: carl.id });
  // An import that updates Ada and Carl's old row, with a rejected row quoting Ada's phone and Carl's email.
  await runImport(
    depsFor(deps.store),
    csv(
      'Email,First name,Last name,Phone,Job title,Company,Primary',
      `${ADA.email},${ADA.firstName},${ADA.lastName},${ADA.phone},Mathematician,Analytical Engines,yes`,
      `${CARL.email},${CARL.firstName},${CARL.lastName},${CARL.phone},Engineer,Analytical Engines,maybe-${CARL.email}`,
      `not-an-email ${ADA.phone},${ADA.firstName},${ADA.lastName},,,,`,
    ),
    { missing: 'report' },
  );
  await matchRequest({ ...deps }, await deps.requests.getIssue(request.id), { source: TRIGGER_SOURCE });
  return { ada, bertha, carl };
}

describe.each(engines())('erasing a person on $name', (factory: EngineFactory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory, { jira });
  });
  afterEach(async () => {
    await world.deps.propertySync.idle();
    await world.close();
  });

  it('erasing the surviving contact leaves no copy of it, or of the contact merged into it, in any table', async () => {
    const { ada } = await populate(world);
    expect(await copiesOf(world.engine, [...personal(ADA), ADA_OLD_EMAIL, ...personal(BERTHA)])).not.toEqual([]);

    const erased = await eraseContact(world.deps, admin, { id: ada.id, confirm: true });

    expect(erased.id).toBe(ada.id);
    expect(await copiesOf(world.engine, [...personal(ADA), ADA_OLD_EMAIL, ...personal(BERTHA)])).toEqual([]);
  });

  it('erases a contact an editor deleted, found by its email, from every table', async () => {
    const { carl } = await populate(world);
    expect(await copiesOf(world.engine, personal(CARL))).not.toEqual([]);

    const erased = await eraseContact(world.deps, admin, { email: CARL.email.toUpperCase(), confirm: true });

    expect(erased.id).toBe(carl.id);
    expect(await copiesOf(world.engine, personal(CARL))).toEqual([]);
    // Ada was not asked for, and stays.
    expect(await world.deps.store.contacts.findByEmails([ADA.email])).toHaveLength(1);
  });

  it('erases a deleted contact by id, and a merged-away contact by its old email erases the person it became', async () => {
    const { carl, ada } = await populate(world);
    await eraseContact(world.deps, admin, { id: carl.id, confirm: true });
    expect(await copiesOf(world.engine, personal(CARL))).toEqual([]);

    const erased = await eraseContact(world.deps, admin, { email: BERTHA.email, confirm: true });
    expect(erased.id).toBe(ada.id);
    expect(await copiesOf(world.engine, [...personal(ADA), ...personal(BERTHA)])).toEqual([]);
  });

  it('takes an id or an email through the resolver, never both or neither, and only from an admin', async () => {
    const { carl } = await populate(world);
    const handlers = defineResolvers(world.deps);
    const call = (payload: unknown, accountId = 'local-admin') => handlers['contacts/erase']({ payload, context: { accountId } });
    expect(await call({ confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call({ id: carl.id, email: CARL.email, confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call({ email: CARL.email, confirm: true }, 'local-agent')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call({ email: ` ${CARL.email.toUpperCase()} `, confirm: true })).toMatchObject({ ok: true, data: { id: carl.id } });
    expect(await call({ email: CARL.email, confirm: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers NOT_FOUND for an email the directory never held', async () => {
    await expect(eraseContact(world.deps, admin, { email: 'nobody@nowhere.example', confirm: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('erasing on an SQLite file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no byte of the person in the database file or its WAL', async () => {
    dir = mkdtempSync(join(tmpdir(), 'erase-'));
    const file = join(dir, 'directory.sqlite');
    const factory: EngineFactory = {
      name: 'sqlite',
      async open() {
        const engine = openSqlite(file);
        await applyMigrations(engine);
        return Object.assign(engine, { drop: () => engine.close() });
      },
    };
    const world = await openWorld(factory, { jira });
    const { ada } = await populate(world);
    const bytesOnDisk = () => Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))).toString('latin1').toLowerCase();
    expect(bytesOnDisk()).toContain(ADA.email);

    await eraseContact(world.deps, admin, { id: ada.id, confirm: true });

    const bytes = bytesOnDisk();
    for (const value of [...personal(ADA), ADA_OLD_EMAIL, ...personal(BERTHA)]) expect({ value, found: bytes.includes(value.toLowerCase()) }).toEqual({ value, found: false });
    await world.close();
  });
});
