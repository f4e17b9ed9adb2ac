// The import job's stored spec, progress state and report, each checked with zod when read back.
import { IMPORT_ACTOR_PREFIX } from '../../domain/accounts';
import { NEW_FIELD_TYPES } from '../../domain/custom-fields';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { ImportJobRecord, Store } from '../../domain/ports';
import type { ColumnMapping } from '../../import/types';

export const IMPORT_LOCK = 'import';
/** Rows read per chunk: large enough to keep statements under 6 per 1,000 rows, small enough for Forge's 1 MiB/4 MiB limits. */
export const IMPORT_CHUNK_ROWS = 5000;
/** A running import renews its lock every chunk; a crashed one frees it after this long. */
export const IMPORT_LOCK_TTL_MS = 15 * 60 * 1000;
/** How many field-level changes a report samples. */
export const REPORT_SAMPLE_SIZE = 25;

export const importOptionsSchema = z.object({
  mode: z.enum(['overwrite', 'fill-empty']).default('overwrite'),
  memberships: z.enum(['add', 'sync']).default('add'),
  missing: z.enum(['ignore', 'report']).default('ignore'),
  createFields: z.boolean().default(false),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contact'), field: z.enum(['email', 'firstName', 'lastName', 'fullName', 'phone', 'jobTitle']) }),
  z.object({ kind: z.literal('company'), field: z.enum(['name', 'domain', 'parent']) }),
  z.object({ kind: z.literal('membership'), field: z.enum(['role', 'primary']) }),
  z.object({ kind: z.literal('custom'), entity: z.enum(['contact', 'company']), fieldId: z.string(), fieldName: z.string() }),
  z.object({ kind: z.literal('newCustom'), entity: z.enum(['contact', 'company']), fieldName: z.string(), fieldType: z.enum(NEW_FIELD_TYPES).optional() }),
  z.object({ kind: z.literal('ignore') }),
]);
export const columnSchema = z.object({ index: z.number().int().min(0), header: z.string(), target: targetSchema, dateOrder: z.enum(['dmy', 'mdy']).optional() });

export const jobSpecSchema = z.object({
  headers: z.array(z.string()),
  columns: z.array(columnSchema),
  options: importOptionsSchema,
  fileWarnings: z.array(z.string()).default([]),
});
export type JobSpec = z.infer<typeof jobSpecSchema> & { columns: ColumnMapping[] };

const countsSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), removed: z.number() });
export type Counts = z.infer<typeof countsSchema>;
export const zeroCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });

/** `reason`: why the row matched a stored record ("same email", "domain acme.com", "name key acme"). */
export const sampleSchema = z.object({ record: z.string(), action: z.string(), changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])), reason: z.string().optional() });
export type ChangeSample = z.infer<typeof sampleSchema>;

export const pendingParentSchema = z.object({ companyId: z.string(), ref: z.string(), row: z.number(), line: z.number() });

export const jobStateSchema = z.object({
  phase: z.enum(['fields', 'companies', 'parents', 'contacts', 'missing', 'cleanup', 'done', 'undo']),
  rowCursor: z.number().default(0),
  /** The companies phase reads the file twice: rows with a domain first, then rows that name a company without one. */
  companyPass: z.enum(['domains', 'names']).default('domains'),
  emailCursor: z.object({ emailKey: z.string(), rowNo: z.number() }).nullable().default(null),
  companyRowsDone: z.number().default(0),
  /**
   * Rows the domains pass met that name a company without a domain: the names pass reads the file again only when
   * there are any (null: not counted, as in jobs started before this was kept, which always run it).
   */
  namesPassRows: z.number().nullable().default(null),
  contactRowsDone: z.number().default(0),
  contactsInFile: z.number().default(0),
  membershipsInFile: z.number().default(0),
  /** Rows that ended imported (the others are rejected, with an error issue): rows = imported + rejected. */
  importedRows: z.number().default(0),
  pendingParents: z.array(pendingParentSchema).default([]),
  planned: z.object({ contacts: countsSchema, companies: countsSchema, memberships: countsSchema }).default({ contacts: zeroCounts(), companies: zeroCounts(), memberships: zeroCounts() }),
  samples: z.array(sampleSchema).default([]),
  fieldsCreated: z.array(z.string()).default([]),
  missing: z.object({ contacts: z.number(), companies: z.number(), sample: z.array(z.string()) }).nullable().default(null),
  missingCursor: z.string().nullable().default(null),
  missingStage: z.enum(['contacts', 'companies']).default('contacts'),
  /**
   * Companies the job's rows spoke for, counted as cleanup begins, before the bookkeeping it is counted from is purged
   * (null: not counted yet, as in jobs that reached cleanup before this was kept).
   */
  touchedCompanies: z.number().nullable().default(null),
  undo: z
    .object({ stage: z.enum(['membership', 'contact', 'contact-created', 'company', 'company-created']), after: z.string().nullable(), restored: z.number(), removed: z.number(), skipped: z.array(z.string()) })
    .nullable()
    .default(null),
  error: z.string().nullable().default(null),
  /** The report counters of the step about to write, saved before its writes (see JobRun.countersBeforeWrites). */
  pendingCounts: z
    .object({
      key: z.string(),
      planned: z.object({ contacts: countsSchema, companies: countsSchema, memberships: countsSchema }),
      contactsInFile: z.number(),
      membershipsInFile: z.number(),
      samples: z.array(sampleSchema),
    })
    .nullable()
    .default(null),
});
export type JobState = z.infer<typeof jobStateSchema>;

export const initialState = (): JobState => jobStateSchema.parse({ phase: 'fields', namesPassRows: 0 });

export const reportSchema = z.object({
  jobId: z.string(),
  dryRun: z.boolean(),
  fileName: z.string(),
  rows: z.number(),
  imported: z.number().default(0),
  rejected: z.number(),
  warnings: z.number(),
  ignoredColumns: z.array(z.object({ column: z.string(), name: z.string() })).default([]),
  contacts: countsSchema,
  companies: countsSchema,
  memberships: countsSchema,
  fieldsCreated: z.array(z.string()),
  samples: z.array(sampleSchema),
  missing: z.object({ contacts: z.number(), companies: z.number(), sample: z.array(z.string()) }).nullable(),
  undo: z.object({ restored: z.number(), removed: z.number(), skipped: z.array(z.string()) }).nullable().default(null),
});
export type ImportReport = z.infer<typeof reportSchema>;

export type ImportJob = Omit<ImportJobRecord, 'spec' | 'state' | 'report'> & { spec: JobSpec; state: JobState; report: ImportReport | null };

export function readJob(record: ImportJobRecord): ImportJob {
  const spec = jobSpecSchema.safeParse(record.spec);
  if (!spec.success) throw new AppError('INTERNAL', `Import job ${record.id} has an unreadable specification.`);
  const state = jobStateSchema.safeParse(record.state ?? { phase: 'fields' });
  const report = reportSchema.safeParse(record.report);
  return { ...record, spec: spec.data as JobSpec, state: state.success ? state.data : initialState(), report: report.success ? report.data : null };
}

export async function loadJob(store: Store, jobId: string): Promise<ImportJob> {
  const record = await store.importJobs.find(jobId);
  if (!record) throw new AppError('NOT_FOUND', `Import job ${jobId} does not exist.`);
  return readJob(record);
}

/** Writes the job with an optimistic version check, so two workers never both advance one job. */
export async function saveJob(store: Store, job: ImportJob, now: Date): Promise<ImportJob> {
  const next = { ...job, version: job.version + 1, updatedAt: now.toISOString() };
  await store.importJobs.update(next);
  return next;
}

export const importActor = (jobId: string) => `${IMPORT_ACTOR_PREFIX}${jobId}`;
