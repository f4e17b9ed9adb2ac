// What merges of contacts and companies share: the kept record takes the merged one's values where its own are empty.
import type { Store } from '../domain/ports';
import type { CustomValues, Id, RecordType } from '../domain/records';

/** Which record stays, which goes into it, and the versions of both that the user looked at. */
export type MergeCommand = { keepId: Id; mergeId: Id; versions: { keep: number; merge: number } };

/** The kept record's custom values, with the merged record's values added for fields the kept one leaves empty. */
export async function fillCustomValues(store: Store, entity: RecordType, kept: CustomValues, merged: CustomValues): Promise<CustomValues> {
  const missing = Object.keys(merged).filter((id) => !kept[id]);
  if (missing.length === 0) return kept;
  // A value of a field deleted in the meantime is left behind with the merged record.
  const live = new Set((await store.fields.list(entity)).map((f) => f.id));
  const filled: CustomValues = { ...kept };
  for (const id of missing) if (live.has(id) && merged[id]) filled[id] = merged[id];
  return filled;
}

/** `kept` where it has a value, else `merged`. */
export const fillText = (kept: string, merged: string): string => (kept.trim() !== '' ? kept : merged);
