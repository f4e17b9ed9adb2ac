// The store parts requester matching relies on, run on embedded SQLite and on MariaDB: match rows and the one-query lookup.
import type { MatchRecord } from '../../src/domain/issue-matches';
import { aCompany, aContact, aMembership } from '../support/builders';
import { engines, storeOn } from '../support/engines';

const suggestion = (issueId: string, fields: Partial<MatchRecord> = {}): MatchRecord => ({
  issueId,
  issueKey: `SUP-${issueId}`,
  status: 'suggest-create-both',
  detail: {
    decision: {
      outcome: 'suggest-create-both',
      reason: 'new-contact-and-company',
      candidates: [{ key: 'new:new', contactId: null, companyId: null, newCompany: true }],
      proposal: { contact: { email: 'q@initech.com', firstName: '', lastName: '' }, company: { name: 'Initech', domain: 'initech.com' } },
    },
    summary: 'Printer on fire',
    url: 'https://example.atlassian.net/browse/SUP-1',
    source: 'trigger',
    accepted: null,
  },
  reporterAccountId: 'qm:reporter',
  at: '2026-02-01T09:00:00.000Z',
  ...fields,
});

describe.each(engines())('issue matches on $name', (factory) => {
  const on = storeOn(factory);

  it('stores a result and reads it back', async () => {
    await on.store.issueMatches.record(suggestion('101'));
    expect(await on.store.issueMatches.find('101')).toEqual({
      issueId: '101',
      issueKey: 'SUP-101',
      status: 'suggest-create-both',
      detail: suggestion('101').detail,
      dismissed: [],
      reporterAccountId: 'qm:reporter',
      version: 1,
      createdAt: '2026-02-01T09:00:00.000Z',
      updatedAt: '2026-02-01T09:00:00.000Z',
    });
  });

  it('replaces a stored result in one statement, keeping dismissals and the creation time, and bumps the version', async () => {
    await on.store.issueMatches.record(suggestion('102'));
    const stored = await on.store.issueMatches.find('102');
    await on.store.issueMatches.update({ ...stored!, dismissed: ['new:new'], version: 2, updatedAt: '2026-02-01T10:00:00.000Z' });
    const before = on.engine.counter.snapshot().total;
    await on.store.issueMatches.record(suggestion('102', { status: 'no-email', detail: { ...suggestion('102').detail, decision: { outcome: 'no-email', reason: 'email-unavailable' } }, at: '2026-02-02T09:00:00.000Z' }));
    expect(on.engine.counter.snapshot().total - before).toBe(1);
    expect(await on.store.issueMatches.find('102')).toMatchObject({
      status: 'no-email',
      dismissed: ['new:new'],
      version: 3,
      createdAt: '2026-02-01T09:00:00.000Z',
      updatedAt: '2026-02-02T09:00:00.000Z',
    });
  });

  it('refuses a stale update with CONFLICT', async () => {
    await on.store.issueMatches.record(suggestion('103'));
    const stored = (await on.store.issueMatches.find('103'))!;
    await on.store.issueMatches.update({ ...stored, dismissed: ['new:new'], version: 2 });
    await expect(on.store.issueMatches.update({ ...stored, status: 'accepted', version: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('finds many at once, and forgets the rows of a reporter', async () => {
    await on.store.issueMatches.record(suggestion('104', { reporterAccountId: 'qm:gone' }));
    await on.store.issueMatches.record(suggestion('105', { reporterAccountId: 'qm:gone' }));
    expect((await on.store.issueMatches.findMany(['104', '105', '999'])).map((m) => m.issueId).sort()).toEqual(['104', '105']);
    expect(await on.store.issueMatches.deleteForReporters(['qm:gone'])).toBe(2);
    expect(await on.store.issueMatches.findMany(['104', '105'])).toEqual([]);
  });

  it('reads a row whose detail it cannot understand as never matched', async () => {
    await on.engine.db.insertInto('issue_matches').values({ issue_id: '106', issue_key: 'SUP-106', outcome: 'link', detail: '{"decision":{"outcome":"guess"}}', dismissed: '[]', reporter_account_id: '', version: 1, created_at: '', updated_at: '' }).execute();
    expect(await on.store.issueMatches.find('106')).toBeNull();
  });

  it('finds a contact with all of its memberships in one query', async () => {
    const ada = aContact({ email: 'ada.matched@acme.com' });
    const acme = aCompany({ name: 'Acme Matched', domains: ['acme-matched.com'] });
    const globex = aCompany({ name: 'Globex Matched', domains: ['globex-matched.com'] });
    await on.store.contacts.insert(ada);
    await on.store.companies.insert(acme);
    await on.store.companies.insert(globex);
    await on.store.memberships.upsertMany([aMembership(ada, acme, { isPrimary: true, role: 'Buyer' }), aMembership(ada, globex)]);
    const before = on.engine.counter.snapshot().reads;
    const found = await on.store.contacts.findByEmailWithMemberships('ada.matched@acme.com');
    expect(on.engine.counter.snapshot().reads - before).toBe(1);
    expect(found?.contact).toEqual(ada);
    expect(found?.memberships.map((m) => [m.companyId, m.role, m.isPrimary]).sort()).toEqual(
      [[acme.id, 'Buyer', true], [globex.id, '', false]].sort(),
    );
  });

  it('finds a contact without memberships, and nothing for an unknown email', async () => {
    const grace = aContact({ email: 'grace.matched@navy.mil' });
    await on.store.contacts.insert(grace);
    expect(await on.store.contacts.findByEmailWithMemberships('grace.matched@navy.mil')).toEqual({ contact: grace, memberships: [] });
    expect(await on.store.contacts.findByEmailWithMemberships('nobody@navy.mil')).toBeNull();
  });
});
