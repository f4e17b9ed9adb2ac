// The port to Jira for requester matching, called as the app: the issue and its reporter, the reporter's email, JQL pages.
import { AppError } from '../../domain/errors';

/** An issue as matching sees it; `projectTypeKey` is 'service_desk' for Jira Service Management requests. */
export type RequestIssue = {
  id: string;
  key: string;
  summary: string;
  /** Where people open the issue: the site's /browse/<key> page. */
  url: string;
  projectKey: string;
  projectTypeKey: string;
  /** The reporter (for JSM, the customer who raised the request); null when the issue has none. */
  reporterAccountId: string | null;
  /** The reporter's name as Jira shows it, when the event or the issue gave it: proposed when no email is available. */
  reporterDisplayName?: string | null;
};

/** The issue's page on the site: the origin of any REST address Jira gave for it, then /browse/<key>. */
export function issueBrowseUrl(restAddress: string | undefined, key: string): string {
  if (restAddress !== undefined) {
    try {
      return `${new URL(restAddress).origin}/browse/${encodeURIComponent(key)}`;
    } catch {
      // an address that does not parse: fall back to a site-relative one
    }
  }
  return `/browse/${encodeURIComponent(key)}`;
}

export type IssueSearchPage = { issues: RequestIssue[]; nextPageToken: string | null };

/**
 * Why Jira gave no email for any account: the app is not approved for the email API (400), the call was refused
 * (401/403), or the API is switched off (503). A site-wide condition an admin should hear about, not a retry.
 */
export type EmailAccessProblem = { reason: 'not-approved' | 'refused' | 'disabled'; httpStatus: number };

/** The reporter's email, or null; `problem` says when no account's email can be read at all. */
export type EmailLookup = { email: string | null; problem: EmailAccessProblem | null };

export type RequestDirectory = {
  /** Fails with NOT_FOUND when the issue is gone or the app may not see it. */
  getIssue(issueIdOrKey: string): Promise<RequestIssue>;
  /** The account's email; null when the account is unknown or its email is not available to the app. */
  getEmail(accountId: string): Promise<EmailLookup>;
  /** One page of the issues a JQL query finds; pass the previous page's token for the next one (null: the first). */
  searchIssues(jql: string, nextPageToken: string | null): Promise<IssueSearchPage>;
};

/**
 * Jira could not answer now (rate limited, or a server error): the same call is expected to work later, so the work
 * is retried rather than recorded as failed.
 */
export class JiraUnavailableError extends AppError {
  constructor(
    message: string,
    /** Seconds Jira asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | null,
  ) {
    super('UPSTREAM', message);
    this.name = 'JiraUnavailableError';
  }
}

/** True for failures worth retrying later: Jira unavailable, or anything unexpected (a dropped connection, a store hiccup). */
export function isRetryable(error: unknown): boolean {
  return error instanceof JiraUnavailableError || !(error instanceof AppError);
}
