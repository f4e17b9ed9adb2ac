// The PropertySync port on Forge async events: issue ids cut into events, events into pushes within Forge's limits.
import { Queue } from '@forge/events';
import type { PropertySync } from '../../application/work-items';

export const PROPERTY_SYNC_QUEUE_KEY = 'property-sync';
/** Issues per event: one property write each, so an event finishes well inside the consumer's 55 s. */
export const ISSUES_PER_EVENT = 25;
/** Forge accepts at most 50 events and 200 KB per push. */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;

export type PropertySyncEvent = { body: { issueIds: string[] } };

/** The pushes that carry every issue id once: each push within the event count and byte limits. */
export function planPushes(issueIds: readonly string[]): PropertySyncEvent[][] {
  const unique = [...new Set(issueIds)];
  const events: PropertySyncEvent[] = [];
  for (let i = 0; i < unique.length; i += ISSUES_PER_EVENT) events.push({ body: { issueIds: unique.slice(i, i + ISSUES_PER_EVENT) } });

  const pushes: PropertySyncEvent[][] = [];
  let current: PropertySyncEvent[] = [];
  for (const event of events) {
    const candidate = [...current, event];
    if (current.length > 0 && (candidate.length > MAX_EVENTS_PER_PUSH || Buffer.byteLength(JSON.stringify(candidate)) > MAX_PUSH_BYTES)) {
      pushes.push(current);
      current = [event];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) pushes.push(current);
  return pushes;
}

/** The part of @forge/events' Queue this adapter uses. */
export type EventQueue = { push(events: PropertySyncEvent[]): Promise<unknown> };

export function makeQueuePropertySync(queue: EventQueue): PropertySync {
  return {
    async enqueue(issueIds) {
      for (const push of planPushes(issueIds)) await queue.push(push);
    },
  };
}

export function makeForgePropertySync(): PropertySync {
  return makeQueuePropertySync(new Queue({ key: PROPERTY_SYNC_QUEUE_KEY }));
}
