// The messages between the page and the import worker that reads CSV files off the main thread.
import type { ParsedRow } from '../../../../src/import/parse';
import type { UploadRow } from './upload-rows';

/** How many data rows a scan keeps for the mapping screen and the preview (the preview resolver takes at most 20). */
export const SAMPLE_ROWS = 20;

export type WorkerCommand =
  /** Read the header and the first rows, then stop reading. */
  | { kind: 'scan'; file: File }
  /** Read the whole file and post its rows in batches; `headers` must match the scanned ones. */
  | { kind: 'stream'; file: File; headers: string[]; credits: number }
  /** The page finished with a batch: the worker may post one more. */
  | { kind: 'credit' };

export type FileScan = {
  headers: string[];
  /** The first data rows, including rows that could not be read (with their problem). */
  sample: ParsedRow[];
  /** Whole-file notes, such as an encoding that is not UTF-8. */
  warnings: string[];
  /** True when the sample is the whole file. */
  complete: boolean;
};

export type WorkerEvent =
  | { kind: 'scanned'; scan: FileScan }
  | { kind: 'batch'; rows: UploadRow[]; bytesRead: number; lastRow: number }
  | { kind: 'done'; totalRows: number; bytesRead: number }
  | { kind: 'failed'; message: string };
