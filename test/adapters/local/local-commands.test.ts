// Commands on the local app run in one SQLite transaction each: those that need work outside it (an erasure's WAL
// checkpoint) still succeed, and a command waits for a running import step rather than nesting a transaction in it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalApp, type LocalApp } from '../../../src/adapters/local/local-app';

describe('commands on the local app', () => {
  let dir: string;
  let app: LocalApp;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'local-commands-'));
    app = await openLocalApp({ dataDir: dir, seedDemo: false });
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('erases a contact through a command, checkpointing the WAL once the transaction has committed', async () => {
    const created = await app.invoke('contacts/create', { email: 'peter@initech.example', firstName: 'Peter', lastName: 'Gibbons' }, 'local-admin');
    if (!created.ok) throw new Error(JSON.stringify(created));
    const erased = await app.invoke('contacts/erase', { id: (created.data as { id: string }).id, confirm: true }, 'local-admin');
    expect(erased).toMatchObject({ ok: true });
    const found = await app.invoke('contacts/search', { text: 'gibbons' }, 'local-admin');
    expect(found).toMatchObject({ ok: true, data: { items: [] } });
  });

  it('answers commands sent while an import runs in the background, and the import finishes', async () => {
    const started = await app.invoke('import/start', { fileName: 'people.csv', headers: ['Email', 'First Name', 'Company'], dryRun: false }, 'local-admin');
    if (!started.ok) throw new Error(JSON.stringify(started));
    const jobId = (started.data as { jobId: string }).jobId;
    const rows = Array.from({ length: 6000 }, (_, i) => ({ row: i + 1, line: i + 2, cells: [`p${i}@acme${i % 30}.example`, `P${i}`, `Acme ${i % 30}`] }));
    for (let i = 0; i < rows.length; i += 1000) {
      const sent = await app.invoke('import/rows', { jobId, rows: rows.slice(i, i + 1000) }, 'local-admin');
      if (!sent.ok) throw new Error(JSON.stringify(sent));
    }
    expect(await app.invoke('import/queue', { jobId, totalRows: rows.length }, 'local-admin')).toMatchObject({ ok: true });
    // While the queued job's steps run, editors keep working: every command answers, none fails on the step's transaction.
    const failures: unknown[] = [];
    let made = 0;
    for (let i = 0; i < 200; i++) {
      const status = await app.invoke('import/status', { jobId }, 'local-admin');
      if (status.ok && (status.data as { status: string }).status === 'done') break;
      const answer = await app.invoke('contacts/create', { email: `editor${i}@globex.example`, firstName: `E${i}` }, 'local-agent');
      if (!answer.ok) failures.push(answer);
      made++;
    }
    expect(failures).toEqual([]);
    expect(made).toBeGreaterThan(0);
    let status = await app.invoke('import/status', { jobId }, 'local-admin');
    for (let i = 0; i < 600 && !(status.ok && (status.data as { status: string }).status === 'done'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await app.invoke('import/status', { jobId }, 'local-admin');
    }
    expect(status).toMatchObject({ ok: true, data: { status: 'done', report: { rows: 6000, rejected: 0 } } });
  });
});
