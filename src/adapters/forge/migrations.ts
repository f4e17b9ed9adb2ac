// The install/upgrade trigger that brings the Forge SQL schema up to date with Forge's own migration runner.
import { migrationRunner } from '@forge/sql';
import { migrations } from '../sql/migrations';

/** Runs the migrations Forge has not recorded yet (it keeps them in `__migrations`); enqueueing twice is harmless. */
export async function runMigrations(): Promise<{ applied: string[] }> {
  let runner = migrationRunner;
  for (const m of migrations('mysql')) runner = runner.enqueue(m.name, m.sql);
  const applied = await runner.run();
  console.info(JSON.stringify({ event: 'migrations-applied', count: applied.length, names: applied }));
  return { applied };
}
