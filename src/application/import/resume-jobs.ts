// Picks up imports and undos whose process died (a killed server or CLI), so they finish instead of holding the lock.
import type { Store } from '../../domain/ports';
import type { ImportQueueMessage } from './import-queue';

/** Jobs are listed newest first; an interrupted job is among the latest, since only one runs at a time. */
const RECENT_JOBS = 50;

/**
 * The queue messages that carry on every real import left queued or running and every undo left undoing. A dry run
 * keeps its plan in the memory of the process that ran it, so one left running is not resumed (it holds no lock).
 */
export async function interruptedJobs(store: Store): Promise<ImportQueueMessage[]> {
  const jobs = await store.importJobs.list(RECENT_JOBS);
  return jobs.flatMap((job): ImportQueueMessage[] => {
    if (job.dryRun) return [];
    if (job.status === 'queued' || job.status === 'running') return [{ jobId: job.id, kind: 'import' }];
    if (job.status === 'undoing') return [{ jobId: job.id, kind: 'undo' }];
    return [];
  });
}
