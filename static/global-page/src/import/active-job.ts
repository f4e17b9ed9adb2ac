// Remembers the import this browser started, so its progress shows again after the page was left and opened again.
import { z } from 'zod';

const activeJobSchema = z.object({
  jobId: z.string(),
  dryRun: z.boolean(),
  fileName: z.string(),
  fileSize: z.number(),
  fileModified: z.number(),
  headers: z.array(z.string()),
});

/** The started job and enough about its file to recognise the same file when an interrupted upload is resumed. */
export type ActiveJob = z.infer<typeof activeJobSchema>;

const key = (accountId: string) => `customer-directory.import.${accountId}`;

export function rememberJob(accountId: string, job: ActiveJob): void {
  try {
    window.localStorage.setItem(key(accountId), JSON.stringify(job));
  } catch {
    // Storage blocked: progress still shows in this page, and the import list finds running jobs on the next visit.
  }
}

export function rememberedJob(accountId: string): ActiveJob | null {
  try {
    const stored = window.localStorage.getItem(key(accountId));
    if (stored === null) return null;
    const parsed = activeJobSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetJob(accountId: string, jobId: string): void {
  try {
    if (rememberedJob(accountId)?.jobId === jobId) window.localStorage.removeItem(key(accountId));
  } catch {
    // nothing stored, nothing to forget
  }
}

export function isSameFile(job: ActiveJob, file: File): boolean {
  return job.fileName === file.name && job.fileSize === file.size && job.fileModified === file.lastModified;
}
