// The import queue's consumer: parse the event, advance the job, let the platform retry a failed delivery.
import { z } from 'zod';
import { runImportStep } from '../../application/import/run-import-step';
import type { ImportQueue } from '../../application/import/import-queue';
import type { ImportDeps } from '../../application/import/process-import';

const messageSchema = z.object({ jobId: z.string().min(1).max(64), kind: z.enum(['import', 'undo']) });

/** The fields of a Forge AsyncEvent this consumer reads. */
export type QueueEvent = { body: unknown; retryContext?: { retryCount?: number } };

export function makeImportConsumer(deps: () => ImportDeps & { importQueue: ImportQueue }) {
  return async (event: QueueEvent): Promise<void> => {
    const message = messageSchema.safeParse(event.body);
    if (!message.success) {
      // A malformed event can never succeed: drop it (logged without its content) instead of retrying it.
      console.error(JSON.stringify({ event: 'import-consumer-bad-message' }));
      return;
    }
    await runImportStep(deps(), message.data, event.retryContext?.retryCount ?? 0);
  };
}
