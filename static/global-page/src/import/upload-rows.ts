// Parsed CSV rows to the rows 'import/rows' accepts, packed into batches under the per-call row count and size.
import type { ApiInput } from '../../../../src/contracts/api';
import { IMPORT_ROWS_PER_CALL, MAX_IMPORT_CELL_LENGTH, MAX_IMPORT_COLUMNS, MAX_IMPORT_TEXT_LENGTH } from '../../../../src/contracts/import';
import { columnLetter } from '../../../../src/import/headers';
import { isParsedError, type ParsedRow } from '../../../../src/import/parse';

export type UploadRow = ApiInput<'import/rows'>['rows'][number];

/**
 * Forge advises at most 200 KB per invoke. Rows are packed up to this many bytes of JSON; the rest of the request
 * (resolver key, job id, framing) fits in the margin.
 */
export const MAX_BATCH_BYTES = 190_000;

const encoder = new TextEncoder();

const clip = (text: string) => (text.length > MAX_IMPORT_TEXT_LENGTH ? `${text.slice(0, MAX_IMPORT_TEXT_LENGTH - 3)}...` : text);

/**
 * The row as the server takes it. A row the call schema would refuse (too many cells, an over-long cell, more text
 * than one call may carry) becomes an error row here, so it lands in the error file instead of failing the upload.
 */
export function toUploadRow(parsed: ParsedRow, headers: readonly string[]): UploadRow {
  if (isParsedError(parsed)) {
    const row: UploadRow = { row: parsed.row, line: parsed.line, error: clip(parsed.error.message) };
    if (parsed.error.column !== undefined) row.column = clip(parsed.error.column);
    if (parsed.raw !== undefined) row.raw = parsed.raw;
    return row;
  }
  const { row, line } = parsed;
  // Trailing separators after the last column add empty cells that carry nothing; the server ignores them too.
  const cells = parsed.cells.length > headers.length && parsed.cells.slice(headers.length).every((c) => c.trim() === '') ? parsed.cells.slice(0, headers.length) : parsed.cells;
  if (cells.length > MAX_IMPORT_COLUMNS) {
    return {
      row,
      line,
      error: `Row ${row} (line ${line}) has ${cells.length} cells but the header has ${headers.length}; check for a missing or extra separator or quote.`,
    };
  }
  const long = cells.findIndex((cell) => cell.length > MAX_IMPORT_CELL_LENGTH);
  if (long >= 0) {
    const column = headers[long]?.trim() || columnLetter(long);
    return {
      row,
      line,
      column: clip(column),
      error: clip(`Column "${column}" has ${cells[long]!.length.toLocaleString('en')} characters; a cell can have at most ${MAX_IMPORT_CELL_LENGTH.toLocaleString('en')}. Shorten it, or keep long text in a note.`),
    };
  }
  return { row, line, cells };
}

/** How many bytes the row adds to a call's JSON body (with the comma before it). */
export function rowBytes(row: UploadRow): number {
  return encoder.encode(JSON.stringify(row)).length + 1;
}

/** Collects rows and hands out a batch whenever the next row would take it past IMPORT_ROWS_PER_CALL or MAX_BATCH_BYTES. */
export class RowBatcher {
  private rows: UploadRow[] = [];
  private bytes = 0;

  /** Adds the row; returns the batch that was full before it, if any. */
  add(row: UploadRow): UploadRow[] | null {
    let size = rowBytes(row);
    if (size > MAX_BATCH_BYTES) {
      row = { row: row.row, line: row.line, error: `Row ${row.row} (line ${row.line}) holds more than ${Math.floor(MAX_BATCH_BYTES / 1000)} KB of text, more than one upload can carry. Shorten its longest cells, or keep long text in notes.` };
      size = rowBytes(row);
    }
    let full: UploadRow[] | null = null;
    if (this.rows.length >= IMPORT_ROWS_PER_CALL || this.bytes + size > MAX_BATCH_BYTES) full = this.take();
    this.rows.push(row);
    this.bytes += size;
    return full;
  }

  /** The rows collected so far, or null when there are none. */
  take(): UploadRow[] | null {
    if (this.rows.length === 0) return null;
    const batch = this.rows;
    this.rows = [];
    this.bytes = 0;
    return batch;
  }
}
