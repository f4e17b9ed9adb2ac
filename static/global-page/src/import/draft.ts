// The import being prepared: the picked file, where each column goes, and the options; checked with the shared mapping code.
import type { DateOrder, NewFieldType } from '../../../../src/domain/custom-fields';
import type { CustomField } from '../api-types';
import { mapHeaders, mappingTargetName, type HeaderMapping } from '../../../../src/import/headers';
import { IGNORE } from './targets';
import type { FileScan } from './worker-protocol';

export type RunOptions = {
  mode: 'overwrite' | 'fill-empty';
  memberships: 'add' | 'sync';
  missing: 'ignore' | 'report';
};

export const DEFAULT_OPTIONS: RunOptions = { mode: 'overwrite', memberships: 'add', missing: 'ignore' };

export type Draft = {
  file: File;
  scan: FileScan;
  /** The custom fields when the file was picked. */
  fields: CustomField[];
  /** Headers the automatic suggestion did not recognise. */
  unknown: string[];
  /** The target name chosen for each column, by column index. */
  choices: string[];
  /** Save the mapping under this name when the dry run starts ('' = do not save). */
  saveAs: string;
  /** The type chosen for each field the import will create, by target name; text when left out. */
  newFieldTypes?: Record<string, NewFieldType>;
  /** How each date column writes day and month, by header; worked out per value when left out. */
  dateOrders?: Record<string, DateOrder>;
  options: RunOptions;
};

/** A draft for a freshly scanned file, with the columns mapped the way the server would map them unasked. */
export function newDraft(file: File, scan: FileScan, fields: CustomField[]): Draft {
  const suggested = mapHeaders(scan.headers, { customFields: fields });
  return {
    file,
    scan,
    fields,
    unknown: suggested.unknown,
    choices: suggested.columns.map((c) => mappingTargetName(c.target)),
    saveAs: '',
    options: DEFAULT_OPTIONS,
  };
}

/** The choices a saved mapping gives this file; headers it does not name keep their automatic suggestion. */
export function choicesFromSaved(headers: string[], fields: CustomField[], saved: Record<string, string>): string[] {
  const savedTargets = new Set(Object.values(saved));
  const mapped = mapHeaders(headers, { customFields: fields, explicit: saved, createFields: true });
  // With createFields on, headers the mapping does not name would become new fields; only the ones it names should.
  return mapped.columns.map((c) => {
    const name = mappingTargetName(c.target);
    return c.target.kind === 'newCustom' && !savedTargets.has(name) ? IGNORE : name;
  });
}

/** The explicit mapping sent to the server: every column by its header. */
/** The chosen types of the new fields this mapping still creates (a column moved elsewhere drops its choice). */
export function newFieldTypesOf(draft: Pick<Draft, 'choices' | 'newFieldTypes'>): Record<string, NewFieldType> {
  const types: Record<string, NewFieldType> = {};
  for (const choice of draft.choices) {
    const type = draft.newFieldTypes?.[choice];
    if (type !== undefined && type !== 'text') types[choice] = type;
  }
  return types;
}

export function mappingOf(draft: Pick<Draft, 'scan' | 'choices'>): Record<string, string> {
  const mapping: Record<string, string> = {};
  draft.scan.headers.forEach((header, index) => {
    mapping[header] = draft.choices[index] ?? IGNORE;
  });
  return mapping;
}

export type CheckedMapping = HeaderMapping & { createFields: boolean; blocking: boolean };

/** The mapping as the server will read it, with its problems; `blocking` when the import could not start. */
export function checkMapping(draft: Pick<Draft, 'scan' | 'choices' | 'fields'>): CheckedMapping {
  const mapped = mapHeaders(draft.scan.headers, { customFields: draft.fields, explicit: mappingOf(draft), createFields: true });
  return {
    ...mapped,
    createFields: mapped.columns.some((c) => c.target.kind === 'newCustom'),
    blocking: mapped.issues.some((i) => i.severity === 'error'),
  };
}

/** Sets a column's target; columns with the same header share one mapping entry, so they change together. */
export function withChoice(draft: Draft, index: number, value: string): Draft {
  const header = draft.scan.headers[index];
  return { ...draft, choices: draft.choices.map((choice, i) => (i === index || draft.scan.headers[i] === header ? value : choice)) };
}
