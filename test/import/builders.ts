// Small builders for import tests: CSV text, encoded bytes, chunked streams and custom fields.
import type { CustomField, CustomFieldType, RecordType } from '../../src/domain/records';
import type { ParsedRow } from '../../src/import/parse';

export type CsvOptions = { delimiter?: string; newline?: string; quoteAll?: boolean };

/** CSV text from rows of cells, quoting only where needed unless quoteAll. */
export function csv(rows: string[][], options: CsvOptions = {}): string {
  const { delimiter = ',', newline = '\n', quoteAll = false } = options;
  return rows.map((cells) => cells.map((c) => quote(c, delimiter, quoteAll)).join(delimiter)).join(newline) + newline;
}

function quote(cell: string, delimiter: string, always: boolean): string {
  const needed = always || cell.includes('"') || cell.includes(delimiter) || /[\r\n]/.test(cell);
  return needed ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A header plus n generated contact rows. */
export function contactsCsv(n: number, options: CsvOptions = {}): string {
  const rows = [['Email', 'First Name', 'Last Name', 'Company', 'Notes']];
  for (let i = 1; i <= n; i++) rows.push([`person${i}@acme${i % 50}.com`, `First${i}`, `Last${i}`, `Acme ${i % 50}`, i % 10 === 0 ? `note, with comma ${i}` : '']);
  return csv(rows, options);
}

export function utf8(text: string, withBom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  return withBom ? concatBytes([Uint8Array.of(0xef, 0xbb, 0xbf), body]) : body;
}

export function utf16(text: string, order: 'le' | 'be', withBom = true): Uint8Array {
  const out = new Uint8Array(text.length * 2 + (withBom ? 2 : 0));
  let offset = 0;
  if (withBom) {
    out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
    offset = 2;
  }
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    out[offset + i * 2] = first;
    out[offset + i * 2 + 1] = second;
  }
  return out;
}

/** Latin-1 range text as single bytes, as Windows-1252 stores é (0xE9) and friends. */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Bytes or text delivered in pieces of `size`, as a file stream or fetch body would deliver them. */
export async function* chunked<T extends Uint8Array | string>(data: T, size: number): AsyncGenerator<T> {
  for (let i = 0; i < data.length; i += size) yield data.slice(i, i + size) as T;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The cells of parsed rows, with error rows shown as their message, for compact assertions. */
export function cellsOf(rows: ParsedRow[]): (string[] | string)[] {
  return rows.map((r) => ('cells' in r ? r.cells : r.error.message));
}

let fieldCounter = 0;
export function customField(name: string, overrides: { entity?: RecordType; type?: CustomFieldType; options?: string[]; id?: string } = {}): CustomField {
  fieldCounter++;
  return {
    id: overrides.id ?? `field-${fieldCounter}`,
    entity: overrides.entity ?? 'contact',
    name,
    nameKey: name.toLowerCase(),
    type: overrides.type ?? 'text',
    options: overrides.options ?? [],
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}
