// Starting an import: map the header, take the one-import-at-a-time lock, then receive rows into staging.
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { normaliseEmail } from '../../domain/normalise';
import type { StagedRow } from '../../domain/ports';
import type { DateOrder, NewFieldType } from '../../domain/custom-fields';
import { mapHeaders, mappingTargetName, type IgnoredColumn } from '../../import/headers';
import type { ColumnMapping, RowIssue } from '../../import/types';
import { IMPORT_LOCK, IMPORT_LOCK_TTL_MS, initialState, loadJob, saveJob, type ImportJob, type ImportOptions } from './job-model';
import type { ImportDeps } from './process-import';

export type StartImportInput = {
  fileName: string;
  headers: string[];
  options: ImportOptions;
  explicitMapping?: Record<string, string>;
  /** The type of each field the import creates, by its mapping target name ("contact.custom:Renewal"); text otherwise. */
  newFieldTypes?: Record<string, NewFieldType>;
  /** How date columns write day and month, by header. */
  dateOrders?: Record<string, DateOrder>;
  fileWarnings?: string[];
  dryRun: boolean;
};

export type StartedImport = { job: ImportJob; columns: ColumnMapping[]; issues: RowIssue[]; unknown: string[]; ignoredColumns: IgnoredColumn[] };

/** Maps the header and opens a job in "staging". A header that cannot be imported is UNUSABLE_FILE. */
export async function startImport(deps: ImportDeps, actorId: string, input: StartImportInput): Promise<StartedImport> {
  const customFields = await deps.store.fields.list();
  const mapping = mapHeaders(input.headers, { customFields, explicit: input.explicitMapping, createFields: input.options.createFields });
  const blocking = mapping.issues.filter((i) => i.severity === 'error');
  if (blocking.length > 0) {
    throw new AppError('UNUSABLE_FILE', blocking.map((i) => i.message).join(' '), { issues: blocking });
  }
  const now = deps.clock();
  const id = newId(now.getTime());
  if (!input.dryRun) await takeImportLock(deps, id, now.getTime());
  const job: ImportJob = {
    id,
    status: 'staging',
    dryRun: input.dryRun,
    fileName: input.fileName,
    spec: { headers: input.headers, columns: withDateOrders(typedNewFields(mapping.columns, input.newFieldTypes ?? {}), input.dateOrders ?? {}), options: input.options, fileWarnings: input.fileWarnings ?? [] },
    totalRows: 0,
    state: initialState(),
    report: null,
    version: 1,
    createdAt: now.toISOString(),
    createdBy: actorId,
    updatedAt: now.toISOString(),
    finishedAt: null,
  };
  await deps.store.importJobs.insert(job);
  return { job, columns: mapping.columns, issues: mapping.issues, unknown: mapping.unknown, ignoredColumns: mapping.ignoredColumns };
}

function typedNewFields(columns: ColumnMapping[], types: Record<string, NewFieldType>): ColumnMapping[] {
  return columns.map((c) => {
    const fieldType = c.target.kind === 'newCustom' ? types[mappingTargetName(c.target)] : undefined;
    return fieldType && c.target.kind === 'newCustom' ? { ...c, target: { ...c.target, fieldType } } : c;
  });
}

function withDateOrders(columns: ColumnMapping[], orders: Record<string, DateOrder>): ColumnMapping[] {
  return columns.map((c) => (orders[c.header] ? { ...c, dateOrder: orders[c.header] } : c));
}

/** The one-import-at-a-time rule. A lock left by a job that finished, failed or never got stored is taken over. */
async function takeImportLock(deps: ImportDeps, jobId: string, nowMs: number): Promise<void> {
  if (await deps.store.locks.acquire(IMPORT_LOCK, jobId, IMPORT_LOCK_TTL_MS, nowMs)) return;
  const holder = await deps.store.locks.holder(IMPORT_LOCK, nowMs);
  const holderJob = holder ? await deps.store.importJobs.find(holder) : null;
  const active = holderJob && ['staging', 'queued', 'running', 'undoing'].includes(holderJob.status);
  if (holder && !active) {
    await deps.store.locks.release(IMPORT_LOCK, holder);
    if (await deps.store.locks.acquire(IMPORT_LOCK, jobId, IMPORT_LOCK_TTL_MS, nowMs)) return;
  }
  throw new AppError('IMPORT_RUNNING', `An import is already running (job ${holder ?? 'unknown'}). Wait for it to finish, or resume it, then start this one.`, { jobId: holder });
}

export type IncomingRow = { row: number; line: number; cells: string[] } | { row: number; line: number; error: string; column?: string; raw?: string };

/** Stores a batch of file rows for a job still in "staging". The email key is derived here, never trusted from a client. */
export async function stageImportRows(deps: ImportDeps, jobId: string, rows: readonly IncomingRow[]): Promise<void> {
  const job = await loadJob(deps.store, jobId);
  if (job.status !== 'staging') throw new AppError('INVALID_INPUT', `Import job ${jobId} is no longer receiving rows.`);
  const emailColumn = job.spec.columns.find((c) => c.target.kind === 'contact' && c.target.field === 'email');
  const staged = rows.map((r): StagedRow => {
    if ('error' in r) return { rowNo: r.row, lineNo: r.line, emailKey: '', cells: { error: r.error, column: r.column, raw: r.raw } };
    const raw = emailColumn ? (r.cells[emailColumn.index] ?? '') : '';
    return { rowNo: r.row, lineNo: r.line, emailKey: normaliseEmail(raw) ?? '', cells: r.cells };
  });
  await deps.store.importJobs.stageRows(jobId, staged);
}

/** Closes staging: the job is queued for processing with the number of rows the file had. */
export async function queueImport(deps: ImportDeps, jobId: string, totalRows: number): Promise<ImportJob> {
  const job = await loadJob(deps.store, jobId);
  if (job.status !== 'staging') return job;
  return saveJob(deps.store, { ...job, status: 'queued', totalRows }, deps.clock());
}
