// One parsed row to an import row: cells trimmed and checked, blanks left absent, every problem returned as data.
import { validateCustomValue } from '../domain/custom-fields';
import { externalIdKey, isExternalIdFieldName, MAX_EXTERNAL_ID_LENGTH } from '../domain/external-id';
import {
  MAX_COMPANY_NAME_LENGTH,
  MAX_CUSTOM_VALUE_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_DOMAINS_PER_COMPANY,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PHONE_LENGTH,
  MAX_ROLE_LENGTH,
} from '../domain/limits';
import { cleanText, companyNameKey, isFreeMailDomain, normaliseDomain, normaliseEmail, remembered, splitFullName } from '../domain/normalise';
import type { CustomField } from '../domain/records';
import { restoreNeutralised } from './error-csv';
import { columnLetter, mappingTargetName } from './headers';
import type { ColumnMapping, FieldTarget, ImportCompany, ImportContact, ImportMembership, ImportRow, RowIssue, Severity } from './types';

export type RowToValidate = { row: number; line: number; cells: string[] };
export type ValidatedRow = { row: ImportRow | null; issues: RowIssue[] };

const MAX_SHOWN_VALUE = 60;
// A domain is at most 253 characters; the separators between domains need a little more.
const MAX_DOMAIN_CELL_LENGTH = MAX_DOMAINS_PER_COMPANY * 256;

/** The built-in cells of a row, keyed by target name, with the length each may have (in UTF-16 units, as `.length`). */
const BUILT_IN_MAX_LENGTH = {
  email: MAX_EMAIL_LENGTH,
  firstName: MAX_NAME_LENGTH,
  lastName: MAX_NAME_LENGTH,
  fullName: MAX_DISPLAY_NAME_LENGTH,
  phone: MAX_PHONE_LENGTH,
  jobTitle: MAX_NAME_LENGTH,
  'company.name': MAX_COMPANY_NAME_LENGTH,
  'company.domain': MAX_DOMAIN_CELL_LENGTH,
  'company.parent': MAX_COMPANY_NAME_LENGTH,
  'membership.role': MAX_ROLE_LENGTH,
  'membership.primary': Infinity,
} as const;
type BuiltInKey = keyof typeof BUILT_IN_MAX_LENGTH;
type BuiltInCells = Partial<Record<BuiltInKey, string>>;
const BUILT_IN_KEYS = Object.keys(BUILT_IN_MAX_LENGTH) as BuiltInKey[];

const PRIMARY_VALUES = new Map<string, boolean>([
  ['yes', true],
  ['y', true],
  ['true', true],
  ['1', true],
  ['x', true],
  ['no', false],
  ['n', false],
  ['false', false],
  ['0', false],
]);

type CustomCell = { column: ColumnMapping; value: string; target: Extract<FieldTarget, { kind: 'custom' | 'newCustom' }> };

/**
 * Every problem with the row; any error rejects the whole row, so nothing is half-imported. `fields` holds the
 * custom fields by id, and headerCount is the header row's cell count.
 */
export function validateRow(
  parsed: RowToValidate,
  columns: ColumnMapping[],
  fields: Map<string, CustomField>,
  headerCount: number,
): ValidatedRow {
  const ragged = checkCellCount(parsed, headerCount);
  if (ragged) return { row: null, issues: [ragged] };
  const nul = parsed.cells.findIndex((c) => c.includes('\u0000'));
  if (nul >= 0) {
    const header = columns.find((c) => c.index === nul)?.header.trim();
    const column = header ? `${columnLetter(nul)} ("${header}")` : columnLetter(nul);
    const message = `Row ${parsed.row} (line ${parsed.line}), column ${column} holds a NUL character (a binary zero), which is not text; remove it and import the row again.`;
    return { row: null, issues: [{ row: parsed.row, line: parsed.line, column: header || columnLetter(nul), message, severity: 'error' }] };
  }

  const report = new IssueList(parsed.row, parsed.line);
  const { values, sources, custom } = collectCells(parsed.cells, columns);
  stripInvisible(values, sources, custom, report);
  const usable = checkLengths(values, sources, report);

  const email = readEmail(usable.email, sources.email, report);
  const contactCustom: Record<string, string> = {};
  const companyCustom: Record<string, string> = {};
  let externalId: string | undefined;
  for (const item of custom) {
    const value = readCustomValue(item, fields, report);
    if (value === null) continue;
    const key = item.target.kind === 'custom' ? item.target.fieldId : `new:${item.target.fieldName}`;
    (item.target.entity === 'contact' ? contactCustom : companyCustom)[key] = value;
    if (isExternalIdFieldName(item.target.entity, item.target.fieldName)) {
      externalId = externalIdKey(value);
      if (externalId === undefined) report.add('warning', `${describe(item.column)} is longer than ${MAX_EXTERNAL_ID_LENGTH} characters: it is kept, but it does not identify the company.`, item.column);
    }
  }

  const contact = email ? buildContact(email, usable, sources, contactCustom, report) : null;
  const companyName = readCompanyName(usable['company.name'], sources['company.name'], report);
  const domains = readDomains(usable['company.domain'], sources['company.domain'], report);
  const company: ImportCompany | null =
    companyName !== undefined || domains.length > 0 ? buildCompany(companyName, domains, usable['company.parent'], companyCustom, externalId) : null;
  const isPrimary = readPrimary(usable['membership.primary'], sources['membership.primary'], report);
  const role = usable['membership.role'];

  if (!contact && values.email === undefined) {
    const ignored = columnsWith(sources, ['firstName', 'lastName', 'fullName', 'phone', 'jobTitle'], custom, 'contact');
    if (ignored.length > 0) report.add('warning', `${listColumns(ignored)} ${ignored.length === 1 ? 'is' : 'are'} not imported: the row has no email.`);
  }
  if (!company && values['company.name'] === undefined && values['company.domain'] === undefined) {
    const ignored = columnsWith(sources, ['company.parent'], custom, 'company');
    if (ignored.length > 0) {
      report.add('warning', `${listColumns(ignored)} ${ignored.length === 1 ? 'is' : 'are'} not imported: the row has no company name or domain.`);
    }
  }
  let membership: ImportMembership | null = null;
  if (contact && company) {
    membership = {};
    if (role !== undefined) membership.role = role;
    if (isPrimary !== undefined) membership.isPrimary = isPrimary;
  } else if (values['membership.role'] !== undefined || values['membership.primary'] !== undefined) {
    const ignored = columnsWith(sources, ['membership.role', 'membership.primary'], [], 'contact');
    report.add('warning', `${listColumns(ignored)} ${ignored.length === 1 ? 'is' : 'are'} not imported: a membership needs both an email and a company on the row.`);
  }

  const hasError = report.hasError();
  if (!contact && !company && !hasError) {
    report.add('error', `Row ${parsed.row} has no email and no company: nothing to import.`);
  }
  if (hasError || (!contact && !company)) return { row: null, issues: report.issues };
  return { row: { row: parsed.row, line: parsed.line, contact, company, membership }, issues: report.issues };
}

/**
 * Names and other text lose invisible characters (zero-width, bidi controls, soft hyphen, NUL) and are NFC-normalised,
 * with a warning; an email keeps them, so that it is refused rather than silently changed into another address.
 */
function stripInvisible(values: BuiltInCells, sources: Partial<Record<BuiltInKey, ColumnMapping>>, custom: CustomCell[], report: IssueList): void {
  const warn = (column: ColumnMapping, removed: number) =>
    report.add('warning', `${describe(column)} had ${removed === 1 ? 'an invisible character' : `${removed} invisible characters`} (zero-width, bidi, soft hyphen or control), removed.`, column);
  for (const key of Object.keys(values) as BuiltInKey[]) {
    if (key === 'email') continue;
    const { text, removed } = cleanText(values[key]!);
    if (removed > 0) warn(sources[key]!, removed);
    if (text.trim() === '') delete values[key];
    else values[key] = text.trim();
  }
  for (const item of custom) {
    const { text, removed } = cleanText(item.value);
    if (removed > 0) warn(item.column, removed);
    item.value = text.trim();
  }
}

function checkCellCount(parsed: RowToValidate, headerCount: number): RowIssue | null {
  const count = parsed.cells.length;
  if (count === headerCount) return null;
  // Spreadsheets often leave trailing separators after the last column; empty extra cells hold no data to misplace.
  if (count > headerCount && parsed.cells.slice(headerCount).every((c) => c.trim() === '')) return null;
  return {
    row: parsed.row,
    line: parsed.line,
    message: `Row ${parsed.row} (line ${parsed.line}) has ${count} cells but the header has ${headerCount}; check for a missing or extra separator or quote.`,
    severity: 'error',
  };
}

function collectCells(cells: string[], columns: ColumnMapping[]) {
  const values: BuiltInCells = {};
  const sources: Partial<Record<BuiltInKey, ColumnMapping>> = {};
  const custom: CustomCell[] = [];
  for (const column of columns) {
    const { target } = column;
    if (target.kind === 'ignore') continue;
    const value = cleanCell(cells[column.index]);
    if (value === '') continue;
    if (target.kind === 'custom' || target.kind === 'newCustom') {
      custom.push({ column, value, target });
      continue;
    }
    const key = mappingTargetName(target) as BuiltInKey;
    values[key] = value;
    sources[key] = column;
  }
  return { values, sources, custom };
}

/** Trimmed, with the apostrophe an error file puts before formula-like cells taken off again. */
function cleanCell(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim();
  return trimmed.startsWith("'") ? restoreNeutralised(trimmed).trim() : trimmed;
}

class IssueList {
  readonly issues: RowIssue[] = [];

  constructor(
    private readonly row: number,
    private readonly line: number,
  ) {}

  add(severity: Severity, message: string, column?: ColumnMapping): void {
    const issue: RowIssue = { row: this.row, line: this.line, message, severity };
    if (column) issue.column = columnName(column);
    this.issues.push(issue);
  }

  hasError(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

/** The built-in cells that are within their length limits; the others are reported and left out. */
function checkLengths(values: BuiltInCells, sources: Partial<Record<BuiltInKey, ColumnMapping>>, report: IssueList): BuiltInCells {
  let usable = values;
  for (const key of BUILT_IN_KEYS) {
    const value = values[key];
    const max = BUILT_IN_MAX_LENGTH[key];
    if (value === undefined || value.length <= max) continue;
    report.add('error', `${describe(sources[key]!)} is longer than ${max} characters (it has ${value.length}); shorten it.`, sources[key]);
    if (usable === values) usable = { ...values };
    delete usable[key];
  }
  return usable;
}

function readEmail(value: string | undefined, column: ColumnMapping | undefined, report: IssueList): string | null {
  if (value === undefined || !column) return null;
  const email = normaliseEmail(value);
  if (email === null) report.add('error', `${describe(column)} has ${shown(value)}, which is not an email address.`, column);
  return email;
}

function buildContact(
  email: string,
  usable: BuiltInCells,
  sources: Partial<Record<BuiltInKey, ColumnMapping>>,
  custom: Record<string, string>,
  report: IssueList,
): ImportContact {
  const contact: ImportContact = { email, custom };
  let firstName = usable.firstName;
  let lastName = usable.lastName;
  const fullName = usable.fullName;
  if (firstName === undefined && lastName === undefined && fullName !== undefined) {
    const split = splitFullName(fullName);
    for (const [part, value] of [['first', split.firstName], ['last', split.lastName]] as const) {
      if (value.length > MAX_NAME_LENGTH) {
        report.add('error', `${describe(sources.fullName!)} gives a ${part} name longer than ${MAX_NAME_LENGTH} characters; shorten it.`, sources.fullName);
      }
    }
    firstName = split.firstName || undefined;
    lastName = split.lastName || undefined;
  }
  if (firstName !== undefined) contact.firstName = firstName;
  if (lastName !== undefined) contact.lastName = lastName;
  const phone = usable.phone;
  if (phone !== undefined) contact.phone = phone;
  const jobTitle = usable.jobTitle;
  if (jobTitle !== undefined) contact.jobTitle = jobTitle;
  return contact;
}

function readCompanyName(value: string | undefined, column: ColumnMapping | undefined, report: IssueList): string | undefined {
  if (value === undefined || !column) return undefined;
  if (cachedNameKey(value) === '') {
    report.add('error', `${describe(column)} has ${shown(value)}, which has no letters or digits to name a company by.`, column);
    return undefined;
  }
  return value;
}

/** Several domains may share a cell, separated by semicolons, commas or spaces; free-mail ones are dropped. */
function readDomains(value: string | undefined, column: ColumnMapping | undefined, report: IssueList): string[] {
  if (value === undefined || !column) return [];
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const part of value.split(/[\s,;]+/)) {
    if (!part) continue;
    const domain = normaliseDomain(part);
    if (domain === null) {
      invalid.push(part);
    } else if (isFreeMailDomain(domain)) {
      report.add('warning', `${describe(column)} has ${domain}, a free-mail domain that cannot identify a company; it was left out.`, column);
    } else if (!domains.includes(domain)) {
      domains.push(domain);
    }
  }
  if (invalid.length === 1) report.add('error', `${describe(column)} has ${shown(invalid[0]!)}, which is not a domain (like acme.com).`, column);
  if (invalid.length > 1) {
    const list = invalid.map(shown);
    const named = `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
    report.add('error', `${describe(column)} has ${named}, which are not domains (like acme.com).`, column);
  }
  if (domains.length > MAX_DOMAINS_PER_COMPANY) {
    report.add('error', `${describe(column)} has ${domains.length} domains; a company can have at most ${MAX_DOMAINS_PER_COMPANY}.`, column);
  }
  return domains;
}

function buildCompany(name: string | undefined, domains: string[], parent: string | undefined, custom: Record<string, string>, externalId: string | undefined): ImportCompany {
  const company: ImportCompany = { domains, custom };
  if (externalId !== undefined) company.externalId = externalId;
  if (name !== undefined) {
    company.name = name;
    company.nameKey = cachedNameKey(name);
  }
  if (parent !== undefined) company.parent = parent;
  return company;
}

// Large files name the same companies on many rows, and the key's Unicode folding is the costliest step per row.
const cachedNameKey = remembered(companyNameKey);

function readPrimary(value: string | undefined, column: ColumnMapping | undefined, report: IssueList): boolean | undefined {
  if (value === undefined || !column) return undefined;
  const primary = PRIMARY_VALUES.get(value.toLowerCase());
  if (primary === undefined) report.add('error', `${describe(column)} has ${shown(value)}; use yes or no.`, column);
  return primary;
}

function readCustomValue(item: CustomCell, fields: Map<string, CustomField>, report: IssueList): string | null {
  const { column, value, target } = item;
  if (target.kind === 'newCustom' && target.fieldType !== undefined && target.fieldType !== 'text') {
    return checkedValue(item, { type: target.fieldType, options: [], name: target.fieldName }, report);
  }
  if (target.kind === 'newCustom') {
    if (value.length <= MAX_CUSTOM_VALUE_LENGTH) return value;
    report.add('error', `${describe(column)} is longer than ${MAX_CUSTOM_VALUE_LENGTH} characters (it has ${value.length}); shorten it or keep it in a note.`, column);
    return null;
  }
  const field = fields.get(target.fieldId);
  if (!field) {
    report.add('error', `${describe(column)} goes to the custom field "${target.fieldName}", which no longer exists; map the column again.`, column);
    return null;
  }
  return checkedValue(item, field, report);
}

function checkedValue(item: CustomCell, field: Pick<CustomField, 'type' | 'options' | 'name'>, report: IssueList): string | null {
  const { column, value } = item;
  const result = validateCustomValue(field, value, column.dateOrder ? { dateOrder: column.dateOrder } : {});
  if (!result.ok) {
    // The field's own message starts with the field name; the user knows the column by its header.
    const prefix = `${field.name}: `;
    const problem = result.message.startsWith(prefix) ? result.message.slice(prefix.length) : result.message;
    // One value that does not fit its field leaves that cell out, not the whole row.
    report.add('warning', `${describe(column)}: ${problem} The cell is left out; the rest of the row is imported.`, column);
    return null;
  }
  return result.value === '' ? null : result.value;
}

function columnsWith(
  sources: Partial<Record<BuiltInKey, ColumnMapping>>,
  keys: BuiltInKey[],
  custom: CustomCell[],
  entity: 'contact' | 'company',
): ColumnMapping[] {
  const builtIn = keys.map((key) => sources[key]).filter((c): c is ColumnMapping => c !== undefined);
  return [...builtIn, ...custom.filter((c) => c.target.entity === entity).map((c) => c.column)].sort((a, b) => a.index - b.index);
}

function listColumns(columns: ColumnMapping[]): string {
  const names = columns.map((c) => `"${columnName(c)}"`);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.length === 1 ? 'Column' : 'Columns'} ${list}`;
}

function columnName(column: ColumnMapping): string {
  return column.header.trim() || columnLetter(column.index);
}

function describe(column: ColumnMapping): string {
  return `Column "${columnName(column)}"`;
}

/** A cell as quoted in a message, cut so one bad value cannot flood a report. */
function shown(value: string): string {
  return `"${value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE - 3)}...` : value}"`;
}
