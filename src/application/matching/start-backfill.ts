// Starting, resuming and watching a backfill: one job at a time, handed to the queue, its progress read back for the page.
import { DEFAULT_BACKFILL_JQL, type BackfillJobView } from '../../contracts/matching';
import { AppError, invalid, notFound } from '../../domain/errors';
import type { Actor } from '../deps';
import { loadAppSettings } from '../settings';
import { emptySummary, isActive, jobView, latestJob, loadJob, markLatest, saveJob, type BackfillJob, type BackfillQueue } from './backfill-job';
import type { MatchDeps } from './match-request';
import type { RequestDirectory } from './request-directory';

/** The ports requester matching adds to the resolvers' dependencies. */
export type MatchingPorts = { requests: RequestDirectory; backfillQueue: BackfillQueue };

export type BackfillDeps = MatchDeps & MatchingPorts;

export type StartBackfillCommand = { jql?: string; resumeJobId?: string };

/** Requests of every service project, or of the projects auto-matching is limited to. */
export function defaultBackfillJql(projectKeys: readonly string[]): string {
  if (projectKeys.length === 0) return DEFAULT_BACKFILL_JQL;
  return `project in (${projectKeys.map((k) => `"${k}"`).join(', ')}) AND ${DEFAULT_BACKFILL_JQL}`;
}

export async function startBackfill(deps: BackfillDeps, actor: Actor, command: StartBackfillCommand): Promise<BackfillJobView> {
  const now = deps.clock();
  if (command.resumeJobId !== undefined) return resumeBackfill(deps, command.resumeJobId, now);

  const running = await latestJob(deps.settings);
  if (running !== null && isActive(running, now.getTime())) throw alreadyRunning(running);
  const jql = command.jql ?? defaultBackfillJql((await loadAppSettings(deps.settings)).autoMatch.projectKeys);
  const job: BackfillJob = {
    id: deps.ids(),
    jql,
    status: 'queued',
    pagesDone: 0,
    issuesSeen: 0,
    summary: emptySummary(),
    error: null,
    startedBy: actor.accountId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    finishedAt: null,
    cursor: null,
    runId: null,
  };
  await saveJob(deps.settings, job);
  await markLatest(deps.settings, job.id);
  await deps.backfillQueue.push({ jobId: job.id });
  return jobView(job);
}

/** Continues a failed (or stalled) job from the page it had reached: nothing done before is redone. */
async function resumeBackfill(deps: BackfillDeps, jobId: string, now: Date): Promise<BackfillJobView> {
  const job = await loadJob(deps.settings, jobId);
  if (job === null) throw notFound('Backfill job', jobId);
  if (job.status === 'done') throw invalid(`Backfill ${jobId} has finished; start a new one to match again.`, { field: 'resumeJobId' });
  if (isActive(job, now.getTime())) throw alreadyRunning(job);
  const latest = await latestJob(deps.settings);
  if (latest !== null && latest.id !== job.id && isActive(latest, now.getTime())) throw alreadyRunning(latest);
  const queued = await saveJob(deps.settings, { ...job, status: 'queued', error: null, runId: null, updatedAt: now.toISOString(), finishedAt: null });
  await markLatest(deps.settings, job.id);
  await deps.backfillQueue.push({ jobId: job.id });
  return jobView(queued);
}

function alreadyRunning(job: BackfillJob): AppError {
  return new AppError(
    'CONFLICT',
    `A backfill is already running (started ${job.createdAt} by ${job.startedBy}, ${job.issuesSeen} issues so far). Wait for it to finish before starting another.`,
    { jobId: job.id },
  );
}

/** The job asked for, or the latest one when none is named (null when there has never been one). */
export async function backfillStatus(deps: BackfillDeps, _actor: Actor, command: { jobId?: string }): Promise<BackfillJobView | null> {
  if (command.jobId === undefined) {
    const latest = await latestJob(deps.settings);
    return latest === null ? null : jobView(latest);
  }
  const job = await loadJob(deps.settings, command.jobId);
  if (job === null) throw notFound('Backfill job', command.jobId);
  return jobView(job);
}
