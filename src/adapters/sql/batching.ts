// Splits multi-row statements so each stays under the engine's parameter limit and Forge's 1 MiB request limit.

/** Forge SQL refuses requests over 1 MiB; leave room for the statement text and JSON framing. */
export const MAX_STATEMENT_BYTES = 800 * 1024;

export function approximateBytes(values: readonly unknown[]): number {
  let bytes = 0;
  for (const v of values) bytes += typeof v === 'string' ? v.length * 1.1 + 8 : 12;
  return bytes;
}

/** Groups rows so that each group has at most `maxParams` bound values and about `maxBytes` of data. */
export function batchRows<T>(rows: readonly T[], valuesOf: (row: T) => readonly unknown[], maxParams: number, maxBytes = MAX_STATEMENT_BYTES): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let params = 0;
  let bytes = 0;
  for (const row of rows) {
    const values = valuesOf(row);
    const size = approximateBytes(values);
    if (current.length > 0 && (params + values.length > maxParams || bytes + size > maxBytes)) {
      groups.push(current);
      current = [];
      params = 0;
      bytes = 0;
    }
    current.push(row);
    params += values.length;
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Splits a list of keys for `IN (...)` lookups. */
export function chunkKeys<T>(keys: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < keys.length; i += size) out.push(keys.slice(i, i + size));
  return out;
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
