// What a process has read of the `actors` table (see actor-refs.ts), shared by every store over one engine.

/** How long a process trusts what it read of `actors`: an account closed elsewhere shows as closed within this. */
export const ACTOR_CACHE_MS = 5 * 60_000;

export type Entry = { actor: string; seenAt: string; readAt: number };

/**
 * What this process has read of `actors`, shared by every store over one engine. Only what is durable is kept: a
 * row read or written inside a command's transaction is kept once that transaction has committed.
 */
export class ActorCache {
  private readonly byRef = new Map<string, Entry>();

  get(ref: string, now: number): Entry | undefined {
    const entry = this.byRef.get(ref);
    if (entry && now - entry.readAt <= ACTOR_CACHE_MS) return entry;
    if (entry) this.byRef.delete(ref);
    return undefined;
  }

  set(ref: string, entry: Entry): void {
    this.byRef.set(ref, entry);
  }

  /** After a transaction rolled back: what was read or written in it may be gone. */
  clear(): void {
    this.byRef.clear();
  }

  /** After an account is replaced everywhere (closed), what this process knew of it. */
  forgetActor(actor: string): void {
    for (const [ref, entry] of this.byRef) if (entry.actor === actor) this.byRef.delete(ref);
  }
}
