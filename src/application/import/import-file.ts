// Imports a whole file from a byte stream: decode, parse, map, stage in batches, then process (CLI, tests, bench).
import { AppError } from '../../domain/errors';
import { decodeChunks } from '../../import/decode';
import { isParsedError, parseCsv } from '../../import/parse';
import { IMPORT_LOCK, IMPORT_LOCK_TTL_MS, loadJob, type ImportOptions, type ImportJob } from './job-model';
import { failImport, processImport, type ImportDeps } from './process-import';
import { queueImport, stageImportRows, startImport, type IncomingRow, type StartedImport } from './start-import';


/** Rows sent to staging per statement group; the browser sends smaller batches to stay under 200 KB per invoke. */
export const STAGE_BATCH_ROWS = 5000;

export type ImportFileInput = {
  fileName: string;
  bytes: AsyncIterable<Uint8Array>;
  options: ImportOptions;
  explicitMapping?: Record<string, string>;
  dryRun: boolean;
  /** Continue this job (after a crash): the file is staged again (rows already staged are kept once) and processing resumes. */
  resumeJobId?: string;
  onStarted?: (started: StartedImport) => void;
  onProgress?: (job: ImportJob) => void;
};

export async function importFile(deps: ImportDeps, actorId: string, input: ImportFileInput): Promise<ImportJob> {
  const fileWarnings: string[] = [];
  const text = decodeChunks(input.bytes, { onEncoding: (e) => e.warning && fileWarnings.push(e.warning) });
  const rows = parseCsv(text);
  const first = await rows.next();
  if (first.done) throw new AppError('UNUSABLE_FILE', 'The file is empty: it has no header row.');
  if (isParsedError(first.value)) throw new AppError('UNUSABLE_FILE', `The header row cannot be read: ${first.value.error.message}`);
  const jobId = input.resumeJobId ? (await resumable(deps, input.resumeJobId, first.value.cells)).id : await start(deps, actorId, input, first.value.cells, fileWarnings);
  const existing = await loadJob(deps.store, jobId);
  if (existing.status !== 'staging') return finishProcessing(deps, jobId, input);
  let batch: IncomingRow[] = [];
  let total = 0;
  try {
    for await (const parsed of rows) {
      total = parsed.row;
      batch.push(isParsedError(parsed) ? { row: parsed.row, line: parsed.line, error: parsed.error.message, column: parsed.error.column, raw: parsed.raw } : parsed);
      if (batch.length >= STAGE_BATCH_ROWS) {
        await stageImportRows(deps, jobId, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await stageImportRows(deps, jobId, batch);
  } catch (error) {
    // A file that breaks while being read must not keep the import lock.
    await failImport(deps, jobId, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await queueImport(deps, jobId, total);
  return finishProcessing(deps, jobId, input);
}

async function start(deps: ImportDeps, actorId: string, input: ImportFileInput, headers: string[], fileWarnings: string[]): Promise<string> {
  const started = await startImport(deps, actorId, { fileName: input.fileName, headers, options: input.options, explicitMapping: input.explicitMapping, fileWarnings, dryRun: input.dryRun });
  input.onStarted?.(started);
  return started.job.id;
}

async function resumable(deps: ImportDeps, jobId: string, headers: string[]): Promise<ImportJob> {
  const job = await loadJob(deps.store, jobId);
  if (job.spec.headers.join('\u0000') !== headers.join('\u0000')) {
    throw new AppError('INVALID_INPUT', `Import job ${jobId} was started with another file (its header differs); resume it with the same file.`);
  }
  if (!job.dryRun && job.status !== 'done') await deps.store.locks.acquire(IMPORT_LOCK, jobId, IMPORT_LOCK_TTL_MS, deps.clock().getTime());
  return job;
}

async function finishProcessing(deps: ImportDeps, jobId: string, input: Pick<ImportFileInput, 'onProgress'>): Promise<ImportJob> {
  let job = await loadJob(deps.store, jobId);
  // One call runs the job to the end (a new call would reload the job); progress is reported after every chunk.
  while (job.status === 'queued' || job.status === 'running') {
    job = await processImport(deps, jobId, { onStep: input.onProgress });
    input.onProgress?.(job);
  }
  return job;
}
