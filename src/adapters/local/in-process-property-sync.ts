// The local stand-in for the property-sync queue: each batch runs in this process right after the request answers.
import { maskEmailsIn } from '../../domain/mask';
import type { PropertySyncResult } from '../../application/issue-properties';
import type { PropertySync } from '../../application/work-items';

export type PropertySyncWorker = (issueIds: readonly string[]) => Promise<PropertySyncResult>;

export class InProcessPropertySync implements PropertySync {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Every batch handed over so far, in order; tests read it to see what a change queued. */
  readonly enqueued: string[][] = [];

  constructor(private readonly worker: PropertySyncWorker) {}

  async enqueue(issueIds: readonly string[]): Promise<void> {
    const batch = [...new Set(issueIds)];
    if (batch.length === 0) return;
    this.enqueued.push(batch);
    this.pending++;
    this.tail = this.tail.then(() => this.run(batch)).finally(() => this.pending--);
  }

  private async run(issueIds: string[]): Promise<void> {
    // Yield first, so the request that queued the batch answers before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const result = await this.worker(issueIds);
      if (result.failed.length > 0) console.warn(`Customer property of ${result.failed.length} issue(s) not written; the next change to them writes it.`);
    } catch (error) {
      console.error(`Property sync failed: ${maskEmailsIn(error instanceof Error ? error.message : String(error))}`);
    }
  }

  /** Resolves when every queued batch has run. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
