// The import queue on Forge async events: each message advances one job for up to a consumer's time budget.
import { Queue } from '@forge/events';
import type { ImportQueue } from '../../application/import/import-queue';

export const IMPORT_QUEUE_KEY = 'import-jobs';

export function makeForgeImportQueue(): ImportQueue {
  const queue = new Queue({ key: IMPORT_QUEUE_KEY });
  return {
    async push(message) {
      await queue.push({ body: { jobId: message.jobId, kind: message.kind } });
    },
  };
}
