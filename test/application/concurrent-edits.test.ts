// Two people saving the same version of a record at once: one wins, the other is told to reload, nothing is lost.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { updateCompany } from '../../src/application/update-company';
import { updateContact } from '../../src/application/update-contact';
import { AppError } from '../../src/domain/errors';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

/** The settled results as 'ok' or the error code, in call order. */
function outcomes(results: PromiseSettledResult<unknown>[]): string[] {
  return results.map((r) => (r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : String(r.reason)));
}

describe.each(engines())('concurrent edits on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(() => world.close());

  it('lets exactly one of two updates of the same contact version win; the other gets CONFLICT and can reapply', async () => {
    const { deps } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com' }));

    const results = await Promise.allSettled([
      updateContact(deps, agent, { id: ada.id, version: 1, jobTitle: 'CTO' }),
      updateContact(deps, admin, { id: ada.id, version: 1, phone: '+44 20 7946 0000' }),
    ]);

    expect(outcomes(results).sort()).toEqual(['CONFLICT', 'ok']);
    const stored = await deps.store.contacts.find(ada.id);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect(stored).toMatchObject(winner === 0 ? { version: 2, jobTitle: 'CTO', phone: '' } : { version: 2, jobTitle: '', phone: '+44 20 7946 0000' });
    const updates = (await deps.store.audit.list({ recordType: 'contact', recordId: ada.id, action: 'update', limit: 10 })).items;
    expect(updates).toHaveLength(1);

    // The loser reloads (version 2) and applies its change again: both changes are kept.
    const loser = winner === 0 ? { phone: '+44 20 7946 0000' } : { jobTitle: 'CTO' };
    await updateContact(deps, winner === 0 ? admin : agent, { id: ada.id, version: 2, ...loser });
    expect(await deps.store.contacts.find(ada.id)).toMatchObject({ version: 3, jobTitle: 'CTO', phone: '+44 20 7946 0000' });
  });

  it('does the same for ten simultaneous saves of one company version', async () => {
    const { deps } = world;
    const acme = await createCompany(deps, agent, companyInputSchema.parse({ name: 'Acme' }));
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => updateCompany(deps, agent, { id: acme.id, version: 1, name: `Acme ${i}` })));
    const codes = outcomes(results);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(9);
    const winner = codes.indexOf('ok');
    expect(await deps.store.companies.find(acme.id)).toMatchObject({ version: 2, name: `Acme ${winner}` });
    expect((await deps.store.audit.list({ recordType: 'company', recordId: acme.id, action: 'update', limit: 20 })).items).toHaveLength(1);
  });
});
