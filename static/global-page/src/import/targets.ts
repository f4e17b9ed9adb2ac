// Where a CSV column can go, as the mapping screen offers it: built-in fields, custom fields, a new field, or nowhere.
import type { CustomField } from '../api-types';
import { mapHeaders, mappingTargetName, type BuiltInTargetName } from '../../../../src/import/headers';
import type { FieldTarget } from '../../../../src/import/types';
import { fieldNameKey } from '../../../../src/domain/custom-fields';
import { MAX_FIELD_NAME_LENGTH } from '../../../../src/domain/limits';

export type TargetOption = { label: string; value: string };
export type TargetGroup = { label: string; options: TargetOption[] };

export const IGNORE = 'ignore';

const BUILT_IN_LABELS: Record<BuiltInTargetName, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  phone: 'Phone',
  jobTitle: 'Job title',
  'company.name': 'Company name',
  'company.domain': 'Company domain',
  'company.parent': 'Parent company',
  'membership.role': 'Role at the company',
  'membership.primary': 'Primary company (yes/no)',
  ignore: "Don't import",
};

const CONTACT_TARGETS = ['email', 'firstName', 'lastName', 'fullName', 'phone', 'jobTitle'] as const satisfies readonly BuiltInTargetName[];
const COMPANY_TARGETS = ['company.name', 'company.domain', 'company.parent'] as const satisfies readonly BuiltInTargetName[];
const MEMBERSHIP_TARGETS = ['membership.role', 'membership.primary'] as const satisfies readonly BuiltInTargetName[];

const builtIn = (name: BuiltInTargetName): TargetOption => ({ label: BUILT_IN_LABELS[name], value: name });
const custom = (field: CustomField): TargetOption => ({ label: field.name, value: mappingTargetName({ kind: 'custom', entity: field.entity, fieldId: field.id, fieldName: field.name }) });

/** The field a new custom field would get for this header: a contact field, or a company field for "Company: X". */
export function newFieldTarget(header: string, fields: CustomField[]): Extract<FieldTarget, { kind: 'newCustom' }> | null {
  const target = mapHeaders([header], { customFields: fields, createFields: true }).columns[0]?.target;
  return target?.kind === 'newCustom' ? target : null;
}

/** Every target a column with this header can take, grouped as the select shows them. */
export function targetGroups(header: string, fields: CustomField[]): TargetGroup[] {
  const contactFields = fields.filter((f) => f.entity === 'contact').map(custom);
  const companyFields = fields.filter((f) => f.entity === 'company').map(custom);
  const groups: TargetGroup[] = [
    { label: 'Contact', options: [...CONTACT_TARGETS.map(builtIn), ...contactFields] },
    { label: 'Company', options: [...COMPANY_TARGETS.map(builtIn), ...companyFields] },
    { label: 'Membership', options: MEMBERSHIP_TARGETS.map(builtIn) },
  ];
  const fresh = newFieldTargets(header, fields);
  if (fresh.length > 0) groups.push({ label: 'New custom field', options: fresh });
  groups.push({ label: 'Skip', options: [builtIn('ignore')] });
  return groups;
}

function newFieldTargets(header: string, fields: CustomField[]): TargetOption[] {
  // A header that names an existing field of one record type can still become a new field of the other.
  const target = mapHeaders([header], { customFields: fields, createFields: true }).columns[0]?.target;
  const suggested = target?.kind === 'newCustom' || target?.kind === 'custom' ? target : null;
  if (suggested === null || suggested.fieldName.length > MAX_FIELD_NAME_LENGTH) return [];
  const exists = (entity: CustomField['entity'], name: string) => fields.some((f) => f.entity === entity && fieldNameKey(f.name) === fieldNameKey(name));
  const options: TargetOption[] = [];
  for (const entity of ['contact', 'company'] as const) {
    if (exists(entity, suggested.fieldName)) continue;
    options.push({
      label: `New ${entity} field "${suggested.fieldName}"`,
      value: mappingTargetName({ kind: 'newCustom', entity, fieldName: suggested.fieldName }),
    });
  }
  return options;
}

/** The label of a target name, for a value the options do not list (a saved mapping naming a field that is gone). */
export function targetLabel(value: string, groups: TargetGroup[]): string {
  for (const group of groups) {
    const option = group.options.find((o) => o.value === value);
    if (option) return group.label === 'Contact' || group.label === 'Company' || group.label === 'Membership' ? `${group.label}: ${option.label}` : option.label;
  }
  return value;
}
