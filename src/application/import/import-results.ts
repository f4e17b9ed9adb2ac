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

const ERROR_PAGE_ISSUES = 2000;

/**
 * One page of the error file: the original columns plus Error, one line per rejected row, in file order.
 * The first page starts with a BOM (spreadsheet apps then read UTF-8) and the header. Cells are neutralised
 * against formula injection.
 */
export async function errorFilePage(store: Store, jobId: string, after: string | null): Promise<{ text: string; next: string | null }> {
  const job = await loadJob(store, jobId);
  const [rowNo, seq] = (after ?? '').split(':').map(Number);
  const cursor = after && Number.isFinite(rowNo) && Number.isFinite(seq) ? { rowNo: rowNo!, seq: seq! } : null;
  let text = cursor ? '' : '\uFEFF' + errorFileHeader(job.spec.headers);
  const issues = await store.importJobs.issues(jobId, cursor, ERROR_PAGE_ISSUES, 'error');
  if (issues.length === 0) return { text, next: null };
  // A row's messages may straddle pages; end the page at the last complete row.
  const lastRow = issues[issues.length - 1]!.rowNo;
  const complete = issues.length < ERROR_PAGE_ISSUES ? issues : issues.filter((i) => i.rowNo !== lastRow);
  const page = complete.length > 0 ? complete : issues;
  const messages = new Map<number, string[]>();
  for (const i of page) messages.set(i.rowNo, [...(messages.get(i.rowNo) ?? []), `Row ${i.rowNo}${i.line ? ` (line ${i.line})` : ''}${i.column ? `, ${i.column}` : ''}: ${i.message}`]);
  const rows = await store.importJobs.rowsByNumbers(jobId, [...messages.keys()]);
  for (const r of rows) {
    // A row that could not be read keeps its text as the file had it, in the first column.
    const cells = Array.isArray(r.cells) ? r.cells : r.cells.raw !== undefined ? [r.cells.raw] : [];
    text += errorFileLine(cells, (messages.get(r.rowNo) ?? []).join(' | '), { width: job.spec.headers.length });
  }
  const last = page[page.length - 1]!;
  return { text, next: issues.length < ERROR_PAGE_ISSUES ? null : `${last.rowNo}:${last.seq}` };
}

/** The whole error file as text pages (CLI). */
export async function* errorFileLines(store: Store, jobId: string): AsyncGenerator<string> {
  let after: string | null = null;
  do {
    const page = await errorFilePage(store, jobId, after);
    if (page.text) yield page.text;
    after = page.next;
  } while (after);
}
