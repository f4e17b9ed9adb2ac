// The local Forge host's bridge, as @forge/react and @forge/bridge call it: reconcile, invoke, getContext, getUrl, and
// calls it does not implement, which it reports instead of ignoring.
import { createForgeHost, type ForgeDoc, type HostConfig } from '../../../src/adapters/local/panel-host/forge-host';

const CONFIG: HostConfig = {
  accountId: 'local-viewer',
  issue: { id: '10100', key: 'SUP-1', type: 'Service request' },
  project: { id: '10000', key: 'SUP', type: 'service_desk' },
  siteUrl: 'http://localhost:8080',
  globalPageUrl: 'http://localhost:8080/',
};

type Sent = { url: string; init: RequestInit };

function hostWithFetch(answer: unknown, status = 200) {
  const sent: Sent[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify(answer), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  const visited: string[] = [];
  const host = createForgeHost(CONFIG, fetchImpl, { assign: (url) => visited.push(`same-tab ${url}`), open: (url) => visited.push(`new-tab ${url}`) });
  return { host, sent, visited };
}

describe('the local Forge host', () => {
  it('posts invoke to /api/invoke as the chosen local user and resolves with the envelope, as Forge resolves with the resolver result', async () => {
    const envelope = { ok: true, data: { contacts: [] } };
    const { host, sent } = hostWithFetch(envelope);
    expect(await host.callBridge('invoke', { functionKey: 'links/for-issue', payload: { issueId: '10100' } })).toEqual(envelope);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/invoke');
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.headers).toEqual({ 'Content-Type': 'application/json', 'X-Local-User': 'local-viewer' });
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ key: 'links/for-issue', payload: { issueId: '10100' } });
  });

  it('gives a jira:issuePanel product context with the issue and its project', async () => {
    const { host } = hostWithFetch({});
    expect(await host.callBridge('getContext')).toMatchObject({
      accountId: 'local-viewer',
      siteUrl: 'http://localhost:8080',
      extension: { type: 'jira:issuePanel', issue: { id: '10100', key: 'SUP-1' }, project: { key: 'SUP', type: 'service_desk' } },
    });
  });

  it('keeps the latest reconciled tree and tells subscribers after each commit', async () => {
    const { host } = hostWithFetch({});
    let notified = 0;
    host.subscribe(() => notified++);
    const doc: ForgeDoc = { type: 'Root', key: 'root', props: {}, children: [{ type: 'Text', key: 't', props: {}, children: [] }] };
    await host.callBridge('reconcile', { forgeDoc: doc });
    await host.callBridge('reconcile', { forgeDoc: doc });
    expect(host.state()).toMatchObject({ doc, version: 2, errors: [] });
    expect(notified).toBe(2);
  });

  it('answers getUrl for the global page module, and navigates in the same or a new tab', async () => {
    const { host, visited } = hostWithFetch({});
    expect(await host.callBridge('getUrl', { target: 'module', moduleKey: 'customer-directory-page' })).toBe('http://localhost:8080/');
    await host.callBridge('navigate', { url: '/contact/1', type: 'same-tab' });
    await host.callBridge('navigate', { url: '/company/2', type: 'new-tab' });
    expect(visited).toEqual(['same-tab /contact/1', 'new-tab /company/2']);
  });

  it('reports a bridge call it does not implement, on the page and to the app', async () => {
    const { host } = hostWithFetch({});
    await expect(host.callBridge('showFlag', { id: 'x' })).rejects.toThrow('The local Forge host does not implement the bridge call "showFlag".');
    expect(host.state().errors).toEqual(['The local Forge host does not implement the bridge call "showFlag".']);
  });
});
