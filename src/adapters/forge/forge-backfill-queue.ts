// The backfill queue on Forge async events: each message advances one backfill job for up to a consumer's time budget.
import { Queue } from '@forge/events';
import type { BackfillQueue } from '../../application/matching/backfill-job';

export const BACKFILL_QUEUE_KEY = 'match-backfill';

export function makeForgeBackfillQueue(): BackfillQueue {
  const queue = new Queue({ key: BACKFILL_QUEUE_KEY });
  return {
    async push(message) {
      await queue.push({ body: { jobId: message.jobId } });
    },
  };
}
