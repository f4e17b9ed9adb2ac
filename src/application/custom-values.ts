// Checks custom values sent with a contact or company against the field definitions and merges them into a record.
import { validateCustomValue } from '../domain/custom-fields';
import { invalid } from '../domain/errors';
import type { Store } from '../domain/ports';
import type { CustomValues, RecordType } from '../domain/records';

/**
 * `current` with `changes` applied: each value is checked against its field and stored in canonical form; an empty
 * value clears the field. A field id the entity does not have is INVALID_INPUT naming `custom.<id>`.
 */
export async function mergeCustomValues(
  store: Store,
  entity: RecordType,
  current: CustomValues,
  changes: CustomValues | undefined,
): Promise<CustomValues> {
  if (changes === undefined || Object.keys(changes).length === 0) return current;
  const fields = new Map((await store.fields.list(entity)).map((f) => [f.id, f]));
  const merged: CustomValues = { ...current };
  for (const [id, raw] of Object.entries(changes)) {
    const field = fields.get(id);
    if (field === undefined) {
      throw invalid(`custom.${id}: there is no ${entity} field with this id (it may have been deleted); reload the form and try again.`, {
        field: `custom.${id}`,
      });
    }
    const result = validateCustomValue(field, raw);
    if (!result.ok) throw invalid(`custom.${id}: ${result.message}`, { field: `custom.${id}` });
    if (result.value === '') delete merged[id];
    else merged[id] = result.value;
  }
  return merged;
}
