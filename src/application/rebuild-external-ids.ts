// Fills the external-id lookup of every company, a page at a time: after the lookup is added to a store, or to repair it.
import type { Store } from '../domain/ports';

const PAGE = 2000;

/**
 * Runs until done or `deadlineMs` passes; returns the last company id done, to go on from, or null when all were.
 * `fieldId`: read the values from this field instead of the External ID field (one about to be renamed to it).
 */
export async function rebuildExternalIds(store: Store, clock: () => Date, after: string | null = null, deadlineMs = Infinity, fieldId?: string): Promise<string | null> {
  let cursor: string | null = after;
  do {
    cursor = await store.companies.rebuildExternalIds(cursor, PAGE, fieldId);
  } while (cursor !== null && clock().getTime() < deadlineMs);
  return cursor;
}
