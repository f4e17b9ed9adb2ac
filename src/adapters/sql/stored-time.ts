// When a contact, company or membership was created (and a record last changed), stored in 8 bytes instead of 24.
//
// `~` and the milliseconds since 1970 in 7 digits of a 64-character alphabet in ASCII order (good to year 2109).
// Stored times compare as the times do, under the binary collation every engine here uses, and every one sorts after
// every ISO time (`~` after digits): rows written before keep their ISO times, which are older, so ordering by the
// column stays in time order across both. A time this form cannot hold exactly is stored as it came.
import { fromOrderedDigits, toOrderedDigits } from '../../domain/ordered-digits';

const WIDTH = 7;
const LIMIT = 64 ** WIDTH;
export const STORED_TIME_PREFIX = '~';

// A write stamps its rows with one time and a read's rows share a few: the last conversion each way is kept.
let lastIso = '';
let lastStored = '';
let lastRead = '';
let lastReadIso = '';

export function toStoredTime(iso: string): string {
  if (iso !== lastIso) {
    lastStored = encode(iso);
    lastIso = iso;
  }
  return lastStored;
}

export function fromStoredTime(stored: string): string {
  if (stored !== lastRead) {
    lastReadIso = decode(stored);
    lastRead = stored;
  }
  return lastReadIso;
}

function encode(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isInteger(ms) || ms < 0 || ms >= LIMIT || new Date(ms).toISOString() !== iso) return iso;
  return STORED_TIME_PREFIX + toOrderedDigits(ms, WIDTH);
}

function decode(stored: string): string {
  if (!stored.startsWith(STORED_TIME_PREFIX) || stored.length !== WIDTH + 1) return stored;
  const ms = fromOrderedDigits(stored.slice(1));
  return ms === null ? stored : new Date(ms).toISOString();
}
