// Schema migrations as Forge runs them: queued from the install/upgrade trigger, run by that queue's consumer, and
// run again every hour by a scheduled trigger, since the upgrade event reaches only major-version upgrades.
import { DONE, logEventFailure, MAX_EVENT_RETRIES, type EventOutcome } from '../event-outcome';
import { runScheduled, type TriggerResponse } from './trigger-response';

export type MigrationOutcome = { applied: string[]; pending: string[]; stoppedBy: null | 'time' | 'rate-limited' };
export type RunMigrations = () => Promise<MigrationOutcome>;
/** Queues a migration run; `delaySeconds` lets the DDL rate limit's minute pass first. */
export type QueueMigrations = (delaySeconds: number) => Promise<void>;

/** A run that stopped early (time or DDL budget) continues after this pause. */
export const CONTINUE_AFTER_SECONDS = 60;
const FIRST_RETRY_SECONDS = 60;

const summary = (outcome: MigrationOutcome) => ({
  applied: outcome.applied.length,
  pending: outcome.pending.length,
  stoppedBy: outcome.stoppedBy ?? 'done',
});

/** avi:forge:installed:app and avi:forge:upgraded:app: a trigger has 25 s, so it only queues the run. */
export function makeSchemaInstalledTrigger(queue: QueueMigrations) {
  return async (): Promise<void> => {
    await queue(0);
    console.info(JSON.stringify({ event: 'schema-migrations-queued' }));
  };
}

/** The queue's consumer: runs migrations for up to its time budget and queues the rest. */
export function makeSchemaMigrationsConsumer(run: RunMigrations, queue: QueueMigrations) {
  return async (event: unknown): Promise<EventOutcome> => {
    const retryCount = readRetryCount(event);
    try {
      const outcome = await run();
      console.info(JSON.stringify({ event: 'schema-migrations-ran', ...summary(outcome) }));
      if (outcome.pending.length > 0) await queue(CONTINUE_AFTER_SECONDS);
      return DONE;
    } catch (error) {
      logEventFailure('schema-migrations-failed', error, { retryCount });
      // After the last retry the hourly trigger keeps trying; resolvers answer SETTING_UP meanwhile.
      if (retryCount >= MAX_EVENT_RETRIES) return DONE;
      return { status: 'retry', afterSeconds: FIRST_RETRY_SECONDS * 2 ** retryCount, reason: 'failed' };
    }
  };
}

/** The hourly scheduled trigger: brings every installation up to date, whichever version it was upgraded from. */
export function makeSchemaMigrationsTrigger(run: RunMigrations): () => Promise<TriggerResponse> {
  return () => runScheduled('schema-migrated', async () => summary(await run()));
}

function readRetryCount(event: unknown): number {
  if (typeof event !== 'object' || event === null || !('retryContext' in event)) return 0;
  const context = event.retryContext;
  if (typeof context !== 'object' || context === null || !('retryCount' in context)) return 0;
  return typeof context.retryCount === 'number' && context.retryCount >= 0 ? context.retryCount : 0;
}
