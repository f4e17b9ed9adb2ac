// A backfill job: matching run over existing issues page by page, its progress kept in the Settings store after each page.
import { z } from 'zod';
import type { BackfillJobView, BackfillSummary } from '../../contracts/matching';
import type { Settings } from '../../domain/ports';
import type { MatchKind } from './match-request';

/** A message on the backfill queue: advance this job from its saved cursor. */
export type BackfillMessage = { jobId: string };

/** The port through which backfill work reaches a background worker (Forge queue, or in-process locally). */
export type BackfillQueue = { push(message: BackfillMessage): Promise<void> };

/** A consumer may run up to 900 s; stop well before, after a whole page, and hand the rest to the next delivery. */
export const BACKFILL_BUDGET_MS = 780_000;
/** Failed deliveries of one step retried before the job is marked failed (an admin can resume it). */
export const MAX_BACKFILL_RETRIES = 3;
/** A running job that saved no progress for this long is taken as stopped: it may be resumed or replaced. */
export const BACKFILL_STALE_MS = 20 * 60_000;

/** The job as stored: the view plus what only the worker needs. */
export type BackfillJob = BackfillJobView & {
  /** Jira's token for the next page; null before the first page. */
  cursor: string | null;
  /** The delivery currently working on the job; a newer delivery takes over and the older one stops. */
  runId: string | null;
};

const summarySchema = z.object({
  linked: z.number().int().min(0),
  suggested: z.number().int().min(0),
  noMatch: z.number().int().min(0),
  skipped: z.number().int().min(0),
  alreadySettled: z.number().int().min(0),
});

const jobSchema: z.ZodType<BackfillJob> = z.object({
  id: z.string(),
  jql: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  pagesDone: z.number().int().min(0),
  issuesSeen: z.number().int().min(0),
  summary: summarySchema,
  error: z.string().nullable(),
  startedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  cursor: z.string().nullable(),
  runId: z.string().nullable(),
});

const LATEST_KEY = 'backfill:latest';
const jobKey = (id: string) => `backfill:${id}`;

export const emptySummary = (): BackfillSummary => ({ linked: 0, suggested: 0, noMatch: 0, skipped: 0, alreadySettled: 0 });

const SUMMARY_FIELD: Record<MatchKind, keyof BackfillSummary> = {
  linked: 'linked',
  suggested: 'suggested',
  'no-match': 'noMatch',
  skipped: 'skipped',
  'already-settled': 'alreadySettled',
};

export function addToSummary(summary: BackfillSummary, kinds: readonly MatchKind[]): BackfillSummary {
  const next = { ...summary };
  for (const kind of kinds) next[SUMMARY_FIELD[kind]] += 1;
  return next;
}

/** The stored job; null when there is none, or what is stored under its key is not a job this version can read. */
export async function loadJob(settings: Settings, id: string): Promise<BackfillJob | null> {
  const parsed = jobSchema.safeParse(await settings.get<unknown>(jobKey(id)));
  return parsed.success ? parsed.data : null;
}

export async function saveJob(settings: Settings, job: BackfillJob): Promise<BackfillJob> {
  await settings.set(jobKey(job.id), job);
  return job;
}

export async function latestJob(settings: Settings): Promise<BackfillJob | null> {
  const id = z.string().safeParse(await settings.get<unknown>(LATEST_KEY));
  return id.success ? loadJob(settings, id.data) : null;
}

export async function markLatest(settings: Settings, id: string): Promise<void> {
  await settings.set(LATEST_KEY, id);
}

/** Queued or running, and not stale. */
export function isActive(job: BackfillJob, nowMs: number): boolean {
  return (job.status === 'queued' || job.status === 'running') && nowMs - Date.parse(job.updatedAt) < BACKFILL_STALE_MS;
}

export function jobView(job: BackfillJob): BackfillJobView {
  const { cursor: _cursor, runId: _runId, ...view } = job;
  return view;
}
