// The local stand-in for the match-backfill queue: steps run one after another in this process, retried like on Forge.
import { MAX_BACKFILL_RETRIES, type BackfillMessage, type BackfillQueue } from '../../application/matching/backfill-job';

export type BackfillWorker = (message: BackfillMessage, retryCount: number) => Promise<void>;

export class InProcessBackfillQueue implements BackfillQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private worker: BackfillWorker | null = null;

  /** The consumer; set after the dependencies it needs exist (they include this queue). */
  setWorker(worker: BackfillWorker): void {
    this.worker = worker;
  }

  async push(message: BackfillMessage): Promise<void> {
    this.pending++;
    this.tail = this.tail.then(() => this.deliver(message)).finally(() => this.pending--);
  }

  private async deliver(message: BackfillMessage): Promise<void> {
    // Yield first, so the request that pushed the message answers before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 0; attempt <= MAX_BACKFILL_RETRIES; attempt++) {
      try {
        await this.worker?.(message, attempt);
        return;
      } catch (error) {
        if (attempt === MAX_BACKFILL_RETRIES) console.error(`Backfill ${message.jobId} failed: ${error instanceof Error ? error.name : typeof error}`);
      }
    }
  }

  /** Resolves when every pushed message (and the ones they pushed) has run. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
