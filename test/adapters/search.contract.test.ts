// Search by any part of a record on every engine: words inside names, parts of emails and domains, phone digits
// whatever their punctuation, custom values; typeahead ranks exact email/domain, then word starts, then the rest.
import { rebuildSearchText } from '../../src/application/rebuild-search-text';
import type { SqlEngine } from '../../src/adapters/sql/engine';
import { makeSqlStore } from '../../src/adapters/sql/sql-store';
import { searchPieces } from '../../src/domain/search-text';
import type { Store } from '../../src/domain/ports';
import { aCompany, aContact } from '../support/builders';
import { engines } from '../support/engines';

describe('reading a typed query', () => {
  it('searches a phone number by its digits and an email as one piece', () => {
    expect(searchPieces('(134)122')).toEqual(['134122']);
    expect(searchPieces('ada.l@acme.com')).toEqual(['ada l acme com']);
    expect(searchPieces('  Zoë  Müller ')).toEqual(['zoe', 'muller']);
    expect(searchPieces(' -- ')).toEqual([]);
  });
});

describe.each(engines())('search on $name', (factory) => {
  let engine: SqlEngine & { drop(): Promise<void> };
  let store: Store;
  const copeland = aContact({ firstName: 'Stewart', lastName: 'Copeland', email: 'stewart@police.example', phone: '(134)122-8853' });
  const ada = aContact({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@acme.com', custom: { f1: 'Platinum tier' } });
  const adam = aContact({ firstName: 'Adam', lastName: 'Smith', email: 'adam@globex.com' });
  const kada = aContact({ firstName: 'Kada', lastName: 'Brown', email: 'kb@acme.com' });
  const acme = aCompany({ name: 'Acme Inc', domains: ['acme.com'] });
  const globex = aCompany({ name: 'Globex Holding', domains: ['globex.com', 'globex-eu.example'] });

  beforeEach(async () => {
    engine = await factory.open();
    store = makeSqlStore(engine);
    await store.contacts.saveMany([copeland, ada, adam, kada], () => true);
    await store.companies.saveMany([acme, globex], () => true);
  });
  afterEach(() => engine.drop());

  const emails = (list: { email: string }[]) => list.map((c) => c.email);

  it('finds a word inside a name', async () => {
    expect(emails(await store.contacts.suggest('opeland', 10))).toEqual([copeland.email]);
    expect(emails((await store.contacts.search({ text: 'opeland', limit: 10 })).items)).toEqual([copeland.email]);
    expect(await store.contacts.count({ text: 'opeland' })).toBe(1);
  });

  it('finds part of an email local part or domain', async () => {
    expect(emails(await store.contacts.suggest('lovel', 10))).toEqual([ada.email]);
    expect(emails(await store.contacts.suggest('police', 10))).toEqual([copeland.email]);
    expect(emails(await store.contacts.suggest('ada.lovelace@acme', 10))).toEqual([ada.email]);
  });

  it('finds a phone number whatever its punctuation', async () => {
    expect(emails(await store.contacts.suggest('(134)122', 10))).toEqual([copeland.email]);
    expect(emails(await store.contacts.suggest('134122', 10))).toEqual([copeland.email]);
    expect(emails(await store.contacts.suggest('122-8853', 10))).toEqual([copeland.email]);
  });

  it('finds a company by any of its domains and a contact by a custom value', async () => {
    expect((await store.companies.suggest('globex-eu', 10)).map((c) => c.name)).toEqual(['Globex Holding']);
    expect((await store.companies.suggest('lobex', 10)).map((c) => c.name)).toEqual(['Globex Holding']);
    expect(emails(await store.contacts.suggest('platinum', 10))).toEqual([ada.email]);
  });

  it('ranks the exact email or domain first, then word starts, then matches inside words', async () => {
    expect(emails(await store.contacts.suggest('ada', 10))).toEqual([ada.email, adam.email, kada.email]);
    expect(emails(await store.contacts.suggest('acme.com', 10))[0]).toBe(ada.email);
    expect(emails(await store.contacts.suggest('kb@acme.com', 10))).toEqual([kada.email]);
    expect((await store.companies.suggest('acme.com', 10)).map((c) => c.name)).toEqual(['Acme Inc']);
  });

  it('follows a record whose searchable text changed and forgets a deleted one', async () => {
    await store.contacts.saveMany([{ ...copeland, lastName: 'Summers', displayName: 'Stewart Summers', version: 2 }], () => false);
    expect(await store.contacts.suggest('opeland', 10)).toEqual([]);
    expect(emails(await store.contacts.suggest('summer', 10))).toEqual([copeland.email]);
    await store.contacts.deleteMany([copeland.id]);
    expect(await store.contacts.suggest('summer', 10)).toEqual([]);
  });

  it('rebuilds the search text of every record from the records themselves', async () => {
    await engine.db.deleteFrom('search_text').execute();
    expect(await store.contacts.suggest('opeland', 10)).toEqual([]);
    expect(await rebuildSearchText(store, () => new Date())).toBeNull();
    expect(emails(await store.contacts.suggest('opeland', 10))).toEqual([copeland.email]);
    expect((await store.companies.suggest('globex', 10)).map((c) => c.name)).toEqual(['Globex Holding']);
  });
});
