// The match-backfill queue's consumer: read the message, advance the job, ask for a redelivery when the step may work later.
import { z } from 'zod';
import { runBackfillStep } from '../../application/matching/run-backfill-step';
import type { BackfillDeps } from '../../application/matching/start-backfill';
import { DONE, logEventFailure, outcomeOfFailure, type EventOutcome } from '../event-outcome';

const backfillEventSchema = z.object({
  body: z.object({ jobId: z.string().min(1).max(64) }),
  retryContext: z.object({ retryCount: z.number().int().min(0).optional() }).optional(),
});

export function makeBackfillConsumer(deps: () => BackfillDeps) {
  return async (event: unknown): Promise<EventOutcome> => {
    const parsed = backfillEventSchema.safeParse(event);
    if (!parsed.success) {
      // A malformed message can never succeed: drop it (logged without its content) instead of retrying it.
      console.error(JSON.stringify({ event: 'backfill-consumer-bad-message' }));
      return DONE;
    }
    const retryCount = parsed.data.retryContext?.retryCount ?? 0;
    try {
      await runBackfillStep(deps(), parsed.data.body, { retryCount });
      return DONE;
    } catch (error) {
      // runBackfillStep rethrows only what it wants retried; it has recorded the pause on the job.
      logEventFailure('backfill-step-failed', error, { jobId: parsed.data.body.jobId, retryCount });
      return outcomeOfFailure(error, retryCount);
    }
  };
}
