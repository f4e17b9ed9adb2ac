// No half-done writes: a store that dies at any statement of a command leaves either all of it or none of it (SQLite),
// and the demo seed started on a store that died picks up where it stopped.
import { makeAtomic } from '../../src/adapters/sql/atomic';
import { seedDemoData } from '../../src/adapters/local/demo-data';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { openWorld, type TestWorld } from '../support/use-case-deps';

type Step = { key: 'contacts/create' | 'companies/create' | 'memberships/set'; payload: (ids: Record<string, string>) => unknown };

async function withIds(world: TestWorld): Promise<Record<string, string>> {
  const handlers = defineResolvers({ ...world.deps, atomically: makeAtomic(world.engine, { settingsInSql: true }) });
  const acme = await handlers['companies/create']({ payload: { name: 'Acme', domains: ['acme.example'] }, context: { accountId: 'local-admin' } });
  const ada = await handlers['contacts/create']({ payload: { email: 'ada@acme.example', firstName: 'Ada' }, context: { accountId: 'local-admin' } });
  if (!acme.ok || !ada.ok) throw new Error('setup failed');
  return { acme: acme.data.id, ada: ada.data.id };
}

const STEPS: Step[] = [
  { key: 'contacts/create', payload: () => ({ email: 'grace@acme.example', firstName: 'Grace' }) },
  { key: 'companies/create', payload: () => ({ name: 'Globex', domains: ['globex.example'] }) },
  { key: 'memberships/set', payload: (ids) => ({ contactId: ids.ada, companyId: ids.acme, role: 'Buyer' }) },
];

/** Records and history entries, as comparable text. */
async function state(world: TestWorld) {
  const { store } = world.deps;
  const contacts = (await store.contacts.search({ limit: 100 })).items.map((c) => c.email).sort();
  const companies = (await store.companies.search({ limit: 100 })).items.map((c) => c.name).sort();
  const memberships = (await store.memberships.forContacts((await store.contacts.search({ limit: 100 })).items.map((c) => c.id))).length;
  const entries = (await store.audit.list({ limit: 500 })).items.length;
  return { contacts, companies, memberships, entries };
}

describe('a command on SQLite whose store dies at statement N', () => {
  for (const step of STEPS) {
    it(`${step.key} leaves everything or nothing, for every N`, async () => {
      for (let n = 1; n <= 12; n++) {
        const world = await openWorld();
        try {
          const ids = await withIds(world);
          const before = await state(world);
          const handlers = defineResolvers({ ...world.deps, atomically: makeAtomic(world.engine, { settingsInSql: true }) });
          world.engine.counter.failAt = world.engine.counter.snapshot().total + n;
          const answer = await handlers[step.key]({ payload: step.payload(ids), context: { accountId: 'local-admin' } } as never);
          world.engine.counter.revive();
          const after = await state(world);
          if (answer.ok) expect(after).not.toEqual(before);
          else expect({ n, after }).toEqual({ n, after: before });
        } finally {
          world.engine.counter.revive();
          await world.close();
        }
      }
    });
  }
});

describe('the demo seed', () => {
  it('resumes after dying partway and ends with the whole demo, once', async () => {
    const world = await openWorld();
    try {
      world.engine.counter.failAt = world.engine.counter.snapshot().total + 120;
      await expect(seedDemoData(world.deps)).rejects.toThrow('Injected store failure');
      world.engine.counter.revive();
      const partial = await world.deps.store.contacts.count({});
      expect(partial).toBeLessThan(10);

      expect(await seedDemoData(world.deps)).toBe(true);
      expect(await world.deps.store.contacts.count({})).toBe(10);
      expect(await world.deps.store.companies.count({})).toBe(5);
      expect(await world.deps.store.fields.list()).toHaveLength(2);
      expect(await seedDemoData(world.deps)).toBe(false);
      expect(await world.deps.store.contacts.count({})).toBe(10);
    } finally {
      await world.close();
    }
  });
});

describe('a command that reads and writes settings inside its transaction', () => {
  it('answers, and its change is stored (settings go through the same transaction)', async () => {
    const world = await openWorld();
    try {
      const handlers = defineResolvers({ ...world.deps, atomically: makeAtomic(world.engine, { settingsInSql: true }) });
      const answer = await handlers['settings/update']({ payload: { auditRetentionDays: 90 }, context: { accountId: 'local-admin' } });
      expect(answer).toMatchObject({ ok: true, data: { auditRetentionDays: 90 } });
      expect(await handlers['settings/get']({ payload: {}, context: { accountId: 'local-admin' } })).toMatchObject({ ok: true, data: { auditRetentionDays: 90 } });
    } finally {
      await world.close();
    }
  });
});
