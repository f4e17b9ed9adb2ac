// Runs the import worker for the page: scans a picked file, or streams its rows to an uploader with back-pressure.
import type { UploadRow } from './upload-rows';
import type { FileScan, WorkerCommand, WorkerEvent } from './worker-protocol';

/** Batches uploaded at the same time; the worker parses ahead only as far as this allows, which bounds memory. */
export const UPLOAD_CONCURRENCY = 2;

export type StreamProgress = { bytesRead: number; rowsSent: number; lastRow: number };

function startWorker(): Worker {
  return new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'csv-import' });
}

function send(worker: Worker, command: WorkerCommand): void {
  worker.postMessage(command);
}

function workerFailure(event: ErrorEvent): Error {
  return new Error(`The file reader stopped unexpectedly${event.message ? ` (${event.message})` : ''}. Reload the page and try again.`);
}

/** The header, the first rows and any encoding warning of `file`, read without loading the rest of it. */
export function scanFile(file: File): Promise<FileScan> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
      const message = event.data;
      if (message.kind === 'scanned') resolve(message.scan);
      else if (message.kind === 'failed') reject(new Error(message.message));
      else return;
      worker.terminate();
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(workerFailure(event));
    };
    send(worker, { kind: 'scan', file });
  });
}

/**
 * Reads every row of `file` in the worker and hands each batch to `upload`, at most UPLOAD_CONCURRENCY at a time.
 * Resolves with the number of the last row (what 'import/queue' calls totalRows) once every batch is uploaded.
 */
export function streamRows(
  file: File,
  headers: string[],
  upload: (rows: UploadRow[]) => Promise<void>,
  onProgress: (progress: StreamProgress) => void,
  signal?: AbortSignal,
): Promise<{ totalRows: number }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let inFlight = 0;
    let rowsSent = 0;
    let finished: { totalRows: number } | null = null;
    let settled = false;

    const settle = (outcome: { ok: true } | { ok: false; error: unknown }) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      if (outcome.ok && finished) resolve(finished);
      else reject(outcome.ok ? new Error('The upload ended early.') : outcome.error);
    };
    const onAbort = () => settle({ ok: false, error: new DOMException('The upload was stopped.', 'AbortError') });
    signal?.addEventListener('abort', onAbort);

    worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
      const message = event.data;
      switch (message.kind) {
        case 'batch':
          inFlight++;
          upload(message.rows).then(
            () => {
              inFlight--;
              rowsSent += message.rows.length;
              if (settled) return;
              onProgress({ bytesRead: message.bytesRead, rowsSent, lastRow: message.lastRow });
              send(worker, { kind: 'credit' });
              if (finished && inFlight === 0) settle({ ok: true });
            },
            (error: unknown) => settle({ ok: false, error }),
          );
          break;
        case 'done':
          finished = { totalRows: message.totalRows };
          if (inFlight === 0) settle({ ok: true });
          break;
        case 'failed':
          settle({ ok: false, error: new Error(message.message) });
          break;
        case 'scanned':
          break;
      }
    };
    worker.onerror = (event) => settle({ ok: false, error: workerFailure(event) });
    send(worker, { kind: 'stream', file, headers, credits: UPLOAD_CONCURRENCY });
  });
}
