// Custom field administration: unique names per entity, the per-entity limit, option rules, deletion with its values.
import { createContact } from '../../src/application/create-contact';
import { createField, deleteField, listFields, updateField } from '../../src/application/manage-custom-fields';
import { MAX_CUSTOM_FIELDS_PER_ENTITY } from '../../src/domain/limits';
import { contactInputSchema } from '../../src/domain/schemas';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

describe('custom fields', () => {
  let world: TestWorld;
  let deps: ResolverDeps;
  beforeEach(async () => {
    world = await openWorld();
    deps = world.deps;
  });
  afterEach(() => world.close());

  it('creates fields per entity and lists them', async () => {
    await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'select', options: ['Gold'] });
    await createField(deps, admin, { entity: 'company', name: 'Tier', type: 'text', options: [] });
    expect((await listFields(deps, agent, { entity: 'contact' })).map((f) => [f.entity, f.name])).toEqual([['contact', 'Tier']]);
    expect(await listFields(deps, agent, {})).toHaveLength(2);
  });

  it('gives a field a 9-character id, the key every record stores its value under', async () => {
    const tier = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'select', options: ['Gold'] });
    expect(tier.id).toMatch(/^f[-0-9A-Za-z_]{8}$/);
    const ada = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@short.test', firstName: 'Ada', custom: { [tier.id]: 'Gold' } }));
    expect((await deps.store.contacts.find(ada.id))?.custom).toEqual({ [tier.id]: 'Gold' });
  });

  it('refuses a second field of the same entity whose name differs only in case or accents', async () => {
    const first = await createField(deps, admin, { entity: 'contact', name: 'Région', type: 'text', options: [] });
    await expect(createField(deps, admin, { entity: 'contact', name: 'region', type: 'text', options: [] })).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { field: 'name', existingId: first.id },
    });
  });

  it('stops at the per-entity limit with LIMIT_EXCEEDED naming the limit', async () => {
    await deps.store.fields.insertMany(
      Array.from({ length: MAX_CUSTOM_FIELDS_PER_ENTITY }, (_, i) => ({
        id: `field-${i}`, entity: 'contact' as const, name: `Field ${i}`, nameKey: `field ${i}`, type: 'text' as const, options: [], createdAt: '2026-01-01T00:00:00.000Z',
      })),
    );
    await expect(createField(deps, admin, { entity: 'contact', name: 'One more', type: 'text', options: [] })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringContaining(`at most ${MAX_CUSTOM_FIELDS_PER_ENTITY} custom fields`),
    });
    await expect(createField(deps, admin, { entity: 'company', name: 'One more', type: 'text', options: [] })).resolves.toMatchObject({ name: 'One more' });
  });

  it('renames a field and changes its options under the same rules as creation, and audits the change', async () => {
    const tier = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'select', options: ['Gold'] });
    const updated = await updateField(deps, admin, { id: tier.id, name: 'Support tier', options: ['Gold', 'Silver'] });
    expect(updated).toMatchObject({ name: 'Support tier', nameKey: 'support tier', options: ['Gold', 'Silver'], type: 'select' });
    await expect(updateField(deps, admin, { id: tier.id, options: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'options: A select field needs at least one option',
      details: { field: 'options' },
    });
    const [entry] = (await deps.store.audit.list({ recordType: 'field', recordId: tier.id, limit: 5 })).items;
    expect(entry).toMatchObject({ action: 'update', changes: { name: ['Tier', 'Support tier'], options: [['Gold'], ['Gold', 'Silver']] } });
  });

  it('deletes a field with its value on every record and says how many values went', async () => {
    const tier = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'text', options: [] });
    for (const email of ['a@example.org', 'b@example.org']) {
      await createContact(deps, agent, contactInputSchema.parse({ email, custom: { [tier.id]: 'Gold' } }));
    }
    await createContact(deps, agent, contactInputSchema.parse({ email: 'c@example.org' }));
    expect(await deleteField(deps, admin, { id: tier.id, confirm: true })).toEqual({ id: tier.id, valuesRemoved: 2 });
    expect(await listFields(deps, admin, {})).toEqual([]);
    const [a] = await deps.store.contacts.findByEmails(['a@example.org']);
    expect(a?.custom).toEqual({});
    await expect(deleteField(deps, admin, { id: tier.id, confirm: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
