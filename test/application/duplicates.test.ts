// Possible duplicate contacts on the real SQL store: emails differing by dots, plus-tags or case, the same phone
// whatever its punctuation, the same name in the same company; dismissed pairs stay hidden; a merge removes the pair.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { dismissDuplicate, findDuplicateContacts } from '../../src/application/find-duplicate-contacts';
import { mergeContacts } from '../../src/application/merge-contacts';
import { setMembership } from '../../src/application/set-membership';
import { emailDuplicateKey, phoneDuplicateKey } from '../../src/domain/duplicates';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

describe('duplicate keys', () => {
  it('treat dots, plus-tags and case in the local part as the same mailbox, and keep domains apart', () => {
    expect(emailDuplicateKey('Ada.Lovelace+crm@Example.org')).toBe(emailDuplicateKey('adalovelace@example.org'));
    expect(emailDuplicateKey('ada@example.org')).not.toBe(emailDuplicateKey('ada@example.com'));
  });

  it('compare phone numbers by their digits, ignoring short ones', () => {
    expect(phoneDuplicateKey('(134)122-8853')).toBe(phoneDuplicateKey('134 122 8853'));
    expect(phoneDuplicateKey('x123')).toBeNull();
  });
});

describe.each(engines())('possible duplicates on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(() => world.close());

  const contact = (email: string, extra: Record<string, string> = {}) => createContact(world.deps, admin, contactInputSchema.parse({ email, ...extra }));
  const pairsOf = async () => (await findDuplicateContacts(world.deps, viewer, { limit: 50 })).pairs.map((p) => [p.contacts.map((c) => c.email).sort(), p.reasons]);

  it('finds pairs by email, phone and name in a shared company, with the reasons, and nothing for unrelated people', async () => {
    const acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    await contact('ada.lovelace+crm@example.org', { firstName: 'Ada', lastName: 'Lovelace' });
    await contact('AdaLovelace@example.org', { firstName: 'Augusta', lastName: 'King' });
    await contact('grace@navy.mil', { firstName: 'Grace', phone: '(134)122-8853' });
    await contact('hopper@navy.mil', { firstName: 'G.', phone: '134 122 8853' });
    const a = await contact('sam@acme.com', { firstName: 'Sam', lastName: 'Smith' });
    const b = await contact('s.smith@acme-old.com', { firstName: 'Sam', lastName: 'Smith' });
    await contact('sam@elsewhere.org', { firstName: 'Sam', lastName: 'Smith' }); // same name, no shared company
    await setMembership(world.deps, admin, { contactId: a.id, companyId: acme.id, role: 'Buyer' });
    await setMembership(world.deps, admin, { contactId: b.id, companyId: acme.id, role: 'Buyer' });

    const found = await findDuplicateContacts(world.deps, viewer, { limit: 50 });
    expect(found.pairs.map((p) => [p.contacts.map((c) => c.email).sort(), p.reasons, p.sharedCompany])).toEqual([
      [['ada.lovelace+crm@example.org', 'adalovelace@example.org'], ['same-email'], null],
      [['grace@navy.mil', 'hopper@navy.mil'], ['same-phone'], null],
      [['s.smith@acme-old.com', 'sam@acme.com'], ['same-name-and-company'], 'Acme'],
    ]);
    expect(found).toMatchObject({ scanned: 7, truncated: false });
  });

  it('hides a dismissed pair from everyone, and a merged pair is gone', async () => {
    const one = await contact('ada@example.org');
    const two = await contact('a.d.a@example.org');
    const three = await contact('x@example.org', { phone: '+44 20 7946 0101' });
    const four = await contact('y@example.org', { phone: '+44 (20) 7946-0101' });

    await dismissDuplicate(world.deps, agent, { contactIds: [two.id, one.id] });
    expect(await pairsOf()).toEqual([[['x@example.org', 'y@example.org'], ['same-phone']]]);

    await mergeContacts(world.deps, agent, { keepId: three.id, mergeId: four.id, versions: { keep: three.version, merge: four.version } });
    expect(await pairsOf()).toEqual([]);
  });

  it('compares a directory of 5,000+ contacts read in bounded pages', async () => {
    const n = 5_100;
    const now = '2026-02-01T09:00:00.000Z';
    const rows = Array.from({ length: n }, (_, i) => ({
      id: `c${String(i).padStart(6, '0')}`,
      email: i === n - 1 ? 'person0@bulk.example' : `person${i}@bulk.example`,
      firstName: '',
      lastName: '',
      displayName: `Person ${i}`,
      phone: '',
      jobTitle: '',
      custom: {},
      version: 1,
      createdAt: now,
      createdBy: 'import:test',
      updatedAt: now,
      updatedBy: 'import:test',
    }));
    // The last contact's email differs from the first one's only by case.
    rows[n - 1]!.email = 'PERSON0@bulk.example'.toLowerCase().replace('person0', 'person.0');
    await world.deps.store.contacts.saveMany(rows, () => true);
    const found = await findDuplicateContacts(world.deps, viewer, { limit: 50 });
    expect(found.scanned).toBe(n);
    expect(found.pairs.map((p) => p.contacts.map((c) => c.email).sort())).toEqual([['person.0@bulk.example', 'person0@bulk.example']]);
  }, 120_000);
});
