// Search text is matched literally: LIKE wildcards typed by a user (% _ and the escape character) match only themselves.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { searchCompanies } from '../../src/application/search-companies';
import { searchContacts } from '../../src/application/search-contacts';
import { searchTypeahead } from '../../src/application/search-typeahead';
import { contactSearchSchema, companySearchSchema } from '../../src/contracts/api';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('search metacharacters on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
    for (const email of ['ada@acme.com', 'bob@globex.com', 'a_b@acme.com', 'x!y@acme.com']) {
      await createContact(world.deps, agent, contactInputSchema.parse({ email }));
    }
    await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    await createCompany(world.deps, admin, companyInputSchema.parse({ name: '100% Pure' }));
  });
  afterEach(async () => {
    await world.close();
  });

  const contacts = async (text: string) => (await searchContacts(world.deps, viewer, contactSearchSchema.parse({ text }))).items.map((c) => c.email).sort();
  const companies = async (text: string) => (await searchCompanies(world.deps, viewer, companySearchSchema.parse({ text }))).items.map((c) => c.name).sort();

  it('contacts/search {"text":"%@%"} does not return everyone', async () => {
    expect(await contacts('%@%')).toEqual([]);
    expect(await contacts('%')).toEqual([]);
    expect(await contacts('_')).toEqual([]);
    expect((await searchTypeahead(world.deps, viewer, { text: '%@%' })).contacts).toEqual([]);
  });

  it('an underscore, an exclamation mark or a percent sign matches itself', async () => {
    expect(await contacts('a_b@')).toEqual(['a_b@acme.com']);
    expect(await contacts('x!y@')).toEqual(['x!y@acme.com']);
    expect(await contacts('ada@')).toEqual(['ada@acme.com']);
    expect(await companies('100%')).toEqual(['100% Pure']);
    expect(await companies('%')).toEqual([]);
  });
});
