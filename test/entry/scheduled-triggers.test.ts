// The scheduled trigger functions: the response Forge expects, a log line of counts, and failures logged without data.
import { makePersonalDataTrigger } from '../../src/entry/scheduled/personal-data-trigger';
import { makePruneAuditTrigger } from '../../src/entry/scheduled/prune-audit-trigger';
import { FakePrivacy } from '../support/fake-privacy';
import { openWorld, type TestWorld } from '../support/use-case-deps';

describe('scheduled triggers', () => {
  let world: TestWorld;
  let info: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(async () => {
    world = await openWorld();
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    info.mockRestore();
    error.mockRestore();
    await world.close();
  });

  it('prunes the audit trail and answers 200 with the counts', async () => {
    const response = await makePruneAuditTrigger(() => world.deps)();
    expect(response).toMatchObject({ statusCode: 200, headers: { 'Content-Type': ['application/json'] } });
    expect(JSON.parse(response.body)).toMatchObject({ deleted: 0, complete: true, repairedContacts: 0, repairedCompanies: 0, repairedMemberships: 0 });
    expect(info).toHaveBeenCalledWith(expect.stringContaining('"event":"audit-pruned"'));
  });

  it('reports personal data, and on failure answers 500 and logs the error by name only', async () => {
    await world.deps.store.audit.append([
      { id: 'e-1', at: '2026-01-01T00:00:00.000Z', actor: 'acc-1', jobId: null, recordType: 'contact', recordId: 'ada@acme.com', action: 'update', changes: {} },
    ]);
    const privacy = new FakePrivacy();
    const trigger = makePersonalDataTrigger(() => ({ ...world.deps, reporting: privacy }));
    expect(JSON.parse((await trigger()).body)).toMatchObject({ reported: 1, complete: true });

    privacy.failures = 1;
    const failed = await trigger();
    expect(failed.statusCode).toBe(500);
    expect(error).toHaveBeenCalledWith(JSON.stringify({ event: 'personal-data-reported-failed', error: 'Error' }));
  });
});
