// The local runner's HTTP layer (no framework): serves the built global page and answers POST /api/invoke like Forge's bridge.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { maskEmailsIn } from '../../domain/mask';
import { findSampleIssue, issueListPage, issuePage, localUserFrom, PANEL_HOST_PATH } from './issue-views';
import { openLocalApp, type LocalApp } from './local-app';

/** Forge's hard ceiling for an invoke payload; the page keeps well under it. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PORT = 8080;
export const DEFAULT_USER = 'local-admin';
const HOST = '127.0.0.1';
const DEFAULT_DATA_DIR = '.data';
const DEFAULT_STATIC_DIR = path.resolve(__dirname, '../../../static/global-page/build');
/** The local issue view's panel host, built by `npm run build:panel-host`. */
export const DEFAULT_PANEL_HOST_DIR = path.resolve(__dirname, '../../../build/issue-panel-host');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

// Close to what Forge enforces on Custom UI, so a page that works here does not break there.
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'",
};

const invokeSchema = z.object({ key: z.string().min(1).max(100), payload: z.unknown().optional() });

export type RunningServer = { url: string; port: number; app: LocalApp; close(): Promise<void> };

export async function startServer(options: { port?: number; dataDir?: string; staticDir?: string; panelHostDir?: string } = {}): Promise<RunningServer> {
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const panelHostDir = path.resolve(options.panelHostDir ?? DEFAULT_PANEL_HOST_DIR);
  // The server listens before the app opens: the fake Jira site takes the runner's own address, so issue links in the
  // directory open the local issue views. Requests that arrive meanwhile wait for the app.
  let opened: Promise<LocalApp> | null = null;
  const server = createServer((request, response) => {
    const answer = opened === null ? Promise.reject(new Error('The local runner is still starting.')) : opened.then((app) => handle(app, staticDir, panelHostDir, request, response));
    answer.catch((error: unknown) => {
      console.error('Local runner failed to answer a request:', maskEmailsIn(error instanceof Error ? error.message : String(error)));
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'INTERNAL', message: 'The local runner failed; see its console.' } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  opened = openLocalApp({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, siteUrl: url });
  let app: LocalApp;
  try {
    app = await opened;
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  return {
    url,
    port,
    app,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

async function handle(app: LocalApp, staticDir: string, panelHostDir: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Only local names: a page on another site cannot reach the runner through DNS rebinding.
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (host !== 'localhost' && host !== HOST && host !== '[::1]') return sendText(response, 403, 'The local runner only answers on localhost.');
  const url = new URL(request.url ?? '/', 'http://localhost');

  if (url.pathname === '/api/invoke') {
    if (request.method !== 'POST') return sendText(response, 405, 'Use POST for /api/invoke.', { Allow: 'POST' });
    // A JSON content type forces a CORS preflight, which this server never grants: other sites cannot post here.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return sendText(response, 415, 'Send the body as application/json.');
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === null) {
      return sendJson(response, 413, { ok: false, error: { code: 'LIMIT_EXCEEDED', message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send less data per call.` } });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } });
    }
    const call = invokeSchema.safeParse(json);
    if (!call.success) return sendJson(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Send { "key": "<resolver key>", "payload": { ... } }.' } });
    const user = headerValue(request.headers['x-local-user']) || DEFAULT_USER;
    return sendJson(response, 200, await app.invoke(call.data.key, call.data.payload ?? {}, user));
  }

  if (url.pathname === '/api/local/users') {
    if (request.method !== 'GET') return sendText(response, 405, 'Use GET for /api/local/users.', { Allow: 'GET' });
    return sendJson(response, 200, app.users);
  }

  if (url.pathname.startsWith('/api/')) return sendText(response, 404, `No API at ${url.pathname}.`);
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'The page is read-only; use GET.', { Allow: 'GET, HEAD' });

  // Jira's pages, as far as the local runner plays them: the sample issues, each with the customer panel.
  const user = localUserFrom(url.searchParams.get('as'));
  if (url.pathname === '/issues' || url.pathname === '/issues/') return sendHtml(response, 200, issueListPage(user));
  const issueKey = /^\/(?:issues|browse)\/([A-Za-z][A-Za-z0-9_]*-\d+)\/?$/.exec(url.pathname)?.[1];
  if (issueKey !== undefined) {
    const issue = findSampleIssue(issueKey);
    if (issue === undefined) return sendText(response, 404, `There is no sample issue ${issueKey}; see /issues for the list.`);
    // Jira's browse links (stored on links, shown in linked work) land on the issue view.
    if (url.pathname.startsWith('/browse/')) return redirect(response, `/issues/${issue.key}${url.search}`);
    if (!existsSync(path.join(panelHostDir, 'panel-host.js'))) {
      return sendText(response, 503, 'The issue panel host is not built yet: run `npm run build:panel-host` (or `npm start`, which builds it).');
    }
    return sendHtml(response, 200, issuePage(issue, user));
  }
  if (url.pathname.startsWith(PANEL_HOST_PATH)) return serveFile(panelHostDir, url.pathname.slice(PANEL_HOST_PATH.length - 1), request, response);
  return serveStatic(staticDir, url.pathname, request, response);
}

function serveStatic(staticDir: string, pathname: string, request: IncomingMessage, response: ServerResponse): void {
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    return sendText(response, 503, 'The global page is not built yet: run `npm run build:page` (or `npm start`, which builds it).');
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendText(response, 400, 'The path is not valid.');
  }
  const file = path.resolve(staticDir, `.${relative}`);
  if (file !== staticDir && !file.startsWith(staticDir + path.sep)) return sendText(response, 404, 'Not found.');
  const exists = existsSync(file) && statSync(file).isFile();
  // Paths without a file extension are the page's own routes: answer with the page.
  const target = exists ? file : path.extname(file) === '' ? path.join(staticDir, 'index.html') : null;
  if (target === null) return sendText(response, 404, 'Not found.');
  const isHtml = target.endsWith('.html');
  if (isHtml) {
    // The page's routes are paths (/contacts/<id>): a <base> keeps its relative asset and API addresses at the root,
    // as they are inside Forge's iframe, whose own address never changes.
    const html = readFileSync(target, 'utf8').replace(/<head>/i, '<head><base href="/" />');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES['.html']!, 'Cache-Control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : html);
    return;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream',
    // Built assets carry a content hash in their names; the page itself must always be fresh.
    'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(target).pipe(response);
}

/** A built file of the panel host; no page fallback. Its entry has a fixed name, so it is never cached for long. */
function serveFile(dir: string, pathname: string, request: IncomingMessage, response: ServerResponse): void {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendText(response, 400, 'The path is not valid.');
  }
  const file = path.resolve(dir, `.${relative}`);
  if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return sendText(response, 404, 'Not found.');
  const hashed = !/panel-host\.(js|css)$/.test(file);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

/** The body as text, or null once it grows past `limit` bytes (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume(); // drain so the 413 answer reaches the client
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    request.on('data', (chunk: Buffer) => {
      if (overflow) return;
      size += chunk.length;
      if (size > limit) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(overflow ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { ...SECURITY_HEADERS, Location: location });
  response.end();
}

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0-65535); got "${process.env.PORT}".`);
  const dataDir = process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
  const running = await startServer({ port, dataDir });
  if (running.app.seeded) console.log('Added demo contacts and companies (first start).');
  console.log(`Customer directory running at ${running.url} (data in ${dataDir.replace(/\/?$/, '/')})`);
  console.log(`Sample issues with the customer panel: ${running.url}/issues`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EADDRINUSE') console.error(`Port ${process.env.PORT ?? DEFAULT_PORT} is in use; start with PORT=<another port> npm start.`);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
