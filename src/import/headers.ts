// CSV headers to fields: synonyms, custom-field names and an explicit mapping decide where each column goes.
import { fieldNameKey } from '../domain/custom-fields';
import { EXTERNAL_ID_FIELD_NAME } from '../domain/external-id';
import { MAX_CUSTOM_FIELDS_PER_ENTITY, MAX_FIELD_NAME_LENGTH } from '../domain/limits';
import { foldText } from '../domain/normalise';
import type { CustomField, RecordType } from '../domain/records';
import { ERROR_COLUMN } from './error-csv';
import type { ColumnMapping, FieldTarget, RowIssue } from './types';

/** The names a mapping is saved and written with (`--map "E-mail=email"`); custom fields add `contact.custom:<Name>`. */
export const BUILT_IN_TARGET_NAMES = [
  'email',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'jobTitle',
  'company.name',
  'company.domain',
  'company.parent',
  'membership.role',
  'membership.primary',
  'ignore',
] as const;
export type BuiltInTargetName = (typeof BUILT_IN_TARGET_NAMES)[number];

export type HeaderMappingInput = {
  customFields: CustomField[];
  explicit?: Record<string, string>; // header -> target name
  createFields?: boolean;
};

/** A column that is not imported: its letter and header, as the CLI's --json and the page list them. */
export type IgnoredColumn = { column: string; name: string };

export type HeaderMapping = { columns: ColumnMapping[]; issues: RowIssue[]; unknown: string[]; ignoredColumns: IgnoredColumn[] };

const CONTACT_PREFIX = 'contact.custom:';
const COMPANY_PREFIX = 'company.custom:';
const COMPANY_HEADER_PREFIX = /^\s*(?:company|organi[sz]ation)\s*:\s*(.*)$/i;

const BUILT_IN_TARGETS: Record<BuiltInTargetName, FieldTarget> = {
  email: { kind: 'contact', field: 'email' },
  firstName: { kind: 'contact', field: 'firstName' },
  lastName: { kind: 'contact', field: 'lastName' },
  fullName: { kind: 'contact', field: 'fullName' },
  phone: { kind: 'contact', field: 'phone' },
  jobTitle: { kind: 'contact', field: 'jobTitle' },
  'company.name': { kind: 'company', field: 'name' },
  'company.domain': { kind: 'company', field: 'domain' },
  'company.parent': { kind: 'company', field: 'parent' },
  'membership.role': { kind: 'membership', field: 'role' },
  'membership.primary': { kind: 'membership', field: 'primary' },
  ignore: { kind: 'ignore' },
};

const SYNONYMS: Record<Exclude<BuiltInTargetName, 'ignore'>, string[]> = {
  email: ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Mail', 'Email 1', 'Email Primary', 'Primary Email', 'Work Email', 'Business Email'],
  firstName: ['First Name', 'Firstname', 'Given Name'],
  lastName: ['Last Name', 'Surname', 'Family Name'],
  fullName: ['Name', 'Full Name', 'Contact Name', 'Contact'],
  phone: ['Phone', 'Phone Number', 'Telephone', 'Mobile', 'Phone 1', 'Work Phone', 'Business Phone', 'Mobile Phone'],
  jobTitle: ['Job Title', 'Title', 'Position'],
  'company.name': [
    'Organization Name',
    'Organisation Name',
    'Organization',
    'Organisation',
    'Company',
    'Company Name',
    'Account Name',
    'Account',
    'Raw Company Name',
  ],
  'company.domain': ['Company Domain', 'Domain', 'Website', 'Company Website', 'Web Site', 'URL', 'Company URL'],
  'company.parent': ['Parent Company', 'Parent Organization', 'Parent'],
  'membership.role': ['Role'],
  'membership.primary': ['Primary', 'Is Primary', 'Primary Company'],
};

/**
 * Columns kept in a custom field of this name even without --create-fields (the field is created when the import
 * runs): a second email or phone, and a company's id in the system the file came from. Never lost.
 */
export const KEPT_FIELDS = [
  { entity: 'contact', fieldName: 'Secondary Email', synonyms: ['Email 2', 'Secondary Email', 'Other Email', 'Personal Email', 'Alternate Email', 'Email Secondary'] },
  { entity: 'contact', fieldName: 'Other Phone', synonyms: ['Phone 2', 'Other Phone', 'Home Phone', 'Secondary Phone', 'Alternate Phone'] },
  { entity: 'company', fieldName: EXTERNAL_ID_FIELD_NAME, synonyms: ['Organization Id', 'Organisation Id', 'Account Id', 'Company Id', 'External Id'] },
] as const satisfies readonly { entity: RecordType; fieldName: string; synonyms: readonly string[] }[];

/** Where a second column of one kind goes when its header differs from the first's ("Email 1" then "Work Email"). */
const SECOND_COLUMN_FIELD: Partial<Record<BuiltInTargetName, (typeof KEPT_FIELDS)[number]>> = { email: KEPT_FIELDS[0], phone: KEPT_FIELDS[1] };

// A row is matched to stored records by these; without one of them no row can be imported.
const IDENTIFYING_TARGETS = new Set<string>(['email', 'company.name', 'company.domain'] satisfies BuiltInTargetName[]);

// Spaces are dropped too, so "E-mail", "e mail" and "EMAIL" are one header.
const synonymKey = (header: string) => foldText(header).replace(/ /g, '');

const SYNONYM_TARGETS = new Map<string, BuiltInTargetName>(
  Object.entries(SYNONYMS).flatMap(([name, synonyms]) =>
    synonyms.map((synonym) => [synonymKey(synonym), name as BuiltInTargetName] as const),
  ),
);

const KEPT_FIELD_BY_SYNONYM = new Map(KEPT_FIELDS.flatMap((f) => f.synonyms.map((synonym) => [synonymKey(synonym), f] as const)));

/** Every --map target name with the headers that map to it without help (README and --help list them). */
export function targetSynonyms(): { target: string; headers: string[] }[] {
  return [
    ...Object.entries(SYNONYMS).map(([target, headers]) => ({ target, headers })),
    ...KEPT_FIELDS.map((f) => ({ target: `${f.entity === 'contact' ? CONTACT_PREFIX : COMPANY_PREFIX}${f.fieldName}`, headers: [...f.synonyms] })),
  ];
}

function keptFieldTarget(field: (typeof KEPT_FIELDS)[number], customFields: CustomField[]): FieldTarget {
  const existing = findCustomField(customFields, field.entity, field.fieldName);
  return existing ? customTarget(existing) : { kind: 'newCustom', entity: field.entity, fieldName: field.fieldName };
}

/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The saved name of a target, the inverse of what an explicit mapping accepts. */
export function mappingTargetName(target: FieldTarget): string {
  switch (target.kind) {
    case 'contact':
      return target.field;
    case 'company':
      return `company.${target.field}`;
    case 'membership':
      return `membership.${target.field}`;
    case 'custom':
    case 'newCustom':
      return `${target.entity === 'contact' ? CONTACT_PREFIX : COMPANY_PREFIX}${target.fieldName}`;
    case 'ignore':
      return 'ignore';
  }
}

/** Reads a target name as written in an explicit mapping; custom fields resolve by name. */
export function parseMappingTarget(
  name: string,
  customFields: CustomField[],
  createFields = false,
): { ok: true; target: FieldTarget } | { ok: false; message: string } {
  const trimmed = name.trim();
  const builtIn = BUILT_IN_TARGET_NAMES.find((n) => n.toLowerCase() === trimmed.toLowerCase());
  if (builtIn) return { ok: true, target: BUILT_IN_TARGETS[builtIn] };
  const custom = parseCustomTargetName(trimmed);
  if (!custom) {
    const valid = [...BUILT_IN_TARGET_NAMES, `${CONTACT_PREFIX}<Field Name>`, `${COMPANY_PREFIX}<Field Name>`].join(', ');
    return { ok: false, message: `"${trimmed}" is not a field. Valid targets: ${valid}.` };
  }
  const field = findCustomField(customFields, custom.entity, custom.fieldName);
  if (field) return { ok: true, target: customTarget(field) };
  const kept = KEPT_FIELDS.some((f) => f.entity === custom.entity && fieldNameKey(f.fieldName) === fieldNameKey(custom.fieldName));
  if ((createFields || kept) && custom.fieldName) return { ok: true, target: { kind: 'newCustom', ...custom } };
  return {
    ok: false,
    message: `There is no ${custom.entity} field named "${custom.fieldName}". Create it first or use --create-fields.`,
  };
}

/** Decides where each column goes. Problems come back as row-0 issues; an error means the import cannot start. */
export function mapHeaders(headers: string[], input: HeaderMappingInput): HeaderMapping {
  const issues: RowIssue[] = [];
  const unknown: string[] = [];
  const explicit = explicitLookup(headers, input.explicit ?? {}, issues);
  const explicitIndexes = new Set<number>();
  const unknownIndexes = new Set<number>();
  const columns = headers.map((header, index): ColumnMapping => {
    const chosen = explicit(header, index);
    if (chosen !== undefined) {
      explicitIndexes.add(index);
      const parsed = parseMappingTarget(chosen, input.customFields, input.createFields);
      if (parsed.ok) return { index, header, target: parsed.target };
      issues.push(headerIssue(`Column ${describeColumn(index, header)} cannot be mapped: ${parsed.message}`, header));
      return { index, header, target: { kind: 'ignore' } };
    }
    if (header.trim() === '') {
      issues.push(headerIssue(`Column ${columnLetter(index)} has no header, so it is not imported.`, columnLetter(index), 'warning'));
      return { index, header, target: { kind: 'ignore' } };
    }
    const known = matchHeader(header, input.customFields);
    if (known) return { index, header, target: known };
    // The last column of an error file this app wrote; re-importing the corrected file must not import it.
    if (index === headers.length - 1 && foldText(header) === foldText(ERROR_COLUMN)) return { index, header, target: { kind: 'ignore' } };
    unknown.push(header);
    unknownIndexes.add(index);
    return { index, header, target: unknownTarget(index, header, input.createFields ?? false, issues) };
  });
  const guessed = columns.filter((c) => !explicitIndexes.has(c.index));
  keepSecondColumns(guessed, input.customFields);
  nameMeansCompany(columns, guessed, unknownIndexes);
  issues.push(...duplicateTargets(columns));
  issues.push(...fieldLimits(columns, input.customFields));
  if (!columns.some((c) => IDENTIFYING_TARGETS.has(mappingTargetName(c.target)))) {
    issues.push(headerIssue('The file needs an Email column or a Company/Organization Name column.'));
  }
  return { columns, issues, unknown, ignoredColumns: ignoredColumnsOf(columns, headers) };
}

/** The columns mapped to ignore, except the Error column of a corrected error file. */
export function ignoredColumnsOf(columns: readonly ColumnMapping[], headers: readonly string[]): IgnoredColumn[] {
  return columns
    .filter((c) => c.target.kind === 'ignore' && !(c.index === headers.length - 1 && foldText(c.header) === foldText(ERROR_COLUMN)))
    .map((c) => ({ column: columnLetter(c.index), name: c.header.trim() }));
}

/** "Email 1" and "Work Email" in one file: the first is the email, the second is kept as the secondary email. */
function keepSecondColumns(guessed: ColumnMapping[], customFields: CustomField[]): void {
  for (const [target, field] of Object.entries(SECOND_COLUMN_FIELD)) {
    const same = guessed.filter((c) => mappingTargetName(c.target) === target);
    const first = same[0];
    if (!first || !field) continue;
    // Two columns with the same header stay a duplicate the user must resolve: neither is more "first" than the other.
    const differing = same.slice(1).filter((c) => synonymKey(c.header) !== synonymKey(first.header));
    if (differing.length === 0 || guessed.some((c) => targetKey(c.target) === targetKey(keptFieldTarget(field, customFields)))) continue;
    differing[0]!.target = keptFieldTarget(field, customFields);
  }
}

/**
 * In a file of companies (company columns, no person columns), "Name" is the company's name, and the columns no field
 * knows (an export's Country, Industry, ...) become company fields with it: they say nothing about a person.
 */
function nameMeansCompany(columns: ColumnMapping[], guessed: ColumnMapping[], unknownIndexes: ReadonlySet<number>): void {
  const name = guessed.find((c) => synonymKey(c.header) === 'name' && c.target.kind === 'contact');
  if (!name) return;
  const unknown = guessed.filter((c) => unknownIndexes.has(c.index) && c.target.kind === 'newCustom' && c.target.entity === 'contact');
  const others = columns.filter((c) => c !== name && !unknown.includes(c));
  const hasPerson = others.some((c) => c.target.kind === 'contact' || ((c.target.kind === 'custom' || c.target.kind === 'newCustom') && c.target.entity === 'contact'));
  const hasCompany = others.some((c) => c.target.kind === 'company' || ((c.target.kind === 'custom' || c.target.kind === 'newCustom') && c.target.entity === 'company'));
  const companyNamed = others.some((c) => c.target.kind === 'company' && c.target.field === 'name');
  if (hasPerson || !hasCompany || companyNamed) return;
  name.target = BUILT_IN_TARGETS['company.name'];
  for (const c of unknown) if (c.target.kind === 'newCustom') c.target = { ...c.target, entity: 'company' };
}

/** --create-fields on a file with hundreds of columns: refused before anything is created. */
function fieldLimits(columns: ColumnMapping[], customFields: CustomField[]): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const entity of ['contact', 'company'] as const) {
    const fresh = new Set(columns.flatMap((c) => (c.target.kind === 'newCustom' && c.target.entity === entity ? [fieldNameKey(c.target.fieldName)] : [])));
    const existing = customFields.filter((f) => f.entity === entity).length;
    if (fresh.size > 0 && existing + fresh.size > MAX_CUSTOM_FIELDS_PER_ENTITY) {
      issues.push(
        headerIssue(
          `The file would create ${fresh.size} new ${entity} fields, but a ${entity} can have at most ${MAX_CUSTOM_FIELDS_PER_ENTITY} custom fields (and so at most ${MAX_CUSTOM_FIELDS_PER_ENTITY} custom values per record; ${existing} exist). Map the columns you do not need to ignore, or import without --create-fields.`,
        ),
      );
    }
  }
  return issues;
}

function matchHeader(header: string, customFields: CustomField[]): FieldTarget | null {
  const name = companyPrefixed(header);
  if (name !== null) {
    const field = findCustomField(customFields, 'company', name);
    if (field) return customTarget(field);
    // "Company: Name" and "Company: Website" still mean the built-in company columns.
    const builtIn = [synonymKey(`Company ${name}`), synonymKey(name)]
      .map((key) => SYNONYM_TARGETS.get(key))
      .map((n) => (n ? BUILT_IN_TARGETS[n] : null))
      .find((target) => target?.kind === 'company');
    return builtIn ?? null;
  }
  const builtIn = SYNONYM_TARGETS.get(synonymKey(header));
  if (builtIn) return BUILT_IN_TARGETS[builtIn];
  const field = findCustomField(customFields, 'contact', header) ?? findCustomField(customFields, 'company', header);
  if (field) return customTarget(field);
  const kept = KEPT_FIELD_BY_SYNONYM.get(synonymKey(header));
  return kept ? keptFieldTarget(kept, customFields) : null;
}

function unknownTarget(index: number, header: string, createFields: boolean, issues: RowIssue[]): FieldTarget {
  if (!createFields) {
    issues.push(
      headerIssue(`Column "${header}" is not imported: no field has that name. Map it or use --create-fields.`, header, 'warning'),
    );
    return { kind: 'ignore' };
  }
  const prefixed = companyPrefixed(header);
  const entity: RecordType = prefixed === null ? 'contact' : 'company';
  const fieldName = prefixed ?? header.trim();
  if (fieldName.length > MAX_FIELD_NAME_LENGTH) {
    issues.push(
      headerIssue(
        `Column ${describeColumn(index, header)} cannot become a field: a field name can be at most ${MAX_FIELD_NAME_LENGTH} characters. Rename the column or map it to ignore.`,
        header,
      ),
    );
    return { kind: 'ignore' };
  }
  return { kind: 'newCustom', entity, fieldName };
}

/**
 * Explicit entries name a column by its header (exactly, or failing that case- and punctuation-insensitively), by its
 * letter ("C", as spreadsheets show it) or by its position ("#3", counted from 1). Letter and position win over a
 * header, so duplicate headers can be told apart.
 */
function explicitLookup(headers: string[], explicit: Record<string, string>, issues: RowIssue[]): (header: string, index: number) => string | undefined {
  const exact = new Map<string, string>();
  const byIndex = new Map<number, string>();
  const headerKeys = new Set(headers.map(foldText));
  for (const [key, target] of Object.entries(explicit)) {
    const index = columnIndexOf(key, headers);
    if (index !== null) {
      if (index >= headers.length) issues.push(headerIssue(`The mapping names column ${key.trim()}, but the file has only ${headers.length} column${headers.length === 1 ? "" : "s"}.`, key, 'warning'));
      else byIndex.set(index, target);
      continue;
    }
    exact.set(key, target);
    if (!headers.includes(key) && !headerKeys.has(foldText(key))) {
      issues.push(headerIssue(`The mapping names column "${key}", which is not in this file.`, key, 'warning'));
    }
  }
  const folded = new Map<string, string>();
  for (const [header, target] of exact) folded.set(foldText(header), target);
  return (header, index) => byIndex.get(index) ?? exact.get(header) ?? folded.get(foldText(header));
}

/** The 0-based column a mapping key addresses by letter or "#n"; null when the key is a header. A header wins over a letter. */
export function columnIndexOf(key: string, headers: readonly string[]): number | null {
  const trimmed = key.trim();
  const position = /^#(\d{1,5})$/.exec(trimmed);
  if (position) return Number(position[1]) >= 1 ? Number(position[1]) - 1 : null;
  if (!/^[A-Z]{1,3}$/.test(trimmed) || headers.some((h) => h.trim() === trimmed)) return null;
  let index = 0;
  for (const ch of trimmed) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

function duplicateTargets(columns: ColumnMapping[]): RowIssue[] {
  const byTarget = new Map<string, ColumnMapping[]>();
  for (const column of columns) {
    const key = targetKey(column.target);
    if (key === null) continue;
    byTarget.set(key, [...(byTarget.get(key) ?? []), column]);
  }
  const issues: RowIssue[] = [];
  for (const group of byTarget.values()) {
    if (group.length < 2) continue;
    const named = group.map((c) => describeColumn(c.index, c.header));
    const list = `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
    const target = mappingTargetName(group[0]!.target);
    const message =
      group.length === 2
        ? `Columns ${list} both go to ${target}. Keep one, or map the other to ignore.`
        : `Columns ${list} all go to ${target}. Keep one, or map the others to ignore.`;
    issues.push(headerIssue(message, group[1]!.header));
  }
  return issues;
}

function targetKey(target: FieldTarget): string | null {
  switch (target.kind) {
    case 'ignore':
      return null;
    case 'custom':
      return `custom:${target.fieldId}`;
    case 'newCustom':
      return `new:${target.entity}:${fieldNameKey(target.fieldName)}`;
    default:
      return mappingTargetName(target);
  }
}

/** X of a "Company: X" header, or null when the header has no such prefix. */
function companyPrefixed(header: string): string | null {
  const name = COMPANY_HEADER_PREFIX.exec(header)?.[1]?.trim();
  return name ? name : null;
}

function parseCustomTargetName(name: string): { entity: RecordType; fieldName: string } | null {
  const lower = name.toLowerCase();
  if (lower.startsWith(CONTACT_PREFIX)) return { entity: 'contact', fieldName: name.slice(CONTACT_PREFIX.length).trim() };
  if (lower.startsWith(COMPANY_PREFIX)) return { entity: 'company', fieldName: name.slice(COMPANY_PREFIX.length).trim() };
  return null;
}

function findCustomField(fields: CustomField[], entity: RecordType, name: string): CustomField | undefined {
  const key = fieldNameKey(name);
  return key ? fields.find((f) => f.entity === entity && fieldNameKey(f.name) === key) : undefined;
}

function customTarget(field: CustomField): FieldTarget {
  return { kind: 'custom', entity: field.entity, fieldId: field.id, fieldName: field.name };
}

function describeColumn(index: number, header: string): string {
  return header.trim() ? `${columnLetter(index)} ("${header.trim()}")` : columnLetter(index);
}

function headerIssue(message: string, column?: string, severity: RowIssue['severity'] = 'error'): RowIssue {
  const issue: RowIssue = { row: 0, message, severity };
  if (column !== undefined) issue.column = column;
  return issue;
}
