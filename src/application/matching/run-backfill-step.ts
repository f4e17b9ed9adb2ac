// One delivery of the backfill queue: match page after page from the saved cursor, saving after each, then queue the rest.
import { AppError } from '../../domain/errors';
import { resyncIssues } from '../issue-sync-hook';
import { loadAppSettings } from '../settings';
import { loadVisibility } from '../visibility-settings';
import { addToSummary, BACKFILL_BUDGET_MS, loadJob, MAX_BACKFILL_RETRIES, saveJob, type BackfillMessage } from './backfill-job';
import { matchRequest, type MatchKind } from './match-request';
import { isRetryable } from './request-directory';
import type { BackfillDeps } from './start-backfill';

export type BackfillStepOptions = { retryCount?: number; budgetMs?: number };

export const backfillSource = (jobId: string) => `backfill:${jobId}`;

/**
 * A crash anywhere loses at most the page in hand: the cursor and summary are saved only once a page is fully matched,
 * and matching a page again links nothing twice. Failures worth retrying are rethrown (up to MAX_BACKFILL_RETRIES) so
 * the queue delivers the step again; others, and the last retry, mark the job failed with a sentence saying how to resume.
 */
export async function runBackfillStep(deps: BackfillDeps, message: BackfillMessage, options: BackfillStepOptions = {}): Promise<void> {
  const retryCount = options.retryCount ?? 0;
  const deadline = deps.clock().getTime() + (options.budgetMs ?? BACKFILL_BUDGET_MS);
  const stored = await loadJob(deps.settings, message.jobId);
  if (stored === null || stored.status === 'done' || stored.status === 'failed') return;

  // This delivery takes the job over; an older delivery still running sees the new run id and stops at its next page.
  const runId = deps.ids();
  let job = await saveJob(deps.settings, { ...stored, status: 'running', runId, updatedAt: deps.clock().toISOString() });
  try {
    const { autoMatch } = await loadAppSettings(deps.settings);
    const { panelScope } = await loadVisibility(deps.settings);
    while (job.status === 'running') {
      const page = await deps.requests.searchIssues(job.jql, job.cursor);
      const previous = new Map((await deps.store.issueMatches.findMany(page.issues.map((i) => i.id))).map((m) => [m.issueId, m]));
      const kinds: MatchKind[] = [];
      const linkedIssues: string[] = [];
      for (const issue of page.issues) {
        const options = { source: backfillSource(job.id), previous: previous.get(issue.id) ?? null, settings: autoMatch, panelScope, deferPropertySync: true };
        const result = await matchRequest(deps, issue, options);
        kinds.push(result.kind);
        if (result.kind === 'linked') linkedIssues.push(issue.id);
      }
      await resyncIssues(deps, linkedIssues);
      const current = await loadJob(deps.settings, job.id);
      if (current === null || current.runId !== runId) return;
      const at = deps.clock().toISOString();
      const done = page.nextPageToken === null;
      job = await saveJob(deps.settings, {
        ...current,
        status: done ? 'done' : 'running',
        cursor: page.nextPageToken,
        pagesDone: current.pagesDone + 1,
        issuesSeen: current.issuesSeen + page.issues.length,
        summary: addToSummary(current.summary, kinds),
        error: null,
        updatedAt: at,
        finishedAt: done ? at : null,
        runId: done ? null : runId,
      });
      if (!done && deps.clock().getTime() >= deadline) {
        await deps.backfillQueue.push({ jobId: job.id });
        return;
      }
    }
  } catch (error) {
    const current = await loadJob(deps.settings, job.id);
    // Another delivery took the job over: its progress stands, and this one's failure is no longer the job's.
    if (current === null || current.runId !== runId) return;
    const at = deps.clock().toISOString();
    if (isRetryable(error) && retryCount < MAX_BACKFILL_RETRIES) {
      await saveJob(deps.settings, { ...current, error: `Paused after page ${current.pagesDone}: ${reasonOf(error)} It retries by itself.`, updatedAt: at });
      throw error;
    }
    const reason = `Stopped after page ${current.pagesDone}: ${reasonOf(error)} Resume the backfill to continue from there.`;
    await saveJob(deps.settings, { ...current, status: 'failed', error: reason, runId: null, updatedAt: at, finishedAt: at });
  }
}

/** A sentence for the admin: an app error's own message; for anything else only its kind (messages may quote data). */
function reasonOf(error: unknown): string {
  if (!(error instanceof AppError)) return `an unexpected error (${error instanceof Error ? error.name : typeof error}).`;
  const message = error.message.trim();
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
