// The import use cases as the resolvers call them: (deps, actor, command) -> result, on the import job model.
import type { DateOrder, NewFieldType } from '../../domain/custom-fields';
import { AppError } from '../../domain/errors';
import type { Settings } from '../../domain/ports';
import { mapHeaders } from '../../import/headers';
import { validateRow } from '../../import/validate-row';
import type { ImportRow } from '../../import/types';
import type { Actor } from '../deps';
import { fieldReaderFor } from '../field-access';
import { exportDirectoryPage } from '../export-directory';
import { errorFilePage, listImports, progressOf, type ImportProgress } from './import-results';
import type { ImportQueue } from './import-queue';
import { importOptionsSchema, loadJob, type ImportOptions, type ImportReport } from './job-model';
import { failImport, type ImportDeps } from './process-import';
import { queueImport, stageImportRows, startImport, type IncomingRow } from './start-import';
import { listSavedMappings, saveMapping } from './saved-mappings';
import { startUndo } from './undo-import';

export type ImportCommandDeps = ImportDeps & { settings: Settings; importQueue: ImportQueue };

export async function startImportCommand(
  deps: ImportCommandDeps,
  actor: Actor,
  command: {
    fileName: string;
    headers: string[];
    options: ImportOptions;
    mapping: Record<string, string>;
    newFieldTypes?: Record<string, NewFieldType>;
    dateOrders?: Record<string, DateOrder>;
    saveMappingAs?: string;
    fileWarnings: string[];
    dryRun: boolean;
  },
) {
  if (command.saveMappingAs) await saveMapping(deps.settings, command.saveMappingAs, command.mapping);
  const started = await startImport(deps, actor.accountId, {
    fileName: command.fileName,
    headers: command.headers,
    options: importOptionsSchema.parse(command.options),
    explicitMapping: Object.keys(command.mapping).length ? command.mapping : undefined,
    newFieldTypes: command.newFieldTypes,
    dateOrders: command.dateOrders,
    fileWarnings: command.fileWarnings,
    dryRun: command.dryRun,
  });
  return { jobId: started.job.id, columns: started.columns, issues: started.issues, unknown: started.unknown, ignoredColumns: started.ignoredColumns };
}

/** Maps the header and checks the first rows exactly as the import will, so the wizard shows per-cell problems. */
export async function previewImportCommand(deps: ImportCommandDeps, _actor: Actor, command: { headers: string[]; rows: string[][]; mapping: Record<string, string>; createFields: boolean }) {
  const customFields = await deps.store.fields.list();
  const mapping = mapHeaders(command.headers, { customFields, explicit: Object.keys(command.mapping).length ? command.mapping : undefined, createFields: command.createFields });
  const fields = new Map(customFields.map((f) => [f.id, f]));
  const rows = command.rows.map((cells, i) => {
    const result = validateRow({ row: i + 1, line: i + 2, cells }, mapping.columns, fields, command.headers.length);
    return { row: i + 1, issues: result.issues, values: summarise(result.row) };
  });
  return { columns: mapping.columns, issues: mapping.issues, unknown: mapping.unknown, ignoredColumns: mapping.ignoredColumns, rows };
}

function summarise(row: ImportRow | null): Record<string, string> {
  if (!row) return {};
  const out: Record<string, string> = {};
  if (row.contact) {
    out.email = row.contact.email;
    if (row.contact.firstName) out.firstName = row.contact.firstName;
    if (row.contact.lastName) out.lastName = row.contact.lastName;
  }
  if (row.company) {
    if (row.company.name) out.company = row.company.name;
    if (row.company.domains.length) out.domains = row.company.domains.join(', ');
  }
  if (row.membership?.role) out.role = row.membership.role;
  return out;
}

export async function stageRowsCommand(deps: ImportCommandDeps, actor: Actor, command: { jobId: string; rows: IncomingRow[] }) {
  await ownJob(deps, actor, command.jobId);
  await stageImportRows(deps, command.jobId, command.rows);
  return { staged: command.rows.length };
}

export async function queueImportCommand(deps: ImportCommandDeps, actor: Actor, command: { jobId: string; totalRows: number }): Promise<ImportProgress> {
  await ownJob(deps, actor, command.jobId);
  const job = await queueImport(deps, command.jobId, command.totalRows);
  await deps.importQueue.push({ jobId: job.id, kind: 'import' });
  return progressOf(job);
}

async function ownJob(deps: ImportCommandDeps, actor: Actor, jobId: string) {
  const job = await loadJob(deps.store, jobId);
  if (job.createdBy !== actor.accountId) throw new AppError('FORBIDDEN', 'Only the admin who started this import can send its rows.');
  return job;
}

export async function importStatusCommand(deps: ImportCommandDeps, _actor: Actor, command: { jobId: string }) {
  const job = await loadJob(deps.store, command.jobId);
  const warningsSample = (await deps.store.importJobs.issues(job.id, null, 20)).map((i) => ({ row: i.rowNo, line: i.line, column: i.column || undefined, message: i.message, severity: i.severity }));
  return { ...progressOf(job), report: job.report as ImportReport | null, warningsSample };
}

export async function listImportsCommand(deps: ImportCommandDeps, _actor: Actor, command: { limit: number; before?: string | null }) {
  return listImports(deps.store, command.limit, command.before);
}

export async function importErrorsCommand(deps: ImportCommandDeps, _actor: Actor, command: { jobId: string; after?: string | null }) {
  return errorFilePage(deps.store, command.jobId, command.after ?? null);
}

export async function undoImportCommand(deps: ImportCommandDeps, _actor: Actor, command: { jobId: string }): Promise<ImportProgress> {
  const job = await startUndo(deps, command.jobId);
  await deps.importQueue.push({ jobId: job.id, kind: 'undo' });
  return progressOf(job);
}

/**
 * Stops an import that is still uploading or running (an upload cut off would otherwise hold the import lock until
 * it expires). What it already wrote stays and can be undone from the history.
 */
export async function cancelImportCommand(deps: ImportCommandDeps, actor: Actor, command: { jobId: string }): Promise<ImportProgress> {
  const job = await loadJob(deps.store, command.jobId);
  if (!['staging', 'queued', 'running'].includes(job.status)) {
    throw new AppError('INVALID_INPUT', `Import job ${command.jobId} is ${job.status}; only an import that is uploading or running can be cancelled.`);
  }
  return progressOf(await failImport(deps, job.id, `Cancelled by ${actor.accountId}.`));
}

export async function listMappingsCommand(deps: ImportCommandDeps) {
  return listSavedMappings(deps.settings);
}

export async function exportCommand(deps: ImportCommandDeps, actor: Actor, command: { cursor?: string | null; text?: string; companyId?: string }) {
  // The caller's field visibility decides the columns (and what a text filter may match).
  const reader = await fieldReaderFor(deps.settings, actor);
  return exportDirectoryPage(deps.store, { text: command.text, companyId: command.companyId }, command.cursor ?? null, reader);
}
