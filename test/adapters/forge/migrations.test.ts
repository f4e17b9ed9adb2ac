// Schema migrations on Forge SQL: every installation gets every migration, under the DDL rate limit, and a crash
// between running a statement and recording it cannot wedge the schema.
import { DDL_BUDGET_PER_MINUTE, FORGE_DDL_PER_MINUTE, runPendingMigrations, type DataStep, type MigrationRunDeps } from '../../../src/adapters/forge/migrations';
import { openForgeSql } from '../../../src/adapters/forge/forge-sql-dialect';
import { makeSqlStore } from '../../../src/adapters/sql/sql-store';
import { rebuildSearchText } from '../../../src/application/rebuild-search-text';
import { aContact } from '../../support/builders';
import { idempotentDdl, migrations } from '../../../src/adapters/sql/migrations';
import { openFakeForgeSql, type FakeForgeSql } from '../../support/fake-forge-sql';

const maria = process.env.MARIADB_AVAILABLE === '1' ? describe : describe.skip;

/** A clock that only moves when the runner sleeps: pacing is checked by what was sent when, never by waiting. */
function steppedClock() {
  let now = Date.parse('2026-03-01T00:00:00Z');
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('idempotent DDL', () => {
  it('adds IF NOT EXISTS to column and index additions, for Forge SQL (TiDB) and MariaDB', () => {
    expect(idempotentDdl('ALTER TABLE t ADD COLUMN c INT', 'mysql')).toBe('ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT');
    expect(idempotentDdl('CREATE INDEX ix ON t (c)', 'mysql')).toBe('CREATE INDEX IF NOT EXISTS ix ON t (c)');
    expect(idempotentDdl('CREATE UNIQUE INDEX ix ON t (c)', 'sqlite')).toBe('CREATE UNIQUE INDEX IF NOT EXISTS ix ON t (c)');
    expect(idempotentDdl('ALTER TABLE t DROP COLUMN c', 'mysql')).toBe('ALTER TABLE t DROP COLUMN IF EXISTS c');
    expect(idempotentDdl('CREATE INDEX IF NOT EXISTS ix ON t (c)', 'mysql')).toBe('CREATE INDEX IF NOT EXISTS ix ON t (c)');
  });

  it('guards every CREATE statement of the shipped schema with IF NOT EXISTS', () => {
    for (const m of migrations('mysql')) {
      if (/^\s*CREATE\b/i.test(m.sql)) expect(m.sql).toMatch(/^\s*CREATE\s+(UNIQUE\s+)?(TABLE|INDEX)\s+IF\s+NOT\s+EXISTS\b/i);
      if (/\bADD\s+COLUMN\b/i.test(m.sql)) expect(m.sql).toMatch(/\bADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\b/i);
    }
  });
});

maria('the Forge migration runner against the fake Forge SQL service', () => {
  let fake: FakeForgeSql;
  let clock: ReturnType<typeof steppedClock>;
  let deps: MigrationRunDeps;
  beforeEach(async () => {
    clock = steppedClock();
    fake = await openFakeForgeSql({ now: clock.now });
    deps = { client: fake.client, now: clock.now, sleep: clock.sleep };
  });
  afterEach(() => fake.drop());

  const ddlTimes = () => fake.requests.filter((r) => r.endpoint === 'ddl' && r.refused === null).map((r) => r.query);

  // limits-sql: "DDL Requests per minute (RPM) 25".
  it('applies every migration of a first install while sending fewer than 25 DDL requests in any minute', async () => {
    const sentAt: number[] = [];
    const client = fake.client;
    deps.client = {
      prepare: client.prepare.bind(client),
      executeDDL: (query) => {
        sentAt.push(clock.now());
        return client.executeDDL(query);
      },
    };
    const run = await runPendingMigrations(deps);
    expect(run).toEqual({ applied: migrations('mysql').map((m) => m.name), pending: [], stoppedBy: null });
    expect(fake.requests.filter((r) => r.refused !== null)).toEqual([]);
    for (const t of sentAt) expect(sentAt.filter((u) => u > t - 60_000 && u <= t).length).toBeLessThanOrEqual(DDL_BUDGET_PER_MINUTE);
    expect(2 * DDL_BUDGET_PER_MINUTE).toBeLessThan(FORGE_DDL_PER_MINUTE);
    expect(ddlTimes().length).toBe(migrations('mysql').length + 1);
  });

  it('runs nothing the second time: the hourly trigger on an up-to-date site sends one DDL request', async () => {
    await runPendingMigrations(deps);
    const before = ddlTimes().length;
    clock.advance(3_600_000);
    expect(await runPendingMigrations(deps)).toEqual({ applied: [], pending: [], stoppedBy: null });
    expect(ddlTimes().length - before).toBe(1);
  });

  it('brings a site that missed an upgrade event up to date with the migrations added since', async () => {
    const all = migrations('mysql');
    await runPendingMigrations({ ...deps, migrations: all.slice(0, -2) });
    clock.advance(3_600_000);
    expect((await runPendingMigrations(deps)).applied).toEqual(all.slice(-2).map((m) => m.name));
  });

  it('repairs a run that crashed after a statement ran but before it was recorded', async () => {
    await runPendingMigrations(deps);
    const last = migrations('mysql').slice(-2).map((m) => m.name);
    await fake.direct('DELETE FROM __migrations WHERE name IN (?, ?)', last);
    clock.advance(3_600_000);
    expect(await runPendingMigrations(deps)).toEqual({ applied: last, pending: [], stoppedBy: null });
  });

  it('fills the search text of records stored before it existed, after the DDL, once', async () => {
    await runPendingMigrations(deps);
    const store = makeSqlStore(openForgeSql(fake.client));
    await store.contacts.insert(aContact({ email: 'ada@copeland.example', firstName: 'Ada', lastName: 'Copeland', displayName: 'Ada Copeland' }));
    // As an install upgraded from the term-per-word search has it: records, and no search text yet.
    await fake.direct('DELETE FROM search_text');
    expect(await store.contacts.suggest('opeland', 5)).toEqual([]);
    let runs = 0;
    const fill: DataStep = { name: 'speed_fill_search_text', run: async (deadline) => (runs++, (await rebuildSearchText(store, () => new Date(clock.now()), undefined, deadline)) === null) };
    expect(await runPendingMigrations({ ...deps, dataSteps: [fill] })).toEqual({ applied: ['speed_fill_search_text'], pending: [], stoppedBy: null });
    expect((await store.contacts.suggest('opeland', 5)).map((c) => c.email)).toEqual(['ada@copeland.example']);
    expect(await runPendingMigrations({ ...deps, dataSteps: [fill] })).toEqual({ applied: [], pending: [], stoppedBy: null });
    expect(runs).toBe(1);
  });

  it('can run every shipped statement twice on Forge SQL’s dialect without an error', async () => {
    for (const m of migrations('mysql')) {
      await fake.direct(m.sql);
      await fake.direct(m.sql);
    }
  });

  it('stops when the platform answers 429 and leaves the rest for the next run', async () => {
    // Another writer spent the installation's DDL budget for this minute.
    for (let i = 0; i < 25; i++) await fake.client.executeDDL(`CREATE TABLE IF NOT EXISTS other_${i} (id INT PRIMARY KEY)`);
    const run = await runPendingMigrations(deps);
    expect(run.stoppedBy).toBe('rate-limited');
    expect(run.pending.length).toBe(migrations('mysql').length);
    clock.advance(61_000);
    expect((await runPendingMigrations(deps)).pending).toEqual([]);
  });
});
