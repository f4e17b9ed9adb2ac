// The embedded store hands the pages an import step frees (purged staging) back to the file system instead of keeping
// the file at its largest: storage per contact counts the file, free pages included.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openSqlite } from '../../../src/adapters/local/sqlite-engine';

describe('free pages of the embedded store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'space-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps at most 4 MiB of free pages after an import step that deleted more', async () => {
    const file = path.join(dir, 'store.sqlite');
    const engine = openSqlite(file);
    const pragma = async (name: string) => Number(Object.values((await sql.raw(`PRAGMA ${name}`).execute(engine.db)).rows[0] as object)[0]);
    try {
      expect(await pragma('auto_vacuum')).toBe(2); // INCREMENTAL
      await sql`CREATE TABLE staged (n INTEGER PRIMARY KEY, cells TEXT NOT NULL)`.execute(engine.db);
      const cells = 'x'.repeat(4000);
      await engine.grouped!(async () => {
        for (let n = 0; n < 3_000; n++) await sql`INSERT INTO staged (n, cells) VALUES (${n}, ${cells})`.execute(engine.db);
      });
      await engine.grouped!(async () => void (await sql`DELETE FROM staged`.execute(engine.db)));
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(engine.db);

      expect(await pragma('freelist_count')).toBeLessThanOrEqual(1024);
      expect((await pragma('page_count')) * (await pragma('page_size'))).toBeLessThan(8 * 1024 * 1024);
      expect(statSync(file).size).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await engine.close();
    }
  });
});
