// The local stand-in for Forge async events: messages run one after another in this process, with retries.
import type { ImportQueue, ImportQueueMessage } from '../../application/import/import-queue';
import { MAX_IMPORT_RETRIES } from '../../application/import/import-queue';
import { maskEmailsIn } from '../../domain/mask';

export type QueueWorker = (message: ImportQueueMessage, retryCount: number) => Promise<void>;

export class InProcessImportQueue implements ImportQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private worker: QueueWorker | null = null;

  /** The consumer; set after the dependencies it needs exist (they include this queue). */
  setWorker(worker: QueueWorker): void {
    this.worker = worker;
  }

  async push(message: ImportQueueMessage): Promise<void> {
    this.pending++;
    this.tail = this.tail.then(() => this.deliver(message)).finally(() => this.pending--);
  }

  private async deliver(message: ImportQueueMessage): Promise<void> {
    // Yield first, so the request that pushed the message answers before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 0; attempt <= MAX_IMPORT_RETRIES; attempt++) {
      try {
        await this.worker?.(message, attempt);
        return;
      } catch (error) {
        // Store errors can quote a contact's email ("A contact with the email ... already exists").
        if (attempt === MAX_IMPORT_RETRIES) console.error(`Import job ${message.jobId} failed: ${maskEmailsIn(error instanceof Error ? error.message : String(error))}`);
      }
    }
  }

  /** Resolves when every pushed message (and the ones they pushed) has run. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
