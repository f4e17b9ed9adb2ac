// The embedded store's schema upgrades: a store made before a migration keeps every row through it, and a step and its
// record land together.
import { sql } from 'kysely';
import { openSqlite } from '../../../src/adapters/local/sqlite-engine';
import { applyMigrations } from '../../../src/adapters/sql/engine';
import { migrations } from '../../../src/adapters/sql/migrations';

const FIRST_MEMBERSHIPS_STEP = 'speed_memberships_by_key_create';

/** A store as an older version left it: every migration up to (not including) `before`, recorded as applied. */
async function storeBefore(before: string) {
  const engine = openSqlite(':memory:');
  await sql`CREATE TABLE schema_migrations (name TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(engine.db);
  for (const m of migrations('sqlite')) {
    if (m.name === before) break;
    await sql.raw(m.sql).execute(engine.db);
    await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, '2026-01-01T00:00:00.000Z')`.execute(engine.db);
  }
  return engine;
}

describe('SQLite migrations', () => {
  it('moves memberships into a table stored by its key (WITHOUT ROWID), keeping every row, and queries still use the company index', async () => {
    const engine = await storeBefore(FIRST_MEMBERSHIPS_STEP);
    try {
      for (let i = 0; i < 50; i++) {
        await sql`INSERT INTO memberships (contact_id, company_id, role, is_primary, created_at, created_by) VALUES (${`c${i}`}, ${`co${i % 3}`}, ${`role ${i}`}, ${i % 2}, '2026-01-01', 'someone')`.execute(engine.db);
      }
      const before = await sql<Record<string, unknown>>`SELECT * FROM memberships ORDER BY contact_id, company_id`.execute(engine.db);

      expect(await applyMigrations(engine)).toContain('speed_memberships_by_key_index');

      const after = await sql<Record<string, unknown>>`SELECT * FROM memberships ORDER BY contact_id, company_id`.execute(engine.db);
      expect(after.rows).toEqual(before.rows);
      const table = await sql<{ wr: number }>`SELECT wr FROM pragma_table_list WHERE name = 'memberships'`.execute(engine.db);
      expect(table.rows).toEqual([{ wr: 1 }]);
      const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT contact_id FROM memberships WHERE company_id = 'co1'`.execute(engine.db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toContain('ix_memberships_company_id_contact_id');
      expect(await applyMigrations(engine)).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('rolls a failed step back with its record, so the next start runs it again', async () => {
    const engine = await storeBefore('speed_memberships_by_key_rename');
    try {
      // Something in the way of the rename: the step fails, and neither it nor its record is kept.
      await sql`CREATE TABLE memberships (x TEXT)`.execute(engine.db);
      const outcome = await applyMigrations(engine).then((ran) => `ran ${ran.join(', ')}`, (error: unknown) => `failed: ${String(error)}`);
      expect(outcome).toMatch(/^failed: /);
      const recorded = await sql<{ name: string }>`SELECT name FROM schema_migrations WHERE name = 'speed_memberships_by_key_rename'`.execute(engine.db);
      expect(recorded.rows).toEqual([]);
      await sql`DROP TABLE memberships`.execute(engine.db);
      expect((await applyMigrations(engine)).slice(0, 2)).toEqual(['speed_memberships_by_key_rename', 'speed_memberships_by_key_index']);
    } finally {
      await engine.close();
    }
  });
});
