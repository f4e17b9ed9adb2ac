// Follows an import job on the server: polls its status until it ends and estimates the time left from its pace.
import { useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../api-types';
import { call } from '../bridge';

export type ImportStatus = ApiResult<'import/status'>;
export type ImportJobStatus = ImportStatus['status'];

const POLL_MS = 1000;
// A job still receiving rows only moves while some tab uploads them; no need to ask as often.
const STAGING_POLL_MS = 5000;
const RETRY_MS = 5000;
// The pace is measured over this recent window, so a slow start does not skew the estimate for long.
const PACE_WINDOW_MS = 30_000;
const MIN_PACE_SPAN_MS = 2000;

const ENDED: ReadonlySet<ImportJobStatus> = new Set(['done', 'failed', 'undone']);

export function hasEnded(status: ImportJobStatus): boolean {
  return ENDED.has(status);
}

export type ImportWatch = {
  status: ImportStatus | null;
  /** Why the last poll failed; polling carries on. */
  error: string | null;
  /** Estimated seconds until the job ends, once its pace is known. */
  secondsLeft: number | null;
};

type Sample = { at: number; done: number };

/** Polls job `jobId` while `enabled`, until it has ended; `onEnded` hears the final status once. */
export function useImportStatus(jobId: string | null, enabled: boolean, onEnded?: (status: ImportStatus) => void): ImportWatch {
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const samples = useRef<Sample[]>([]);
  const endedRef = useRef(onEnded);
  endedRef.current = onEnded;

  useEffect(() => {
    setStatus(null);
    setError(null);
    setSecondsLeft(null);
    samples.current = [];
  }, [jobId]);

  useEffect(() => {
    if (jobId === null || !enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('import/status', { jobId });
        if (stopped) return;
        setStatus(next);
        setError(null);
        setSecondsLeft(estimate(samples.current, next));
        if (hasEnded(next.status)) {
          endedRef.current?.(next);
          return;
        }
        timer = setTimeout(() => void poll(), next.status === 'staging' ? STAGING_POLL_MS : POLL_MS);
      } catch (failure) {
        if (stopped) return;
        setError(failure instanceof Error ? failure.message : 'The import status could not be loaded.');
        timer = setTimeout(() => void poll(), RETRY_MS);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, enabled]);

  return { status, error, secondsLeft };
}

function estimate(samples: Sample[], status: ImportStatus): number | null {
  if (status.status !== 'running' || status.totalRows === 0) {
    samples.length = 0;
    return null;
  }
  const now = Date.now();
  samples.push({ at: now, done: status.rowsDone });
  while (samples.length > 2 && now - samples[0]!.at > PACE_WINDOW_MS) samples.shift();
  const first = samples[0]!;
  const span = now - first.at;
  const moved = status.rowsDone - first.done;
  if (span < MIN_PACE_SPAN_MS || moved <= 0) return null;
  return Math.max(0, ((status.totalRows - status.rowsDone) / moved) * (span / 1000));
}

/** "about 3 minutes left", as a person would say it. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 45) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'} left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''} left`;
}
