// The property-sync consumer: each event rewrites its issues' customer property, and the consumer tells Forge whether
// to deliver the event again.
//
// developer.atlassian.com/platform/forge/runtime-reference/async-events-api: "You can request a retry of an Async
// Event by returning an `InvocationError` object." and of `retryAfter`: "The maximum `retryAfter` value is `900`
// seconds (15 minutes)."
import { InvocationErrorCode } from '@forge/events';
import { toForgeResult } from '../../src/adapters/forge/invocation-retry';
import { linkRecord } from '../../src/application/link-record';
import { createCompany } from '../../src/application/create-company';
import { companyInputSchema } from '../../src/domain/schemas';
import { makePropertySyncConsumer } from '../../src/entry/consumers/property-sync-consumer';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

describe('property-sync consumer', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await world.close();
  });

  const consumer = () => makePropertySyncConsumer(() => world.deps);

  async function linkedAcme() {
    const acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    await linkRecord(world.deps, admin, { recordType: 'company', recordId: acme.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [] });
    await world.deps.propertySync.idle();
    return acme;
  }

  it('writes the property each issue should have, and deletes it where nothing is linked any more', async () => {
    const acme = await linkedAcme();
    await world.deps.workItems.setIssueProperty('10101', { companyIds: ['gone'], companyNames: ['Gone Ltd'], contactIds: [] });
    await world.deps.store.companies.update({ ...(await world.deps.store.companies.find(acme.id))!, name: 'Acme Corp', version: 2 });

    expect(await consumer()({ body: { issueIds: ['10100', '10101'] } })).toEqual({ status: 'done' });
    expect(world.site.issueProperty('10100')).toEqual({ companyIds: [acme.id], companyNames: ['Acme Corp'], contactIds: [] });
    expect(world.site.issueProperty('10101')).toBeUndefined();
  });

  it('a transient failure (Jira answers 503) returns an InvocationError with retryAfter, not a throw', async () => {
    const acme = await linkedAcme();
    world.site.failPropertyWrites(1, 503);
    const outcome = await consumer()({ body: { issueIds: ['10100'] }, retryContext: { retryCount: 1 } });
    expect(outcome).toEqual({ status: 'retry', afterSeconds: 60, reason: 'failed' });
    expect(JSON.parse(JSON.stringify(toForgeResult(outcome)))).toEqual({
      _retry: true,
      retryOptions: { retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST },
    });
    // The redelivery writes it.
    expect(await consumer()({ body: { issueIds: ['10100'] }, retryContext: { retryCount: 2 } })).toEqual({ status: 'done' });
    expect(world.site.issueProperty('10100')).toMatchObject({ companyIds: [acme.id] });
  });

  it('a permanent failure (Jira answers 403) is not retried', async () => {
    await linkedAcme();
    world.site.failPropertyWrites(1, 403);
    expect(await consumer()({ body: { issueIds: ['10100'] } })).toEqual({ status: 'done' });
  });

  it('stops asking for retries after the fourth', async () => {
    await linkedAcme();
    world.site.failPropertyWrites(1, 503);
    expect(await consumer()({ body: { issueIds: ['10100'] }, retryContext: { retryCount: 4 } })).toEqual({ status: 'done' });
  });

  it('a duplicate delivery of the same event writes the same property and is done both times', async () => {
    const acme = await linkedAcme();
    const event = { body: { issueIds: ['10100'] } };
    expect(await consumer()(event)).toEqual({ status: 'done' });
    const first = world.site.issueProperty('10100');
    expect(await consumer()(event)).toEqual({ status: 'done' });
    expect(world.site.issueProperty('10100')).toEqual(first);
    expect(first).toMatchObject({ companyIds: [acme.id] });
  });

  it('drops an event it cannot read instead of retrying it forever', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await consumer()({ body: { issueIds: ['10100 OR 1=1'] } })).toEqual({ status: 'done' });
    expect(error).toHaveBeenCalledWith(JSON.stringify({ event: 'property-sync-bad-message' }));
  });
});
