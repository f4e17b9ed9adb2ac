// The property-sync queue's consumer: parse the event, rewrite each issue's customer property, retry what failed.
import { z } from 'zod';
import { syncIssueProperties } from '../../application/issue-properties';
import type { PropertyDeps } from '../../application/work-items';
import { ISSUE_ID_PATTERN } from '../../domain/work-items';
import type { QueueEvent } from './import-consumer';

const messageSchema = z.object({ issueIds: z.array(z.string().regex(ISSUE_ID_PATTERN)).min(1).max(100) });

export function makePropertySyncConsumer(deps: () => PropertyDeps) {
  return async (event: QueueEvent): Promise<void> => {
    const message = messageSchema.safeParse(event.body);
    if (!message.success) {
      // A malformed event can never succeed: drop it instead of retrying it.
      console.error(JSON.stringify({ event: 'property-sync-bad-message' }));
      return;
    }
    const result = await syncIssueProperties(deps(), message.data.issueIds);
    // Throwing hands the event back to the platform, which delivers it again later; every write is idempotent.
    if (result.failed.length > 0) {
      throw new Error(`Could not write the customer property of ${result.failed.length} of ${message.data.issueIds.length} issues; the event will be retried.`);
    }
  };
}
