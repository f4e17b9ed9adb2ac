// Decoded text to CSV rows, streaming: records are cut at line ends outside quotes, papaparse splits them into cells.
import Papa from 'papaparse';
import { invalid } from '../domain/errors';
import { MAX_RAW_ROW_LENGTH } from '../domain/limits';
import { columnLetter } from './headers';
import type { RowIssue } from './types';

/** Row 0 is the header; line is the physical line (1-based) where the row starts. */
export type ParsedCells = { row: number; line: number; cells: string[] };
/** `raw` is the broken row's text as the file had it (kept for the error file), when it is not too long to keep. */
export type ParsedError = { row: number; line: number; error: RowIssue; raw?: string };
export type ParsedRow = ParsedCells | ParsedError;

export type ParseOptions = { delimiter?: string };

export const DETECTED_DELIMITERS = [',', ';', '\t'] as const;

/** A record longer than this is treated as broken (usually a quote that is never closed), which bounds memory. */
export const MAX_RECORD_LENGTH = 1_000_000;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** The delimiter of the first non-empty line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(sample: string): string {
  const line = sample.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of DETECTED_DELIMITERS) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function isParsedError(row: ParsedRow): row is ParsedError {
  return 'error' in row;
}

/**
 * CSV rows from a stream of text. Blank lines and rows whose cells are all empty are skipped. A broken row
 * (a quote never closed, a stray quote, an endless line) becomes an error row, and reading carries on after it.
 */
export async function* parseCsv(text: AsyncIterable<string>, options: ParseOptions = {}): AsyncGenerator<ParsedRow> {
  let reader: CsvReader | null = null;
  let head = '';
  for await (const chunk of text) {
    if (reader) {
      yield* reader.push(chunk);
      continue;
    }
    head += chunk;
    if (!options.delimiter && !hasCompleteLine(head) && head.length < MAX_RECORD_LENGTH) continue;
    reader = new CsvReader(options.delimiter || detectDelimiter(head));
    yield* reader.push(stripBom(head));
  }
  if (!reader) {
    if (head.trim() === '') return;
    reader = new CsvReader(options.delimiter || detectDelimiter(head));
    yield* reader.push(stripBom(head));
  }
  yield* reader.finish();
}

function hasCompleteLine(text: string): boolean {
  return /\S[^\r\n]*[\r\n]/.test(text);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function checkDelimiter(delimiter: string): string {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw invalid(`The delimiter must be one character other than a quote or a line break; "${delimiter}" is not usable.`);
  }
  return delimiter;
}

type Piece =
  | { kind: 'record'; text: string; line: number }
  | { kind: 'strayQuote'; line: number; quoteLine: number; field: number; text: string }
  | { kind: 'unclosed'; line: number; quoteLine: number; field: number; tooLong: boolean; resumeLine: number | null; text: string }
  | { kind: 'tooLong'; line: number };

type ProblemPiece = Exclude<Piece, { kind: 'record' }>;

/** Turns records into numbered rows: papaparse splits them into cells, and the header names columns in messages. */
class CsvReader {
  private readonly splitter: RecordSplitter;
  private next = 0;
  private header: string[] | null = null;

  constructor(private readonly delimiter: string) {
    this.splitter = new RecordSplitter(checkDelimiter(delimiter));
  }

  push(chunk: string): Generator<ParsedRow> {
    return this.take(this.splitter.push(chunk));
  }

  finish(): Generator<ParsedRow> {
    return this.take(this.splitter.finish());
  }

  private *take(pieces: Iterable<Piece>): Generator<ParsedRow> {
    let batch: { text: string; line: number }[] = [];
    for (const piece of pieces) {
      if (piece.kind === 'record') {
        batch.push(piece);
        continue;
      }
      yield* this.cells(batch);
      batch = [];
      yield this.problem(piece);
    }
    yield* this.cells(batch);
  }

  private *cells(batch: { text: string; line: number }[]): Generator<ParsedRow> {
    if (batch.length === 0) return;
    const split = splitCells(batch.map((r) => r.text), this.delimiter);
    for (let i = 0; i < batch.length; i++) {
      const { line, text } = batch[i]!;
      // papaparse and the splitter agree on well-formed records; should they not, each record is read alone.
      const cells = split ? split[i] : splitCells([text], this.delimiter)?.[0];
      if (!cells) {
        yield this.issue(line, `Line ${line} could not be read as CSV cells; check its quotes.`, undefined, text);
        continue;
      }
      if (cells.every((cell) => cell.trim() === '')) continue;
      if (this.next === 0) this.header = cells;
      yield { row: this.next++, line, cells };
    }
  }

  private problem(piece: ProblemPiece): ParsedError {
    switch (piece.kind) {
      case 'strayQuote': {
        const column = this.columnName(piece.field);
        return this.issue(
          piece.line,
          `Line ${piece.quoteLine}: a quoted cell has a quote inside it that is not doubled (column ${column.label}); write "" for a quote inside quotes.`,
          column.name,
          piece.text,
        );
      }
      case 'unclosed': {
        const column = this.columnName(piece.field);
        const what = piece.tooLong
          ? `a quoted cell runs on for more than ${MAX_RECORD_LENGTH.toLocaleString('en')} characters, so its closing quote is probably missing`
          : 'a quoted cell is never closed';
        const resumed = piece.resumeLine === null ? '' : ` Reading went on from line ${piece.resumeLine}.`;
        return this.issue(piece.line, `Line ${piece.quoteLine}: ${what} (column ${column.label}).${resumed}`, column.name, piece.text);
      }
      case 'tooLong':
        return this.issue(
          piece.line,
          `Line ${piece.line} is longer than ${MAX_RECORD_LENGTH.toLocaleString('en')} characters, so it was not read.`,
        );
    }
  }

  private issue(line: number, message: string, column?: string, raw?: string): ParsedError {
    const row = this.next++;
    const error: RowIssue = { row, line, message, severity: 'error' };
    if (column !== undefined) error.column = column;
    const parsed: ParsedError = { row, line, error };
    if (raw !== undefined) parsed.raw = raw.length > MAX_RAW_ROW_LENGTH ? raw.slice(0, MAX_RAW_ROW_LENGTH) : raw;
    return parsed;
  }

  private columnName(field: number): { label: string; name: string } {
    const header = this.header?.[field]?.trim();
    if (header) return { label: `"${header}"`, name: header };
    const letter = columnLetter(field);
    return { label: letter, name: letter };
  }
}

function splitCells(records: string[], delimiter: string): string[][] | null {
  // The trailing line end makes a closing quote at the end of the last record look like every other one.
  const result = Papa.parse<string[]>(records.join('\n') + '\n', {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  if (result.errors.length > 0 || result.data.length !== records.length + 1) return null;
  result.data.pop();
  return result.data;
}

type Mode =
  | 'fieldStart' // a quote here opens a quoted cell
  | 'unquoted' // quotes are literal
  | 'quoted'
  | 'quoteInQuoted' // a quote inside a quoted cell: "" is an escaped quote, anything else closes the cell
  | 'afterQuote' // a quoted cell has closed; only spaces may come before the delimiter or the line end
  | 'skipping'; // the rest of an over-long line is dropped

/**
 * Cuts text into records at line ends outside quoted cells (\n, \r\n or \r), counting physical lines. It keeps
 * only the unfinished record between chunks, so memory is bounded by the longest record, not by the file.
 */
class RecordSplitter {
  private mode: Mode = 'fieldStart';
  private parts: string[] = []; // the unfinished record's text from earlier chunks
  private partsLength = 0;
  private line = 1;
  private recordLine = 1;
  private field = 0;
  private lastWasCR = false;
  private quote = { line: 0, field: 0, offset: 0 }; // where the open quoted cell started
  private strayQuote: { field: number; line: number } | null = null; // the first one in the current record
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  *push(chunk: string): Generator<Piece> {
    yield* this.scan(chunk);
    while (this.partsLength > MAX_RECORD_LENGTH) {
      if (this.inQuotes()) {
        yield* this.recoverFromOpenQuote(true);
      } else {
        yield { kind: 'tooLong', line: this.recordLine };
        this.dropRecord();
        this.mode = 'skipping';
      }
    }
  }

  *finish(): Generator<Piece> {
    while (this.inQuotes()) yield* this.recoverFromOpenQuote(false);
    if (this.mode !== 'skipping') yield* this.emit(this.takeRecord(''));
    this.dropRecord();
  }

  private *scan(chunk: string): Generator<Piece> {
    const delimiter = this.delimiter;
    let start = 0;
    const length = chunk.length;
    scanning: for (let i = 0; i < length; i++) {
      let c = chunk.charCodeAt(i);
      // Runs of ordinary characters inside a cell change nothing; skipping them tightly is most of the speed.
      if (this.mode === 'unquoted' || this.mode === 'quoted') {
        const stop = this.mode === 'quoted' ? QUOTE : delimiter;
        if (c !== stop && c !== LF && c !== CR) {
          this.lastWasCR = false;
          do {
            if (++i === length) break scanning;
            c = chunk.charCodeAt(i);
          } while (c !== stop && c !== LF && c !== CR);
        }
      }
      if (c === LF || c === CR) {
        const newLine = c === CR || !this.lastWasCR;
        this.lastWasCR = c === CR;
        if (this.mode === 'quoted') {
          if (newLine) this.line++;
          continue;
        }
        if (newLine) {
          if (this.mode !== 'skipping') yield* this.emit(this.takeRecord(chunk.slice(start, i)));
          this.dropRecord();
          this.line++;
        }
        start = i + 1;
        this.recordLine = this.line;
        this.mode = 'fieldStart';
        this.field = 0;
        continue;
      }
      this.lastWasCR = false;
      switch (this.mode) {
        case 'unquoted':
          if (c === delimiter) this.nextField();
          break;
        case 'quoted':
          if (c === QUOTE) this.mode = 'quoteInQuoted';
          break;
        case 'fieldStart':
          if (c === delimiter) this.nextField();
          else if (c === QUOTE) this.openQuote(this.partsLength + i - start);
          else this.mode = 'unquoted';
          break;
        case 'quoteInQuoted':
          if (c === QUOTE) this.mode = 'quoted';
          else if (c === delimiter) this.nextField();
          else if (c === SPACE || c === TAB) this.mode = 'afterQuote';
          else this.markStrayQuote();
          break;
        case 'afterQuote':
          if (c === delimiter) this.nextField();
          else if (c !== SPACE && c !== TAB) this.markStrayQuote();
          break;
        case 'skipping':
          break;
      }
    }
    if (start < chunk.length && this.mode !== 'skipping') {
      this.parts.push(start === 0 ? chunk : chunk.slice(start));
      this.partsLength += chunk.length - start;
    }
  }

  private inQuotes(): boolean {
    return this.mode === 'quoted';
  }

  private nextField(): void {
    this.field++;
    this.mode = 'fieldStart';
  }

  private openQuote(offset: number): void {
    this.mode = 'quoted';
    this.quote = { line: this.line, field: this.field, offset };
  }

  private markStrayQuote(): void {
    this.strayQuote ??= { field: this.field, line: this.line };
    this.mode = 'unquoted';
  }

  /** Reports the open quote, then reads again from the line after the one where it opened. */
  private *recoverFromOpenQuote(tooLong: boolean): Generator<Piece> {
    const record = this.takeRecord('');
    const { line: quoteLine, field, offset } = this.quote;
    const lineEnd = record.slice(offset).search(/[\r\n]/);
    const rest = lineEnd < 0 ? '' : record.slice(offset + lineEnd);
    const resumeLine = rest.trim() === '' ? null : quoteLine + 1;
    const text = lineEnd < 0 ? record : record.slice(0, offset + lineEnd);
    yield { kind: 'unclosed', line: this.recordLine, quoteLine, field, tooLong, resumeLine, text };
    this.dropRecord();
    this.mode = 'fieldStart';
    this.field = 0;
    this.lastWasCR = false;
    this.line = quoteLine;
    // The rescan starts on the line end itself, which counts it, so the next record starts at quoteLine + 1.
    if (rest) yield* this.scan(rest);
  }

  private takeRecord(tail: string): string {
    if (this.parts.length === 0) return tail;
    this.parts.push(tail);
    return this.parts.join('');
  }

  private dropRecord(): void {
    this.parts = [];
    this.partsLength = 0;
    this.strayQuote = null;
  }

  private *emit(text: string): Generator<Piece> {
    if (text.length > MAX_RECORD_LENGTH) {
      yield { kind: 'tooLong', line: this.recordLine };
      return;
    }
    if (this.strayQuote) {
      yield { kind: 'strayQuote', line: this.recordLine, quoteLine: this.strayQuote.line, field: this.strayQuote.field, text };
      return;
    }
    if (text === '' || (text.charCodeAt(0) <= SPACE && text.trim() === '')) return;
    yield { kind: 'record', text, line: this.recordLine };
  }
}
