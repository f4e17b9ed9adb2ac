// The import queue's consumer: parse the event, advance the job, let the platform retry a failed delivery.
import { z } from 'zod';
import { runImportStep } from '../../application/import/run-import-step';
import type { ImportQueue } from '../../application/import/import-queue';
import type { ImportDeps } from '../../application/import/process-import';
import { DONE, logEventFailure, type EventOutcome } from '../event-outcome';

const messageSchema = z.object({ jobId: z.string().min(1).max(64), kind: z.enum(['import', 'undo']) });

/** The fields of a Forge AsyncEvent this consumer reads. */
export type QueueEvent = { body: unknown; retryContext?: { retryCount?: number } };

/** Waits before redelivering a failed slice: 30 s, then doubling. */
const FIRST_RETRY_SECONDS = 30;

export function makeImportConsumer(deps: () => ImportDeps & { importQueue: ImportQueue }) {
  return async (event: QueueEvent): Promise<EventOutcome> => {
    const message = messageSchema.safeParse(event.body);
    if (!message.success) {
      // A malformed event can never succeed: drop it (logged without its content) instead of retrying it.
      console.error(JSON.stringify({ event: 'import-consumer-bad-message' }));
      return DONE;
    }
    const retryCount = event.retryContext?.retryCount ?? 0;
    try {
      // After MAX_IMPORT_RETRIES failed deliveries runImportStep marks the job failed and returns normally.
      await runImportStep(deps(), message.data, retryCount);
      return DONE;
    } catch (error) {
      logEventFailure('import-slice-failed', error, { retryCount });
      return { status: 'retry', afterSeconds: FIRST_RETRY_SECONDS * 2 ** retryCount, reason: 'failed' };
    }
  };
}
