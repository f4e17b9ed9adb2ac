// A job killed mid-run (its process gone) is picked up again when the local app starts, instead of blocking imports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InProcessImportQueue } from '../../../src/adapters/local/in-process-queue';
import { openLocalApp, type LocalApp } from '../../../src/adapters/local/local-app';
import { importOptionsSchema, loadJob } from '../../../src/application/import/job-model';
import { queueImport, stageImportRows, startImport } from '../../../src/application/import/start-import';
import { startUndo } from '../../../src/application/import/undo-import';

/** Waits for the in-process queue the local app runs its imports on. */
async function idle(app: LocalApp): Promise<void> {
  const queue = app.deps.importQueue;
  if (!(queue instanceof InProcessImportQueue)) throw new Error('The local app runs imports on the in-process queue.');
  await queue.idle();
}

describe('starting the local app', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'resume-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes an import left queued or running by a process that died, and an undo left undoing', async () => {
    const first = await openLocalApp({ dataDir: dir, seedDemo: false });
    const started = await startImport(first.deps, 'local-admin', { fileName: 'people.csv', headers: ['Email', 'First name'], options: importOptionsSchema.parse({}), dryRun: false });
    await stageImportRows(first.deps, started.job.id, [{ row: 1, line: 2, cells: ['ada@acme.com', 'Ada'] }]);
    await queueImport(first.deps, started.job.id, 1);
    // The process dies before any worker ran the job.
    await first.close();

    const second = await openLocalApp({ dataDir: dir, seedDemo: false });
    await idle(second);
    expect((await loadJob(second.deps.store, started.job.id)).status).toBe('done');
    expect(await second.deps.store.contacts.findByEmails(['ada@acme.com'])).toHaveLength(1);

    // An undo that died partway.
    await startUndo(second.deps, started.job.id);
    await second.close();
    const third = await openLocalApp({ dataDir: dir, seedDemo: false });
    await idle(third);
    expect((await loadJob(third.deps.store, started.job.id)).status).toBe('undone');
    expect(await third.deps.store.contacts.findByEmails(['ada@acme.com'])).toEqual([]);
    await third.close();
  });
});
