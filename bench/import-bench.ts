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
import { insertRows } from '../src/adapters/sql/upsert';
import { fromCompany, fromContact, fromMembership } from '../src/adapters/sql/rows';
import { RECORD_TABLES } from '../src/adapters/sql/schema';
import { sql } from 'kysely';
import { mysqlWriter, sqliteWriter, stagedRows, tableRows, type TableRows } from './floors';
import { makeSqlStore } from '../src/adapters/sql/sql-store';
import type { Store } from '../src/domain/ports';
import { generateFile } from './generate';

type Result = {
  engine: string;
  rows: number;
  importSeconds: number;
  physicalFloorSeconds: number;
  floorSeconds: number;
  allWritesFloorSeconds: number;
  ratio: number;
  statementsPer1000Rows: number;
  maxStatementBytes: number;
  peakRssMiB: number;
  reimportWrites: number;
  bytesPerContact: number;
  /** The part of bytesPerContact the staging tables still hold after the job (see stagingBytes). */
  stagingBytesPerContact: number;
  sqlSecondsPerMinute: number;
  /** bytesPerContact by table and index, largest first (where the bytes go). */
  bytesPerContactByPart: Record<string, number>;
  contacts: number;
  /** --profile: SQL seconds of the import by statement kind and table, largest first. */
  sqlSecondsByStatement?: Record<string, number>;
  search?: { queries: number; p50Ms: number; p95Ms: number; p99Ms: number };
  /** --runs N (N > 1): the measurement shown is the run of median ratio; these are the N ratios, sorted. */
  ratios?: number[];
};

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
 * Records only, as the store writes them today (its multi-row INSERTs, one statement per call, no transaction),
 * into empty tables of the same engine. Records are read page by page (memory stays bounded); only INSERTs are timed.
 */
async function floorSeconds(source: Store, target: SqlEngine): Promise<number> {
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
      await insertRows(target, 'contacts', page.items.map(fromContact));
      await insertRows(target, 'memberships', memberships.map(fromMembership));
    });
  } while (after);
  do {
    const page = await source.companies.search({ limit: 5000, after });
    after = page.next;
    const domains = page.items.flatMap((c) => c.domains.map((domain) => ({ domain, company_id: c.id })));
    await timed(async () => {
      await insertRows(target, 'companies', page.items.map(fromCompany));
      await insertRows(target, 'company_domains', domains);
    });
  } while (after);
  return seconds;
}

const PHYSICAL_TABLES = ['contacts', 'companies', 'company_domains', 'memberships'];
/** Every table an import writes rows to (staged rows are read again from the file: the import purges them). */
const ALL_WRITE_TABLES = [...PHYSICAL_TABLES, ...RECORD_TABLES.filter((t) => !PHYSICAL_TABLES.includes(t)), 'import_touched', 'import_issues'];

/** Tables an import stages its work in: emptied as the job ends (rejected rows stay for the error file). */
const STAGING_TABLES = ['import_rows', 'import_row_companies', 'import_touched', 'import_issues'];

/**
 * Bytes the staging tables still hold after the import: SQLite frees their pages (see sqlite-engine.ts), but InnoDB
 * keeps the pages of purged rows allocated to the table for its next import (TiDB compacts deleted rows away).
 */
async function stagingBytes(engine: SqlEngine): Promise<number> {
  if (engine.dialect === 'sqlite') {
    const used = await sql<{ n: number }>`SELECT COALESCE(SUM(pgsize), 0) AS n FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name IN (${sql.join(STAGING_TABLES)}))`.execute(engine.db);
    return Number(used.rows[0]!.n);
  }
  const used = await sql<{ n: number }>`SELECT COALESCE(SUM(data_length + index_length), 0) AS n FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_name IN (${sql.join(STAGING_TABLES)})`.execute(engine.db);
  return Number(used.rows[0]!.n);
}

/** Bytes the engine uses for every table: SQLite pages in the file; MariaDB data + index length per table. */
async function storageBytes(engine: SqlEngine): Promise<number> {
  if (engine.dialect === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(engine.db);
    const pages = await sql<{ page_count: number }>`PRAGMA page_count`.execute(engine.db);
    const size = await sql<{ page_size: number }>`PRAGMA page_size`.execute(engine.db);
    return Number(pages.rows[0]!.page_count) * Number(size.rows[0]!.page_size);
  }
  const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.TABLES WHERE table_schema = DATABASE()`.execute(engine.db);
  for (const { t } of tables.rows) await sql`ANALYZE TABLE ${sql.table(t)}`.execute(engine.db);
  const total = await sql<{ n: number }>`SELECT SUM(data_length + index_length) AS n FROM information_schema.TABLES WHERE table_schema = DATABASE()`.execute(engine.db);
  return Number(total.rows[0]!.n);
}

/** Bytes each table and index holds: SQLite's dbstat pages; MariaDB's data and index length per table and index. */
async function storageByPart(engine: SqlEngine): Promise<Map<string, number>> {
  if (engine.dialect === 'sqlite') {
    const parts = await sql<{ name: string; n: number }>`SELECT name, SUM(pgsize) AS n FROM dbstat GROUP BY name`.execute(engine.db);
    return new Map(parts.rows.map((r) => [r.name, Number(r.n)]));
  }
  const pageSize = await sql<{ n: number }>`SELECT @@innodb_page_size AS n`.execute(engine.db);
  const indexes = await sql<{ t: string; i: string; pages: number }>`
    SELECT table_name AS t, index_name AS i, stat_value AS pages FROM mysql.innodb_index_stats
    WHERE database_name = DATABASE() AND stat_name = 'size'`.execute(engine.db);
  const size = Number(pageSize.rows[0]!.n);
  return new Map(indexes.rows.map((r) => [r.i === 'PRIMARY' ? r.t : `${r.t}.${r.i}`, Number(r.pages) * size]));
}

/** Typeahead as a person types it: name starts, parts inside names, email parts, domains and phone digits. */
async function searchLatency(engine: SqlEngine, store: Store): Promise<NonNullable<Result['search']>> {
  const sample = await engine.db.selectFrom('contacts').select(['email', 'last_name', 'first_name', 'phone']).orderBy('email').limit(4000).execute();
  const queries: string[] = [];
  for (let i = 0; queries.length < 200 && i < sample.length; i += 20) {
    const c = sample[i]!;
    const [local = '', domain = ''] = c.email.split('@');
    const digits = c.phone.replace(/\D/g, '');
    queries.push(c.last_name.slice(0, 3), c.last_name.slice(1, 5), local.slice(0, 6), domain, digits.slice(-6), `${c.first_name.slice(0, 2)} ${c.last_name.slice(0, 2)}`, local.slice(2, 7), c.email, c.first_name.slice(0, 1), digits.slice(1, 7));
  }
  const times: number[] = [];
  for (const text of queries.filter((q) => q.trim().length > 0)) {
    const started = performance.now();
    await store.contacts.suggest(text, 20);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!);
  return { queries: times.length, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99) };
}

type Opened = SqlEngine & { drop(): Promise<void> };

/** `insert contacts`, `select import_rows`: a statement's verb and first table, the unit of --profile. */
function statementKind(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '?';
  const table = /\b(?:into|from|update)\s+[`"]?(\w+)/i.exec(text)?.[1] ?? '?';
  return `${verb} ${table}`;
}

async function measure(name: keyof typeof ENGINES, dir: string, file: string, rows: number, withSearch: boolean, profile: boolean): Promise<Result> {
  const open = () => ENGINES[name](dir);
  const engine = await open();
  const store = makeSqlStore(engine);
  const byStatement = new Map<string, number>();
  if (profile) {
    engine.counter.onTimed = (text, ms) => {
      const kind = statementKind(text);
      byStatement.set(kind, (byStatement.get(kind) ?? 0) + ms / 1000);
    };
  }
  const before = engine.counter.snapshot();
  const started = performance.now();
  const job = await runImport(store, file);
  const importSeconds = (performance.now() - started) / 1000;
  engine.counter.onTimed = null;
  const peakMiB = peakRssMiB();
  if (job.status !== 'done') throw new Error(`Import on ${name} ended as ${job.status}`);
  const after = engine.counter.snapshot();
  const statements = after.total - before.total;
  const sqlSeconds = (after.sqlMs - before.sqlMs) / 1000;
  const contacts = await store.contacts.count({});
  const bytesPerContact = Math.round((await storageBytes(engine)) / Math.max(1, contacts));
  const stagingBytesPerContact = Math.round((await stagingBytes(engine)) / Math.max(1, contacts));
  const byPart = [...(await storageByPart(engine))].map(([part, n]) => [part, Math.round(n / Math.max(1, contacts))] as const).filter(([, n]) => n > 0);
  const bytesPerContactByPart = Object.fromEntries(byPart.sort((a, b) => b[1] - a[1]));
  const search = withSearch ? await searchLatency(engine, store) : undefined;
  const beforeReimport = engine.counter.snapshot();
  const again = await runImport(store, file);
  if (again.status !== 'done') throw new Error(`Re-import on ${name} ended as ${again.status}`);
  const reimportWrites = engine.counter.snapshot().recordWrites - beforeReimport.recordWrites;

  const today = await open();
  const floor = await floorSeconds(store, today);
  await today.drop();
  const rawFloor = async (tables: TableRows[]) => {
    const target = await open();
    const writer = name === 'sqlite' ? sqliteWriter(path.join(dir, `raw-${Math.random().toString(36).slice(2)}.sqlite`)) : await mysqlWriter(MARIADB, await databaseOf(target));
    if (name === 'sqlite') await target.drop();
    const seconds = await writer.write(tables);
    await writer.close();
    if (name !== 'sqlite') await target.drop();
    return seconds;
  };
  const physical = await rawFloor(await Promise.all(PHYSICAL_TABLES.map((t) => tableRows(engine, t))));
  const allWrites = await rawFloor([...(await Promise.all(ALL_WRITE_TABLES.map((t) => tableRows(engine, t)))), stagedRows(file)]);
  await engine.drop();
  return {
    engine: name,
    rows,
    importSeconds: round(importSeconds),
    physicalFloorSeconds: round(physical),
    floorSeconds: round(floor),
    allWritesFloorSeconds: round(allWrites),
    ratio: round(importSeconds / physical),
    statementsPer1000Rows: round((statements / rows) * 1000),
    maxStatementBytes: after.maxStatementBytes,
    peakRssMiB: Math.round(peakMiB),
    reimportWrites,
    bytesPerContact,
    stagingBytesPerContact,
    sqlSecondsPerMinute: round((sqlSeconds / importSeconds) * 60),
    bytesPerContactByPart,
    contacts,
    ...(profile ? { sqlSecondsByStatement: Object.fromEntries([...byStatement].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v)])) } : {}),
    ...(search ? { search } : {}),
  };
}

async function databaseOf(engine: Opened): Promise<string> {
  const row = await sql<{ d: string }>`SELECT DATABASE() AS d`.execute(engine.db);
  return row.rows[0]!.d;
}

const round = (n: number) => Math.round(n * 100) / 100;

const ENGINES = { sqlite: openSqliteForBench, mariadb: openMariaDbForBench } as const;

async function openSqliteForBench(dir: string) {
  const engine = openSqlite(path.join(dir, `s-${Math.random().toString(36).slice(2)}.sqlite`));
  await applyMigrations(engine);
  return Object.assign(engine, { drop: () => engine.close() });
}

function openMariaDbForBench(_dir: string) {
  return openScratchMariaDb(MARIADB, 'bench');
}

/**
 * Each engine is measured in a child process of its own, so one engine's memory never counts against another's, with
 * the heap limit `npm run import` runs the CLI with (V8 otherwise lets garbage pile up to far more than the import uses).
 */
export const CLI_HEAP_MIB = 256;

function measureInChild(engine: keyof typeof ENGINES, file: string, rows: number, withSearch: boolean, profile: boolean): Result {
  const args = [`--max-old-space-size=${CLI_HEAP_MIB}`, '--import', 'tsx', path.resolve(process.argv[1] ?? 'bench/import-bench.ts'), '--child', engine, '--file', file, '--rows', String(rows), ...(withSearch ? ['--search'] : []), ...(profile ? ['--profile'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`The ${engine} measurement failed (exit ${child.status}).`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Result;
}

/**
 * On a shared machine one run's ratio can be 20% off (the import and its floors are timed minutes apart): with --runs,
 * the run of median ratio stands for the engine, with every run's ratio beside it.
 */
function medianRun(runs: Result[]): Result {
  const sorted = [...runs].sort((a, b) => a.ratio - b.ratio);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, ratios: sorted.map((r) => r.ratio) };
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rows: { type: 'string', default: '100000' },
      json: { type: 'boolean', default: false },
      search: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      engine: { type: 'string' },
      runs: { type: 'string', default: '1' },
      child: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows takes a positive whole number');
  const runCount = Number(values.runs);
  if (!Number.isInteger(runCount) || runCount < 1) throw new Error('--runs takes a positive whole number');
  if (values.child) {
    const name = values.child as keyof typeof ENGINES;
    process.stdout.write(`${JSON.stringify(await measure(name, path.dirname(values.file!), values.file!, rows, values.search ?? false, values.profile ?? false))}\n`);
    return;
  }
  if (values.engine && !(values.engine in ENGINES)) throw new Error('--engine takes sqlite or mariadb');
  const wanted = values.engine ? [values.engine as keyof typeof ENGINES] : (['sqlite', 'mariadb'] as const);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const file = path.join(dir, 'bench.csv');
  await generateFile(file, rows);
  const results: Result[] = [];
  for (const engine of wanted) {
    if (engine === 'mariadb' && !(await mariaDbReachable(MARIADB))) {
      if (!values.json) process.stderr.write('MariaDB not reachable on 127.0.0.1:3306: measured SQLite only.\n');
      continue;
    }
    const runs = Array.from({ length: runCount }, () => measureInChild(engine, file, rows, values.search ?? false, values.profile ?? false));
    results.push(runCount === 1 ? runs[0]! : medianRun(runs));
  }
  rmSync(dir, { recursive: true, force: true });
  for (const r of results) {
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      process.stdout.write(
        `${r.engine.padEnd(8)} ${r.rows} rows: import ${r.importSeconds}s; floors: physical ${r.physicalFloorSeconds}s, records as today ${r.floorSeconds}s, ` +
          `all writes ${r.allWritesFloorSeconds}s; ratio ${r.ratio}${r.ratios ? ` (median of ${r.ratios.join(', ')})` : ''} (target <= 2.5); ${r.statementsPer1000Rows} statements/1,000 rows (target <= 6); ` +
          `largest statement ${r.maxStatementBytes} B (limit 1 MiB); peak RSS ${r.peakRssMiB} MiB (target <= 384); ${r.bytesPerContact} B/contact ` +
          `(target <= ${Math.floor((600 * 1024 * 1024) / 1_000_000)}; staging left ${r.stagingBytesPerContact}); SQL ${r.sqlSecondsPerMinute} s/min; re-import writes ${r.reimportWrites}\n`,
      );
      process.stdout.write(`${' '.repeat(9)}bytes per contact by table and index: ${Object.entries(r.bytesPerContactByPart).map(([part, n]) => `${part} ${n}`).join(', ')}\n`);
      if (r.sqlSecondsByStatement) process.stdout.write(`${' '.repeat(9)}SQL seconds by statement: ${Object.entries(r.sqlSecondsByStatement).filter(([, n]) => n >= 0.01).map(([kind, n]) => `${kind} ${n}`).join(', ')}\n`);
      if (r.search) process.stdout.write(`${' '.repeat(9)}search (${r.search.queries} typeahead queries at ${r.contacts} contacts): p50 ${r.search.p50Ms} ms, p95 ${r.search.p95Ms} ms, p99 ${r.search.p99Ms} ms (target p95 <= 50)\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
