// A domain names one company even when creates race: one wins, the others answer DUPLICATE naming it, and write nothing.
import { createCompany } from '../../src/application/create-company';
import { updateCompany } from '../../src/application/update-company';
import { companyInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('one company per domain on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.close();
  });

  it('ten parallel creates with one domain: one company holds it, nine answer DUPLICATE naming it, the history records only the winner', async () => {
    const { deps } = world;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) => createCompany(deps, admin, companyInputSchema.parse({ name: `Racer ${n}`, domains: ['race.example'] }))),
    );
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: string; message: string; details?: Record<string, unknown> }] : []));

    expect(won).toHaveLength(1);
    const winner = won[0]!;
    expect(winner.domains).toEqual(['race.example']);
    expect(lost).toHaveLength(9);
    for (const error of lost) {
      expect(error).toMatchObject({ code: 'DUPLICATE', details: { domain: 'race.example', companyId: winner.id, companyName: winner.name } });
      expect(error.message).toContain(winner.name);
    }
    expect(await deps.store.companies.count({})).toBe(1);
    expect((await deps.store.companies.findByDomains(['race.example'])).map((c) => c.id)).toEqual([winner.id]);
    const created = (await deps.store.audit.list({ recordType: 'company', action: 'create', limit: 20 })).items;
    expect(created.map((e) => e.recordId)).toEqual([winner.id]);
  });

  it('an update that would take another company\'s domain answers DUPLICATE and keeps its own domains', async () => {
    const { deps } = world;
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.example'] }));
    const globex = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Globex', domains: ['globex.example'] }));
    await expect(updateCompany(deps, admin, { id: globex.id, version: 1, domains: ['globex.example', 'acme.example'] })).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { companyId: acme.id },
    });
    expect((await deps.store.companies.find(globex.id))?.domains).toEqual(['globex.example']);
    expect((await deps.store.companies.find(acme.id))?.domains).toEqual(['acme.example']);
  });
});
