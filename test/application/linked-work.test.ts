// A profile's linked work on the real SQL store with a fake Atlassian site: counts per kind, open/done and project
// filters, paging through thousands of links with a cursor, hidden items counted and never shown, which contact holds
// a company's roll-up link, and subsidiaries only when asked.
import { makeRestWorkItems } from '../../src/adapters/atlassian/rest-work-items';
import { FakeAtlassianSite } from '../../src/adapters/local/fake-work-items';
import { SAMPLE_ISSUES, type SampleIssue } from '../../src/adapters/local/sample-jira';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { getLinkedWork, type LinkedWorkQuery } from '../../src/application/get-linked-work';
import { linkRecord } from '../../src/application/link-record';
import { setMembership } from '../../src/application/set-membership';
import type { LinkingDeps } from '../../src/application/work-items';
import type { LinkedWork } from '../../src/contracts/links';
import { linkedWorkQuerySchema } from '../../src/contracts/links';
import { newId } from '../../src/domain/ids';
import type { CompanyView, ContactView } from '../../src/contracts/api';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

const MANY = 5_200;

function bigIssue(n: number): SampleIssue {
  const project = n % 3 === 0 ? 'ENG' : 'SUP';
  const category = n % 4 === 0 ? 'done' : n % 4 === 1 ? 'new' : 'indeterminate';
  return {
    id: String(300_000 + n),
    key: `${project}-${1000 + n}`,
    summary: `Issue number ${n}`,
    status: { name: category === 'done' ? 'Done' : category === 'new' ? 'To Do' : 'In Progress', category },
    issueType: 'Task',
    projectKey: project,
    reporterEmail: '',
    created: '2025-03-01T00:00:00.000Z',
    updated: '2025-03-02T00:00:00.000Z',
  };
}

describe.each(engines())('linked work on $name', (factory) => {
  let world: TestWorld;
  let acme: CompanyView;
  let ada: ContactView;
  let grace: ContactView;

  beforeEach(async () => {
    world = await openWorld(factory);
    acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    ada = await createContact(world.deps, admin, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace' }));
    grace = await createContact(world.deps, admin, contactInputSchema.parse({ email: 'grace@acme.com', firstName: 'Grace', lastName: 'Hopper' }));
    await setMembership(world.deps, admin, { contactId: ada.id, companyId: acme.id, role: 'Buyer' });
    await setMembership(world.deps, admin, { contactId: grace.id, companyId: acme.id, role: 'Engineer' });
  });
  afterEach(() => world.close());

  const query = (q: Partial<LinkedWorkQuery> & Pick<LinkedWorkQuery, 'recordType' | 'recordId'>) => linkedWorkQuerySchema.parse(q);
  const linkIssue = (recordType: 'contact' | 'company', recordId: string, key: string) => {
    const issue = SAMPLE_ISSUES.find((i) => i.key === key)!;
    return linkRecord(world.deps, agent, { recordType, recordId, target: { type: 'issue', issueId: issue.id }, alsoCompanyIds: [] });
  };

  it("shows a company's own links and each contact's, naming the contact, with counts per kind and the projects", async () => {
    await linkIssue('company', acme.id, 'SUP-1');
    await linkIssue('contact', ada.id, 'SUP-3');
    await linkIssue('contact', grace.id, 'ENG-12');
    await linkRecord(world.deps, agent, {
      recordType: 'contact',
      recordId: grace.id,
      target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/overview' },
      alsoCompanyIds: [],
    });

    const work = await getLinkedWork(world.deps, viewer, query({ recordType: 'company', recordId: acme.id }));

    expect(work.counts).toEqual({ issue: 3, page: 0, space: 1 });
    expect(work.projects).toEqual(['ENG', 'SUP']);
    expect(work.items.map((i) => [i.targetType, i.key, i.via.map((v) => `${v.recordType}:${v.name}`)])).toEqual([
      ['space', 'CS', ['contact:Grace Hopper']],
      ['issue', 'ENG-12', ['contact:Grace Hopper']],
      ['issue', 'SUP-3', ['contact:Ada Lovelace']],
      ['issue', 'SUP-1', ['company:Acme']],
    ]);
    expect(work.items.find((i) => i.key === 'SUP-3')).toMatchObject({ status: { category: 'done' }, updated: expect.stringMatching(/^2025-01-\d\dT16:05:00\.000Z$/) });
  });

  it('filters to open or done issues and to one project, leaving pages and spaces out', async () => {
    for (const key of ['SUP-1', 'SUP-3', 'SUP-5', 'ENG-12', 'ENG-13']) await linkIssue('contact', ada.id, key);
    await linkRecord(world.deps, agent, {
      recordType: 'contact',
      recordId: ada.id,
      target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/65541' },
      alsoCompanyIds: [],
    });
    const keys = async (q: Partial<LinkedWorkQuery>) => (await getLinkedWork(world.deps, viewer, query({ recordType: 'contact', recordId: ada.id, ...q }))).items.map((i) => i.key);

    expect(await keys({ state: 'done' })).toEqual(['SUP-5', 'SUP-3']);
    expect(await keys({ state: 'open' })).toEqual(['ENG-13', 'ENG-12', 'SUP-1']);
    expect(await keys({ project: 'eng' })).toEqual(['ENG-13', 'ENG-12']);
    expect(await keys({ state: 'open', project: 'SUP' })).toEqual(['SUP-1']);
    expect(await keys({ kind: 'page' })).toEqual(['CS']);
  });

  it('counts issues the viewer may not see without showing them, and keeps deleted ones as missing', async () => {
    for (const key of ['SUP-1', 'SUP-2', 'SUP-3']) await linkIssue('contact', ada.id, key);
    world.site.hideFromUser('10101'); // SUP-2
    world.site.deleteIssue('10102'); // SUP-3

    const work = await getLinkedWork(world.deps, viewer, query({ recordType: 'contact', recordId: ada.id }));
    expect(work.items.map((i) => [i.key, i.state, i.title])).toEqual([
      ['SUP-3', 'missing', ''],
      ['SUP-1', 'available', 'Invoices for March show the wrong VAT number'],
    ]);
    expect(JSON.stringify(work)).not.toContain('SSO login');
    expect(work).toMatchObject({ hidden: 1, missing: 1, counts: { issue: 3 } });
  });

  it('links from the profile by pasted key or address of this site, and refuses an address on another site', async () => {
    const byKey = await linkRecord(world.deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueKey: 'sup-2' }, alsoCompanyIds: [] });
    expect(byKey.created.map((l) => [l.targetId, l.targetKey])).toEqual([['10101', 'SUP-2']]);
    const byUrl = await linkRecord(world.deps, agent, {
      recordType: 'contact',
      recordId: ada.id,
      target: { type: 'issue', issueKey: 'ENG-12', url: 'https://customer-directory.example.atlassian.net/browse/ENG-12' },
      alsoCompanyIds: [],
    });
    expect(byUrl.created.map((l) => l.targetKey)).toEqual(['ENG-12']);
    await expect(
      linkRecord(world.deps, agent, {
        recordType: 'contact',
        recordId: ada.id,
        target: { type: 'issue', issueKey: 'SUP-1', url: 'https://evil.example.net/browse/SUP-1' },
        alsoCompanyIds: [],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('another Atlassian site') });
    await expect(
      linkRecord(world.deps, agent, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueKey: 'NOPE-1' }, alsoCompanyIds: [] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await world.deps.store.links.forRecord('contact', ada.id)).map((l) => l.targetKey).sort()).toEqual(['ENG-12', 'SUP-2']);
  });

  it(`pages through ${MANY.toLocaleString('en')} links with a cursor, each issue once, and filters done issues across pages`, async () => {
    const site = new FakeAtlassianSite(Array.from({ length: MANY }, (_, n) => bigIssue(n)));
    const deps: LinkingDeps = { ...world.deps, workItems: makeRestWorkItems(site) };
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    for (let n = 0; n < MANY; n++) {
      await world.deps.store.links.add({
        id: newId(),
        recordType: 'contact',
        recordId: ada.id,
        targetType: 'issue',
        targetId: String(300_000 + n),
        targetKey: bigIssue(n).key,
        url: '',
        title: '',
        createdAt: new Date(base + n * 1000).toISOString(),
        createdBy: agent.accountId,
      });
    }
    site.hideFromUser(String(300_000 + MANY - 2));

    const seen: string[] = [];
    let pages = 0;
    let hidden = 0;
    let page: LinkedWork | null = null;
    do {
      page = await getLinkedWork(deps, viewer, query({ recordType: 'contact', recordId: ada.id, limit: 100, after: page?.next ?? null }));
      pages++;
      hidden += page.hidden;
      seen.push(...page.items.map((i) => i.key));
      expect(page.counts.issue).toBe(MANY);
    } while (page.next !== null);

    expect(new Set(seen).size).toBe(MANY - 1);
    expect(seen).toHaveLength(MANY - 1);
    expect(hidden).toBe(1);
    expect(seen[0]).toBe(bigIssue(MANY - 1).key); // newest link first
    expect(pages).toBe(Math.ceil((MANY - 1) / 100));

    const done: string[] = [];
    let donePage: LinkedWork | null = null;
    do {
      donePage = await getLinkedWork(deps, viewer, query({ recordType: 'contact', recordId: ada.id, state: 'done', limit: 100, after: donePage?.next ?? null }));
      done.push(...donePage.items.map((i) => i.key));
      expect(donePage.items.every((i) => i.status?.category === 'done')).toBe(true);
    } while (donePage.next !== null);
    expect(done).toHaveLength(MANY / 4);
  }, 180_000);
});
