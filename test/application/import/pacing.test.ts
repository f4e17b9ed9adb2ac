// An import leaves half of Forge SQL's 62.5 s per minute to the app's users: it waits after each step by the SQL
// time it measured. (The clock, the SQL time and the waits are simulated: no timing is asserted.)
import { sqlPacer } from '../../../src/application/import/process-import';
import { IMPORT_SQL_SECONDS_PER_MINUTE } from '../../../src/application/import/run-import-step';
import type { Store } from '../../../src/domain/ports';

function world(withMeasure = true) {
  let now = 0;
  let sqlMs = 0;
  const waits: number[] = [];
  const store = (withMeasure ? { sqlMs: () => sqlMs } : {}) as unknown as Store;
  const deps = {
    store,
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
  /** A step that spends `sql` ms in statements out of `wall` ms. */
  const step = (sql: number, wall: number) => {
    sqlMs += sql;
    now += wall;
  };
  return { deps, step, waits, elapsed: () => now, sql: () => sqlMs };
}

describe('pacing an import by the SQL time it measures', () => {
  it('keeps the SQL time at or under 31.25 s per minute, however SQL-heavy the steps are', async () => {
    const w = world();
    const pace = sqlPacer(w.deps, IMPORT_SQL_SECONDS_PER_MINUTE);
    for (let i = 0; i < 50; i++) {
      w.step(900, 1000);
      await pace();
    }
    const perMinute = (w.sql() / w.elapsed()) * 60;
    expect(perMinute).toBeLessThanOrEqual(IMPORT_SQL_SECONDS_PER_MINUTE + 0.01);
    expect(perMinute).toBeGreaterThan(IMPORT_SQL_SECONDS_PER_MINUTE - 1);
  });

  it('does not wait when a step spent most of its time outside SQL', async () => {
    const w = world();
    const pace = sqlPacer(w.deps, IMPORT_SQL_SECONDS_PER_MINUTE);
    w.step(200, 1000);
    await pace();
    expect(w.waits).toEqual([]);
  });

  it('never waits past the delivery deadline, nor without a measure of SQL time', async () => {
    const w = world();
    const pace = sqlPacer(w.deps, IMPORT_SQL_SECONDS_PER_MINUTE, 1500);
    w.step(1000, 1000);
    await pace();
    expect(w.waits).toEqual([500]);
    const blind = world(false);
    const none = sqlPacer(blind.deps, IMPORT_SQL_SECONDS_PER_MINUTE);
    blind.step(1000, 1000);
    await none();
    expect(blind.waits).toEqual([]);
  });
});
