// Record ids: time-ordered text, random for new records and hashed from their source for retried imports.
//
// A compact id is 20 ordered base-64 digits (see ordered-digits.ts): 7 of milliseconds since 1970 (good to year 2109)
// and 13 (78 bits) of counter, random or hashed bits. Ids sort as they were made, under binary collation, and a
// millisecond's ids share a 7-character prefix, so an import job's records are one range of the primary key. Each id
// is in its record's row and in most of its indexes: 20 characters instead of a UUID's 36 saved about 160 bytes a
// contact. Rows and jobs made before keep their UUIDv7 ids (`uuid` format): they start with `0`, compact ids with a
// letter (`P` from August 2026 to October 2028), so the two never share a range and new ids still sort after old ones.
import { ORDERED_DIGITS, toOrderedDigits } from './ordered-digits';

export type IdFormat = 'compact' | 'uuid';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The format of the ids an import job makes: its own id's. A job begun before compact ids goes on making UUIDs, so a
 * job resumed across the upgrade writes the ids it wrote before, and its undo finds them in the range it used.
 */
export function idFormatOf(jobId: string): IdFormat {
  return UUID_SHAPE.test(jobId) ? 'uuid' : 'compact';
}

const TIME_DIGITS = 7;
const MAX_TIMESTAMP: Record<IdFormat, number> = { compact: 64 ** TIME_DIGITS - 1, uuid: 2 ** 48 - 1 };
const MAX_COUNTER = 0xfff; // 12 bits: two digits of a compact id, rand_a of a UUIDv7
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Monotonic state for newId; ids made in the same millisecond count up so they still sort in order.
let lastMs = -1;
let counter = 0;

/**
 * A new compact id. Ids from later calls sort after earlier ones: within one millisecond a 12-bit counter increases,
 * and when the clock steps back or the counter runs out the last timestamp is reused or advanced.
 */
export function newId(nowMs: number = Date.now()): string {
  checkTimestamp('compact', nowMs);
  const random = new Uint8Array(13);
  globalThis.crypto.getRandomValues(random);
  if (nowMs > lastMs) {
    lastMs = nowMs;
    // Start anywhere in the lower half so at least 2048 more ids fit in this millisecond.
    counter = ((random[0]! << 8) | random[1]!) & 0x7ff;
  } else if (counter < MAX_COUNTER) {
    counter += 1;
  } else {
    lastMs += 1;
    counter = 0;
  }
  let id = toOrderedDigits(lastMs, TIME_DIGITS) + toOrderedDigits(counter, 2);
  // 256 is a multiple of 64, so each random byte's low six bits are one uniform digit.
  for (let i = 2; i < 13; i++) id += ORDERED_DIGITS[random[i]! & 63];
  return id;
}

/** An id with the given timestamp whose other bits are a hash of the parts: same input, same id. */
export function deterministicId(format: IdFormat, timeMs: number, ...parts: string[]): string {
  checkTimestamp(format, timeMs);
  const input = joinParts(parts);
  const [a, b] = hash64(input, 0x9e3779b9);
  const [c, d] = hash64(input, 0x85ebca6b);
  if (format === 'compact') return toOrderedDigits(timeMs, TIME_DIGITS) + hashDigits(a, 5) + hashDigits(b, 5) + hashDigits(c, 3);
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, a);
  view.setUint32(4, b);
  view.setUint32(8, c);
  view.setUint32(12, d);
  return formatV7(bytes, timeMs, ((bytes[6]! << 8) | bytes[7]!) & MAX_COUNTER);
}

const MAX_SEQUENCE = 2 ** 34;

/**
 * An id with the given timestamp, then `sequence` (34 bits), then a hash of the parts: ids made with one timestamp sort
 * by sequence, so records written in sequence order are appended to their indexes (dense pages, no random page
 * splits), and the same input still gives the same id.
 */
export function sequencedId(format: IdFormat, timeMs: number, sequence: number, ...parts: string[]): string {
  checkTimestamp(format, timeMs);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= MAX_SEQUENCE) throw new RangeError(`A sequence is a whole number from 0 to 2^34 - 1; got ${sequence}.`);
  const [a, b] = hash64(joinParts(parts), 0x9e3779b9);
  // Compact: 6 digits of sequence (36 bits, the top two always 0) and 7 of hash (42 bits).
  if (format === 'compact') return toOrderedDigits(timeMs, TIME_DIGITS) + toOrderedDigits(sequence, 6) + hashDigits(a, 5) + hashDigits(b, 2);
  const bytes = new Uint8Array(16);
  const low22 = sequence % 2 ** 22;
  bytes[8] = (low22 >>> 16) & 0x3f;
  bytes[9] = (low22 >>> 8) & 0xff;
  bytes[10] = low22 & 0xff;
  bytes[11] = a & 0xff;
  new DataView(bytes.buffer).setUint32(12, b);
  return formatV7(bytes, timeMs, Math.floor(sequence / 2 ** 22) & MAX_COUNTER);
}

/**
 * A custom field's id, made from a new or derived record id: `f` and the id's last 8 characters (48 random or hashed
 * bits; of a UUID, its last 12 hex digits). Every record stores each of its values under its field's id, so each
 * character is paid once per value per record. Only fields need never sort or range by time; 48 bits keep a few
 * hundred fields apart.
 */
export function fieldIdFrom(id: string): string {
  return UUID_SHAPE.test(id) ? `f${id.slice(-12)}` : `f${id.slice(-8)}`;
}

/**
 * The ids of `format` whose timestamp is `timeMs`, as a half-open range [from, to) of their text: every id an import
 * job makes with deterministicId or sequencedId (job time, ...) lies in it, so the job's records are found by a range
 * of the primary key.
 */
export function idRangeOfMillisecond(format: IdFormat, timeMs: number): { from: string; to: string } {
  checkTimestamp(format, timeMs);
  const last = timeMs === MAX_TIMESTAMP[format];
  if (format === 'compact') return { from: toOrderedDigits(timeMs, TIME_DIGITS), to: last ? '{' : toOrderedDigits(timeMs + 1, TIME_DIGITS) };
  const prefix = (ms: number) => {
    const hex = ms.toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
  };
  return { from: prefix(timeMs), to: last ? 'g' : prefix(timeMs + 1) };
}

// Length prefixes keep ("ab", "c") and ("a", "bc") apart.
const joinParts = (parts: readonly string[]) => parts.map((p) => `${p.length}:${p}`).join('');

/** `count` (at most 5) digits from the low bits of a 32-bit hash lane. */
function hashDigits(lane: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += ORDERED_DIGITS[(lane >>> (6 * i)) & 63];
  return out;
}

function checkTimestamp(format: IdFormat, ms: number): void {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMESTAMP[format]) {
    throw new RangeError(`An id's timestamp must be a whole number of milliseconds from 0 to ${MAX_TIMESTAMP[format]}; got ${ms}.`);
  }
}

/** Writes timestamp, version, rand_a and variant over bytes 0-9 of `bytes`; bytes 8-15 supply rand_b. */
function formatV7(bytes: Uint8Array, ms: number, randA: number): string {
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (randA >>> 8);
  bytes[7] = randA & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** cyrb53 (bryc, public domain) keeping both 32-bit lanes: 64 well-mixed bits, pure and fast. */
function hash64(text: string, seed: number): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
