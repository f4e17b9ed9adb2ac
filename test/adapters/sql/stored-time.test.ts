// Contacts and companies store their times in 8 bytes; they read back exactly and sort as times, beside older ISO rows.
import fc from 'fast-check';
import { sql } from 'kysely';
import { fromStoredTime, toStoredTime } from '../../../src/adapters/sql/stored-time';
import { aCompany, aContact, aMembership } from '../../support/builders';
import { engines, storeOn } from '../../support/engines';

const YEAR_2109 = Date.UTC(2109, 0, 1);
const isoOf = (ms: number) => new Date(ms).toISOString();
const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('the stored form of a time', () => {
  it('is 8 bytes, reads back exactly and compares byte for byte as the times do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: YEAR_2109 }), fc.integer({ min: 0, max: YEAR_2109 }), (a, b) => {
        const [sa, sb] = [toStoredTime(isoOf(a)), toStoredTime(isoOf(b))];
        expect(sa).toHaveLength(8);
        expect(fromStoredTime(sa)).toBe(isoOf(a));
        expect(Math.sign(bytes(sa, sb))).toBe(Math.sign(a - b));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts after every ISO time, so older rows that keep theirs stay before newer ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: YEAR_2109 }), fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (compact, legacy) => {
        expect(bytes(toStoredTime(isoOf(compact)), isoOf(legacy))).toBe(1);
      }),
    );
  });

  it('keeps a time it cannot hold exactly as it came, and reads anything else back unchanged', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-01-01', '1969-12-31T23:59:59.999Z', '2110-01-01T00:00:00.000Z', '', 'not a time']) {
      expect(toStoredTime(iso)).toBe(iso);
      expect(fromStoredTime(iso)).toBe(iso);
    }
    expect(fromStoredTime('~abc')).toBe('~abc');
    expect(fromStoredTime('~!!!!!!!')).toBe('~!!!!!!!');
  });
});

describe.each(engines())('stored times on $name', (factory) => {
  const on = storeOn(factory);

  it('lists by last change in time order across rows stored before (ISO) and after (compact), and finds gaps in both', async () => {
    const old = aContact({ createdAt: '2026-05-01T08:00:00.000Z', updatedAt: '2026-05-02T08:00:00.000Z', createdBy: 'acc-1', updatedBy: 'acc-1' });
    const older = aContact({ createdAt: '2026-04-01T08:00:00.000Z', updatedAt: '2026-04-02T08:00:00.000Z', createdBy: 'acc-1', updatedBy: 'acc-1' });
    const fresh = aContact({ createdAt: '2026-06-01T08:00:00.000Z', updatedAt: '2026-06-01T09:00:00.000Z', createdBy: 'acc-1', updatedBy: 'acc-1' });
    const freshest = aContact({ createdAt: '2026-06-03T08:00:00.000Z', updatedAt: '2026-06-03T08:00:00.000Z', createdBy: 'acc-1', updatedBy: 'acc-1' });
    await on.store.contacts.saveMany([old, older, fresh, freshest], () => true);
    // Rows written before this form existed hold ISO times.
    for (const c of [old, older]) await on.engine.db.updateTable('contacts').set({ created_at: c.createdAt, updated_at: c.updatedAt }).where('id', '=', c.id).execute();
    const raw = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM contacts WHERE LENGTH(created_at) = 8 AND LENGTH(updated_at) = 8`.execute(on.engine.db);
    expect(Number(raw.rows[0]!.n)).toBe(2);

    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = await on.store.contacts.search({ sort: 'updated', limit: 1, after });
      ids.push(...page.items.map((c) => c.id));
      after = page.next;
    } while (after);
    expect(ids).toEqual([freshest.id, fresh.id, old.id, older.id]);
    expect(await on.store.contacts.find(old.id)).toEqual(old);
    expect(await on.store.contacts.find(fresh.id)).toEqual(fresh);

    const gaps = (await on.store.auditGaps.contactsWithoutHistory('2026-04-15T00:00:00.000Z', 100)).map((c) => c.id);
    expect(gaps).toEqual([old.id, fresh.id, freshest.id]);
    expect((await on.store.auditGaps.contactsWithoutHistory('2026-06-02T00:00:00.000Z', 100)).map((c) => c.id)).toEqual([freshest.id]);
  });

  it('finds a membership missing its history behind more than a page of memberships that have theirs', async () => {
    const company = aCompany({ name: 'Members Inc' });
    await on.store.companies.saveMany([company], () => true);
    const people = Array.from({ length: 5 }, (_, i) => aContact({ email: `member${i}@members.test`, createdBy: 'acc-3', updatedBy: 'acc-3' }));
    await on.store.contacts.saveMany(people, () => true);
    const at = (i: number) => `2026-08-01T10:00:0${i}.000Z`;
    await on.store.memberships.upsertMany(people.map((p, i) => ({ ...aMembership(p, company), createdAt: at(i), createdBy: 'acc-3' })));
    // The first four have their entry (at the same time, or later); the last has only an older one.
    await on.store.audit.append(
      people.map((p, i) => ({
        id: `entry-${p.id}`,
        at: i < 4 ? at(i + (i % 2)) : '2026-07-01T00:00:00.000Z',
        actor: 'acc-3',
        jobId: null,
        recordType: 'contact',
        recordId: p.id,
        action: 'membership-add' as const,
        changes: {},
      })),
    );
    const gaps = await on.store.auditGaps.membershipsWithoutHistory('2026-07-15T00:00:00.000Z', 2);
    expect(gaps).toEqual([{ ...aMembership(people[4]!, company), createdAt: at(4), createdBy: 'acc-3' }]);
  });

  it('moves a company\'s children with the time of the move, read back as written', async () => {
    const parent = aCompany({ name: 'Parent Co' });
    const child = aCompany({ name: 'Child Co', parentId: parent.id });
    await on.store.companies.saveMany([parent, child], () => true);
    await on.store.companies.detachChildren(parent.id, '2026-07-01T12:34:56.789Z', 'acc-2');
    expect(await on.store.companies.find(child.id)).toMatchObject({ parentId: null, updatedAt: '2026-07-01T12:34:56.789Z', updatedBy: 'acc-2', version: 2 });
    const row = await on.engine.db.selectFrom('companies').select('updated_at').where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(toStoredTime('2026-07-01T12:34:56.789Z'));
  });
});
