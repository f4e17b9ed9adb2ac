// Record ids: time-ordered UUIDv7 strings, random for new records and hashed from their source for retried imports.

const MAX_TIMESTAMP = 2 ** 48 - 1; // UUIDv7 holds milliseconds in 48 bits
const MAX_COUNTER = 0xfff; // the 12 rand_a bits
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Monotonic state for newId; ids made in the same millisecond count up in rand_a so they still sort in order.
let lastMs = -1;
let counter = 0;

/**
 * A new UUIDv7. Ids from later calls sort after earlier ones: within one millisecond a counter in rand_a
 * increases, and when the clock steps back or the counter runs out the last timestamp is reused or advanced.
 */
export function newId(nowMs: number = Date.now()): string {
  checkTimestamp(nowMs);
  const random = new Uint8Array(10);
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
  const bytes = new Uint8Array(16);
  bytes.set(random.subarray(2), 8);
  return formatV7(bytes, lastMs, counter);
}

/** A UUIDv7 with the given timestamp whose other 74 bits are a hash of the parts: same input, same id. */
export function deterministicId(timeMs: number, ...parts: string[]): string {
  checkTimestamp(timeMs);
  // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
  const input = parts.map((p) => `${p.length}:${p}`).join('');
  const [a, b] = hash64(input, 0x9e3779b9);
  const [c, d] = hash64(input, 0x85ebca6b);
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, a);
  view.setUint32(4, b);
  view.setUint32(8, c);
  view.setUint32(12, d);
  return formatV7(bytes, timeMs, ((bytes[6]! << 8) | bytes[7]!) & MAX_COUNTER);
}

/**
 * A UUIDv7 with the given timestamp whose next 34 bits are `sequence` and whose last 40 bits are a hash of the parts:
 * ids made with one timestamp sort by sequence, so records written in sequence order are appended to their indexes
 * (dense pages, no random page splits), and the same input still gives the same id.
 */
export function sequencedId(timeMs: number, sequence: number, ...parts: string[]): string {
  checkTimestamp(timeMs);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= 2 ** 34) throw new RangeError(`A sequence is a whole number from 0 to 2^34 - 1; got ${sequence}.`);
  const input = parts.map((p) => `${p.length}:${p}`).join('');
  const [a, b] = hash64(input, 0x9e3779b9);
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
 * A custom field's id, made from a new or derived record id: `f` and the id's last 12 hex digits (its random or hashed
 * part). Every record stores its values under their field's id, so a UUID's 36 characters were paid on each value.
 * Only fields need never sort or range by time; 48 bits keep a few hundred fields apart.
 */
export function fieldIdFrom(id: string): string {
  return `f${id.replace(/-/g, '').slice(-12)}`;
}

/**
 * The ids whose UUIDv7 timestamp is `timeMs`, as a half-open range [from, to) of their text: every id an import job
 * makes with deterministicId(job time, ...) lies in it, so the job's records are found by a range of the primary key.
 */
export function idRangeOfMillisecond(timeMs: number): { from: string; to: string } {
  checkTimestamp(timeMs);
  const prefix = (ms: number) => {
    const hex = ms.toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
  };
  return { from: prefix(timeMs), to: timeMs === MAX_TIMESTAMP ? 'g' : prefix(timeMs + 1) };
}

function checkTimestamp(ms: number): void {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMESTAMP) {
    throw new RangeError(`A UUIDv7 timestamp must be a whole number of milliseconds from 0 to ${MAX_TIMESTAMP}; got ${ms}.`);
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
