// The local runner's HTTP layer: the invoke endpoint behaves like Forge's bridge, and the server stays local and bounded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_BODY_BYTES, startServer, type RunningServer } from '../../../src/adapters/local/server';

describe('the local runner', () => {
  let server: RunningServer;
  let dataDir: string;
  let staticDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'directory-server-'));
    // A stand-in page, so these tests do not need the Vite build.
    staticDir = path.join(dataDir, 'page');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>Customer directory</title></head></html>');
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("page")');
    server = await startServer({ port: 0, dataDir, staticDir });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const invoke = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('seeds the demo directory on first start and answers a search as the default local admin', async () => {
    expect(server.app.seeded).toBe(true);
    const response = await invoke({ key: 'contacts/search', payload: { text: 'ada' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, data: { total: 1, items: [{ email: 'ada.lovelace@northwind.example' }] } });
    expect(await (await invoke({ key: 'me', payload: {} })).json()).toMatchObject({ ok: true, data: { accountId: 'local-admin', role: 'admin' } });
  });

  it('acts as the user named in X-Local-User, so a viewer cannot write', async () => {
    const me = await (await invoke({ key: 'me', payload: {} }, { 'X-Local-User': 'local-viewer' })).json();
    expect(me).toMatchObject({ ok: true, data: { role: 'viewer' } });
    const create = await (await invoke({ key: 'contacts/create', payload: { email: 'new@example.org' } }, { 'X-Local-User': 'local-viewer' })).json();
    expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers an unknown key and a bad payload inside the envelope, as Forge does', async () => {
    expect(await (await invoke({ key: 'contacts/explode', payload: {} })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await (await invoke({ key: 'contacts/get', payload: {} })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a body over 5 MB with 413 and keeps serving', async () => {
    const response = await invoke({ key: 'me', payload: { padding: 'x'.repeat(MAX_BODY_BYTES) } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED' } });
    expect((await invoke({ key: 'me', payload: {} })).status).toBe(200);
  });

  it('accepts only JSON posts, so a cross-site form cannot call a resolver', async () => {
    const form = await fetch(`${server.url}/api/invoke`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"key":"me"}' });
    expect(form.status).toBe(415);
    expect((await fetch(`${server.url}/api/invoke`)).status).toBe(405);
    expect((await fetch(`${server.url}/api/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' })).status).toBe(400);
  });

  it('serves the page, its assets and its routes, and nothing outside the build folder', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('Customer directory');
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get('content-type')).toContain('text/javascript');
    const route = await fetch(`${server.url}/contacts/123`);
    expect(route.status).toBe(200);
    // Relative asset and API addresses in a page opened at a route resolve from the root.
    expect(await route.text()).toContain('<base href="/" />');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2fdirectory.sqlite`)).status).toBe(404);
  });

  it('lists the local users for the page switcher', async () => {
    const users = await (await fetch(`${server.url}/api/local/users`)).json();
    expect(users).toEqual([
      { accountId: 'local-admin', displayName: 'Local Admin', role: 'admin' },
      { accountId: 'local-agent', displayName: 'Local Agent', role: 'editor' },
      { accountId: 'local-viewer', displayName: 'Local Viewer', role: 'viewer' },
    ]);
  });
});
