// One contract suite for the SQL store, run on embedded SQLite and on MariaDB (the MySQL dialect shipped to Forge).
import { aCompany, aContact, aMembership } from '../support/builders';
import { engines, storeOn } from '../support/engines';

describe.each(engines())('SQL store on $name', (factory) => {
  const on = storeOn(factory);

  it('stores a contact and finds it by id and by email', async () => {
    const c = aContact({ email: 'grace@navy.mil', firstName: 'Grace', lastName: 'Hopper' });
    await on.store.contacts.insert(c);
    expect(await on.store.contacts.find(c.id)).toEqual(c);
    expect((await on.store.contacts.findByEmails(['grace@navy.mil'])).map((x) => x.id)).toEqual([c.id]);
  });

  it('refuses a second contact with the same email as DUPLICATE', async () => {
    await on.store.contacts.insert(aContact({ email: 'dup@example.org' }));
    await expect(on.store.contacts.insert(aContact({ email: 'dup@example.org' }))).rejects.toMatchObject({ code: 'DUPLICATE' });
  });

  it('compares emails byte for byte, as TiDB does (case is normalised before storage)', async () => {
    await on.store.contacts.insert(aContact({ email: 'case@example.org' }));
    expect(await on.store.contacts.findByEmails(['CASE@example.org'])).toEqual([]);
  });

  it('a stale edit fails with CONFLICT and loses nothing', async () => {
    const c = aContact({ email: 'versioned@example.org' });
    await on.store.contacts.insert(c);
    await on.store.contacts.update({ ...c, phone: '+1 555', version: 2 });
    await expect(on.store.contacts.update({ ...c, phone: '+2 666', version: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await on.store.contacts.find(c.id))?.phone).toBe('+1 555');
  });

  it('finds contacts by the prefix of any name word or email, and pages with a cursor', async () => {
    const people = ['Zora Neale', 'Zoe Saldana', 'Zed Shaw'].map((n, i) => {
      const [firstName = '', lastName = ''] = n.split(' ');
      return aContact({ firstName, lastName, email: `zz${i}@search.test` });
    });
    for (const p of people) await on.store.contacts.insert(p);
    const first = await on.store.contacts.search({ text: 'zo', limit: 1 });
    expect(first.items.map((c) => c.firstName)).toEqual(['Zoe']);
    const second = await on.store.contacts.search({ text: 'zo', limit: 1, after: first.next });
    expect(second.items.map((c) => c.firstName)).toEqual(['Zora']);
    expect(second.next).toBeNull();
    expect((await on.store.contacts.search({ text: 'zed sh', limit: 10 })).items.map((c) => c.email)).toEqual(['zz2@search.test']);
    expect((await on.store.contacts.search({ text: 'search.test', limit: 10 })).items).toHaveLength(3);
    expect(await on.store.contacts.count({ text: 'z' })).toBeGreaterThanOrEqual(3);
  });

  it('keeps each company domain unique and matches companies by domain and name key', async () => {
    const acme = aCompany({ name: 'ACME, Inc.', domains: ['acme.com', 'acme.io'] });
    await on.store.companies.insert(acme);
    await expect(on.store.companies.insert(aCompany({ name: 'Other', domains: ['acme.io'] }))).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect((await on.store.companies.findByDomains(['acme.io']))[0]?.id).toBe(acme.id);
    expect((await on.store.companies.findByNameKeys(['acme']))[0]?.domains).toEqual(['acme.com', 'acme.io']);
    expect((await on.store.companies.search({ text: 'acm', limit: 5 })).items.map((c) => c.id)).toContain(acme.id);
  });

  it('lists children of a parent company', async () => {
    const parent = aCompany({ name: 'Globex Holding' });
    const child = aCompany({ name: 'Globex Europe', parentId: parent.id });
    await on.store.companies.insert(parent);
    await on.store.companies.insert(child);
    expect((await on.store.companies.children(parent.id)).map((c) => c.id)).toEqual([child.id]);
  });

  it('upserts memberships and filters contacts by company and role', async () => {
    const c = aContact({ email: 'member@initech.com' });
    const co = aCompany({ name: 'Initech' });
    await on.store.contacts.insert(c);
    await on.store.companies.insert(co);
    await on.store.memberships.upsertMany([aMembership(c, co, { role: 'Buyer' })]);
    await on.store.memberships.upsertMany([aMembership(c, co, { role: 'Champion', isPrimary: true })]);
    expect(await on.store.memberships.forContacts([c.id])).toEqual([expect.objectContaining({ role: 'Champion', isPrimary: true })]);
    expect((await on.store.contacts.search({ companyId: co.id, role: 'Champion', limit: 10 })).items.map((x) => x.id)).toEqual([c.id]);
    await on.store.memberships.deleteMany([{ contactId: c.id, companyId: co.id }]);
    expect(await on.store.memberships.forContacts([c.id])).toEqual([]);
  });

  it('bulk-saves new and changed contacts in multi-row statements and keeps search in step', async () => {
    const many = Array.from({ length: 300 }, (_, i) => aContact({ email: `p${i}@many.test`, firstName: 'Bulk', lastName: `N${i}` }));
    const before = on.engine.counter.snapshot().total;
    await on.store.contacts.saveMany(many, () => true);
    expect(on.engine.counter.snapshot().total - before).toBeLessThanOrEqual(2);
    const renamed = many.slice(0, 10).map((c) => ({ ...c, firstName: 'Renamed', displayName: `Renamed ${c.lastName}`, version: 2 }));
    await on.store.contacts.saveMany(renamed, () => false);
    expect(await on.store.contacts.count({ text: 'renamed' })).toBe(10);
    expect(await on.store.contacts.count({ text: 'bulk' })).toBe(290);
  });

  it('filters by a custom field value', async () => {
    const c = aContact({ email: 'tier@custom.test', custom: { f1: 'Gold' } });
    await on.store.contacts.insert(c);
    expect((await on.store.contacts.search({ custom: { fieldId: 'f1', value: 'Gold' }, limit: 5 })).items.map((x) => x.id)).toEqual([c.id]);
  });

  it('finds stored contacts among hundreds of emails, and answers a list of unknown emails with one probe', async () => {
    // Beyond U+FFFF: JavaScript orders the surrogate pair before U+FFFD, UTF-8 (and binary collation) after it.
    const emoji = 'zz\u{1F600}@emoji.test';
    await on.store.contacts.insert(aContact({ email: emoji }));
    const asked = [...Array.from({ length: 150 }, (_, i) => `q${i}@probe.test`), 'zz\uFFFD@emoji.test', emoji];
    expect((await on.store.contacts.findByEmails(asked)).map((c) => c.email)).toEqual([emoji]);
    await on.store.contacts.insert(aContact({ email: 'q42@probe.test' }));
    expect((await on.store.contacts.findByEmails(asked)).map((c) => c.email).sort()).toEqual(['q42@probe.test', emoji].sort());
    const before = on.engine.counter.snapshot().total;
    expect(await on.store.contacts.findByEmails(Array.from({ length: 150 }, (_, i) => `zzz-unknown-${i}@probe.test`))).toEqual([]);
    expect(on.engine.counter.snapshot().total - before).toBe(1);
  });

  it('finds, filters and drops custom values under field ids of every id character (- _ digits, both cases)', async () => {
    const fieldId = 'f-09AZ_az-_Zz';
    await on.store.fields.insert({ id: fieldId, entity: 'contact', name: 'Odd Id', nameKey: 'odd id', type: 'text', options: [], createdAt: '2026-01-01T00:00:00.000Z' });
    const c = aContact({ email: 'odd@custom.test', custom: { [fieldId]: 'Gold', f1: 'kept' } });
    await on.store.contacts.insert(c);
    expect((await on.store.contacts.search({ custom: { fieldId, value: 'Gold' }, limit: 5 })).items.map((x) => x.id)).toEqual([c.id]);
    expect(await on.store.fields.dropValues((await on.store.fields.list('contact'))[0]!)).toBe(1);
    expect((await on.store.contacts.find(c.id))?.custom).toEqual({ f1: 'kept' });
  });

  it('links a record to a work item once, however often it is linked', async () => {
    const link = { id: 'l1', recordType: 'contact' as const, recordId: 'c1', targetType: 'issue' as const, targetId: '10001', targetKey: 'SUP-1', url: '', title: '', createdAt: 'now', createdBy: 'u' };
    expect(await on.store.links.add(link)).toBe(true);
    expect(await on.store.links.add({ ...link, id: 'l2' })).toBe(false);
    expect(await on.store.links.forTarget('issue', '10001')).toHaveLength(1);
    expect(await on.store.links.remove('contact', 'c1', 'issue', '10001')).toBe(true);
  });

  it('appends audit entries once per id', async () => {
    const entry = { id: 'a1', at: '2026-01-01T00:00:00.000Z', actor: 'u1', jobId: 'j1', recordType: 'contact', recordId: 'c1', action: 'create' as const, changes: { email: [null, 'x@y.z'] as [unknown, unknown] } };
    await on.store.audit.append([entry]);
    await on.store.audit.append([entry, { ...entry, id: 'a2', action: 'update' }]);
    expect(await on.store.audit.countByAction('j1')).toEqual(expect.arrayContaining([{ recordType: 'contact', action: 'create', count: 1 }, { recordType: 'contact', action: 'update', count: 1 }]));
    expect((await on.store.audit.list({ recordId: 'c1', limit: 10 })).items[0]).toMatchObject({ id: 'a2' });
  });

  it('gives a lock to one owner at a time until it expires', async () => {
    expect(await on.store.locks.acquire('import', 'job-1', 60_000, 1_000)).toBe(true);
    expect(await on.store.locks.acquire('import', 'job-2', 60_000, 2_000)).toBe(false);
    expect(await on.store.locks.acquire('import', 'job-2', 60_000, 120_000)).toBe(true);
    await on.store.locks.release('import', 'job-2');
    expect(await on.store.locks.holder('import', 130_000)).toBeNull();
  });
});
