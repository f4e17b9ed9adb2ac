// The property-sync consumer: each event rewrites its issues' customer property; failures go back for a retry.
import { linkRecord } from '../../src/application/link-record';
import { createCompany } from '../../src/application/create-company';
import { companyInputSchema } from '../../src/domain/schemas';
import { makePropertySyncConsumer } from '../../src/entry/consumers/property-sync-consumer';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

describe('property-sync consumer', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(() => world.close());

  const consumer = () => makePropertySyncConsumer(() => world.deps);

  it('writes the property each issue should have, and deletes it where nothing is linked any more', async () => {
    const acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    await linkRecord(world.deps, admin, { recordType: 'company', recordId: acme.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [] });
    await world.deps.workItems.setIssueProperty('10101', { companyIds: ['gone'], companyNames: ['Gone Ltd'], contactIds: [] });
    await world.deps.store.companies.update({ ...(await world.deps.store.companies.find(acme.id))!, name: 'Acme Corp', version: 2 });

    await consumer()({ body: { issueIds: ['10100', '10101'] } });
    expect(world.site.issueProperty('10100')).toEqual({ companyIds: [acme.id], companyNames: ['Acme Corp'], contactIds: [] });
    expect(world.site.issueProperty('10101')).toBeUndefined();
  });

  it('throws when Jira fails a write, so the platform delivers the event again', async () => {
    world.site.failPropertyWrites(1);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(consumer()({ body: { issueIds: ['10100'] } })).rejects.toThrow('will be retried');
    } finally {
      warn.mockRestore();
    }
  });

  it('drops an event it cannot read instead of retrying it forever', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(consumer()({ body: { issueIds: ['10100 OR 1=1'] } })).resolves.toBeUndefined();
      expect(error).toHaveBeenCalledWith(JSON.stringify({ event: 'property-sync-bad-message' }));
    } finally {
      error.mockRestore();
    }
  });
});
