// `npm run bench`: import speed against the raw bulk-insert floor, statements per 1,000 rows, peak memory,
// and the writes of a second, unchanged import, on SQLite and (when reachable) MariaDB.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importFile } from '../src/application/import/import-file';
import { importOptionsSchema } from '../src/application/import/job-model';
import { openSqlite } from '../src/adapters/local/sqlite-engine';
import { mariaDbReachable, openScratchMariaDb } from '../src/adapters/mysql/scratch-database';
import { applyMigrations, type SqlEngine } from '../src/adapters/sql/engine';
import { batchRows } from '../src/adapters/sql/batching';
import { fromCompany, fromContact, fromMembership } from '../src/adapters/sql/rows';
import { makeSqlStore } from '../src/adapters/sql/sql-store';
import type { Store } from '../src/domain/ports';
import { generateFile } from './generate';

type Result = { engine: string; rows: number; importSeconds: number; floorSeconds: number; ratio: number; statementsPer1000Rows: number; peakRssMiB: number; reimportWrites: number };

const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

/**
 * Peak resident memory of this process so far, as the kernel counts it. (Sampling with a timer under-reports: the
 * SQLite driver is synchronous, so timers rarely fire while a chunk is written.) Each engine runs in its own process.
 */
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

async function runImport(store: Store, file: string) {
  return importFile({ store, clock: () => new Date() }, 'bench', { fileName: path.basename(file), bytes: createReadStream(file, { highWaterMark: 256 * 1024 }), options: importOptionsSchema.parse({ createFields: true }), dryRun: false });
}

/**
 * The floor: the same records, written by plain multi-row INSERTs into empty tables of the same engine. Records are
 * read page by page (memory stays bounded) and only the INSERTs are timed.
 */
async function floorSeconds(source: Store, target: SqlEngine): Promise<number> {
  const { db } = target;
  let seconds = 0;
  const timed = async (write: () => Promise<void>) => {
    const started = performance.now();
    await write();
    seconds += (performance.now() - started) / 1000;
  };
  let after: string | null = null;
  do {
    const page = await source.contacts.search({ limit: 5000, after });
    after = page.next;
    const memberships = await source.memberships.forContacts(page.items.map((c) => c.id));
    await timed(async () => {
      for (const batch of batchRows(page.items.map(fromContact), Object.values, target.maxParams)) await db.insertInto('contacts').values(batch).execute();
      for (const batch of batchRows(memberships.map(fromMembership), Object.values, target.maxParams)) await db.insertInto('memberships').values(batch).execute();
    });
  } while (after);
  do {
    const page = await source.companies.search({ limit: 5000, after });
    after = page.next;
    const domains = page.items.flatMap((c) => c.domains.map((domain) => ({ domain, company_id: c.id })));
    await timed(async () => {
      for (const batch of batchRows(page.items.map(fromCompany), Object.values, target.maxParams)) await db.insertInto('companies').values(batch).execute();
      for (const batch of batchRows(domains, Object.values, target.maxParams)) await db.insertInto('company_domains').values(batch).execute();
    });
  } while (after);
  return seconds;
}

async function measure(name: string, open: () => Promise<SqlEngine & { drop(): Promise<void> }>, file: string, rows: number): Promise<Result> {
  const engine = await open();
  const store = makeSqlStore(engine);
  const before = engine.counter.snapshot();
  const started = performance.now();
  const job = await runImport(store, file);
  const importSeconds = (performance.now() - started) / 1000;
  const peakMiB = peakRssMiB();
  if (job.status !== 'done') throw new Error(`Import on ${name} ended as ${job.status}`);
  const statements = engine.counter.snapshot().total - before.total;
  const beforeReimport = engine.counter.snapshot();
  const again = await runImport(store, file);
  if (again.status !== 'done') throw new Error(`Re-import on ${name} ended as ${again.status}`);
  const reimportWrites = engine.counter.snapshot().recordWrites - beforeReimport.recordWrites;
  const floorEngine = await open();
  const floor = await floorSeconds(store, floorEngine);
  await floorEngine.drop();
  await engine.drop();
  return {
    engine: name,
    rows,
    importSeconds: round(importSeconds),
    floorSeconds: round(floor),
    ratio: round(importSeconds / floor),
    statementsPer1000Rows: round((statements / rows) * 1000),
    peakRssMiB: Math.round(peakMiB),
    reimportWrites,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

const ENGINES = { sqlite: openSqliteForBench, mariadb: openMariaDbForBench } as const;

async function openSqliteForBench(dir: string) {
  const engine = openSqlite(path.join(dir, `s-${Math.random().toString(36).slice(2)}.sqlite`));
  await applyMigrations(engine);
  return Object.assign(engine, { drop: () => engine.close() });
}

function openMariaDbForBench() {
  return openScratchMariaDb(MARIADB, 'bench');
}

/** Each engine is measured in a child process of its own, so one engine's memory never counts against another's. */
function measureInChild(engine: keyof typeof ENGINES, file: string, rows: number): Result {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(process.argv[1] ?? 'bench/import-bench.ts'), '--child', engine, '--file', file, '--rows', String(rows)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`The ${engine} measurement failed (exit ${child.status}).`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Result;
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { rows: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false }, child: { type: 'string' }, file: { type: 'string' } },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows takes a positive whole number');
  if (values.child) {
    const name = values.child as keyof typeof ENGINES;
    const dir = path.dirname(values.file!);
    process.stdout.write(`${JSON.stringify(await measure(name, () => ENGINES[name](dir), values.file!, rows))}\n`);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const file = path.join(dir, 'bench.csv');
  await generateFile(file, rows);
  const results: Result[] = [measureInChild('sqlite', file, rows)];
  if (await mariaDbReachable(MARIADB)) results.push(measureInChild('mariadb', file, rows));
  else if (!values.json) process.stderr.write('MariaDB not reachable on 127.0.0.1:3306: measured SQLite only.\n');
  rmSync(dir, { recursive: true, force: true });
  for (const r of results) {
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else
      process.stdout.write(
        `${r.engine.padEnd(8)} ${r.rows} rows: import ${r.importSeconds}s, floor ${r.floorSeconds}s, ratio ${r.ratio} (target <= 2.5), ` +
          `${r.statementsPer1000Rows} statements/1,000 rows (target <= 6), peak RSS ${r.peakRssMiB} MiB, re-import writes ${r.reimportWrites}\n`,
      );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
