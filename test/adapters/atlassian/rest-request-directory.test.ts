// Reading Jira's answers for requester matching: recorded shapes in, the port's values (or retryable errors) out.
import { makeJiraRequestDirectory, type JiraReply, type JiraSearchBody, type JiraTransport } from '../../../src/adapters/atlassian/rest-request-directory';
import { JiraUnavailableError } from '../../../src/application/matching/request-directory';
import { AppError } from '../../../src/domain/errors';

// Shapes as Jira documents them: GET /rest/api/3/issue/{id}?fields=summary,project,reporter and GET /rest/api/3/user/email.
const recordedIssue = {
  expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
  id: '10073',
  self: 'https://example.atlassian.net/rest/api/3/issue/10073',
  key: 'SP-10',
  fields: {
    summary: 'Cannot log in to the portal',
    project: {
      self: 'https://example.atlassian.net/rest/api/3/project/10000',
      id: '10000',
      key: 'SP',
      name: 'Support',
      projectTypeKey: 'service_desk',
      simplified: false,
      avatarUrls: { '48x48': 'https://example.atlassian.net/secure/projectavatar?pid=10000&avatarId=10407' },
    },
    reporter: {
      self: 'https://example.atlassian.net/rest/api/3/user?accountId=qm%3Aa3f2b8c4',
      accountId: 'qm:a3f2b8c4-1d2e-4f5a-9b6c-7d8e9f0a1b2c:5f8d0e2a',
      displayName: 'Jane Customer',
      active: true,
      timeZone: 'Europe/London',
      accountType: 'customer',
    },
  },
};
const recordedEmail = { accountId: 'qm:a3f2b8c4-1d2e-4f5a-9b6c-7d8e9f0a1b2c:5f8d0e2a', email: 'jane@acme.com' };

type Answer = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };

function transportAnswering(answers: Partial<Record<'getIssue' | 'getUserEmail' | 'searchJql', Answer[]>>) {
  const searches: JiraSearchBody[] = [];
  const next = (call: keyof typeof answers): JiraReply => {
    const answer = answers[call]?.shift();
    if (answer === undefined) throw new Error(`No recorded answer left for ${call}`);
    return {
      status: answer.status,
      headers: { get: (name) => answer.headers?.[name.toLowerCase()] ?? null },
      text: async () => answer.raw ?? JSON.stringify(answer.body ?? {}),
    };
  };
  const transport: JiraTransport = {
    getIssue: async () => next('getIssue'),
    getUserEmail: async () => next('getUserEmail'),
    searchJql: async (body) => {
      searches.push(body);
      return next('searchJql');
    },
  };
  return { directory: makeJiraRequestDirectory(transport), searches };
}

describe('reading an issue', () => {
  it('reads project, type, reporter and the address of the issue', async () => {
    const { directory } = transportAnswering({ getIssue: [{ status: 200, body: recordedIssue }] });
    expect(await directory.getIssue('10073')).toEqual({
      id: '10073',
      key: 'SP-10',
      summary: 'Cannot log in to the portal',
      url: 'https://example.atlassian.net/browse/SP-10',
      projectKey: 'SP',
      projectTypeKey: 'service_desk',
      reporterAccountId: 'qm:a3f2b8c4-1d2e-4f5a-9b6c-7d8e9f0a1b2c:5f8d0e2a',
      reporterDisplayName: 'Jane Customer',
    });
  });

  it('reads an issue without a reporter', async () => {
    const { directory } = transportAnswering({ getIssue: [{ status: 200, body: { ...recordedIssue, fields: { ...recordedIssue.fields, reporter: null } } }] });
    expect((await directory.getIssue('10073')).reporterAccountId).toBeNull();
  });

  it('says NOT_FOUND for an issue that is gone', async () => {
    const { directory } = transportAnswering({ getIssue: [{ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] } }] });
    await expect(directory.getIssue('10073')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an answer of another shape, as a final error', async () => {
    const { directory } = transportAnswering({ getIssue: [{ status: 200, body: { id: '10073', key: 'SP-10', fields: {} } }] });
    const error = await directory.getIssue('10073').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(JiraUnavailableError);
  });
});

describe('reading a reporter email', () => {
  it('reads the documented { accountId, email } answer', async () => {
    const { directory } = transportAnswering({ getUserEmail: [{ status: 200, body: recordedEmail }] });
    expect(await directory.getEmail(recordedEmail.accountId)).toEqual({ email: 'jane@acme.com', problem: null });
  });

  it('reads an account without an email, or one Jira does not know, as no email rather than an error', async () => {
    const { directory } = transportAnswering({
      getUserEmail: [
        { status: 200, body: { accountId: recordedEmail.accountId } },
        { status: 200, body: { accountId: recordedEmail.accountId, email: '' } },
        { status: 404, body: { errorMessages: ["User with accountId 'x' not found"] } },
      ],
    });
    expect(await directory.getEmail('a')).toEqual({ email: null, problem: null });
    expect(await directory.getEmail('b')).toEqual({ email: null, problem: null });
    expect(await directory.getEmail('c')).toEqual({ email: null, problem: null });
  });

  it('turns a rate limit into a retryable error that carries Retry-After', async () => {
    const { directory } = transportAnswering({ getUserEmail: [{ status: 429, body: {}, headers: { 'retry-after': '17' } }] });
    const error = await directory.getEmail('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 17, code: 'UPSTREAM' });
  });

  it('treats server errors and gateway pages that are not JSON as passing outages', async () => {
    const { directory } = transportAnswering({ getUserEmail: [{ status: 502 }, { status: 200, raw: '<html>Bad gateway</html>' }] });
    await expect(directory.getEmail('a')).rejects.toBeInstanceOf(JiraUnavailableError);
    await expect(directory.getEmail('a')).rejects.toBeInstanceOf(JiraUnavailableError);
  });

  // GET /rest/api/3/user/email: "400 Returned if the calling app is not approved to use this API." · "401 Returned if
  // the authentication credentials are incorrect or missing from the request" · "404 Returned if a user with the given
  // accountId doesn't exist" · "503 Indicates the API is not currently enabled".
  it('reads 400, 401, 403 and 503 as "no email available", with the reason an admin should hear', async () => {
    const { directory } = transportAnswering({
      getUserEmail: [{ status: 400, body: {} }, { status: 401, body: {} }, { status: 403, body: {} }, { status: 503, body: {} }],
    });
    expect(await directory.getEmail('a')).toEqual({ email: null, problem: { reason: 'not-approved', httpStatus: 400 } });
    expect(await directory.getEmail('a')).toEqual({ email: null, problem: { reason: 'refused', httpStatus: 401 } });
    expect(await directory.getEmail('a')).toEqual({ email: null, problem: { reason: 'refused', httpStatus: 403 } });
    expect(await directory.getEmail('a')).toEqual({ email: null, problem: { reason: 'disabled', httpStatus: 503 } });
  });
});

describe('searching issues for a backfill', () => {
  it('asks for 100 issues with the fields matching needs, and passes the token on', async () => {
    const { directory, searches } = transportAnswering({
      searchJql: [
        { status: 200, body: { issues: [recordedIssue], nextPageToken: 'CAEaAggD', isLast: false } },
        { status: 200, body: { issues: [], isLast: true } },
      ],
    });
    const first = await directory.searchIssues('projectType = "service_desk"', null);
    expect(first).toMatchObject({ issues: [{ key: 'SP-10', projectTypeKey: 'service_desk' }], nextPageToken: 'CAEaAggD' });
    expect(await directory.searchIssues('projectType = "service_desk"', 'CAEaAggD')).toEqual({ issues: [], nextPageToken: null });
    expect(searches).toEqual([
      { jql: 'projectType = "service_desk"', maxResults: 100, fields: ['summary', 'project', 'reporter'] },
      { jql: 'projectType = "service_desk"', maxResults: 100, fields: ['summary', 'project', 'reporter'], nextPageToken: 'CAEaAggD' },
    ]);
  });

  it('reports a query Jira refuses with Jira’s own words, as a problem with the input', async () => {
    const { directory } = transportAnswering({
      searchJql: [{ status: 400, body: { errorMessages: ["Field 'projekt' does not exist or you do not have permission to view it."], errors: {} } }],
    });
    await expect(directory.searchIssues('projekt = SUP', null)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining("Field 'projekt' does not exist"),
    });
  });
});
