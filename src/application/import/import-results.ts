// Reading an import back: its progress, its report, its rejected rows as an error CSV, and the list of past jobs.
import type { Store } from '../../domain/ports';
import { errorFileHeader, errorFileLine } from '../../import/error-csv';
import { loadJob, readJob, type ImportJob } from './job-model';

export type ImportProgress = {
  jobId: string;
  status: ImportJob['status'];
  dryRun: boolean;
  fileName: string;
  phase: ImportJob['state']['phase'];
  totalRows: number;
  rowsDone: number;
  percent: number;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  error: string | null;
};

export function progressOf(job: ImportJob): ImportProgress {
  const s = job.state;
  // Two passes over the rows (companies, then contacts); report the slower-moving half as rows done.
  const total = Math.max(1, job.totalRows);
  const done = job.status === 'done' || job.status === 'undone' ? total : Math.min(total, Math.round((s.companyRowsDone + s.contactRowsDone) / 2));
  return {
    jobId: job.id,
    status: job.status,
    dryRun: job.dryRun,
    fileName: job.fileName,
    phase: s.phase,
    totalRows: job.totalRows,
    rowsDone: done,
    percent: Math.floor((done / total) * 100),
    createdAt: job.createdAt,
    createdBy: job.createdBy,
    finishedAt: job.finishedAt,
    error: s.error,
  };
}

export async function listImports(store: Store, limit: number, before?: string | null): Promise<ImportProgress[]> {
  return (await store.importJobs.list(limit, before)).map((r) => progressOf(readJob(r)));
}

/**
 * The error file: the original columns plus Error, one line per rejected row, in file order, written in pages.
 * Cells are neutralised against formula injection; the BOM makes spreadsheet apps read it as UTF-8.
 */
export async function* errorFileLines(store: Store, jobId: string): AsyncGenerator<string> {
  const job = await loadJob(store, jobId);
  yield '\uFEFF' + errorFileHeader(job.spec.headers);
  let after: { rowNo: number; seq: number } | null = null;
  for (;;) {
    const issues = await store.importJobs.issues(jobId, after, 2000, 'error');
    if (issues.length === 0) return;
    after = { rowNo: issues[issues.length - 1]!.rowNo, seq: issues[issues.length - 1]!.seq };
    const messages = new Map<number, string[]>();
    for (const i of issues) messages.set(i.rowNo, [...(messages.get(i.rowNo) ?? []), `Row ${i.rowNo}${i.line ? ` (line ${i.line})` : ''}${i.column ? `, ${i.column}` : ''}: ${i.message}`]);
    const rows = await store.importJobs.rowsByNumbers(jobId, [...messages.keys()]);
    for (const r of rows) {
      const cells = Array.isArray(r.cells) ? r.cells : [];
      yield errorFileLine(cells, (messages.get(r.rowNo) ?? []).join(' | '), { width: job.spec.headers.length });
    }
  }
}
