// The export counts the data rows it writes, not the pages it reads.
import { exportDirectory } from '../../src/application/export-directory';
import { makeSqlStore } from '../../src/adapters/sql/sql-store';
import { sqliteEngine } from '../support/engines';
import { csv, depsFor, runImport } from '../support/import-harness';

it('counts every exported row, across pages, header excluded', async () => {
  const engine = await sqliteEngine.open();
  const store = makeSqlStore(engine);
  const people = Array.from({ length: 1_203 }, (_, i) => `p${i}@x.com,P${i},`);
  await runImport(depsFor(store), csv('Email,First Name,Company', ...people, ',,Lonely Ltd', 'p0@x.com,,Acme'));
  const count = { rows: 0 };
  let text = '';
  for await (const page of exportDirectory(store, {}, count)) text += page;
  // p0 has one membership (one line), the others none; Lonely Ltd has no members and gets its own line.
  expect(count.rows).toBe(1_204);
  expect(text.trim().split('\r\n')).toHaveLength(1_205);
  await engine.drop();
});
