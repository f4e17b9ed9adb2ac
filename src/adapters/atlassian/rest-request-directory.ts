// The RequestDirectory over Jira's REST API as the app, independent of how requests are sent: Forge's asApp() or a fake.
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import {
  issueBrowseUrl,
  JiraUnavailableError,
  type EmailAccessProblem,
  type IssueSearchPage,
  type RequestDirectory,
  type RequestIssue,
} from '../../application/matching/request-directory';

/** What the client reads of an HTTP answer (a subset of the fetch Response that @forge/api returns). */
export type JiraReply = { status: number; headers: { get(name: string): string | null }; text(): Promise<string> };

export type JiraSearchBody = { jql: string; nextPageToken?: string; maxResults: number; fields: string[] };

/** The three calls, each sent as the app. */
export type JiraTransport = {
  /** GET /rest/api/3/issue/{issueIdOrKey}?fields=... */
  getIssue(issueIdOrKey: string, fields: readonly string[]): Promise<JiraReply>;
  /** GET /rest/api/3/user/email?accountId=... (scope read:email-address:jira; apps only) */
  getUserEmail(accountId: string): Promise<JiraReply>;
  /** POST /rest/api/3/search/jql (the enhanced search, paged by nextPageToken) */
  searchJql(body: JiraSearchBody): Promise<JiraReply>;
};

export const REQUEST_ISSUE_FIELDS = ['summary', 'project', 'reporter'] as const;
/** The enhanced search returns at most 100 issues a page when fields are asked for. */
export const SEARCH_PAGE_SIZE = 100;

// The parts of Jira's answers the app relies on; anything else in them is ignored.
const issueSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  self: z.string().optional(),
  fields: z.object({
    summary: z.string().nullish(),
    project: z.object({ key: z.string().min(1), projectTypeKey: z.string().min(1), self: z.string().optional() }),
    reporter: z.object({ accountId: z.string().min(1), displayName: z.string().optional() }).nullish(),
  }),
});

const emailSchema = z.object({ accountId: z.string().optional(), email: z.string().nullish() });

const searchSchema = z.object({
  issues: z.array(issueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

const errorBodySchema = z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() });

type JiraIssueBody = z.infer<typeof issueSchema>;

export function toRequestIssue(body: JiraIssueBody): RequestIssue {
  return {
    id: body.id,
    key: body.key,
    summary: body.fields.summary ?? '',
    url: issueBrowseUrl(body.self ?? body.fields.project.self, body.key),
    projectKey: body.fields.project.key,
    projectTypeKey: body.fields.project.projectTypeKey,
    reporterAccountId: body.fields.reporter?.accountId ?? null,
    reporterDisplayName: body.fields.reporter?.displayName ?? null,
  };
}

function retryAfterSeconds(reply: JiraReply): number | null {
  const raw = reply.headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Rate limits and server errors pass; the same call is retried later. */
function isTransient(status: number): boolean {
  return status === 429 || status >= 500;
}

async function bodyOf(reply: JiraReply, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await reply.text();
  } catch {
    throw new JiraUnavailableError(`The answer from Jira about ${what} was cut off; it is tried again.`, null);
  }
  try {
    return JSON.parse(text);
  } catch {
    // Gateways answer with HTML pages when Jira is overloaded: treat it like any other passing outage.
    throw new JiraUnavailableError(`Jira answered about ${what} with something that is not JSON; it is tried again.`, null);
  }
}

function checked<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('UPSTREAM', `Jira answered about ${what} in an unexpected shape; report this if it persists.`);
  return parsed.data;
}

function failure(reply: JiraReply, what: string): AppError {
  if (isTransient(reply.status)) {
    return new JiraUnavailableError(`Jira could not answer about ${what} now (HTTP ${reply.status}); it is tried again.`, retryAfterSeconds(reply));
  }
  if (reply.status === 401 || reply.status === 403) {
    return new AppError('UPSTREAM', `Jira refused the app access to ${what} (HTTP ${reply.status}); check that the app is installed with its permissions.`);
  }
  return new AppError('UPSTREAM', `Jira did not answer about ${what} (HTTP ${reply.status}).`);
}

async function jiraMessages(reply: JiraReply): Promise<string> {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(await reply.text()));
    if (!parsed.success) return '';
    return [...(parsed.data.errorMessages ?? []), ...Object.values(parsed.data.errors ?? {})].join(' ');
  } catch {
    return '';
  }
}

/**
 * GET /rest/api/3/user/email documents 400 "Returned if the calling app is not approved to use this API.", 401 for
 * missing credentials and 503 "Indicates the API is not currently enabled": no email for anyone, so matching carries on
 * without one instead of retrying. (Its 503 is not an outage; other endpoints' 5xx are.)
 */
function emailAccessProblem(status: number): EmailAccessProblem | null {
  if (status === 400) return { reason: 'not-approved', httpStatus: status };
  if (status === 401 || status === 403) return { reason: 'refused', httpStatus: status };
  if (status === 503) return { reason: 'disabled', httpStatus: status };
  return null;
}

export function makeJiraRequestDirectory(transport: JiraTransport): RequestDirectory {
  return {
    async getIssue(issueIdOrKey) {
      const what = `issue ${issueIdOrKey}`;
      const reply = await transport.getIssue(issueIdOrKey, REQUEST_ISSUE_FIELDS);
      if (reply.status === 404) throw new AppError('NOT_FOUND', `Issue ${issueIdOrKey} does not exist, or the app may not see it.`);
      if (reply.status !== 200) throw failure(reply, what);
      return toRequestIssue(checked(issueSchema, await bodyOf(reply, what), what));
    },

    async getEmail(accountId) {
      const what = "a reporter's email";
      const reply = await transport.getUserEmail(accountId);
      // An account Jira does not know, or whose email it does not give the app, is simply a reporter without an email.
      if (reply.status === 404) return { email: null, problem: null };
      const problem = emailAccessProblem(reply.status);
      if (problem !== null) return { email: null, problem };
      if (reply.status !== 200) throw failure(reply, what);
      const body = checked(emailSchema, await bodyOf(reply, what), what);
      const email = body.email?.trim() ?? '';
      return { email: email === '' ? null : email, problem: null };
    },

    async searchIssues(jql, nextPageToken): Promise<IssueSearchPage> {
      const what = 'the issues to match';
      const reply = await transport.searchJql({
        jql,
        maxResults: SEARCH_PAGE_SIZE,
        fields: [...REQUEST_ISSUE_FIELDS],
        ...(nextPageToken === null ? {} : { nextPageToken }),
      });
      if (reply.status === 400) {
        const messages = await jiraMessages(reply);
        throw new AppError('INVALID_INPUT', `Jira refused the JQL query${messages ? `: ${messages}` : ''}. Correct the query and start the backfill again.`);
      }
      if (reply.status !== 200) throw failure(reply, what);
      const body = checked(searchSchema, await bodyOf(reply, what), what);
      const last = body.isLast === true || !body.nextPageToken;
      return { issues: body.issues.map(toRequestIssue), nextPageToken: last ? null : (body.nextPageToken ?? null) };
    },
  };
}
