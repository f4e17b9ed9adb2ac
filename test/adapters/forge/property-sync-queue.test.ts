// The property-sync queue on Forge: issue ids cut into events and pushes that stay within Forge's push limits.
import {
  ISSUES_PER_EVENT,
  makeQueuePropertySync,
  MAX_EVENTS_PER_PUSH,
  MAX_PUSH_BYTES,
  planPushes,
  type PropertySyncEvent,
} from '../../../src/adapters/forge/property-sync-queue';

const ids = (count: number) => Array.from({ length: count }, (_, n) => String(10_000 + n));

describe('property-sync pushes', () => {
  it('carries every issue once, a bounded number per event', () => {
    const pushes = planPushes([...ids(3000), ...ids(10)]);
    const carried = pushes.flat().flatMap((e) => e.body.issueIds);
    expect(carried).toEqual(ids(3000));
    expect(Math.max(...pushes.flat().map((e) => e.body.issueIds.length))).toBe(ISSUES_PER_EVENT);
  });

  it('keeps each push within 50 events and 200 KB', () => {
    const pushes = planPushes(ids(5000));
    expect(pushes.map((p) => p.length)).toEqual([50, 50, 50, 50]);
    for (const push of pushes) {
      expect(push.length).toBeLessThanOrEqual(MAX_EVENTS_PER_PUSH);
      expect(Buffer.byteLength(JSON.stringify(push))).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    }
  });

  it('pushes nothing for no issues', () => {
    expect(planPushes([])).toEqual([]);
  });

  it('hands each planned push to the queue in turn', async () => {
    const pushed: PropertySyncEvent[][] = [];
    await makeQueuePropertySync({ push: async (events) => pushed.push(events) }).enqueue(ids(1300));
    expect(pushed.map((p) => p.length)).toEqual([50, 2]);
  });
});
