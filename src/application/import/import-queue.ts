// The port through which import and undo work is handed to a background worker (Forge queue, or in-process locally).
export type ImportQueueMessage = { jobId: string; kind: 'import' | 'undo' };

export type ImportQueue = { push(message: ImportQueueMessage): Promise<void> };

/** A Forge consumer may run up to 900 s; stop a minute early so the job's state is saved before the platform stops it. */
export const CONSUMER_BUDGET_MS = 840_000;
/** After this many failed deliveries of the same step, the job is marked failed instead of retried forever. */
export const MAX_IMPORT_RETRIES = 3;
