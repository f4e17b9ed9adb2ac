// The import as the global page drives it: start, upload rows in batches, queue, poll, error file, undo, export.
import { defineResolvers, type ResolverHandlers } from '../../src/entry/resolvers/define-resolvers';
import type { ApiResult, Envelope, ResolverKey } from '../../src/contracts/api';
import { openWorld, type TestWorld } from '../support/use-case-deps';

describe('import resolvers', () => {
  let world: TestWorld;
  let handlers: ResolverHandlers;
  const call = async <K extends ResolverKey>(key: K, payload: unknown, accountId = 'local-admin'): Promise<ApiResult<K>> => {
    const envelope = (await handlers[key]({ payload, context: { accountId } })) as Envelope<ApiResult<K>>;
    if (!envelope.ok) throw new Error(`${key}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.data;
  };
  beforeEach(async () => {
    world = await openWorld();
    handlers = defineResolvers(world.deps);
  });
  afterEach(async () => {
    await world.deps.importQueue.idle();
    await world.close();
  });

  const headers = ['Email', 'First Name', 'Organization', 'Website', 'Role'];
  const rows = [
    ['ada@acme.com', 'Ada', 'Acme', 'acme.com', 'CTO'],
    ['=cmd|calc', 'Eve', '', '', ''],
    ['bob@globex.com', 'Bob', 'Globex', 'globex.com', 'Buyer'],
  ];

  async function importRows(dryRun: boolean) {
    const started = await call('import/start', { fileName: 'people.csv', headers, dryRun });
    await call('import/rows', { jobId: started.jobId, rows: rows.slice(0, 2).map((cells, i) => ({ row: i + 1, line: i + 2, cells })) });
    await call('import/rows', { jobId: started.jobId, rows: [{ row: 3, line: 4, cells: rows[2] }] });
    await call('import/queue', { jobId: started.jobId, totalRows: 3 });
    await world.deps.importQueue.idle();
    return call('import/status', { jobId: started.jobId });
  }

  it('runs an uploaded file as a background job and reports it', async () => {
    const status = await importRows(false);
    expect(status).toMatchObject({ status: 'done', percent: 100, report: { rows: 3, rejected: 1, contacts: { created: 2 }, companies: { created: 2 }, memberships: { created: 2 } } });
    const list = await call('import/list', {});
    expect(list[0]).toMatchObject({ jobId: status.jobId, status: 'done', fileName: 'people.csv' });
  });

  it('gives the rejected rows back as a CSV with formula cells neutralised', async () => {
    const status = await importRows(false);
    const page = await call('import/errors', { jobId: status.jobId });
    const lines = page.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Email,First Name,Organization,Website,Role,Error');
    expect(lines[1]).toMatch(/^'=cmd\|calc,Eve,,,,"?Row 2/);
    expect(page.next).toBeNull();
  });

  it('refuses a second import while one is running', async () => {
    await call('import/start', { fileName: 'a.csv', headers });
    await expect(call('import/start', { fileName: 'b.csv', headers })).rejects.toThrow(/IMPORT_RUNNING/);
  });

  it('cancels an upload that was cut off, so the next import can start', async () => {
    const started = await call('import/start', { fileName: 'a.csv', headers });
    await call('import/rows', { jobId: started.jobId, rows: [{ row: 1, line: 2, cells: rows[0] }] });
    expect(await call('import/cancel', { jobId: started.jobId })).toMatchObject({ status: 'failed', error: 'Cancelled by local-admin.' });
    await expect(call('import/start', { fileName: 'b.csv', headers })).resolves.toMatchObject({ jobId: expect.any(String) });
    await expect(call('import/cancel', { jobId: started.jobId })).rejects.toThrow(/INVALID_INPUT/);
  });

  it('undoes an import from its history', async () => {
    const status = await importRows(false);
    await call('import/undo', { jobId: status.jobId });
    await world.deps.importQueue.idle();
    expect(await call('import/status', { jobId: status.jobId })).toMatchObject({ status: 'undone', report: { undo: { removed: expect.any(Number) } } });
    expect((await call('contacts/search', {})).total).toBe(0);
  });

  it('exports the directory in the import format, and re-importing the export changes nothing', async () => {
    await importRows(false);
    let text = '';
    let cursor: string | null = null;
    do {
      const page: ApiResult<'export/csv'> = await call('export/csv', { cursor });
      text += page.text;
      cursor = page.next;
    } while (cursor);
    const [header, ...lines] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const exportHeaders = header!.split(',');
    const started = await call('import/start', { fileName: 'export.csv', headers: exportHeaders });
    await call('import/rows', { jobId: started.jobId, rows: lines.map((line, i) => ({ row: i + 1, line: i + 2, cells: line.split(',') })) });
    await call('import/queue', { jobId: started.jobId, totalRows: lines.length });
    await world.deps.importQueue.idle();
    const status = await call('import/status', { jobId: started.jobId });
    expect(status.report).toMatchObject({ contacts: { created: 0, updated: 0 }, companies: { created: 0, updated: 0 }, memberships: { created: 0, updated: 0, removed: 0 } });
  });

  it('lets only admins import', async () => {
    const envelope = await handlers['import/start']({ payload: { fileName: 'x.csv', headers }, context: { accountId: 'local-agent' } });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
