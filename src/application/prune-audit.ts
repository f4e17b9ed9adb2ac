// Retention: deletes audit entries older than the configured number of days, a bounded batch at a time.
import type { Deps } from './deps';
import { loadAppSettings } from './settings';

/** Entries removed per statement pair (one SELECT of ids, one DELETE): well inside Forge SQL's per-query limits. */
export const AUDIT_PRUNE_BATCH = 1000;
/** A scheduled trigger has 55 s by default; stop early and leave the rest to tomorrow's run. */
export const AUDIT_PRUNE_BUDGET_MS = 40_000;

export type AuditPruned = { cutoff: string; deleted: number; complete: boolean };

/**
 * Safe to run twice or concurrently (scheduled triggers may fire twice): each batch deletes what is older than the
 * cutoff and still there, so a second run finds less or nothing.
 */
export async function pruneAudit(deps: Pick<Deps, 'store' | 'settings' | 'clock'>, budgetMs = AUDIT_PRUNE_BUDGET_MS): Promise<AuditPruned> {
  const { auditRetentionDays } = await loadAppSettings(deps.settings);
  const started = deps.clock().getTime();
  const cutoff = new Date(started - auditRetentionDays * 86_400_000).toISOString();
  let deleted = 0;
  for (;;) {
    const removed = await deps.store.audit.deleteOlderThan(cutoff, AUDIT_PRUNE_BATCH);
    deleted += removed;
    if (removed < AUDIT_PRUNE_BATCH) return { cutoff, deleted, complete: true };
    if (deps.clock().getTime() - started >= budgetMs) return { cutoff, deleted, complete: false };
  }
}
