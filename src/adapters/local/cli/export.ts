// `npm run export -- OUT.csv`: the directory as the one-file CSV the import reads.
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportDirectory } from '../../../application/export-directory';
import { applyMigrations } from '../../sql/engine';
import { makeSqlStore } from '../../sql/sql-store';
import { DATABASE_FILE } from '../local-app';
import { openSqlite } from '../sqlite-engine';
import { dataDir } from './args';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { data: { type: 'string' } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('Usage: npm run export -- OUT.csv [--data DIR]\n');
    process.exit(2);
  }
  const dir = dataDir(values.data);
  const engine = openSqlite(path.join(dir, DATABASE_FILE));
  await applyMigrations(engine);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = createWriteStream(file);
  const count = { rows: 0 };
  for await (const page of exportDirectory(makeSqlStore(engine), {}, count)) {
    if (!out.write(page)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await engine.close();
  process.stdout.write(`Exported ${count.rows} rows to ${path.resolve(file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Export failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
