// Every rejected row and warning of an import or dry run, a page at a time and by kind, for the report on the page.
import type { ImportIssuePage } from '../contracts/import-issues';
import type { Actor, Deps } from './deps';
import { loadJob } from './import/job-model';

export async function listImportIssues(
  deps: Deps,
  _actor: Actor,
  query: { jobId: string; severity?: 'error' | 'warning'; after?: string | null; limit: number },
): Promise<ImportIssuePage> {
  await loadJob(deps.store, query.jobId); // NOT_FOUND for an unknown job
  const after = query.after ? { rowNo: Number(query.after.split(':')[0]), seq: Number(query.after.split(':')[1]) } : null;
  // One more than asked says whether another page follows.
  const issues = await deps.store.importJobs.issues(query.jobId, after, query.limit + 1, query.severity);
  const items = issues.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((i) => ({ row: i.rowNo, line: i.line, severity: i.severity, column: i.column, message: i.message })),
    next: issues.length > query.limit && last ? `${last.rowNo}:${last.seq}` : null,
  };
}
