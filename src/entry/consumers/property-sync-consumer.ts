// The property-sync queue's consumer: parse the event, rewrite each issue's customer property, and answer the
// platform: done, or deliver again later when Jira was busy (every write is idempotent, so a redelivery is harmless).
import { z } from 'zod';
import { syncIssueProperties } from '../../application/issue-properties';
import type { PropertyDeps } from '../../application/work-items';
import { ISSUE_ID_PATTERN } from '../../domain/work-items';
import { DONE, MAX_EVENT_RETRIES, type EventOutcome } from '../event-outcome';

const eventSchema = z.object({
  body: z.object({ issueIds: z.array(z.string().regex(ISSUE_ID_PATTERN)).min(1).max(100) }),
  retryContext: z.object({ retryCount: z.number().int().min(0).optional() }).optional(),
});

/** Waits before a redelivery: 30 s, then doubling (30, 60, 120, 240). */
const FIRST_RETRY_SECONDS = 30;

export function makePropertySyncConsumer(deps: () => PropertyDeps) {
  return async (event: unknown): Promise<EventOutcome> => {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      // A malformed event can never succeed: drop it instead of retrying it.
      console.error(JSON.stringify({ event: 'property-sync-bad-message' }));
      return DONE;
    }
    const { issueIds } = parsed.data.body;
    const retryCount = parsed.data.retryContext?.retryCount ?? 0;
    const result = await syncIssueProperties(deps(), issueIds);
    if (result.failed.length === 0) return DONE;
    const summary = { event: 'property-sync-incomplete', issues: issueIds.length, failed: result.failed.length, retryable: result.retryable.length, retryCount };
    if (result.retryable.length === 0 || retryCount >= MAX_EVENT_RETRIES) {
      // Refused for good (the app lacks permission, Jira rejects the value) or out of retries: the next link change
      // on these issues writes their property again.
      console.warn(JSON.stringify({ ...summary, retry: 0 }));
      return DONE;
    }
    console.warn(JSON.stringify({ ...summary, retry: 1 }));
    return { status: 'retry', afterSeconds: FIRST_RETRY_SECONDS * 2 ** retryCount, reason: 'failed' };
  };
}
