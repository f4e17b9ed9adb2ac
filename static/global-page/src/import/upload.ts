// Uploads a file's rows into a started import job, retrying calls that failed on the way, then queues the job.
import { ApiCallError, call } from '../bridge';
import { streamRows, type StreamProgress } from './file-worker';
import type { UploadRow } from './upload-rows';

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1000;

// Staging keeps each row once, so sending a batch again after a lost answer is safe.
function isRetryable(error: unknown): boolean {
  if (error instanceof ApiCallError) return error.code === 'UPSTREAM' || error.code === 'INTERNAL';
  return !(error instanceof DOMException && error.name === 'AbortError');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendRows(jobId: string, rows: UploadRow[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call('import/rows', { jobId, rows });
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await wait(RETRY_DELAY_MS * 2 ** (attempt - 1));
    }
  }
}

/** Sends every row of `file` to job `jobId` and queues it for processing; resolves with the file's row count. */
export async function uploadAndQueue(jobId: string, file: File, headers: string[], onProgress: (progress: StreamProgress) => void, signal: AbortSignal): Promise<number> {
  const { totalRows } = await streamRows(file, headers, (rows) => sendRows(jobId, rows), onProgress, signal);
  await call('import/queue', { jobId, totalRows });
  return totalRows;
}
