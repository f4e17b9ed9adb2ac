// Where the mapping screen offers to send a column: a new field for the record type that lacks one of that name.
import { targetGroups } from '../../static/global-page/src/import/targets';
import type { CustomField } from '../../static/global-page/src/api-types';

const field = (entity: CustomField['entity'], name: string): CustomField => ({
  id: `f-${entity}-${name}`,
  entity,
  name,
  nameKey: name.toLowerCase(),
  type: 'text',
  options: [],
  createdAt: '2026-01-01T00:00:00.000Z',
});

const newOptions = (header: string, fields: CustomField[]) => targetGroups(header, fields).find((g) => g.label === 'New custom field')?.options.map((o) => o.label) ?? [];

describe('new custom fields on the mapping screen', () => {
  it('offers a new field for contacts and for companies when neither exists', () => {
    expect(newOptions('Tier', [])).toEqual(['New contact field "Tier"', 'New company field "Tier"']);
  });

  it('offers a new company field even when a contact field of that name exists', () => {
    expect(newOptions('Tier', [field('contact', 'Tier')])).toEqual(['New company field "Tier"']);
  });

  it('offers nothing new when both record types have the field', () => {
    expect(newOptions('Tier', [field('contact', 'Tier'), field('company', 'Tier')])).toEqual([]);
  });
});
