// Runs whole imports from CSV text against a real store, as the CLI does.
import { importFile } from '../../src/application/import/import-file';
import { importOptionsSchema, type ImportJob, type ImportOptions } from '../../src/application/import/job-model';
import type { ImportDeps } from '../../src/application/import/process-import';
import type { Store } from '../../src/domain/ports';

export async function* bytesOf(text: string | Uint8Array, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}

export function depsFor(store: Store, start = Date.parse('2026-03-01T10:00:00Z')): ImportDeps {
  let t = start;
  return { store, clock: () => new Date((t += 7)) };
}

export async function runImport(deps: ImportDeps, csv: string | Uint8Array, options: Partial<ImportOptions> & { dryRun?: boolean; map?: Record<string, string> } = {}) {
  const { dryRun = false, map, ...rest } = options;
  const job = await importFile(deps, 'admin-1', { fileName: 'test.csv', bytes: bytesOf(csv), options: importOptionsSchema.parse(rest), explicitMapping: map, dryRun });
  assertEveryRowAccounted(job);
  return job;
}

/** The import's promise, checked on every import the suite runs: each data row is either imported or rejected. */
export function assertEveryRowAccounted(job: ImportJob): void {
  const report = job.report;
  if (job.status !== 'done' || !report) return;
  if (report.rows !== report.imported + report.rejected) {
    throw new Error(`Import ${job.id}: ${report.rows} rows but ${report.imported} imported + ${report.rejected} rejected.`);
  }
}

export const csv = (...lines: string[]) => lines.join('\n') + '\n';
