// `npm run import`: the one-file CSV import against the embedded store, with progress, dry run, undo and a JSON mode.
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { importFile } from '../../../application/import/import-file';
import { errorFileLines, listImports, progressOf } from '../../../application/import/import-results';
import { importOptionsSchema, type ImportJob } from '../../../application/import/job-model';
import { processImport } from '../../../application/import/process-import';
import { interruptedJobs } from '../../../application/import/resume-jobs';
import { processUndo, startUndo } from '../../../application/import/undo-import';
import { AppError } from '../../../domain/errors';
import { migrateLocalStore } from '../migrate-local';
import { makeSqlSettings } from '../../sql/record-store';
import { makeSqlStore } from '../../sql/sql-store';
import { checkDataDir, DataDirError } from '../data-dir';
import { DATABASE_FILE } from '../local-app';
import { openSqlite } from '../sqlite-engine';
import { dataDir, importArgs, IMPORT_USAGE } from './args';

const ACTOR = 'local-admin';

function fail(code: number, message: string): never {
  process.stderr.write(`${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(code);
}

function progressBar(job: ImportJob, startedAt: number): string {
  const p = progressOf(job);
  const width = 30;
  const filled = Math.round((p.percent / 100) * width);
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = p.rowsDone / Math.max(seconds, 0.001);
  const eta = rate > 0 ? Math.max(0, (p.totalRows - p.rowsDone) / rate) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.percent}% ${p.rowsDone.toLocaleString('en')}/${p.totalRows.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${Math.ceil(eta)}s  (${p.phase})   `;
}

async function writeErrors(store: ReturnType<typeof makeSqlStore>, jobId: string, file: string): Promise<void> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = createWriteStream(file);
  for await (const line of errorFileLines(store, jobId)) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof importArgs>;
  try {
    parsed = importArgs(process.argv.slice(2));
  } catch (error) {
    fail(2, `${(error as Error).message}\n${IMPORT_USAGE}`);
  }
  const { values: args, positionals } = parsed;
  if (args.help) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return;
  }
  const dir = dataDir(args.data);
  try {
    checkDataDir(dir);
  } catch (error) {
    if (error instanceof DataDirError) fail(2, error.message);
    throw error;
  }
  const engine = openSqlite(path.join(dir, DATABASE_FILE));
  await migrateLocalStore(engine);
  const store = makeSqlStore(engine);
  const settings = makeSqlSettings(engine);
  const deps = { store, clock: () => new Date() };
  try {
    // A job whose process died (a killed server or CLI) is finished first; it would hold the import lock otherwise.
    for (const message of await interruptedJobs(store)) {
      if (message.jobId === args.resume) continue;
      process.stderr.write(`Finishing ${message.kind === 'undo' ? 'the undo of ' : ''}import job ${message.jobId}, left unfinished by a process that stopped.\n`);
      if (message.kind === 'undo') await processUndo(deps, message.jobId);
      else await processImport(deps, message.jobId);
    }
    if (args.list) {
      for (const job of await listImports(store, 50)) {
        process.stdout.write(`${job.jobId}  ${job.createdAt}  ${job.status.padEnd(8)} ${job.dryRun ? 'dry-run ' : ''}${job.fileName} (${job.totalRows} rows)\n`);
      }
      return;
    }
    if (args.undo) {
      await startUndo(deps, args.undo);
      const job = await processUndo(deps, args.undo);
      const undo = job.report?.undo ?? job.state.undo;
      process.stdout.write(`Undid import ${job.id}: ${undo?.restored ?? 0} restored, ${undo?.removed ?? 0} removed, ${undo?.skipped.length ?? 0} left because they were edited since.\n`);
      for (const s of undo?.skipped ?? []) process.stdout.write(`  ${s}\n`);
      return;
    }
    const file = positionals[0];
    if (!file) fail(2, `Name the CSV file to import.\n${IMPORT_USAGE}`);
    const options = importOptionsSchema.safeParse({ mode: args.mode, memberships: args.memberships, missing: args.missing, createFields: args['create-fields'] });
    if (!options.success) fail(2, `Invalid option: ${options.error.issues.map((i) => `--${String(i.path[0])} ${i.message}`).join('; ')}`);

    const explicit: Record<string, string> = args.mapping ? ((await settings.get<Record<string, string>>(`mapping:${args.mapping}`)) ?? fail(2, `No saved mapping named "${args.mapping}".`)) : {};
    for (const pair of args.map ?? []) {
      const eq = pair.lastIndexOf('=');
      if (eq <= 0) fail(2, `--map "${pair}" must look like "Header=field".`);
      explicit[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
    if (args['save-mapping']) await settings.set(`mapping:${args['save-mapping']}`, explicit);

    const tty = process.stderr.isTTY && !args.json;
    const startedAt = Date.now();
    const before = engine.counter.snapshot();
    const job = await importFile(deps, ACTOR, {
      fileName: path.basename(file),
      bytes: createReadStream(file, { highWaterMark: 256 * 1024 }),
      options: options.data,
      explicitMapping: Object.keys(explicit).length ? explicit : undefined,
      dryRun: args['dry-run'] ?? false,
      resumeJobId: args.resume,
      onStarted: (s) => {
        if (args.json) return;
        for (const issue of s.issues) process.stderr.write(`warning: ${issue.message}\n`);
        for (const w of s.job.spec.fileWarnings) process.stderr.write(`warning: ${w}\n`);
      },
      onProgress: (j) => tty && process.stderr.write(progressBar(j, startedAt)),
    });
    if (tty) process.stderr.write('\n');
    const statements = engine.counter.snapshot().total - before.total;
    const report = job.report;
    if (!report) fail(1, `Import job ${job.id} ended as ${job.status}: ${job.state.error ?? 'no report'}`);
    let errorsFile: string | null = null;
    if (args.errors && report.rejected > 0) {
      await writeErrors(store, job.id, args.errors);
      errorsFile = path.resolve(args.errors);
    }
    if (args.json) {
      const c = report.contacts;
      const co = report.companies;
      const m = report.memberships;
      process.stdout.write(
        `${JSON.stringify({
          jobId: job.id,
          dryRun: report.dryRun,
          rows: report.rows,
          imported: report.imported,
          rejected: report.rejected,
          ignoredColumns: report.ignoredColumns,
          warnings: report.warnings,
          contacts: { created: c.created, updated: c.updated, unchanged: c.unchanged },
          companies: { created: co.created, updated: co.updated, unchanged: co.unchanged },
          memberships: { created: m.created, removed: m.removed, unchanged: m.unchanged },
          statements,
          errorsFile,
        })}\n`,
      );
      return;
    }
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const out = process.stdout;
    out.write(`${report.dryRun ? 'Dry run (nothing written)' : 'Imported'} ${report.fileName}: ${report.rows} rows in ${seconds}s, job ${job.id}\n`);
    out.write(`  contacts     ${report.contacts.created} created, ${report.contacts.updated} updated, ${report.contacts.unchanged} unchanged\n`);
    out.write(`  companies    ${report.companies.created} created, ${report.companies.updated} updated, ${report.companies.unchanged} unchanged\n`);
    out.write(`  memberships  ${report.memberships.created} created, ${report.memberships.updated} updated, ${report.memberships.removed} removed, ${report.memberships.unchanged} unchanged\n`);
    out.write(`  rows imported ${report.imported}, rejected ${report.rejected}, warnings ${report.warnings}, SQL statements ${statements}\n`);
    if (report.ignoredColumns.length) out.write(`  columns not imported: ${report.ignoredColumns.map((c) => `${c.column} "${c.name}"`).join(', ')}\n`);
    if (report.fieldsCreated.length) out.write(`  custom fields ${report.dryRun ? 'to create' : 'created'}: ${report.fieldsCreated.join(', ')}\n`);
    if (report.missing) out.write(`  not in the file: ${report.missing.contacts} contacts, ${report.missing.companies} companies${report.missing.sample.length ? ` (e.g. ${report.missing.sample.slice(0, 5).join('; ')})` : ''}\n`);
    for (const s of report.samples.slice(0, 5)) out.write(`  ${s.action} ${s.record}: ${Object.keys(s.changes).join(', ')}\n`);
    if (errorsFile) out.write(`  rejected rows written to ${errorsFile}\n`);
    else if (report.rejected > 0) out.write(`  use --errors OUT.csv to get the rejected rows with the reason\n`);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'UNUSABLE_FILE' || error.code === 'INVALID_INPUT' || error.code === 'IMPORT_RUNNING' || error.code === 'NOT_FOUND')) fail(2, error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') fail(2, `Cannot read ${positionals[0]}: no such file.`);
    throw error;
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
