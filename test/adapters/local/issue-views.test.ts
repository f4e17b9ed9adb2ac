// The local runner's issue views: the sample issue list, one issue with the panel host mounted, Jira's browse links.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../../src/adapters/local/server';

describe('the local issue views', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'directory-issue-views-'));
    // A stand-in host build, so these tests do not need Vite.
    const panelHostDir = path.join(dataDir, 'panel-host');
    mkdirSync(panelHostDir, { recursive: true });
    writeFileSync(path.join(panelHostDir, 'panel-host.js'), 'console.log("host")');
    writeFileSync(path.join(panelHostDir, 'panel-host.css'), 'body{}');
    server = await startServer({ port: 0, dataDir, panelHostDir, staticDir: path.join(dataDir, 'no-page') });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every sample issue with a link to its view as the chosen local user', async () => {
    const html = await (await fetch(`${server.url}/issues?as=local-viewer`)).text();
    expect(html).toContain('<a href="/issues/SUP-1?as=local-viewer">SUP-1</a>');
    expect(html).toContain('<a href="/issues/ENG-15?as=local-viewer">ENG-15</a>');
  });

  it('renders an issue with its key, summary, status and reporter, and the panel host configured for it', async () => {
    const response = await fetch(`${server.url}/issues/sup-2?as=local-viewer`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('SSO login loops back to the sign-in page');
    expect(html).toContain('<dd data-testid="issue-status">In Progress</dd>');
    expect(html).toContain('grace.hopper@northwind-labs.example');
    expect(html).toMatch(/<div id="issue-panel" data-account-id="local-viewer" data-issue-id="10101" data-issue-key="SUP-2" [^>]*data-project-key="SUP" data-project-type="service_desk"/);
    expect(html).toContain('<script type="module" src="/panel-host/panel-host.js"></script>');
    expect((await fetch(`${server.url}/panel-host/panel-host.js`)).status).toBe(200);
  });

  it('acts as the local agent unless another known local user is asked for', async () => {
    const html = await (await fetch(`${server.url}/issues/SUP-1?as=somebody-else`)).text();
    expect(html).toContain('data-account-id="local-agent"');
  });

  it("sends Jira's browse links, which the fake site now gives issues, to the issue view", async () => {
    const response = await fetch(`${server.url}/browse/ENG-12`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/issues/ENG-12');
    const linked = await server.app.invoke('links/add', { recordType: 'company', recordId: (await firstCompanyId()), target: { type: 'issue', issueId: '10200' } }, 'local-agent');
    expect(linked).toMatchObject({ ok: true, data: { created: [{ url: `${server.url}/browse/ENG-12` }] } });
    // A profile's linked work lists the issue with that address, so it opens the local issue view.
    const work = await server.app.invoke('links/work', { recordType: 'company', recordId: await firstCompanyId() }, 'local-viewer');
    if (!work.ok) throw new Error(work.error.message);
    const item = (work.data as { items: { key: string; url: string }[] }).items.find((i) => i.key === 'ENG-12');
    expect(item?.url).toBe(`${server.url}/browse/ENG-12`);
    const opened = await fetch(item!.url);
    expect(opened.url).toBe(`${server.url}/issues/ENG-12`);
    expect(await opened.text()).toContain('Retry webhook deliveries with exponential back-off');
  });

  it('answers 404 for an issue that is not a sample', async () => {
    const response = await fetch(`${server.url}/issues/NOPE-1`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('There is no sample issue NOPE-1');
  });

  async function firstCompanyId(): Promise<string> {
    const answer = await server.app.invoke('companies/search', { text: 'contoso' }, 'local-agent');
    if (!answer.ok) throw new Error(answer.error.message);
    return (answer.data as { items: { id: string }[] }).items[0]!.id;
  }
});
