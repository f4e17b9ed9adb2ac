// The error file: the rejected rows with their original cells and an Error column, safe to open in a spreadsheet.

/** The column an error file adds after the original ones. */
export const ERROR_COLUMN = 'Error';

export type CsvLineOptions = { delimiter?: string };

// A cell needs the guard when it starts with a formula character, after any apostrophes: then the guard is added on
// the way out and exactly one apostrophe taken off on the way in, so "'=literal" and "'-5" survive a round trip.
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe. Numbers like -12.5 and phones like
 * +44 20 ... are caught too: telling a harmless number from "+1+cmd|' /C calc'!A0" is where escaping schemes
 * break, and an apostrophe on a number costs the user nothing in a file meant for fixing rows by hand. A value that
 * itself starts with apostrophes before such a character gets one more, so restoring it is exact.
 */
export function neutraliseFormula(cell: string): string {
  return NEEDS_GUARD.test(cell) ? `'${cell}` : cell;
}

/** Undoes neutraliseFormula exactly; other apostrophes ("'tis") are left alone. */
export function restoreNeutralised(cell: string): string {
  return cell.startsWith("'") && NEEDS_GUARD.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One RFC 4180 record with a CRLF line end; cells holding the delimiter, a quote or a line break are quoted. */
export function csvLine(cells: string[], delimiter = ','): string {
  return cells.map((cell) => quoteCell(cell, delimiter)).join(delimiter) + '\r\n';
}

export function errorFileHeader(headers: string[], options: CsvLineOptions = {}): string {
  return csvLine([...headers, ERROR_COLUMN].map(neutraliseFormula), options.delimiter);
}

/**
 * A rejected row: its original cells, then the message in the Error column. Short rows are padded to `width`
 * (the header's cell count) so the message lines up; extra cells of a ragged row follow the message.
 */
export function errorFileLine(cells: string[], message: string, options: CsvLineOptions & { width?: number } = {}): string {
  const width = options.width ?? cells.length;
  const original = cells.slice(0, width);
  while (original.length < width) original.push('');
  return csvLine([...original, message, ...cells.slice(width)].map(neutraliseFormula), options.delimiter);
}

function quoteCell(cell: string, delimiter: string): string {
  const needsQuotes = cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r');
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}
