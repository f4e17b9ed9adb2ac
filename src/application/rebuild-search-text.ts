// Fills the search text of every contact and company, a page at a time: after the search structure changes, or to repair it.
import type { Store } from '../domain/ports';

const PAGE = 2000;

export type RebuildCursor = { stage: 'contact' | 'company'; after: string | null };

/** Runs until done or `deadlineMs` passes; returns where to go on from, or null when every record was rewritten. */
export async function rebuildSearchText(store: Store, clock: () => Date, from: RebuildCursor = { stage: 'contact', after: null }, deadlineMs = Infinity): Promise<RebuildCursor | null> {
  let cursor: RebuildCursor | null = from;
  while (cursor && clock().getTime() < deadlineMs) {
    const stage: RebuildCursor['stage'] = cursor.stage;
    const after: string | null = cursor.after;
    const next: string | null = stage === 'contact' ? await store.contacts.rebuildSearchText(after, PAGE) : await store.companies.rebuildSearchText(after, PAGE);
    cursor = next !== null ? { stage, after: next } : stage === 'contact' ? { stage: 'company', after: null } : null;
  }
  return cursor;
}
