// The import worker: reads a CSV file from disk as a stream, decodes and parses it with the same code the server
// uses, and posts the header, a sample, or every row in upload-sized batches, so a large file never blocks the page.
import '../zod-jitless';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_TEXT_LENGTH } from '../../../../src/contracts/import';
import { AppError } from '../../../../src/domain/errors';
import { decodeChunks } from '../../../../src/import/decode';
import { columnLetter } from '../../../../src/import/headers';
import { isParsedError, parseCsv, type ParsedRow } from '../../../../src/import/parse';
import { RowBatcher, toUploadRow } from './upload-rows';
import { SAMPLE_ROWS, type FileScan, type WorkerCommand, type WorkerEvent } from './worker-protocol';

// The page's TypeScript setup has the DOM library, not the worker one; these are the two members used here.
type WorkerScope = {
  postMessage(message: WorkerEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerCommand>) => void): void;
};
const scope = globalThis as unknown as WorkerScope;

/** A problem with the file itself; its message is shown to the user as it is. */
class FileProblem extends Error {}

let credits = 0;
let wake: (() => void) | null = null;

scope.addEventListener('message', (event) => {
  const command = event.data;
  switch (command.kind) {
    case 'scan':
      void run(() => scan(command.file));
      break;
    case 'stream':
      credits = command.credits;
      void run(() => stream(command.file, command.headers));
      break;
    case 'credit':
      credits++;
      wake?.();
      wake = null;
      break;
  }
});

async function run(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    // Errors from the shared pipeline (an unusable file, a bad delimiter) carry sentences meant for users.
    const message = error instanceof Error ? error.message : String(error);
    const meantForUsers = error instanceof FileProblem || error instanceof AppError;
    scope.postMessage({ kind: 'failed', message: meantForUsers ? message : `The file could not be read: ${message}` });
  }
}

/** The file's bytes as they come off the disk; `onRead` hears how many. Stopping early cancels the read. */
async function* fileBytes(file: File, onRead: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onRead(value.byteLength);
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function rowsOf(file: File, warnings: string[], onRead: (bytes: number) => void): AsyncGenerator<ParsedRow> {
  const text = decodeChunks(fileBytes(file, onRead), {
    onEncoding: (sniffed) => {
      if (sniffed.warning && !warnings.includes(sniffed.warning)) warnings.push(sniffed.warning);
    },
  });
  return parseCsv(text);
}

/** The header row, checked against what an import can take. */
async function readHeader(rows: AsyncGenerator<ParsedRow>): Promise<string[]> {
  const first = await rows.next();
  if (first.done) throw new FileProblem('The file is empty: it has no header row. Pick a CSV file whose first line names the columns.');
  if (isParsedError(first.value)) throw new FileProblem(`The header row cannot be read: ${first.value.error.message}`);
  const headers = first.value.cells;
  if (headers.length > MAX_IMPORT_COLUMNS) {
    throw new FileProblem(`The file has ${headers.length} columns; an import can take at most ${MAX_IMPORT_COLUMNS}. Remove the columns you do not need and pick the file again.`);
  }
  const long = headers.findIndex((h) => h.length > MAX_IMPORT_TEXT_LENGTH);
  if (long >= 0) throw new FileProblem(`The header of column ${columnLetter(long)} is longer than ${MAX_IMPORT_TEXT_LENGTH} characters. Shorten it and pick the file again.`);
  return headers;
}

async function scan(file: File): Promise<void> {
  const warnings: string[] = [];
  const rows = rowsOf(file, warnings, () => undefined);
  const headers = await readHeader(rows);
  const sample: ParsedRow[] = [];
  let complete = true;
  for await (const row of rows) {
    if (sample.length === SAMPLE_ROWS) {
      complete = false;
      break; // ends the generators, which cancels the read: the rest of the file is never loaded
    }
    sample.push(row);
  }
  const result: FileScan = { headers, sample, warnings, complete };
  scope.postMessage({ kind: 'scanned', scan: result });
}

async function takeCredit(): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
}

async function stream(file: File, expectedHeaders: string[]): Promise<void> {
  let bytesRead = 0;
  const rows = rowsOf(file, [], (bytes) => (bytesRead += bytes));
  const headers = await readHeader(rows);
  if (headers.length !== expectedHeaders.length || headers.some((h, i) => h !== expectedHeaders[i])) {
    throw new FileProblem('The file changed after it was checked (its header is different now). Pick it again to start over.');
  }
  const batcher = new RowBatcher();
  let lastRow = 0;
  const post = async (batch: ReturnType<RowBatcher['take']>) => {
    if (batch === null) return;
    await takeCredit();
    scope.postMessage({ kind: 'batch', rows: batch, bytesRead, lastRow: batch[batch.length - 1]!.row });
  };
  for await (const parsed of rows) {
    lastRow = parsed.row;
    await post(batcher.add(toUploadRow(parsed, headers)));
  }
  await post(batcher.take());
  scope.postMessage({ kind: 'done', totalRows: lastRow, bytesRead });
}
