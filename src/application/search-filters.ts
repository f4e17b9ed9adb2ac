// Turns the search form's custom-field filter into the canonical value stored for that field.
import { validateCustomValue } from '../domain/custom-fields';
import { AppError, invalid } from '../domain/errors';
import type { Store } from '../domain/ports';
import type { RecordType } from '../domain/records';
import type { FieldReader } from './field-access';

export type CustomFilter = { fieldId: string; value: string };

/** Values are stored canonical ("1,200" as "1200", select options in their defined case), so filters must be too. */
export async function canonicalFilter(store: Store, entity: RecordType, filter: CustomFilter | undefined): Promise<CustomFilter | undefined> {
  if (filter === undefined) return undefined;
  const field = await store.fields.find(filter.fieldId);
  if (field === null || field.entity !== entity) {
    throw invalid(`custom.fieldId: there is no ${entity} field with the id ${filter.fieldId}; reload the page and pick a field again.`, {
      field: 'custom.fieldId',
    });
  }
  const result = validateCustomValue(field, filter.value);
  if (!result.ok) throw invalid(`custom.value: ${result.message}`, { field: 'custom.value' });
  return { fieldId: field.id, value: result.value };
}

/** A field the caller may not read is not searchable by them either: its values would show through the results. */
export function readableFilter(reader: FieldReader, filter: CustomFilter | undefined): CustomFilter | undefined {
  if (filter !== undefined && !reader.canRead({ customFieldId: filter.fieldId })) {
    throw new AppError('FORBIDDEN', `Your role (${reader.role}) cannot read that custom field, so it cannot search by it; ask an app admin.`, { field: 'custom.fieldId' });
  }
  return filter;
}
