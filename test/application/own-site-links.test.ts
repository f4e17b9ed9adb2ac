// Confluence links point only at the site's own Confluence: another origin is refused, and shown URLs are rebuilt from ids.
import { createCompany } from '../../src/application/create-company';
import { getCompanyProfile } from '../../src/application/get-company-profile';
import { getLinkedWork } from '../../src/application/get-linked-work';
import { linkRecord } from '../../src/application/link-record';
import { FAKE_SITE_URL } from '../../src/adapters/local/fake-work-items';
import { companyInputSchema } from '../../src/domain/schemas';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

describe("links to the site's own Confluence", () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  const link = async (recordId: string, url: string) => linkRecord(world.deps, agent, { recordType: 'company', recordId, target: { type: 'confluence', url }, alsoCompanyIds: [] });

  it('refuses a space or an unknown page on another origin, naming the site it accepts', async () => {
    const acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    for (const url of ['https://evil.example/wiki/spaces/CS', 'https://evil.example/wiki/spaces/CS/pages/99999/Pay+here', 'https://customer-directory.example.atlassian.net.evil.example/wiki/spaces/CS']) {
      await expect(link(acme.id, url)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'target.url' }, message: expect.stringContaining(FAKE_SITE_URL) });
    }
    expect(await world.deps.store.links.forRecord('company', acme.id)).toEqual([]);
    // The real space can still be linked.
    const space = await link(acme.id, `${FAKE_SITE_URL}/wiki/spaces/CS`);
    expect(space.created[0]).toMatchObject({ targetType: 'space', targetId: 'CS', url: `${FAKE_SITE_URL}/wiki/spaces/CS` });
  });

  it('shows a stored link at the URL rebuilt from its ids, whatever URL was stored with it', async () => {
    const acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    // A link stored before the origin rule.
    await world.deps.store.links.add({
      id: 'l-1', recordType: 'company', recordId: acme.id, targetType: 'space', targetId: 'CS', targetKey: 'CS',
      url: 'https://evil.example/wiki/spaces/CS', title: 'Confluence space CS', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'local-agent',
    });
    const work = await getLinkedWork(world.deps, viewer, { recordType: 'company', recordId: acme.id });
    expect(work.items.map((i) => i.url)).toEqual([`${FAKE_SITE_URL}/wiki/spaces/CS`]);
    const profile = await getCompanyProfile(world.deps, viewer, { id: acme.id });
    expect(profile.links.map((l) => l.url)).toEqual([`${FAKE_SITE_URL}/wiki/spaces/CS`]);
  });
});
