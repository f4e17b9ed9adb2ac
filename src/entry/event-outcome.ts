// What an event handler (trigger or queue consumer) tells the platform: done, or deliver the event again later.
import { isRetryable, JiraUnavailableError } from '../application/matching/request-directory';

export type EventOutcome = { status: 'done' } | { status: 'retry'; afterSeconds: number; reason: 'rate-limited' | 'failed' };

export const DONE: EventOutcome = { status: 'done' };

/** Forge redelivers a product event at most this many times. */
export const MAX_EVENT_RETRIES = 4;
const FIRST_RETRY_SECONDS = 30;

/**
 * Retry what may work later (Jira busy, an unexpected failure) while retries remain; an app error with a code is final.
 * Jira's Retry-After is honoured; otherwise the wait doubles from 30 s (30, 60, 120, 240).
 */
export function outcomeOfFailure(error: unknown, retryCount: number): EventOutcome {
  if (!isRetryable(error) || retryCount >= MAX_EVENT_RETRIES) return DONE;
  const asked = error instanceof JiraUnavailableError ? error.retryAfterSeconds : null;
  return {
    status: 'retry',
    afterSeconds: asked ?? FIRST_RETRY_SECONDS * 2 ** retryCount,
    reason: error instanceof JiraUnavailableError ? 'rate-limited' : 'failed',
  };
}

/** Logs a failed event without personal data: error messages can quote stored values, so only names, codes and frames. */
export function logEventFailure(event: string, error: unknown, fields: Record<string, string | number> = {}): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = error instanceof Error && 'code' in error && (typeof error.code === 'string' || typeof error.code === 'number') ? error.code : undefined;
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8) : [];
  console.error(JSON.stringify({ event, ...fields, error: name, code, frames }));
}
