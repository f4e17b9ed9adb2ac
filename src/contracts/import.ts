// The import, undo and export part of the resolver API: the page uploads parsed rows in batches under 200 KB.
import { NEW_FIELD_TYPES } from '../domain/custom-fields';
import { z } from 'zod';
import { MAX_PAGE_SIZE, MAX_RAW_ROW_LENGTH } from '../domain/limits';
import type { ColumnMapping, RowIssue } from '../import/types';

/** Forge advises <= 200 KB per invoke; the page sends at most this many rows per call and keeps under the size. */
export const IMPORT_ROWS_PER_CALL = 1000;
/** The longest cell and the most columns a row may have; the page turns rows beyond them into error rows before sending. */
export const MAX_IMPORT_CELL_LENGTH = 20_000;
export const MAX_IMPORT_COLUMNS = 200;
/** The longest header, error message or column name a call may carry. */
export const MAX_IMPORT_TEXT_LENGTH = 1000;
const MAX_CELL = MAX_IMPORT_CELL_LENGTH;
const MAX_COLUMNS = MAX_IMPORT_COLUMNS;

const optionsSchema = z.object({
  mode: z.enum(['overwrite', 'fill-empty']).default('overwrite'),
  memberships: z.enum(['add', 'sync']).default('add'),
  missing: z.enum(['ignore', 'report']).default('ignore'),
  createFields: z.boolean().default(false),
});

const jobIdSchema = z.object({ jobId: z.string().trim().min(1).max(64) });
const mappingName = z.string().trim().min(1, 'Name the mapping').max(100, 'A mapping name is at most 100 characters');

export const importApi = {
  'import/start': {
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      headers: z.array(z.string().max(MAX_IMPORT_TEXT_LENGTH)).min(1, 'The file has no header row').max(MAX_COLUMNS, `A file may have at most ${MAX_COLUMNS} columns`),
      options: optionsSchema.default({ mode: 'overwrite', memberships: 'add', missing: 'ignore', createFields: false }),
      mapping: z.record(z.string().max(MAX_IMPORT_TEXT_LENGTH), z.string().max(200)).default({}),
      /** The type of each field the import creates, by mapping target ("contact.custom:Renewal"); text otherwise. */
      newFieldTypes: z.record(z.string().max(200), z.enum(NEW_FIELD_TYPES)).default({}),
      /** How each date column writes numeric dates, by header: day first (31/12/2026) or month first (12/31/2026). */
      dateOrders: z.record(z.string().max(MAX_IMPORT_TEXT_LENGTH), z.enum(['dmy', 'mdy'])).default({}),
      saveMappingAs: mappingName.optional(),
      fileWarnings: z.array(z.string().max(500)).max(10).default([]),
      dryRun: z.boolean().default(false),
    }),
    action: 'admin',
  },
  'import/preview': {
    input: z.object({
      headers: z.array(z.string().max(MAX_IMPORT_TEXT_LENGTH)).min(1).max(MAX_COLUMNS),
      rows: z.array(z.array(z.string().max(MAX_CELL)).max(MAX_COLUMNS)).max(20),
      mapping: z.record(z.string().max(MAX_IMPORT_TEXT_LENGTH), z.string().max(200)).default({}),
      createFields: z.boolean().default(false),
    }),
    action: 'admin',
  },
  'import/rows': {
    input: z.object({
      jobId: z.string().trim().min(1).max(64),
      rows: z
        .array(
          z.union([
            z.object({ row: z.number().int().min(1), line: z.number().int().min(1), cells: z.array(z.string().max(MAX_CELL)).max(MAX_COLUMNS) }),
            z.object({ row: z.number().int().min(1), line: z.number().int().min(1), error: z.string().max(MAX_IMPORT_TEXT_LENGTH), column: z.string().max(MAX_IMPORT_TEXT_LENGTH).optional(), raw: z.string().max(MAX_RAW_ROW_LENGTH).optional() }),
          ]),
        )
        .min(1)
        .max(IMPORT_ROWS_PER_CALL, `Send at most ${IMPORT_ROWS_PER_CALL} rows per call`),
    }),
    action: 'admin',
  },
  'import/queue': { input: z.object({ jobId: z.string().trim().min(1).max(64), totalRows: z.number().int().min(0).max(5_000_000) }), action: 'admin' },
  'import/status': { input: jobIdSchema, action: 'admin' },
  'import/list': { input: z.object({ limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(25), before: z.string().max(64).nullish() }), action: 'admin' },
  'import/errors': { input: z.object({ jobId: z.string().trim().min(1).max(64), after: z.string().max(100).nullish() }), action: 'admin' },
  'import/undo': { input: jobIdSchema, action: 'admin' },
  'import/cancel': { input: jobIdSchema, action: 'admin' },
  'import/mappings': { input: z.object({}), action: 'admin' },
  'export/csv': {
    input: z.object({ cursor: z.string().max(500).nullish(), text: z.string().max(200).optional(), companyId: z.string().max(64).optional() }),
    action: 'read',
  },
} as const;

type Counts = { created: number; updated: number; unchanged: number; removed: number };

/** A column the import leaves out: its letter and header. */
export type IgnoredColumnView = { column: string; name: string };

export type ImportReportView = {
  jobId: string;
  dryRun: boolean;
  fileName: string;
  rows: number;
  /** rows = imported + rejected */
  imported: number;
  rejected: number;
  warnings: number;
  ignoredColumns: IgnoredColumnView[];
  contacts: Counts;
  companies: Counts;
  memberships: Counts;
  fieldsCreated: string[];
  /** `reason`: why the row matched a stored record ("same email", "domain acme.com", "name key acme"). */
  samples: { record: string; action: string; changes: Record<string, [unknown, unknown]>; reason?: string }[];
  missing: { contacts: number; companies: number; sample: string[] } | null;
  undo: { restored: number; removed: number; skipped: string[] } | null;
};

export type ImportProgressView = {
  jobId: string;
  status: 'staging' | 'queued' | 'running' | 'done' | 'failed' | 'undoing' | 'undone';
  dryRun: boolean;
  fileName: string;
  phase: string;
  totalRows: number;
  rowsDone: number;
  percent: number;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  error: string | null;
};

export type ImportStatusView = ImportProgressView & { report: ImportReportView | null; warningsSample: RowIssue[] };

export type ImportResults = {
  'import/start': { jobId: string; columns: ColumnMapping[]; issues: RowIssue[]; unknown: string[]; ignoredColumns: IgnoredColumnView[] };
  'import/preview': { columns: ColumnMapping[]; issues: RowIssue[]; unknown: string[]; ignoredColumns: IgnoredColumnView[]; rows: { row: number; issues: RowIssue[]; values: Record<string, string> }[] };
  'import/rows': { staged: number };
  'import/queue': ImportProgressView;
  'import/status': ImportStatusView;
  'import/list': ImportProgressView[];
  'import/errors': { text: string; next: string | null };
  'import/undo': ImportProgressView;
  'import/cancel': ImportProgressView;
  'import/mappings': { name: string; mapping: Record<string, string> }[];
  'export/csv': { text: string; next: string | null };
};
