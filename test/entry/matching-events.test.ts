// The issue-created trigger and the backfill consumer as Forge calls them: payloads in, retries asked for when worth it.
import { DONE, outcomeOfFailure } from '../../src/entry/event-outcome';
import { makeBackfillConsumer } from '../../src/entry/consumers/backfill-consumer';
import { makeIssueCreatedHandler } from '../../src/entry/triggers/issue-created';
import { JiraUnavailableError } from '../../src/application/matching/request-directory';
import { startBackfill } from '../../src/application/matching/start-backfill';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { setMembership } from '../../src/application/set-membership';
import { AppError } from '../../src/domain/errors';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { aCustomer, aRequest, jiraWith } from '../support/fake-jira';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const ada = aCustomer('qm:ada', 'ada@acme.com');
const request = aRequest(ada);

/** The documented avi:jira:created:issue payload, trimmed to what matters here. */
function issueCreatedEvent(fields: Record<string, unknown> = {}) {
  return {
    eventType: 'avi:jira:created:issue',
    atlassianId: 'qm:ada',
    issue: {
      id: request.id,
      key: request.key,
      fields: {
        summary: request.summary,
        issuetype: { id: '10001', name: 'Service request', subtask: false },
        creator: { accountId: 'qm:ada' },
        created: '2026-02-01T09:58:12.797+0000',
        project: { self: 'https://customer-directory.example.atlassian.net/rest/api/2/project/10000', id: '10000', key: 'SUP', name: 'Customer Support', projectTypeKey: 'service_desk' },
        reporter: { accountId: 'qm:ada' },
        ...fields,
      },
    },
    associatedUsers: [{ accountId: 'qm:ada' }],
  };
}

let logged: jest.SpyInstance;
beforeEach(() => {
  logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => logged.mockRestore());

describe('the issue-created trigger', () => {
  let world: TestWorld;
  let deps: TestWorld['deps'];
  let onIssueCreated: ReturnType<typeof makeIssueCreatedHandler>;
  beforeEach(async () => {
    world = await openWorld(undefined, { jira: jiraWith([ada], [request]) });
    deps = world.deps;
    onIssueCreated = makeIssueCreatedHandler(() => deps);
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@acme.com' }));
    await setMembership(deps, admin, { contactId: contact.id, companyId: acme.id });
  });
  afterEach(async () => {
    await deps.propertySync.idle();
    await world.close();
  });

  const links = () => deps.store.links.forTarget('issue', request.id);

  it('matches the request the event names without reading the issue from Jira again', async () => {
    expect(await onIssueCreated(issueCreatedEvent())).toEqual(DONE);
    expect(deps.requests.calls).toEqual({ getIssue: 0, getEmail: 1, searchIssues: 0 });
    expect(await links()).toHaveLength(2);
    expect((await links())[0]?.url).toBe(`https://customer-directory.example.atlassian.net/browse/${request.key}`);
  });

  it('reads the issue from Jira when the event leaves out the project type or the reporter', async () => {
    const { reporter: _reporter, ...withoutReporter } = issueCreatedEvent().issue.fields;
    await onIssueCreated({ ...issueCreatedEvent(), issue: { ...issueCreatedEvent().issue, fields: withoutReporter } });
    expect(deps.requests.calls.getIssue).toBe(1);
    expect(await links()).toHaveLength(2);
  });

  it('links once when Forge delivers the event twice', async () => {
    await onIssueCreated(issueCreatedEvent());
    await onIssueCreated({ ...issueCreatedEvent(), retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } });
    expect(await links()).toHaveLength(2);
    expect((await deps.store.audit.list({ action: 'link', limit: 10 })).items).toHaveLength(2);
  });

  it('lets an event of another shape go without retrying it', async () => {
    expect(await onIssueCreated({ issue: { key: 'SUP-1' } })).toEqual(DONE);
    expect(await onIssueCreated('not an event')).toEqual(DONE);
    expect(deps.requests.calls.getEmail).toBe(0);
  });

  it('asks for a retry after the time Jira gives when it is rate limiting', async () => {
    deps.requests.failNext('getEmail', { status: 429, retryAfter: 20 });
    expect(await onIssueCreated(issueCreatedEvent())).toEqual({ status: 'retry', afterSeconds: 20, reason: 'rate-limited' });
    expect(await links()).toEqual([]);
  });

  it('logs a failure by issue and error kind, never with the requester’s email', async () => {
    deps.requests.failNext('getEmail', { status: 502 });
    await onIssueCreated(issueCreatedEvent());
    const lines = logged.mock.calls.map((args) => String(args[0]));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'issue-created-match-failed', issueId: request.id, error: 'JiraUnavailableError', retry: 1 });
    expect(lines[0]).not.toContain('ada@acme.com');
  });

  it('ends in one step for an issue the event says is not a JSM request: no settings read, no Jira call', async () => {
    let built = 0;
    const handler = makeIssueCreatedHandler(() => {
      built++;
      return deps;
    });
    const event = issueCreatedEvent();
    const software = { ...event, issue: { ...event.issue, fields: { ...event.issue.fields, project: { ...event.issue.fields.project, projectTypeKey: 'software' } } } };
    expect(await handler(software)).toEqual(DONE);
    expect(built).toBe(0);
    expect(deps.requests.calls).toEqual({ getIssue: 0, getEmail: 0, searchIssues: 0 });
    expect(await deps.store.issueMatches.find(request.id)).toBeNull();
  });

  it('does not retry an issue deleted before it could be read', async () => {
    const event = issueCreatedEvent({ project: null });
    expect(await onIssueCreated({ ...event, issue: { ...event.issue, id: '99999' } })).toEqual(DONE);
  });
});

describe('when an event is retried', () => {
  it('waits 30, 60, 120 and 240 s after unexpected failures, then gives up after the fourth retry', () => {
    const failure = new Error('connection reset');
    expect([0, 1, 2, 3, 4].map((n) => outcomeOfFailure(failure, n))).toEqual([
      { status: 'retry', afterSeconds: 30, reason: 'failed' },
      { status: 'retry', afterSeconds: 60, reason: 'failed' },
      { status: 'retry', afterSeconds: 120, reason: 'failed' },
      { status: 'retry', afterSeconds: 240, reason: 'failed' },
      DONE,
    ]);
  });

  it('never retries an app error a person must act on', () => {
    expect(outcomeOfFailure(new AppError('UPSTREAM', 'Jira refused the app access.'), 0)).toEqual(DONE);
    expect(outcomeOfFailure(new JiraUnavailableError('Busy', null), 0)).toEqual({ status: 'retry', afterSeconds: 30, reason: 'rate-limited' });
  });
});

describe('the backfill consumer', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(undefined, { jira: jiraWith([ada], [request]) });
  });
  afterEach(() => world.close());

  it('drops a malformed message instead of retrying it', async () => {
    const consume = makeBackfillConsumer(() => world.deps);
    expect(await consume({ body: { job: 'x' } })).toEqual(DONE);
  });

  it('runs the job named by the message, and asks for a retry while Jira is busy', async () => {
    const recording = { ...world.deps, backfillQueue: { push: async () => undefined } };
    const consume = makeBackfillConsumer(() => recording);
    const job = await startBackfill(recording, admin, {});
    world.deps.requests.failNext('searchIssues', { status: 503 });
    expect(await consume({ body: { jobId: job.id }, queueName: 'match-backfill', jobId: 'forge-job', eventId: 'e1' })).toMatchObject({ status: 'retry', reason: 'rate-limited' });
    expect(await consume({ body: { jobId: job.id }, queueName: 'match-backfill', jobId: 'forge-job', eventId: 'e1', retryContext: { retryCount: 1 } })).toEqual(DONE);
    expect(await world.deps.store.issueMatches.find(request.id)).toMatchObject({ status: 'suggest-create-both' });
  });

  it('does not retry a JQL query Jira refuses: the failure is permanent', async () => {
    const recording = { ...world.deps, backfillQueue: { push: async () => undefined } };
    const consume = makeBackfillConsumer(() => recording);
    const job = await startBackfill(recording, admin, {});
    world.deps.requests.failNext('searchIssues', { status: 400 });
    expect(await consume({ body: { jobId: job.id } })).toEqual(DONE);
    expect(world.deps.requests.calls.searchIssues).toBe(1);
    expect(await world.deps.store.issueMatches.find(request.id)).toBeNull();
  });

  it('a duplicate delivery of a finished job changes nothing and is done', async () => {
    const recording = { ...world.deps, backfillQueue: { push: async () => undefined } };
    const consume = makeBackfillConsumer(() => recording);
    const job = await startBackfill(recording, admin, {});
    expect(await consume({ body: { jobId: job.id } })).toEqual(DONE);
    const first = await world.deps.store.issueMatches.find(request.id);
    const searches = world.deps.requests.calls.searchIssues;
    expect(await consume({ body: { jobId: job.id } })).toEqual(DONE);
    expect(await world.deps.store.issueMatches.find(request.id)).toEqual(first);
    expect(world.deps.requests.calls.searchIssues).toBe(searches);
  });
});
