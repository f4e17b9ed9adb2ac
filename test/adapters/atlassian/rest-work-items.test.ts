// The WorkItems adapter over Atlassian REST, against a fake site that answers in Jira's and Confluence's documented
// shapes: issues found in few searches, "gone" told from "not yours", bad answers refused, property writes as the app.
import type { AtlassianRest, RestAnswer } from '../../../src/adapters/atlassian/atlassian-rest';
import { makeRestWorkItems } from '../../../src/adapters/atlassian/rest-work-items';
import { FakeAtlassianSite } from '../../../src/adapters/local/fake-work-items';
import type { SampleIssue } from '../../../src/adapters/local/sample-jira';

function anIssue(n: number, fields: Partial<SampleIssue> = {}): SampleIssue {
  return {
    id: String(20000 + n),
    key: `OPS-${n}`,
    summary: `Issue ${n}`,
    status: { name: 'To Do', category: 'new' },
    issueType: 'Task',
    projectKey: 'OPS',
    reporterEmail: '',
    created: '2025-01-01T00:00:00.000Z',
    updated: '2025-01-01T00:00:00.000Z',
    ...fields,
  };
}

/** A transport that answers one endpoint with a fixed answer and passes the rest to the site. */
function withAnswer(site: FakeAtlassianSite, overrides: Partial<AtlassianRest>): AtlassianRest {
  return {
    searchIssues: overrides.searchIssues ?? ((r) => site.searchIssues(r)),
    getIssue: overrides.getIssue ?? ((as, ref, fields) => site.getIssue(as, ref, fields)),
    putIssueProperty: overrides.putIssueProperty ?? ((id, key, value) => site.putIssueProperty(id, key, value)),
    deleteIssueProperty: overrides.deleteIssueProperty ?? ((id, key) => site.deleteIssueProperty(id, key)),
    getPage: overrides.getPage ?? ((id) => site.getPage(id)),
    serverInfo: overrides.serverInfo ?? (() => site.serverInfo()),
  };
}

const answer = (status: number, body: unknown = null): Promise<RestAnswer> => Promise.resolve({ status, body });

describe('REST work items', () => {
  it('reads visible issues in one search, with status category, type, assignee, last update, project and a browse URL', async () => {
    const site = new FakeAtlassianSite([anIssue(1, { status: { name: 'Doing', category: 'indeterminate' }, issueType: 'Bug' }), anIssue(2)]);
    const lookup = await makeRestWorkItems(site).getIssuesAsUser(['20001', 'ops-2']);
    expect(lookup).toEqual({
      issues: [
        { id: '20001', key: 'OPS-1', summary: 'Issue 1', status: { name: 'Doing', category: 'indeterminate' }, type: 'Bug', assignee: 'Local Agent', updated: '2025-01-01T00:00:00.000Z', project: { key: 'OPS', name: 'OPS' }, url: 'https://customer-directory.example.atlassian.net/browse/OPS-1' },
        { id: '20002', key: 'OPS-2', summary: 'Issue 2', status: { name: 'To Do', category: 'new' }, type: 'Task', assignee: null, updated: '2025-01-01T00:00:00.000Z', project: { key: 'OPS', name: 'OPS' }, url: 'https://customer-directory.example.atlassian.net/browse/OPS-2' },
      ],
      missing: [],
      forbidden: [],
    });
    expect(site.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  it('tells a deleted issue from one the user may not see when Jira refuses the whole search', async () => {
    const site = new FakeAtlassianSite([anIssue(1), anIssue(2), anIssue(3)]);
    site.deleteIssue('20002');
    site.hideFromUser('20003');
    const lookup = await makeRestWorkItems(site).getIssuesAsUser(['20001', '20002', '20003']);
    expect(lookup.issues.map((i) => i.key)).toEqual(['OPS-1']);
    expect([lookup.missing, lookup.forbidden]).toEqual([['20002'], ['20003']]);
  });

  it('tells them apart as well when Jira leaves them out of the results instead', async () => {
    const site = new FakeAtlassianSite([anIssue(1), anIssue(2), anIssue(3)]);
    site.deleteIssue('20002');
    site.hideFromUser('20003');
    const lenient = withAnswer(site, {
      searchIssues: async () => answer(200, { issues: [(await site.getIssue('user', '20001', ['summary', 'status', 'issuetype', 'assignee'])).body], isLast: true }),
    });
    const lookup = await makeRestWorkItems(lenient).getIssuesAsUser(['20001', '20002', '20003']);
    expect([lookup.issues.map((i) => i.id), lookup.missing, lookup.forbidden]).toEqual([['20001'], ['20002'], ['20003']]);
  });

  it('searches at most 50 issues at a time', async () => {
    const site = new FakeAtlassianSite(Array.from({ length: 120 }, (_, n) => anIssue(n + 1)));
    const lookup = await makeRestWorkItems(site).getIssuesAsUser(Array.from({ length: 120 }, (_, n) => String(20001 + n)));
    expect(lookup.issues).toHaveLength(120);
    expect(site.requests.filter((r) => r.startsWith('POST'))).toHaveLength(3);
  });

  it('never puts text that is not an issue id or key into JQL', async () => {
    const site = new FakeAtlassianSite([anIssue(1)]);
    const lookup = await makeRestWorkItems(site).getIssuesAsUser(['20001) OR project = SECRET OR issue in (1', '20001']);
    expect(lookup.missing).toEqual(['20001) OR PROJECT = SECRET OR ISSUE IN (1']);
    expect(site.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  it('answers UPSTREAM with a sentence when Jira fails, is busy, or answers in a shape it does not know', async () => {
    const site = new FakeAtlassianSite([anIssue(1)]);
    await expect(makeRestWorkItems(withAnswer(site, { searchIssues: () => answer(503) })).getIssuesAsUser(['20001'])).rejects.toMatchObject({
      code: 'UPSTREAM',
      message: 'Jira did not answer for a search for issues (HTTP 503); try again in a moment.',
    });
    await expect(makeRestWorkItems(withAnswer(site, { searchIssues: () => answer(429) })).getIssuesAsUser(['20001'])).rejects.toMatchObject({
      code: 'UPSTREAM',
      message: expect.stringContaining('try again in a minute'),
    });
    await expect(makeRestWorkItems(withAnswer(site, { searchIssues: () => answer(200, { issues: [{ id: 7 }] }) })).getIssuesAsUser(['20001'])).rejects.toMatchObject({
      code: 'UPSTREAM',
      message: expect.stringContaining('unexpected shape'),
    });
  });

  it('reads one issue as the user, and nothing of an issue they may not see', async () => {
    const site = new FakeAtlassianSite([anIssue(1), anIssue(2)]);
    site.hideFromUser('20002');
    const workItems = makeRestWorkItems(site);
    expect(await workItems.getIssueAsUser('OPS-1')).toMatchObject({ id: '20001', key: 'OPS-1' });
    expect(await workItems.getIssueAsUser('20002')).toBeNull();
  });

  it('writes and deletes the property as the app, skipping issues that no longer exist', async () => {
    const site = new FakeAtlassianSite([anIssue(1)]);
    const workItems = makeRestWorkItems(site);
    await workItems.setIssueProperty('20001', { companyIds: ['c1'], companyNames: ['Acme'], contactIds: [] });
    expect(site.issueProperty('20001')).toEqual({ companyIds: ['c1'], companyNames: ['Acme'], contactIds: [] });
    await workItems.deleteIssueProperty('20001');
    expect(site.issueProperty('20001')).toBeUndefined();
    await expect(workItems.setIssueProperty('99999', { companyIds: [], companyNames: [], contactIds: ['p'] })).resolves.toBeUndefined();
    await expect(workItems.deleteIssueProperty('20001')).resolves.toBeUndefined();

    site.failPropertyWrites(1);
    await expect(workItems.setIssueProperty('20001', { companyIds: [], companyNames: [], contactIds: ['p'] })).rejects.toMatchObject({ code: 'UPSTREAM' });
  });

  it('reads a page title and space as the user; a page it cannot read is null; no Confluence at all is unreachable', async () => {
    const site = new FakeAtlassianSite([]);
    expect(await makeRestWorkItems(site).getConfluencePageAsUser('65540')).toEqual({
      id: '65540',
      title: 'Northwind: escalation runbook',
      spaceKey: 'CS',
      url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/65540/Northwind%3A+escalation+runbook',
    });
    expect(await makeRestWorkItems(site).getConfluencePageAsUser('1')).toBeNull();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const noConfluence = withAnswer(site, { getPage: () => Promise.reject(new Error('Confluence is not installed on this site')) });
      expect(await makeRestWorkItems(noConfluence).getConfluencePageAsUser('65540')).toBe('unreachable');
      const failing = withAnswer(site, { getPage: async () => ({ status: 503, body: null }) });
      expect(await makeRestWorkItems(failing).getConfluencePageAsUser('65540')).toBe('unreachable');
    } finally {
      warn.mockRestore();
    }
  });

  it('lets Forge’s consent request through untouched', async () => {
    const consent = Object.assign(new Error('Authentication required'), { name: 'NEEDS_AUTHENTICATION_ERR' });
    const site = new FakeAtlassianSite([]);
    await expect(makeRestWorkItems(withAnswer(site, { getPage: () => Promise.reject(consent) })).getConfluencePageAsUser('65540')).rejects.toBe(consent);
  });
});
