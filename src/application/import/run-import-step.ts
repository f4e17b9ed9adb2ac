// One delivery of the import queue: advance the job for a time budget, then hand the rest to the next delivery.
import { processImport, failImport, type ImportDeps } from './process-import';
import { processUndo } from './undo-import';
import { CONSUMER_BUDGET_MS, MAX_IMPORT_RETRIES, type ImportQueue, type ImportQueueMessage } from './import-queue';

/** Half of the 62.5 s of SQL time per minute Forge gives an installation: the other half stays with the app's users. */
export const IMPORT_SQL_SECONDS_PER_MINUTE = 31.25;

export async function runImportStep(
  deps: ImportDeps & { importQueue: ImportQueue },
  message: ImportQueueMessage,
  retryCount = 0,
  budgetMs = CONSUMER_BUDGET_MS,
): Promise<void> {
  const deadlineMs = deps.clock().getTime() + budgetMs;
  try {
    const job = message.kind === 'undo' ? await processUndo(deps, message.jobId, { deadlineMs }) : await processImport(deps, message.jobId, { deadlineMs, sqlSecondsPerMinute: IMPORT_SQL_SECONDS_PER_MINUTE });
    // Saved state plus an idempotent next step make a duplicated delivery harmless: the version check lets one win.
    if (job.status === 'running' || job.status === 'queued' || job.status === 'undoing') await deps.importQueue.push(message);
  } catch (error) {
    if (retryCount >= MAX_IMPORT_RETRIES) {
      await failImport(deps, message.jobId, `Stopped after ${retryCount + 1} attempts: ${error instanceof Error ? error.message : String(error)}. Resume or undo it from the import history.`);
      return;
    }
    throw error;
  }
}
