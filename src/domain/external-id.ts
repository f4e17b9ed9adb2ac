// A company's external id: the company custom field that holds its id in the system a file came from, named here only.
import { fieldNameKey } from './custom-fields';
import type { Company, CustomField } from './records';

/** The field's name as the import creates it; any company field whose name key matches is the external id. */
export const EXTERNAL_ID_FIELD_NAME = 'External ID';
export const EXTERNAL_ID_FIELD_KEY = fieldNameKey(EXTERNAL_ID_FIELD_NAME);
/** Longer values are kept in the field but identify nothing (the lookup column is a key of this size). */
export const MAX_EXTERNAL_ID_LENGTH = 255;

export function isExternalIdField(field: Pick<CustomField, 'entity' | 'nameKey'>): boolean {
  return field.entity === 'company' && field.nameKey === EXTERNAL_ID_FIELD_KEY;
}

/** Whether a field named `name` for `entity` is the external id (for mappings that carry a name, not a field). */
export function isExternalIdFieldName(entity: string, name: string): boolean {
  return entity === 'company' && fieldNameKey(name) === EXTERNAL_ID_FIELD_KEY;
}

/** The value as it identifies a company: trimmed and compared exactly (ids such as 0012345 or 001A000001xyzAB are case-sensitive). */
export function externalIdKey(value: string | undefined | null): string | undefined {
  const id = value?.trim();
  return id && id.length <= MAX_EXTERNAL_ID_LENGTH ? id : undefined;
}

/** The external id a company holds in the field `fieldId` (null: there is no external id field). */
export function externalIdOf(company: Pick<Company, 'custom'>, fieldId: string | null | undefined): string | undefined {
  return fieldId ? externalIdKey(company.custom[fieldId]) : undefined;
}
