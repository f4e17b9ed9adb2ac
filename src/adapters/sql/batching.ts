// Splits multi-row statements and key lists so no statement grows with the data: each stays under the engine's
// parameter limit, a fixed number of items, and Forge's 1 MiB request limit measured in UTF-8 bytes.

/** Forge SQL refuses requests over 1 MiB (statement text and parameters, JSON-encoded). */
export const FORGE_REQUEST_BYTES = 1024 * 1024;
/** What one statement may carry: under Forge's request limit with room for the statement text and JSON framing. */
export const MAX_STATEMENT_BYTES = 800 * 1024;
/** Forge SQL refuses responses over 4 MiB; one read is sized to return at most half of that. */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
/** Items per `IN (...)` list or per list of row values: a fixed bound, whatever the size of the set. */
export const MAX_LIST_ITEMS = 10000;

// Characters JSON must escape (quote, backslash, control characters): a value with any of them is measured exactly.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;
/** Printable ASCII but the quote and backslash: one byte a character, written as it is. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** UTF-8 bytes of one bound value as a Forge SQL request carries it (JSON-encoded, with its comma). */
export function jsonValueBytes(v: unknown): number {
  if (typeof v === 'string') {
    if (PLAIN_ASCII.test(v)) return v.length + 3;
    const text = NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : v;
    return Buffer.byteLength(text, 'utf8') + 3;
  }
  if (v === null || v === undefined) return 5;
  return String(v).length + 1;
}

/** UTF-8 bytes one bound value adds to a request: its JSON encoding plus its `?, ` in the statement text. */
export function valueBytes(v: unknown): number {
  return jsonValueBytes(v) + 3;
}

/** UTF-8 bytes of a row's bound values in a request, including each value's placeholder and the row's `(...)`. */
export function statementBytes(values: readonly unknown[]): number {
  let bytes = 4;
  for (const v of values) bytes += valueBytes(v);
  return bytes;
}

/**
 * Groups rows so that each group has at most `maxParams` bound values and at most `maxBytes` of request (UTF-8 bytes
 * of the values, their placeholders and JSON framing). A single row over the limit travels alone.
 */
export function batchRows<T>(rows: readonly T[], valuesOf: (row: T) => readonly unknown[], maxParams: number, maxBytes = MAX_STATEMENT_BYTES): T[][] {
  return sizedBatches(rows, valuesOf, maxParams, maxBytes).map((b) => b.rows);
}

/** batchRows, with the JSON bytes of each group's bound values (the sum of jsonValueBytes over them). */
export function sizedBatches<T>(rows: readonly T[], valuesOf: (row: T) => readonly unknown[], maxParams: number, maxBytes = MAX_STATEMENT_BYTES): { rows: T[]; jsonBytes: number }[] {
  const groups: { rows: T[]; jsonBytes: number }[] = [];
  let current: T[] = [];
  let params = 0;
  let bytes = 0;
  let json = 0;
  for (const row of rows) {
    const values = valuesOf(row);
    const size = statementBytes(values);
    if (current.length > 0 && (params + values.length > maxParams || bytes + size > maxBytes)) {
      groups.push({ rows: current, jsonBytes: json });
      current = [];
      params = 0;
      bytes = 0;
      json = 0;
    }
    current.push(row);
    params += values.length;
    bytes += size;
    // statementBytes adds 4 for the row's parentheses and 3 for each value's placeholder.
    json += size - 4 - 3 * values.length;
  }
  if (current.length > 0) groups.push({ rows: current, jsonBytes: json });
  return groups;
}

/**
 * Parameter lists whose JSON bytes the batcher already summed: the statement counter reads them here instead of
 * sizing every value a second time. Keyed by the array itself, so a list nobody registered is sized as before.
 */
const sizedParameters = new WeakMap<readonly unknown[], number>();

/** The flattened parameters of a sized batch, registered with their JSON bytes. */
export function sizedParameterList(tuples: readonly (readonly unknown[])[], jsonBytes: number): unknown[] {
  // A plain loop: Array.prototype.flat took a third of the time an import spent building statements.
  let count = 0;
  for (const tuple of tuples) count += tuple.length;
  const parameters = new Array<unknown>(count);
  let at = 0;
  for (const tuple of tuples) for (const value of tuple) parameters[at++] = value;
  sizedParameters.set(parameters, jsonBytes);
  return parameters;
}

/** Sum of jsonValueBytes over `parameters`: registered by sizedParameterList, or measured now. */
export function parameterBytes(parameters: readonly unknown[]): number {
  const known = sizedParameters.get(parameters);
  if (known !== undefined) return known;
  let bytes = 0;
  for (const p of parameters) bytes += jsonValueBytes(p);
  return bytes;
}

/** Splits a list of keys for `IN (...)` lookups: at most `size` keys and MAX_STATEMENT_BYTES of them per list. */
export function chunkKeys<T>(keys: readonly T[], size: number = MAX_LIST_ITEMS, maxBytes = MAX_STATEMENT_BYTES): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  const limit = Math.min(size, MAX_LIST_ITEMS);
  for (const key of keys) {
    const b = valueBytes(key);
    if (current.length > 0 && (current.length >= limit || bytes + b > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(key);
    bytes += b;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
