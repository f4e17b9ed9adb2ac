// Turns an event handler's "try again later" into the InvocationError Forge expects from triggers and consumers.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { EventOutcome } from '../../entry/event-outcome';

/** Forge retries an event at most 4 times and waits at most 900 s before a retry. */
const MAX_RETRY_AFTER_SECONDS = 900;

/** A Forge event handler: what to return for the outcome (an InvocationError asks Forge to deliver the event again). */
export function toForgeResult(outcome: EventOutcome): InvocationError | undefined {
  if (outcome.status === 'done') return undefined;
  return new InvocationError({
    retryAfter: Math.min(Math.max(1, outcome.afterSeconds), MAX_RETRY_AFTER_SECONDS),
    retryReason: outcome.reason === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
}
