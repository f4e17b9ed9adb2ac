// Local store faults: another process holding the SQLite file, and a data folder the app cannot write to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkDataDir, DataDirError } from '../../../src/adapters/local/data-dir';
import { DATABASE_FILE, openLocalApp } from '../../../src/adapters/local/local-app';

describe('the local store held by another process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'busy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a write with BUSY and a retry hint, still answers reads, and works again once the other process lets go', async () => {
    const app = await openLocalApp({ dataDir: dir, seedDemo: false });
    const other = new Database(path.join(dir, DATABASE_FILE));
    try {
      other.exec('BEGIN EXCLUSIVE');
      const answer = await app.invoke('contacts/create', { email: 'ada@acme.com' }, 'local-admin');
      expect(answer).toEqual({
        ok: false,
        error: { code: 'BUSY', message: expect.stringMatching(/another process.*try again/i), details: { retryAfterSeconds: expect.any(Number) } },
      });
      expect(await app.invoke('contacts/search', {}, 'local-viewer')).toMatchObject({ ok: true });
      other.exec('ROLLBACK');
      expect(await app.invoke('contacts/create', { email: 'ada@acme.com' }, 'local-admin')).toMatchObject({ ok: true });
    } finally {
      other.close();
      await app.close();
    }
  });
});

describe('checking the data folder before starting', () => {
  it('accepts a writable folder with room', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ok-'));
    try {
      expect(() => checkDataDir(dir)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a read-only folder in one line naming it and DATA_DIR', () => {
    const readOnly = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    const attempt = () => checkDataDir('/srv/data', { writeProbe: () => { throw readOnly; }, freeBytes: () => 10 * 1024 ** 3 });
    expect(attempt).toThrow(DataDirError);
    expect(attempt).toThrow(/^Cannot start: the data folder \/srv\/data is read-only; .*DATA_DIR[^\n]*$/);
  });

  it('refuses a full folder in one line', () => {
    const attempt = () => checkDataDir('/srv/data', { writeProbe: () => undefined, freeBytes: () => 1024 * 1024 });
    expect(attempt).toThrow(/^Cannot start: the data folder \/srv\/data has only 1 MiB free; [^\n]*DATA_DIR[^\n]*$/);
    const noSpace = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(() => checkDataDir('/srv/data', { writeProbe: () => { throw noSpace; }, freeBytes: () => 10 * 1024 ** 3 })).toThrow(/is full/);
  });
});
