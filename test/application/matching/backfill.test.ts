// Matching existing issues in the background: pages, progress, one job at a time, crashes and resuming, running twice.
import type { FakeIssue } from '../../../src/adapters/local/fake-request-directory';
import { createCompany } from '../../../src/application/create-company';
import { createContact } from '../../../src/application/create-contact';
import { MAX_BACKFILL_RETRIES, type BackfillMessage } from '../../../src/application/matching/backfill-job';
import { runBackfillStep } from '../../../src/application/matching/run-backfill-step';
import { backfillStatus, startBackfill } from '../../../src/application/matching/start-backfill';
import { setMembership } from '../../../src/application/set-membership';
import { updateSettings } from '../../../src/application/settings';
import type { BackfillJobView } from '../../../src/contracts/matching';
import { companyInputSchema, contactInputSchema } from '../../../src/domain/schemas';
import { aCustomer, aRequest, ENGINEERING, jiraWith } from '../../support/fake-jira';
import { admin, openWorld, type TestWorld } from '../../support/use-case-deps';

const known = [1, 2, 3, 4].map((n) => aCustomer(`qm:known-${n}`, `known.person${'abcd'[n - 1]}@acme.com`));
const newcomer = aCustomer('qm:newcomer', 'new.comer@acme.com');
const stranger = aCustomer('qm:stranger', 'someone@initech.com');
const hidden = aCustomer('qm:hidden', null);

// Seven service requests (four linked, two suggested, one without email) and two software issues.
const serviceRequests: FakeIssue[] = [...known.map((c) => aRequest(c)), aRequest(newcomer), aRequest(stranger), aRequest(hidden)];
const softwareIssues: FakeIssue[] = [aRequest(known[0]!, { projectKey: ENGINEERING.key }), aRequest(null, { projectKey: ENGINEERING.key })];
const jira = jiraWith([...known, newcomer, stranger, hidden], [...serviceRequests, ...softwareIssues]);

const PAGE_SIZE = 3;

describe('backfill', () => {
  let world: TestWorld;
  let deps: TestWorld['deps'];
  beforeEach(async () => {
    world = await openWorld(undefined, { jira, jiraPageSize: PAGE_SIZE });
    deps = world.deps;
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    for (const customer of known) {
      const contact = await createContact(deps, admin, contactInputSchema.parse({ email: customer.email }));
      await setMembership(deps, admin, { contactId: contact.id, companyId: acme.id });
    }
  });
  afterEach(async () => {
    await deps.backfillQueue.idle();
    await deps.propertySync.idle();
    await world.close();
  });

  async function runToEnd(command: { jql?: string; resumeJobId?: string } = {}): Promise<BackfillJobView> {
    const started = await startBackfill(deps, admin, command);
    await deps.backfillQueue.idle();
    const job = await backfillStatus(deps, admin, { jobId: started.id });
    if (job === null) throw new Error('The job is gone');
    return job;
  }
  const linkCount = async () => {
    let n = 0;
    for (const issue of [...serviceRequests, ...softwareIssues]) n += (await deps.store.links.forTarget('issue', issue.id)).length;
    return n;
  };

  it('has no status before the first backfill', async () => {
    expect(await backfillStatus(deps, admin, {})).toBeNull();
  });

  it('matches every service request page by page and sums up the outcomes', async () => {
    const job = await runToEnd();
    expect(job).toMatchObject({
      jql: 'projectType = "service_desk" ORDER BY created ASC',
      status: 'done',
      pagesDone: 3,
      issuesSeen: 7,
      summary: { linked: 4, suggested: 3, noMatch: 0, skipped: 0, alreadySettled: 0 },
      error: null,
      startedBy: 'local-admin',
    });
    expect(job.finishedAt).not.toBeNull();
    expect(await linkCount()).toBe(8);
    expect(await backfillStatus(deps, admin, {})).toEqual(job);
  });

  it('counts issues outside service projects as skipped when the JQL finds them', async () => {
    const job = await runToEnd({ jql: 'project in (SUP, ENG) ORDER BY created ASC' });
    expect(job).toMatchObject({ issuesSeen: 9, summary: { linked: 4, suggested: 3, noMatch: 0, skipped: 2 } });
  });

  it('limits the default query to the projects auto-matching is limited to', async () => {
    await updateSettings(deps, admin, { autoMatch: { autoLink: true, extraFreeMailDomains: [], projectKeys: ['SUP', 'OPS'] } });
    const job = await runToEnd();
    expect(job.jql).toBe('project in ("SUP", "OPS") AND projectType = "service_desk" ORDER BY created ASC');
    expect(job.summary.linked).toBe(4);
  });

  it('links nothing twice when run twice: what the first run linked counts as already settled', async () => {
    await runToEnd();
    const links = await linkCount();
    const audited = (await deps.store.audit.list({ action: 'link', limit: 100 })).items.length;
    const second = await runToEnd();
    expect(second.summary).toEqual({ linked: 0, suggested: 3, noMatch: 0, skipped: 0, alreadySettled: 4 });
    expect(await linkCount()).toBe(links);
    expect((await deps.store.audit.list({ action: 'link', limit: 100 })).items).toHaveLength(audited);
  });

  it('gets over Jira being busy on page 2 by itself, counting every issue once', async () => {
    deps.requests.failNext('searchIssues', { skip: 1, status: 503 });
    const job = await runToEnd();
    expect(job).toMatchObject({ status: 'done', pagesDone: 3, issuesSeen: 7, error: null, summary: { linked: 4, suggested: 3, noMatch: 0 } });
    expect(deps.requests.calls.searchIssues).toBe(4);
  });

  it('keeps the pages done when it stops mid-page, and resumes from there without linking or counting twice', async () => {
    // Page 2 holds known 4, the newcomer and the stranger: its second email look-up fails on every delivery.
    deps.requests.failNext('getEmail', { skip: PAGE_SIZE + 1, status: 502, times: MAX_BACKFILL_RETRIES + 1 });
    const stopped = await runToEnd();
    expect(stopped).toMatchObject({ status: 'failed', pagesDone: 1, issuesSeen: 3, summary: { linked: 3, suggested: 0, noMatch: 0 } });
    expect(stopped.error).toMatch(/^Stopped after page 1: .*Resume the backfill to continue from there\.$/);
    // Known 4, first on page 2, was linked before the failure; matching page 2 again must not link it twice.
    expect(await linkCount()).toBe(8);

    const emailsBefore = deps.requests.calls.getEmail;
    const resumed = await runToEnd({ resumeJobId: stopped.id });
    expect(resumed).toMatchObject({ id: stopped.id, status: 'done', pagesDone: 3, issuesSeen: 7, error: null });
    expect(resumed.summary).toEqual({ linked: 4, suggested: 3, noMatch: 0, skipped: 0, alreadySettled: 0 });
    expect(await linkCount()).toBe(8);
    expect((await deps.store.audit.list({ action: 'link', limit: 100 })).items).toHaveLength(8);
    // Only pages 2 and 3 were matched again: three emails on page 2, one on page 3 (the hidden reporter answers too).
    expect(deps.requests.calls.getEmail - emailsBefore).toBe(4);
  });

  it('runs one backfill at a time', async () => {
    await startBackfill(deps, admin, {});
    await expect(startBackfill(deps, admin, {})).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('resumes only a job that stopped', async () => {
    const done = await runToEnd();
    await expect(startBackfill(deps, admin, { resumeJobId: done.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(startBackfill(deps, admin, { resumeJobId: 'no-such-job' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stops with Jira’s own words when Jira refuses the query', async () => {
    const job = await runToEnd({ jql: 'ORDER BY' });
    expect(job).toMatchObject({ status: 'failed', pagesDone: 0 });
    expect(job.error).toContain('Jira refused the JQL query');
  });

  it('ignores a repeated delivery of a job that has finished', async () => {
    const done = await runToEnd();
    const searches = deps.requests.calls.searchIssues;
    await runBackfillStep(deps, { jobId: done.id });
    expect(deps.requests.calls.searchIssues).toBe(searches);
    expect(await backfillStatus(deps, admin, { jobId: done.id })).toEqual(done);
  });

  it('hands the rest of the job to the next delivery when its time is up, after finishing the page in hand', async () => {
    const pushed: string[] = [];
    const recording = { ...deps, backfillQueue: { push: async (message: BackfillMessage) => void pushed.push(message.jobId) } };
    const job = await startBackfill(recording, admin, {});
    await runBackfillStep(recording, { jobId: job.id }, { budgetMs: 0 });
    expect(await backfillStatus(deps, admin, { jobId: job.id })).toMatchObject({ status: 'running', pagesDone: 1, issuesSeen: 3 });
    expect(pushed).toEqual([job.id, job.id]);
  });
});
