// A fake Jira for requester matching: answers shaped like Jira's documented responses, read by the real client code.
import type { RequestDirectory } from '../../application/matching/request-directory';
import { makeJiraRequestDirectory, type JiraReply, type JiraSearchBody, type JiraTransport } from '../atlassian/rest-request-directory';
import { FAKE_SITE_URL as SITE } from './fake-work-items';
import { SAMPLE_ISSUES, SAMPLE_PROJECTS } from './sample-jira';

export type FakeProject = { id: string; key: string; name: string; projectTypeKey: 'service_desk' | 'software' | 'business' };
/** `email: null` is an account whose email Jira does not give the app. */
export type FakeUser = { accountId: string; displayName: string; email: string | null; accountType: 'atlassian' | 'customer' };
export type FakeIssue = { id: string; key: string; summary: string; projectKey: string; reporterAccountId: string | null };
export type FakeJiraData = { projects: FakeProject[]; users: FakeUser[]; issues: FakeIssue[] };

export type FakeCall = 'getIssue' | 'getEmail' | 'searchIssues';

export type FakeRequestDirectory = RequestDirectory & {
  /** How often each call was made. */
  readonly calls: Record<FakeCall, number>;
  /** After `skip` more successful calls of this kind, the next `times` calls answer `status` (503 unless told). */
  failNext(call: FakeCall, options?: { status?: number; skip?: number; times?: number; retryAfter?: number }): void;
};

export const HIDDEN_EMAIL_ACCOUNT = 'qm:sample-hidden-email';
const AGENT_ACCOUNT = '5b10a2844c20165700ede21g';

/** The local runner's Jira: the sample issues (SUP is a service project, ENG a software one) and their reporters. */
export function sampleJiraData(): FakeJiraData {
  const users = new Map<string, FakeUser>();
  users.set(AGENT_ACCOUNT, { accountId: AGENT_ACCOUNT, displayName: 'Local Agent', email: 'agent@your-company.example', accountType: 'atlassian' });
  users.set(HIDDEN_EMAIL_ACCOUNT, { accountId: HIDDEN_EMAIL_ACCOUNT, displayName: 'Private Customer', email: null, accountType: 'customer' });
  const issues = SAMPLE_ISSUES.map((issue): FakeIssue => {
    if (issue.reporterEmail === '') return { id: issue.id, key: issue.key, summary: issue.summary, projectKey: issue.projectKey, reporterAccountId: AGENT_ACCOUNT };
    const accountId = `qm:sample-${users.size}`;
    const known = [...users.values()].find((u) => u.email === issue.reporterEmail);
    if (known === undefined) users.set(accountId, { accountId, displayName: issue.reporterEmail, email: issue.reporterEmail, accountType: 'customer' });
    return { id: issue.id, key: issue.key, summary: issue.summary, projectKey: issue.projectKey, reporterAccountId: known?.accountId ?? accountId };
  });
  return {
    projects: SAMPLE_PROJECTS.map((p) => ({ ...p, projectTypeKey: p.key === 'SUP' ? 'service_desk' : 'software' })),
    users: [...users.values()],
    issues,
  };
}

const reply = (status: number, body: unknown, headers: Record<string, string> = {}): JiraReply => ({
  status,
  headers: { get: (name) => headers[name.toLowerCase()] ?? null },
  text: async () => JSON.stringify(body),
});

/**
 * JQL is not evaluated: the fake understands `projectType = "..."` and `project = KEY` / `project in (...)` clauses,
 * which is what the backfill sends, and returns matching issues in id order.
 */
function searchFor(data: FakeJiraData, jql: string): FakeIssue[] {
  const type = /projectType\s*=\s*"?([\w-]+)"?/i.exec(jql)?.[1];
  const projectList = /project\s+in\s*\(([^)]*)\)/i.exec(jql)?.[1] ?? /project\s*=\s*"?([A-Z][A-Z0-9_]*)"?/i.exec(jql)?.[1];
  const keys = projectList?.split(',').map((k) => k.trim().replace(/"/g, '').toUpperCase());
  return data.issues
    .filter((i) => type === undefined || data.projects.find((p) => p.key === i.projectKey)?.projectTypeKey === type)
    .filter((i) => keys === undefined || keys.includes(i.projectKey))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

export function makeFakeRequestDirectory(data: FakeJiraData = sampleJiraData(), options: { pageSize?: number } = {}): FakeRequestDirectory {
  const calls: Record<FakeCall, number> = { getIssue: 0, getEmail: 0, searchIssues: 0 };
  const failures: { call: FakeCall; status: number; skip: number; times: number; retryAfter?: number }[] = [];

  function injected(call: FakeCall): JiraReply | null {
    calls[call]++;
    const failure = failures.find((f) => f.call === call);
    if (failure === undefined) return null;
    if (failure.skip > 0) {
      failure.skip--;
      return null;
    }
    if (--failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
    const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
    return reply(failure.status, { errorMessages: ['Injected failure'] }, headers);
  }

  const issueBody = (issue: FakeIssue) => {
    const project = data.projects.find((p) => p.key === issue.projectKey);
    const reporter = data.users.find((u) => u.accountId === issue.reporterAccountId);
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${SITE}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      fields: {
        summary: issue.summary,
        project: project && {
          self: `${SITE}/rest/api/3/project/${project.id}`,
          id: project.id,
          key: project.key,
          name: project.name,
          projectTypeKey: project.projectTypeKey,
          simplified: false,
        },
        reporter: reporter
          ? { self: `${SITE}/rest/api/3/user?accountId=${reporter.accountId}`, accountId: reporter.accountId, displayName: reporter.displayName, active: true, accountType: reporter.accountType }
          : null,
      },
    };
  };

  const transport: JiraTransport = {
    async getIssue(idOrKey) {
      const failure = injected('getIssue');
      if (failure) return failure;
      const issue = data.issues.find((i) => i.id === idOrKey || i.key === idOrKey);
      if (issue === undefined) return reply(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      return reply(200, issueBody(issue));
    },
    async getUserEmail(accountId) {
      const failure = injected('getEmail');
      if (failure) return failure;
      const user = data.users.find((u) => u.accountId === accountId);
      if (user === undefined) return reply(404, { errorMessages: [`User with accountId '${accountId}' not found`] });
      // Documented answer: { accountId, email }; an account whose email the app may not have answers without it.
      return reply(200, user.email === null ? { accountId } : { accountId, email: user.email });
    },
    async searchJql(body: JiraSearchBody) {
      const failure = injected('searchIssues');
      if (failure) return failure;
      if (!/\S/.test(body.jql) || /\bORDER\s+BY\s*$/i.test(body.jql)) return reply(400, { errorMessages: ["Error in the JQL Query: Expecting a field name but got the end of the query."], errors: {} });
      const size = Math.min(options.pageSize ?? body.maxResults, body.maxResults);
      const offset = body.nextPageToken === undefined ? 0 : Number(body.nextPageToken.replace(/^page-/, ''));
      const found = searchFor(data, body.jql);
      const page = found.slice(offset, offset + size);
      const isLast = offset + size >= found.length;
      return reply(200, { issues: page.map(issueBody), ...(isLast ? {} : { nextPageToken: `page-${offset + size}` }), isLast });
    },
  };

  const directory = makeJiraRequestDirectory(transport);
  return {
    ...directory,
    calls,
    failNext(call, failure = {}) {
      failures.push({ call, status: failure.status ?? 503, skip: failure.skip ?? 0, times: failure.times ?? 1, retryAfter: failure.retryAfter });
    },
  };
}
