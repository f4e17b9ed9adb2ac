// The queue that carries schema-migration runs: the install/upgrade trigger starts one, a run that stops early queues the rest.
import { Queue } from '@forge/events';
import type { QueueMigrations } from '../../entry/scheduled/schema-migrations';

export const SCHEMA_MIGRATIONS_QUEUE_KEY = 'schema-migrations';

export function makeForgeSchemaMigrationQueue(): QueueMigrations {
  const queue = new Queue({ key: SCHEMA_MIGRATIONS_QUEUE_KEY });
  return async (delaySeconds) => {
    await queue.push({ body: { run: 'migrations' }, ...(delaySeconds > 0 ? { delayInSeconds: delaySeconds } : {}) });
  };
}
