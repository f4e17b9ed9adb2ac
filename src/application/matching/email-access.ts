// Whether Jira gives the app requesters' emails at all: remembered when it does not, shown to admins in settings.
import { z } from 'zod';
import type { MatchNotices } from '../../contracts/matching';
import type { Settings } from '../../domain/ports';
import type { Actor, Deps } from '../deps';
import type { EmailAccessProblem } from './request-directory';

export const EMAIL_ACCESS_KEY = 'email-access';
/** A notice older than this is not shown: the problem has not been seen again, so it has likely been fixed. */
export const EMAIL_NOTICE_DAYS = 7;
/** The stored notice is rewritten at most this often, not on every request (Forge KVS counts every write). */
const REFRESH_MS = 60 * 60 * 1000;

const noticeSchema = z.object({
  reason: z.enum(['not-approved', 'refused', 'disabled']),
  httpStatus: z.number().int(),
  seenAt: z.string(),
});

export type EmailAccessNotice = z.infer<typeof noticeSchema>;

export async function noteEmailAccessProblem(deps: Pick<Deps, 'settings' | 'clock'>, problem: EmailAccessProblem): Promise<void> {
  const now = deps.clock();
  const stored = noticeSchema.safeParse(await deps.settings.get<unknown>(EMAIL_ACCESS_KEY));
  if (stored.success && stored.data.reason === problem.reason && now.getTime() - Date.parse(stored.data.seenAt) < REFRESH_MS) return;
  await deps.settings.set<EmailAccessNotice>(EMAIL_ACCESS_KEY, { ...problem, seenAt: now.toISOString() });
}

/** The problem seen within the last week, if any. */
export async function currentEmailAccessNotice(settings: Settings, now: Date): Promise<EmailAccessNotice | null> {
  const stored = noticeSchema.safeParse(await settings.get<unknown>(EMAIL_ACCESS_KEY));
  if (!stored.success) return null;
  return now.getTime() - Date.parse(stored.data.seenAt) <= EMAIL_NOTICE_DAYS * 86_400_000 ? stored.data : null;
}

/** `matches/notices` (admins): what the settings page shows about requester matching. */
export async function getMatchNotices(deps: Pick<Deps, 'settings' | 'clock'>, _actor: Actor): Promise<MatchNotices> {
  return { emailAccess: await currentEmailAccessNotice(deps.settings, deps.clock()) };
}
