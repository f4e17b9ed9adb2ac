// Admins define the custom fields of contacts and companies: list, create, rename or re-option, and delete with values.
import type { FieldDeleted } from '../contracts/api';
import { describeProblem, fieldProblems } from '../contracts/validation';
import { customFieldInputSchema, fieldNameKey, type CustomFieldInput } from '../domain/custom-fields';
import { AppError, invalid, notFound } from '../domain/errors';
import { isExternalIdField } from '../domain/external-id';
import { MAX_CUSTOM_FIELDS_PER_ENTITY } from '../domain/limits';
import { fieldIdFrom } from '../domain/ids';
import { rebuildExternalIds } from './rebuild-external-ids';
import type { Store } from '../domain/ports';
import type { CustomField, Id, RecordType } from '../domain/records';
import { changesBetween, fieldSnapshot, recordAudit } from './audit-trail';
import type { Actor, Deps } from './deps';

export async function listFields(deps: Deps, _actor: Actor, query: { entity?: RecordType }): Promise<CustomField[]> {
  return deps.store.fields.list(query.entity);
}

export async function createField(deps: Deps, actor: Actor, input: CustomFieldInput): Promise<CustomField> {
  const { store } = deps;
  const existing = await store.fields.list(input.entity);
  if (existing.length >= MAX_CUSTOM_FIELDS_PER_ENTITY) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      `A ${input.entity} can have at most ${MAX_CUSTOM_FIELDS_PER_ENTITY} custom fields (MAX_CUSTOM_FIELDS_PER_ENTITY); delete one you no longer use first.`,
      { limit: MAX_CUSTOM_FIELDS_PER_ENTITY },
    );
  }
  const field: CustomField = {
    id: fieldIdFrom(deps.ids()),
    entity: input.entity,
    name: input.name,
    nameKey: fieldNameKey(input.name),
    type: input.type,
    options: input.options,
    createdAt: deps.clock().toISOString(),
  };
  ensureNameFree(existing, field);
  await store.fields.insert(field);
  await recordAudit(deps, actor, field.createdAt, [
    { recordType: 'field', recordId: field.id, action: 'create', changes: changesBetween(null, fieldSnapshot(field)) },
  ]);
  return field;
}

/** A field's entity and type never change: its stored values were checked against them. */
export type UpdateFieldCommand = { id: Id; name?: string; options?: string[] };

export async function updateField(deps: Deps, actor: Actor, command: UpdateFieldCommand): Promise<CustomField> {
  const { store } = deps;
  const field = await getField(store, command.id);
  // The same rules as on creation, applied to the field as it would become (select options, duplicates, lengths).
  const checked = customFieldInputSchema.safeParse({
    entity: field.entity,
    type: field.type,
    name: command.name ?? field.name,
    options: command.options ?? field.options,
  });
  if (!checked.success) {
    const [problem] = fieldProblems(checked.error);
    throw invalid(problem ? describeProblem(problem) : 'The field is not valid.', { field: problem?.field ?? '' });
  }
  const next: CustomField = { ...field, name: checked.data.name, nameKey: fieldNameKey(checked.data.name), options: checked.data.options };
  const changes = changesBetween(fieldSnapshot(field), fieldSnapshot(next));
  if (Object.keys(changes).length === 0) return field;
  if (next.nameKey !== field.nameKey) ensureNameFree(await store.fields.list(field.entity), next);
  // A field renamed to External ID identifies companies from now on: its values go into the lookup first, so the
  // next import finds every company by them. (Stopped midway, the field keeps its old name and the rows added find
  // nothing, since a lookup checks each company's value under the External ID field.) Renamed away, its rows find
  // nothing either, and a later rebuild or company write drops them.
  if (isExternalIdField(next) && !isExternalIdField(field)) await rebuildExternalIds(store, deps.clock, null, Infinity, field.id);
  await store.fields.update(next);
  await recordAudit(deps, actor, deps.clock().toISOString(), [{ recordType: 'field', recordId: field.id, action: 'update', changes }]);
  return next;
}

/** Removes the field and its value from every record; the caller has confirmed, having been told this. */
export async function deleteField(deps: Deps, actor: Actor, command: { id: Id; confirm: true }): Promise<FieldDeleted> {
  const { store } = deps;
  const field = await getField(store, command.id);
  // Values first: if the definition went first and the call failed in between, its values could never be removed.
  const valuesRemoved = await store.fields.dropValues(field);
  await store.fields.delete(field.id);
  await recordAudit(deps, actor, deps.clock().toISOString(), [
    { recordType: 'field', recordId: field.id, action: 'delete', changes: { ...changesBetween(fieldSnapshot(field), null), values: [valuesRemoved, 0] } },
  ]);
  return { id: field.id, valuesRemoved };
}

async function getField(store: Store, id: Id): Promise<CustomField> {
  const field = await store.fields.find(id);
  if (field === null) throw notFound('Custom field', id);
  return field;
}

function ensureNameFree(fields: readonly CustomField[], field: CustomField): void {
  const same = fields.find((f) => f.id !== field.id && f.nameKey === field.nameKey);
  if (same !== undefined) {
    throw new AppError('DUPLICATE', `name: ${field.entity === 'contact' ? 'Contacts' : 'Companies'} already have a field named "${same.name}"; pick another name.`, {
      field: 'name',
      existingId: same.id,
    });
  }
}
