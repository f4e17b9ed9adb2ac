// The avi:jira:created:issue trigger: read the event, match the new request's reporter, ask for a retry if Jira was busy.
import { z } from 'zod';
import { matchRequest, TRIGGER_SOURCE, type MatchDeps } from '../../application/matching/match-request';
import { issueBrowseUrl, type RequestIssue } from '../../application/matching/request-directory';
import { SERVICE_DESK_PROJECT_TYPE } from '../../domain/requester-match';
import { DONE, logEventFailure, outcomeOfFailure, type EventOutcome } from '../event-outcome';

// The parts of the event the app reads (developer.atlassian.com, Jira events: "Issue created"); the rest is ignored.
const issueCreatedSchema = z.object({
  issue: z.object({
    id: z.string().regex(/^\d{1,18}$/),
    key: z.string().min(1).max(255),
    self: z.string().optional(),
    fields: z
      .object({
        summary: z.string().nullish(),
        project: z.object({ key: z.string().min(1), projectTypeKey: z.string().min(1).optional(), self: z.string().optional() }).nullish(),
        reporter: z.object({ accountId: z.string().min(1), displayName: z.string().optional() }).nullable().optional(),
      })
      .optional(),
  }),
  retryContext: z.object({ retryCount: z.number().int().min(0).optional() }).optional(),
});

type IssueCreated = z.infer<typeof issueCreatedSchema>;

/**
 * The event names project type and reporter for most issues; when it does not, the issue is read once from Jira.
 * A reporter left out is not the same as none, so only an explicit null counts as "no reporter".
 */
export function requestFromEvent(event: IssueCreated): RequestIssue | null {
  const { issue } = event;
  const project = issue.fields?.project;
  const reporter = issue.fields?.reporter;
  if (!project?.projectTypeKey || reporter === undefined) return null;
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.fields?.summary ?? '',
    url: issueBrowseUrl(issue.self ?? project.self, issue.key),
    projectKey: project.key,
    projectTypeKey: project.projectTypeKey,
    reporterAccountId: reporter?.accountId ?? null,
    reporterDisplayName: reporter?.displayName ?? null,
  };
}

export function makeIssueCreatedHandler(deps: () => MatchDeps) {
  return async (payload: unknown): Promise<EventOutcome> => {
    const event = issueCreatedSchema.safeParse(payload);
    if (!event.success) {
      // An event of another shape can never succeed: log that it came (without its content) and let it go.
      console.error(JSON.stringify({ event: 'issue-created-unreadable', problems: event.error.issues.slice(0, 5).map((i) => i.path.join('.')) }));
      return DONE;
    }
    // An issue the event says is not a JSM request ends here: no settings read, no Jira call, no store.
    const projectType = event.data.issue.fields?.project?.projectTypeKey;
    if (projectType !== undefined && projectType !== SERVICE_DESK_PROJECT_TYPE) return DONE;
    const retryCount = event.data.retryContext?.retryCount ?? 0;
    const ports = deps();
    try {
      const issue = requestFromEvent(event.data) ?? (await ports.requests.getIssue(event.data.issue.id));
      await matchRequest(ports, issue, { source: TRIGGER_SOURCE });
      return DONE;
    } catch (error) {
      const outcome = outcomeOfFailure(error, retryCount);
      logEventFailure('issue-created-match-failed', error, { issueId: event.data.issue.id, retryCount, retry: outcome.status === 'retry' ? 1 : 0 });
      return outcome;
    }
  };
}
