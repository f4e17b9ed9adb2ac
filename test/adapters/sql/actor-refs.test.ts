// Records store who wrote them as a short reference into `actors`; every reader gets the actor back, on every engine.
import { sql } from 'kysely';
import { ACTOR_CACHE_MS } from '../../../src/adapters/sql/actor-cache';
import { actorRef, makeActorRefs } from '../../../src/adapters/sql/actor-refs';
import { makeAtomic } from '../../../src/adapters/sql/atomic';
import type { SqlEngine } from '../../../src/adapters/sql/engine';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import { ANONYMOUS_ACCOUNT } from '../../../src/domain/accounts';
import { aCompany, aContact, aMembership } from '../../support/builders';
import { engines, sqliteEngine, storeOn } from '../../support/engines';

const ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const IMPORTER = 'import:01a22ad8-89fd-71ae-8d06-d90a86f06f86';

async function stored(engine: SqlEngine, table: 'contacts' | 'companies', id: string) {
  return engine.db.selectFrom(table).select(['created_by', 'updated_by']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe.each(engines())('actors stored by reference on $name', (factory) => {
  const on = storeOn(factory);

  it('stores 7 bytes for an actor of 43 and reads the actor back from every reader', async () => {
    const contact = aContact({ createdBy: IMPORTER, updatedBy: ACCOUNT });
    const company = aCompany({ createdBy: IMPORTER, updatedBy: IMPORTER });
    await on.store.contacts.saveMany([contact], () => true);
    await on.store.companies.saveMany([company], () => true);
    await on.store.memberships.upsertMany([aMembership(contact, company, { createdBy: IMPORTER })]);

    expect(await stored(on.engine, 'contacts', contact.id)).toEqual({ created_by: actorRef(IMPORTER), updated_by: actorRef(ACCOUNT) });
    expect(actorRef(IMPORTER)).toHaveLength(7);
    const fresh = makeSqlStore(on.engine);
    expect(await fresh.contacts.find(contact.id)).toEqual(contact);
    expect((await fresh.contacts.findByEmails([contact.email]))[0]).toEqual(contact);
    expect((await fresh.contacts.findByEmailWithMemberships(contact.email))?.memberships[0]?.createdBy).toBe(IMPORTER);
    expect((await fresh.contacts.search({ text: contact.email, limit: 5 })).items).toEqual([contact]);
    expect((await fresh.companies.find(company.id))?.createdBy).toBe(IMPORTER);
    expect((await fresh.companies.findByDomainsOrNameKeys([], [company.nameKey]))[0]?.updatedBy).toBe(IMPORTER);
    expect((await fresh.memberships.forCompany(company.id))[0]?.createdBy).toBe(IMPORTER);
    expect(await fresh.memberships.countCreatedBy(IMPORTER)).toBe(1);
  });

  it('still reads and finds records whose actors were stored in full before the actors table existed', async () => {
    const legacy = aContact({ createdBy: IMPORTER, updatedBy: IMPORTER });
    await on.store.contacts.saveMany([legacy], () => true);
    await on.engine.db.updateTable('contacts').set({ created_by: IMPORTER, updated_by: IMPORTER }).where('id', '=', legacy.id).execute();
    const byRef = aContact({ createdBy: IMPORTER, updatedBy: IMPORTER });
    await on.store.contacts.saveMany([byRef], () => true);

    expect(await on.store.contacts.find(legacy.id)).toEqual(legacy);
    const lo = legacy.id < byRef.id ? legacy.id : byRef.id;
    const created = await on.store.contacts.createdIn({ from: lo.slice(0, 13), to: 'g' }, IMPORTER, null, 100);
    expect(created.map((c) => c.id)).toEqual(expect.arrayContaining([legacy.id, byRef.id]));
  });

  it('reads back and finds records whose actors were stored by the 8-character references of before', async () => {
    const old = aContact({ createdBy: IMPORTER, updatedBy: ACCOUNT });
    await on.store.contacts.saveMany([old], () => true);
    const [oldImporter, oldAccount] = [actorRef(IMPORTER, 8), actorRef(ACCOUNT, 8)];
    await on.engine.db.insertInto('actors').values([
      { ref: oldImporter, actor: IMPORTER, seen_at: '2026-01-01T00:00:00.000Z' },
      { ref: oldAccount, actor: ACCOUNT, seen_at: '2026-01-01T00:00:00.000Z' },
    ]).execute();
    await on.engine.db.updateTable('contacts').set({ created_by: oldImporter, updated_by: oldAccount }).where('id', '=', old.id).execute();
    const fresh = makeSqlStore(on.engine);
    expect(await fresh.contacts.find(old.id)).toEqual(old);
    const created = await fresh.contacts.createdIn({ from: old.id, to: `${old.id}!` }, IMPORTER, null, 100);
    expect(created.map((c) => c.id)).toEqual([old.id]);
    expect(await makeActorRefs(on.engine).forms(IMPORTER)).toEqual([IMPORTER, actorRef(IMPORTER), oldImporter]);
  });

  it('never uses a reference the actors table holds for another actor: that actor is stored in full', async () => {
    const taken = 'someone-else';
    const wanted = '5b10a2844c20165700ede21g';
    await on.engine.db.insertInto('actors').values({ ref: actorRef(wanted), actor: taken, seen_at: '2026-01-01T00:00:00.000Z' }).execute();
    const contact = aContact({ createdBy: wanted, updatedBy: wanted });
    await makeSqlStore(on.engine).contacts.saveMany([contact], () => true);

    expect(await stored(on.engine, 'contacts', contact.id)).toEqual({ created_by: wanted, updated_by: wanted });
    expect(await makeSqlStore(on.engine).contacts.find(contact.id)).toEqual(contact);
    expect(await makeActorRefs(on.engine).forms(wanted)).toEqual([wanted]);
  });

  it('reports an account stored by reference once, and a closed account reads as deleted on its records', async () => {
    const person = '712020:0e3c9f3a-0000-4000-8000-00000000c10s';
    const contact = aContact({ createdBy: person, updatedBy: person });
    await on.store.contacts.saveMany([contact], () => true);

    const page = await on.store.accounts.page(null, 1000);
    expect(page.filter((a) => a.accountId === person)).toHaveLength(1);
    expect(page.some((a) => a.accountId.startsWith('~'))).toBe(false);

    expect(await on.store.accounts.anonymise(person, ANONYMOUS_ACCOUNT, 100)).toBeGreaterThanOrEqual(1);
    expect(await on.store.contacts.find(contact.id)).toMatchObject({ createdBy: ANONYMOUS_ACCOUNT, updatedBy: ANONYMOUS_ACCOUNT });
    expect((await on.store.accounts.page(null, 1000)).some((a) => a.accountId === person)).toBe(false);
  });

  it('reports as updatedAt the latest time a record was written with the account, to within a day', async () => {
    const person = '712020:0e3c9f3a-0000-4000-8000-0000000da7e5';
    const first = aContact({ createdBy: person, updatedBy: person, createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' });
    await on.store.contacts.saveMany([first], () => true);
    const reported = async () => (await on.store.accounts.page(null, 1000)).find((a) => a.accountId === person)?.updatedAt;
    expect(await reported()).toBe('2026-03-01T10:00:00.000Z');
    await on.store.contacts.update({ ...first, phone: '+1', version: 2, updatedAt: '2026-03-01T20:00:00.000Z' });
    expect(await reported()).toBe('2026-03-01T10:00:00.000Z');
    await on.store.contacts.update({ ...first, phone: '+2', version: 3, updatedAt: '2026-03-04T08:00:00.000Z' });
    expect(await reported()).toBe('2026-03-04T08:00:00.000Z');
  });

  it('another process sees a closed account as deleted once what it read of the actors table expires', async () => {
    const person = '712020:0e3c9f3a-0000-4000-8000-0000000c1o5e';
    const contact = aContact({ createdBy: person, updatedBy: person });
    await on.store.contacts.saveMany([contact], () => true);
    let now = Date.now();
    const other = makeActorRefs(on.engine, () => now);
    const row = await on.engine.db.selectFrom('contacts').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect((await other.decodeRows([{ ...row }]))[0]?.created_by).toBe(person);

    await on.engine.db.updateTable('actors').set({ actor: ANONYMOUS_ACCOUNT }).where('ref', '=', actorRef(person)).execute(); // closed elsewhere
    on.engine.actors.forgetActor('nobody'); // this process was not told
    now += ACTOR_CACHE_MS + 1;
    expect((await other.decodeRows([{ ...row }]))[0]?.created_by).toBe(ANONYMOUS_ACCOUNT);
  });

  it('does not count records an import created by reference as missing their history', async () => {
    const imported = aContact({ createdBy: IMPORTER, updatedBy: IMPORTER, createdAt: new Date().toISOString() });
    const manual = aContact({ createdBy: ACCOUNT, updatedBy: ACCOUNT, createdAt: new Date().toISOString() });
    await on.store.contacts.saveMany([imported, manual], () => true);
    const gaps = await on.store.auditGaps.contactsWithoutHistory('2000-01-01T00:00:00.000Z', 1000);
    expect(gaps.map((c) => c.id)).toContain(manual.id);
    expect(gaps.map((c) => c.id)).not.toContain(imported.id);
    expect(gaps.find((c) => c.id === manual.id)?.createdBy).toBe(ACCOUNT);
  });
});

describe('actors written inside a command that fails (embedded store)', () => {
  it('are not trusted afterwards: the next write adds its actor again', async () => {
    const engine = await sqliteEngine.open();
    try {
      const atomically = makeAtomic(engine);
      const actor = 'local-admin-rolled-back';
      await expect(
        atomically(async ({ store }) => {
          await store.contacts.saveMany([aContact({ createdBy: actor, updatedBy: actor })], () => true);
          throw new Error('the command fails after writing');
        }),
      ).rejects.toThrow('the command fails');
      expect(await engine.db.selectFrom('actors').selectAll().where('actor', '=', actor).execute()).toEqual([]);

      // Whatever this process learned while a command's transaction was open is dropped when it rolls back.
      await expect(
        atomically(async () => {
          engine.actors.set(actorRef(actor), { actor, seenAt: '2026-01-01T00:00:00.000Z', readAt: Date.now() });
          throw new Error('fails again');
        }),
      ).rejects.toThrow('fails again');
      expect(engine.actors.get(actorRef(actor), Date.now())).toBeUndefined();

      const contact = aContact({ createdBy: actor, updatedBy: actor });
      await atomically(({ store }) => store.contacts.saveMany([contact], () => true));
      expect(await makeSqlStore(engine).contacts.find(contact.id)).toEqual(contact);
      const rows = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM actors WHERE actor = ${actor}`.execute(engine.db);
      expect(Number(rows.rows[0]!.n)).toBe(1);
    } finally {
      await engine.drop();
    }
  });
});
