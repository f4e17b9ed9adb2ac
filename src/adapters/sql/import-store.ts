// Import jobs, their staged rows, issues and touched records on SQL: the bookkeeping behind resumable imports.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { conflict } from '../../domain/errors';
import type { ImportJobRecord, ImportJobs, ImportJobStatus, StagedRow, StoredImportIssue } from '../../domain/ports';
import { chunkKeys, MAX_RESPONSE_BYTES } from './batching';
import { insertRows } from './upsert';
import type { SqlEngine } from './engine';
import { parseJson } from './rows';
import type { Database, ImportJobsTable, ImportRowsTable } from './schema';

const cellsSchema = z.union([z.array(z.string()), z.object({ error: z.string(), column: z.string().optional(), raw: z.string().optional() })]).catch({ error: 'The staged row could not be read.' });
const anyJson = z.unknown();

const toJob = (r: ImportJobsTable): ImportJobRecord => ({
  id: r.id,
  status: r.status as ImportJobStatus,
  dryRun: Number(r.dry_run) === 1,
  fileName: r.file_name,
  spec: parseJson(r.spec, anyJson),
  totalRows: Number(r.total_rows),
  state: parseJson(r.state, anyJson),
  report: parseJson(r.report, anyJson),
  version: Number(r.version),
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

const fromJob = (j: ImportJobRecord): ImportJobsTable => ({
  id: j.id,
  status: j.status,
  dry_run: j.dryRun ? 1 : 0,
  file_name: j.fileName,
  spec: JSON.stringify(j.spec ?? null),
  total_rows: j.totalRows,
  state: JSON.stringify(j.state ?? null),
  report: JSON.stringify(j.report ?? null),
  version: j.version,
  created_at: j.createdAt,
  created_by: j.createdBy,
  updated_at: j.updatedAt,
  finished_at: j.finishedAt,
});

const toRow = (r: Pick<ImportRowsTable, 'row_no' | 'line_no' | 'email_key' | 'cells'>): StagedRow => ({
  rowNo: Number(r.row_no),
  lineNo: Number(r.line_no),
  emailKey: r.email_key,
  cells: parseJson(r.cells, cellsSchema),
});

/** What one call may hold in memory when staged rows are wide; past it a page stops early (at a contact's end). */
const MAX_PAGE_BYTES = 48 * 1024 * 1024;

type RowFilter = (eb: ExpressionBuilder<Database, 'import_rows'>) => ReturnType<ExpressionBuilder<Database, 'import_rows'>['and']>;
type Staged = Pick<ImportRowsTable, 'row_no' | 'line_no' | 'email_key' | 'cells'>;

export function makeImportJobs(engine: SqlEngine): ImportJobs {
  const { db } = engine;
  const cellBytes = engine.dialect === 'mysql' ? sql<number>`LENGTH(cells)` : sql<number>`LENGTH(CAST(cells AS BLOB))`;

  /**
   * Up to `limit` staged rows matching `filter` in `order`, in as many reads as it takes for each response to stay
   * under MAX_RESPONSE_BYTES (Forge SQL answers at most 4 MiB): each read sizes its rows first (a window sum over
   * their byte lengths, in the same statement) and returns the rows before the running total passes the budget.
   * `more` says the page stopped early because of MAX_PAGE_BYTES.
   */
  async function boundedRows(jobId: string, filter: RowFilter, byEmail: boolean, limit: number): Promise<{ rows: Staged[]; more: boolean }> {
    const rows: Staged[] = [];
    let bytes = 0;
    let after: Staged | null = null;
    while (rows.length < limit) {
      const resume = after;
      const within = (eb: ExpressionBuilder<Database, 'import_rows'>) => {
        const conditions = [filter(eb)];
        if (resume) {
          conditions.push(
            byEmail
              ? eb.or([eb('email_key', '>', resume.email_key), eb.and([eb('email_key', '=', resume.email_key), eb('row_no', '>', resume.row_no)])])
              : eb('row_no', '>', resume.row_no),
          );
        }
        return eb.and(conditions);
      };
      const ordered = <Q extends SelectQueryBuilder<Database, 'import_rows', object>>(q: Q) => (byEmail ? q.orderBy('email_key').orderBy('row_no') : q.orderBy('row_no')) as Q;
      const sizes = ordered(db.selectFrom('import_rows').select(['row_no', 'email_key', cellBytes.as('len')]).where('job_id', '=', jobId).where(within)).limit(limit - rows.length);
      const running = db
        .selectFrom(sizes.as('s'))
        .select((eb) => [
          's.row_no',
          's.len',
          eb.fn.sum<number>('s.len').over((ob) => (byEmail ? ob.orderBy('s.email_key').orderBy('s.row_no') : ob.orderBy('s.row_no'))).as('run'),
          eb.fn.countAll<number>().over().as('total'),
        ]);
      const page = await db
        .selectFrom(running.as('w'))
        .innerJoin('import_rows as r', (join) => join.on('r.job_id', '=', jobId).onRef('r.row_no', '=', 'w.row_no'))
        .select(['r.row_no', 'r.line_no', 'r.email_key', 'r.cells', 'w.total'])
        // The rows that start before the budget is spent: the first row always comes, however wide.
        .where((eb) => eb(eb('w.run', '-', eb.ref('w.len')), '<', MAX_RESPONSE_BYTES))
        .$if(byEmail, (q) => q.orderBy('r.email_key'))
        .orderBy('r.row_no')
        .execute();
      if (page.length === 0) break;
      const requested = limit - rows.length;
      const cutByBytes = page.length < Number(page[0]!.total);
      for (const { total: _total, ...r } of page) {
        rows.push(r);
        bytes += r.cells.length;
      }
      after = page[page.length - 1]!;
      if (bytes >= MAX_PAGE_BYTES && rows.length < limit) {
        if (byEmail) {
          // Never hand back part of a contact's rows unless they are all there is.
          const lastEmail = after.email_key;
          const whole = rows.filter((r) => r.email_key !== lastEmail);
          if (whole.length > 0) return { rows: whole, more: true };
          continue;
        }
        return { rows, more: true };
      }
      // A read not cut by the response budget that came back short: no rows are left.
      if (!cutByBytes && page.length < requested) break;
    }
    return { rows, more: false };
  }

  return {
    async insert(job) {
      await db.insertInto('import_jobs').values(fromJob(job)).execute();
    },
    async find(id) {
      const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toJob(row) : null;
    },
    async list(limit, before) {
      let q = db.selectFrom('import_jobs').selectAll();
      if (before) q = q.where('id', '<', before);
      return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toJob);
    },
    async update(job) {
      const row = fromJob(job);
      const result = await db
        .updateTable('import_jobs')
        .set({ status: row.status, total_rows: row.total_rows, spec: row.spec, state: row.state, report: row.report, version: row.version, updated_at: row.updated_at, finished_at: row.finished_at })
        .where('id', '=', job.id)
        .where('version', '=', job.version - 1)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw conflict(`Import job ${job.id}`);
    },
    async stageRows(jobId, rows) {
      const values = rows.map((r) => ({ job_id: jobId, row_no: r.rowNo, line_no: r.lineNo, email_key: r.emailKey, cells: JSON.stringify(r.cells) }));
      // Insert-or-ignore: a chunk sent twice (a retried upload) stages each row once.
      await insertRows(engine, 'import_rows', values, 'ignore');
    },
    async rowsInFileOrder(jobId, afterRowNo, limit) {
      const { rows } = await boundedRows(jobId, (eb) => eb.and([eb('row_no', '>', afterRowNo)]), false, limit);
      return rows.map(toRow);
    },
    async rowsByEmail(jobId, after, limit) {
      // Keyset on (email, row) as two index ranges: the rest of a cut group, then the emails after it.
      // (An OR of both in one WHERE makes some engines scan the whole job.)
      const rows: StagedRow[] = [];
      if (after && after.rowNo >= 0) {
        const rest = await boundedRows(jobId, (eb) => eb.and([eb('email_key', '=', after.emailKey), eb('row_no', '>', after.rowNo)]), true, limit);
        rows.push(...rest.rows.map(toRow));
        if (rows.length >= limit || rest.more) return rows;
      }
      const next = await boundedRows(jobId, (eb) => eb.and([eb('email_key', '>', after ? after.emailKey : '')]), true, limit - rows.length);
      return rows.concat(next.rows.map(toRow));
    },
    async rowsByNumbers(jobId, rowNos) {
      const out: StagedRow[] = [];
      for (const chunk of chunkKeys([...new Set(rowNos)].sort((a, b) => a - b), 10000)) {
        let remaining = chunk;
        while (remaining.length > 0) {
          const wanted = remaining; // bounded: what is left of one chunk
          const { rows } = await boundedRows(jobId, (eb) => eb.and([eb('row_no', 'in', wanted)]), false, wanted.length);
          if (rows.length === 0) break;
          out.push(...rows.map(toRow));
          const last = rows[rows.length - 1]!.row_no;
          remaining = wanted.filter((n) => n > last);
        }
      }
      return out;
    },
    async addIssues(jobId, issues) {
      const values = issues.map((i) => ({ job_id: jobId, row_no: i.rowNo, seq: i.seq, severity: i.severity, line_no: i.line, col: i.column.slice(0, 400), message: i.message }));
      await insertRows(engine, 'import_issues', values, 'ignore');
    },
    async issues(jobId, after, limit, severity) {
      let q = db.selectFrom('import_issues').selectAll().where('job_id', '=', jobId);
      if (severity) q = q.where('severity', '=', severity);
      if (after) q = q.where((eb) => eb.or([eb('row_no', '>', after.rowNo), eb.and([eb('row_no', '=', after.rowNo), eb('seq', '>', after.seq)])]));
      const rows = await q.orderBy('row_no').orderBy('seq').limit(limit).execute();
      return rows.map((r): StoredImportIssue => ({ rowNo: Number(r.row_no), seq: Number(r.seq), severity: r.severity === 'error' ? 'error' : 'warning', line: Number(r.line_no), column: r.col, message: r.message }));
    },
    async countIssues(jobId) {
      const rows = await db
        .selectFrom('import_issues')
        .select(['severity', (eb) => eb.fn.count<number>('row_no').distinct().as('rows'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('job_id', '=', jobId)
        .groupBy('severity')
        .execute();
      const errors = rows.find((r) => r.severity === 'error');
      const warnings = rows.find((r) => r.severity === 'warning');
      return { errorRows: Number(errors?.rows ?? 0), warnings: Number(warnings?.n ?? 0) };
    },
    async setRowCompanies(jobId, rows) {
      const values = rows.map((r) => ({ job_id: jobId, row_no: r.rowNo, company_id: r.companyId }));
      await insertRows(engine, 'import_row_companies', values, 'ignore');
    },
    async rowCompanies(jobId, rowNos) {
      const out = new Map<number, string>();
      for (const chunk of chunkKeys(rowNos, engine.maxParams - 1)) {
        const rows = await db.selectFrom('import_row_companies').select(['row_no', 'company_id']).where('job_id', '=', jobId).where('row_no', 'in', chunk).execute();
        for (const r of rows) out.set(Number(r.row_no), r.company_id);
      }
      return out;
    },
    async touch(jobId, recordType, ids) {
      const values = ids.map((id) => ({ job_id: jobId, record_type: recordType, record_id: id }));
      await insertRows(engine, 'import_touched', values, 'ignore');
    },
    async purgeTouched(jobId, limit) {
      const result = await db.deleteFrom('import_touched').where('job_id', '=', jobId).limit(limit).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async countTouched(jobId, recordType) {
      const row = await db.selectFrom('import_touched').select((eb) => eb.fn.countAll<number>().as('n')).where('job_id', '=', jobId).where('record_type', '=', recordType).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async touchedAmong(jobId, recordType, ids) {
      const out = new Set<string>();
      for (const chunk of chunkKeys([...new Set(ids)], 1000)) {
        const rows = await db.selectFrom('import_touched').select('record_id').where('job_id', '=', jobId).where('record_type', '=', recordType).where('record_id', 'in', chunk).execute();
        for (const r of rows) out.add(r.record_id);
      }
      return out;
    },
    async untouchedCompanies(jobId, afterId, limit) {
      let q = db
        .selectFrom('companies')
        .select(['companies.id', 'companies.name'])
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('import_touched').select('record_id').where('import_touched.job_id', '=', jobId).where('import_touched.record_type', '=', 'company').whereRef('import_touched.record_id', '=', 'companies.id'))),
        );
      if (afterId) q = q.where('companies.id', '>', afterId);
      return q.orderBy('companies.id').limit(limit).execute();
    },
    async unmentionedContacts(jobId, afterId, limit) {
      let q = db
        .selectFrom('contacts')
        .select(['contacts.id', 'contacts.email'])
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('import_rows').select('row_no').where('import_rows.job_id', '=', jobId).whereRef('import_rows.email_key', '=', 'contacts.email'))),
        );
      if (afterId) q = q.where('contacts.id', '>', afterId);
      return q.orderBy('contacts.id').limit(limit).execute();
    },
    async purgeImportedRows(jobId, fromRowNo, toRowNo) {
      await db.deleteFrom('import_row_companies').where('job_id', '=', jobId).where('row_no', '>=', fromRowNo).where('row_no', '<', toRowNo).execute();
      await db
        .deleteFrom('import_rows')
        .where('job_id', '=', jobId)
        .where('row_no', '>=', fromRowNo)
        .where('row_no', '<', toRowNo)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('import_issues').select('seq').where('import_issues.job_id', '=', jobId).where('import_issues.severity', '=', 'error').whereRef('import_issues.row_no', '=', 'import_rows.row_no'))),
        )
        .execute();
    },
    async deleteStagedRowsByEmail(emailKey) {
      if (emailKey === '') return 0;
      const result = await db.deleteFrom('import_rows').where('email_key', '=', emailKey).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
