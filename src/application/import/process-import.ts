// Runs an import job chunk by chunk: fields, companies, parents, contacts with memberships, missing report, cleanup.
// Every chunk is idempotent (deterministic ids, write-ahead audit entries, upserts), so a crash at any statement
// is repaired by running the job again from its saved cursor.
import { AppError } from '../../domain/errors';
import { fieldNameKey } from '../../domain/custom-fields';
import { isExternalIdField, isExternalIdFieldName } from '../../domain/external-id';
import { wouldCreateCycle } from '../../domain/hierarchy';
import { deterministicId, fieldIdFrom, idFormatOf, sequencedId, type IdFormat } from '../../domain/ids';
import { companyNameKey } from '../../domain/normalise';
import type { AuditEntry, FieldChanges, StagedRow, Store, StoredImportIssue } from '../../domain/ports';
import type { Company, Contact, CustomField, Membership } from '../../domain/records';
import { decideCompanyName, namesakeWarning } from '../../import/company-identity';
import { mergeContactRows, planCompany, planContact } from '../../import/merge';
import type { ColumnMapping, ImportCompany, ImportRow, RowIssue } from '../../import/types';
import { validateRow } from '../../import/validate-row';
import { ignoredColumnsOf } from '../../import/headers';
import { CompanyIndex } from './company-index';
import {
  IMPORT_CHUNK_ROWS,
  IMPORT_LOCK,
  IMPORT_LOCK_TTL_MS,
  REPORT_SAMPLE_SIZE,
  importActor,
  initialState,
  loadJob,
  saveJob,
  type ChangeSample,
  type ImportJob,
  type ImportReport,
} from './job-model';

/** `chunkRows` overrides IMPORT_CHUNK_ROWS (tests use small chunks to cross chunk boundaries). */
export type ImportDeps = { store: Store; clock: () => Date; chunkRows?: number };

/** Planned companies of dry runs live only in memory; kept per job while it runs in this process. */
const indexes = new Map<string, CompanyIndex>();
function indexFor(jobId: string): CompanyIndex {
  let index = indexes.get(jobId);
  if (!index) {
    if (indexes.size > 8) indexes.clear();
    index = new CompanyIndex();
    indexes.set(jobId, index);
  }
  return index;
}

const PURGE_RANGE = 50_000;
/** Touched-record rows one cleanup statement deletes (a bounded write, well inside Forge's 10 s). */
const TOUCHED_PURGE_ROWS = 10_000;
/** Companies a real run keeps in memory between chunks before it starts afresh from the store. */
const MAX_INDEXED_COMPANIES = 50_000;
/** Renewing the lock every minute keeps it well inside its 15-minute expiry. */
const LOCK_RENEW_MS = 60_000;

type Validated = { staged: StagedRow; row: ImportRow | null; issues: RowIssue[] };

/** A contacts chunk's reads, for the emails and rows they were made for. */
type ContactReads = { emails: Set<string>; rowNos: Set<number>; resolved: Map<number, string>; stored: Map<string, Contact>; memberships: Membership[] };

function validateStaged(job: ImportJob, fields: Map<string, CustomField>, staged: StagedRow[]): Validated[] {
  const columns = job.spec.columns as ColumnMapping[];
  return staged.map((s) => {
    if (!Array.isArray(s.cells)) {
      return { staged: s, row: null, issues: [{ row: s.rowNo, line: s.lineNo, column: s.cells.column, message: s.cells.error, severity: 'error' as const }] };
    }
    const result = validateRow({ row: s.rowNo, line: s.lineNo, cells: s.cells }, columns, fields, job.spec.headers.length);
    return { staged: s, row: result.row, issues: result.issues };
  });
}

/**
 * Each pass numbers a row's issues from its own base, so issues of one row found by different passes never share a
 * key (and a pass run again after a crash writes the same keys, kept once).
 */
const ISSUE_SEQ_BASE = { companies: 0, companyNames: 1000, parents: 2000, contacts: 3000 } as const;
type IssuePass = keyof typeof ISSUE_SEQ_BASE;

function toStoredIssues(items: readonly { rowNo: number; line: number; issue: RowIssue }[], pass: IssuePass): StoredImportIssue[] {
  const seqByRow = new Map<number, number>();
  return items.map(({ rowNo, line, issue }) => {
    const seq = seqByRow.get(rowNo) ?? ISSUE_SEQ_BASE[pass];
    seqByRow.set(rowNo, seq + 1);
    return { rowNo, seq, severity: issue.severity, line: issue.line ?? line, column: issue.column ?? '', message: issue.message };
  });
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>, keys: readonly string[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of keys) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

function customDiff(before: Record<string, string>, after: Record<string, string>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key]) changes[`custom.${key}`] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}

const COMPANY_KEYS = ['name', 'domains', 'parentId'] as const;

class JobRun {
  private readonly actor: string;
  private readonly timeMs: number;
  private readonly idFormat: IdFormat;
  private fields = new Map<string, CustomField>();
  /** The row of this file that named each company, for warnings about later rows that name it differently. */
  private readonly namedAt = new Map<string, number>();
  /** Companies a row of this file has already spoken for (ids only, so it stays small even for big files). */
  private readonly seenCompanies = new Set<string>();

  constructor(
    private readonly deps: ImportDeps,
    private job: ImportJob,
    private readonly index: CompanyIndex,
  ) {
    this.actor = importActor(job.id);
    this.timeMs = Date.parse(job.createdAt);
    this.idFormat = idFormatOf(job.id);
  }

  get current(): ImportJob {
    return this.job;
  }

  /** One timestamp per chunk: every record and audit entry a chunk writes carries the same time. */
  private chunkTime: string | null = null;

  private now(): string {
    return (this.chunkTime ??= this.deps.clock().toISOString());
  }

  private id(...parts: string[]): string {
    return deterministicId(this.idFormat, this.timeMs, this.job.id, ...parts);
  }

  private get chunkRows(): number {
    return this.deps.chunkRows ?? IMPORT_CHUNK_ROWS;
  }

  /** Why each stored company in this chunk matched a row, for the report's samples. */
  private readonly matchReasons = new Map<string, string>();

  private get store(): Store {
    return this.deps.store;
  }

  private createdByJob(company: Company): boolean {
    return company.createdBy === this.actor;
  }

  async loadFields(): Promise<void> {
    const fields = await this.store.fields.list();
    this.fields = new Map(fields.map((f) => [f.id, f]));
    // Stored companies keep their external id under the field's id; a dry run plans it under the column's new field.
    const planned = (this.job.spec.columns as ColumnMapping[]).map((c) => c.target).find((t) => t.kind === 'newCustom' && isExternalIdFieldName(t.entity, t.fieldName));
    const key = fields.find(isExternalIdField)?.id ?? (planned?.kind === 'newCustom' ? `new:${planned.fieldName}` : null);
    this.index.useExternalIdField(key);
  }

  private sample(record: string, action: string, changes: FieldChanges, reason?: string): void {
    if (this.job.state.samples.length < REPORT_SAMPLE_SIZE) this.job.state.samples.push({ record, action, changes, ...(reason ? { reason } : {}) } satisfies ChangeSample);
  }

  private async save(): Promise<void> {
    this.job = await saveJob(this.store, this.job, this.deps.clock());
  }

  private lockRenewedAt = 0;

  private async renewLock(): Promise<void> {
    if (this.job.dryRun) return;
    const now = this.deps.clock().getTime();
    if (now - this.lockRenewedAt < LOCK_RENEW_MS) return;
    this.lockRenewedAt = now;
    const ok = await this.store.locks.acquire(IMPORT_LOCK, this.job.id, IMPORT_LOCK_TTL_MS, this.deps.clock().getTime());
    if (!ok) throw new AppError('IMPORT_RUNNING', 'Another import took over the import lock; this job stops here and can be resumed later.');
  }

  /** Runs one step; returns false when the job is finished. */
  async step(): Promise<boolean> {
    return this.store.grouped ? this.store.grouped(() => this.runStep()) : this.runStep();
  }

  /** Identifies the step being run by where the job stood when it began: the same after a crash and a retry. */
  private stepKey = '';

  /**
   * Write-ahead for the report: the counters a step planned are saved before its writes, so a step run again after
   * a crash restores them rather than counting records it finds already written (no counting scan at the end).
   */
  private async countersBeforeWrites(willWrite: boolean): Promise<void> {
    const state = this.job.state;
    const pending = state.pendingCounts;
    // A retry: even when it finds everything already written (nothing left to write), its counts are the first run's.
    if (pending?.key === this.stepKey) {
      state.planned = structuredClone(pending.planned);
      state.contactsInFile = pending.contactsInFile;
      state.membershipsInFile = pending.membershipsInFile;
      state.samples = structuredClone(pending.samples);
      return;
    }
    if (!willWrite) return;
    const { planned, contactsInFile, membershipsInFile, samples } = state;
    const pendingCounts = structuredClone({ key: this.stepKey, planned, contactsInFile, membershipsInFile, samples });
    // Stored over the state the step began from: a retry plans again from there, then takes these counters.
    const saved = await saveJob(this.store, { ...this.job, state: { ...this.stepStart, pendingCounts } }, this.deps.clock());
    // The same state object: the step goes on updating it (cursors) after its writes.
    state.pendingCounts = pendingCounts;
    this.job = { ...saved, state };
  }

  private stepStart: ImportJob['state'] = initialState();

  /**
   * Reads of the next chunk, started as soon as this chunk knows where the next one begins, so they run while this
   * chunk plans and writes (on MariaDB and Forge SQL the process otherwise waits for every read in turn). Only reads
   * this chunk's writes cannot change are started early: staged rows (fixed once the job runs) and, for a contacts
   * chunk that begins with a new email, the resolved companies of its rows and the stored contacts and memberships of
   * its emails (a contacts chunk writes only its own emails). Keyed by what they read; a step takes what it needs
   * and drops the rest.
   */
  private ahead = new Map<string, Promise<unknown>>();
  private available = new Map<string, Promise<unknown>>();

  private readAhead<T>(key: string, read: () => Promise<T>): Promise<T> | null {
    // A store that runs each step as one transaction on its one connection (the embedded SQLite) answers a read only
    // when the process is free anyway, and a read started early could land inside another command's transaction.
    if (this.store.grouped) return null;
    const started = read();
    // A read nobody takes (the job stopped, or failed before its next step) must not surface as unhandled.
    started.catch(() => undefined);
    this.ahead.set(key, started);
    return started;
  }

  /**
   * Staged rows with their validation, done as soon as the rows arrive: for a page read ahead, while this process
   * waits for the current chunk's writes. It depends only on the rows, the job's columns and its fields, fixed once
   * the job runs.
   */
  private async validatedRows(read: Promise<StagedRow[]>): Promise<{ staged: StagedRow[]; validated: Validated[] }> {
    const staged = await read;
    return { staged, validated: validateStaged(this.job, this.fields, staged) };
  }

  /** The read started ahead under `key`, or `read()` now. */
  private takeAhead<T>(key: string, read: () => Promise<T>): Promise<T> {
    const started = this.available.get(key) as Promise<T> | undefined;
    this.available.delete(key);
    return started ?? read();
  }

  private async runStep(): Promise<boolean> {
    this.chunkTime = null;
    this.available = this.ahead;
    this.ahead = new Map();
    const s = this.job.state;
    this.stepKey = JSON.stringify([s.phase, s.companyPass, s.rowCursor, s.emailCursor, s.pendingParents.length]);
    this.stepStart = structuredClone(s);
    // Real runs keep memory bounded whatever the file's size: what was written can be read back when needed.
    if (!this.job.dryRun && this.index.size > MAX_INDEXED_COMPANIES) {
      this.index.clear();
      this.seenCompanies.clear(); // the store's touched list still says which companies earlier chunks spoke for
    }
    const { phase } = this.job.state;
    if (phase !== 'done') await this.renewLock();
    switch (phase) {
      case 'fields':
        await this.createFields();
        return true;
      case 'companies':
        await this.companiesChunk();
        return true;
      case 'parents':
        await this.resolveParents();
        return true;
      case 'contacts':
        await this.contactsChunk();
        return true;
      case 'missing':
        await this.missingChunk();
        return true;
      case 'cleanup':
        await this.cleanupChunk();
        return true;
      case 'done':
      case 'undo':
        return false;
    }
  }

  /** --create-fields: unknown columns become text fields before any row is read. */
  private async createFields(): Promise<void> {
    const columns = this.job.spec.columns as ColumnMapping[];
    const wanted = columns.filter((c) => c.target.kind === 'newCustom');
    if (wanted.length > 0 && !this.job.dryRun) {
      const existing = await this.store.fields.list();
      const fresh: CustomField[] = [];
      const next = columns.map((c): ColumnMapping => {
        if (c.target.kind !== 'newCustom') return c;
        const { entity, fieldName } = c.target;
        const key = fieldNameKey(fieldName);
        const found = existing.find((f) => f.entity === entity && f.nameKey === key) ?? fresh.find((f) => f.entity === entity && f.nameKey === key);
        const field = found ?? { id: fieldIdFrom(this.id('field', entity, key)), entity, name: fieldName, nameKey: key, type: c.target.fieldType ?? 'text', options: [], createdAt: this.now() };
        if (!found) fresh.push(field);
        return { ...c, target: { kind: 'custom', entity, fieldId: field.id, fieldName: field.name } };
      });
      await this.store.audit.append(fresh.map((f) => this.entry('field', f.id, f.id, 'create', { name: [null, f.name], entity: [null, f.entity] })));
      await this.store.fields.insertMany(fresh);
      this.job.spec = { ...this.job.spec, columns: next };
    }
    this.job.state.fieldsCreated = wanted.map((c) => (c.target.kind === 'newCustom' ? c.target.fieldName : c.header));
    await this.loadFields();
    this.job.state.phase = 'companies';
    await this.save();
  }

  private entry(recordType: string, recordId: string, idKey: string, action: AuditEntry['action'], changes: FieldChanges): AuditEntry {
    return { id: this.id('audit', recordType, idKey, action), at: this.now(), actor: this.actor, jobId: this.job.id, recordType, recordId, action, changes };
  }

  private async recordIssues(items: { rowNo: number; line: number; issue: RowIssue }[], pass: IssuePass): Promise<void> {
    if (items.length > 0) await this.store.importJobs.addIssues(this.job.id, toStoredIssues(items, pass));
  }

  private newCompany(name: string, id: string): Company {
    const now = this.now();
    return { id, name: '', nameKey: companyNameKey(name), domains: [], parentId: null, custom: {}, version: 1, createdAt: now, createdBy: this.actor, updatedAt: now, updatedBy: this.actor };
  }

  /** The same row gives the same id in every run; namesakes told apart by external id get different ones. */
  private newCompanyId(incoming: ImportCompany): string {
    const [domain] = incoming.domains;
    if (domain !== undefined) return this.id('company', domain);
    if (incoming.externalId !== undefined) return this.id('company', 'external id', incoming.externalId);
    return this.id('company', incoming.nameKey ?? '');
  }

  private async companiesChunk(): Promise<void> {
    const state = this.job.state;
    const rowsAfter = (rowNo: number) => () => this.validatedRows(this.store.importJobs.rowsInFileOrder(this.job.id, rowNo, this.chunkRows));
    const { staged, validated } = await this.takeAhead(`file:${state.companyPass}:${state.rowCursor}`, rowsAfter(state.rowCursor));
    if (staged.length === this.chunkRows) {
      const next = staged[staged.length - 1]!.rowNo;
      void this.readAhead(`file:${state.companyPass}:${next}`, rowsAfter(next));
    }
    if (staged.length === 0) {
      // Rows that name a company without a domain are resolved once every company the file gives a domain is known,
      // so the same file resolves them the same way the first time and every time after.
      if (state.companyPass === 'domains' && state.namesPassRows !== 0) {
        state.companyPass = 'names';
        state.rowCursor = 0;
      } else {
        state.phase = 'parents';
      }
      await this.save();
      return;
    }
    const pass = state.companyPass;
    const chunkKey = `${pass === 'domains' ? 'r' : 'n'}${state.rowCursor}`;
    // Validation problems are recorded once, by the first pass.
    const issues = pass === 'domains' ? validated.flatMap((v) => v.issues.map((issue) => ({ rowNo: v.staged.rowNo, line: v.staged.lineNo, issue }))) : [];
    if (pass === 'domains' && state.namesPassRows !== null) state.namesPassRows += validated.filter((v) => v.row?.company != null && v.row.company.domains.length === 0).length;
    const withCompany = validated.filter(
      (v): v is Validated & { row: ImportRow & { company: NonNullable<ImportRow['company']> } } => v.row?.company != null && (v.row.company.domains.length > 0) === (pass === 'domains'),
    );

    const refs = { domains: [] as string[], keys: [] as string[], externalIds: [] as string[] };
    for (const v of withCompany) {
      refs.domains.push(...v.row.company.domains);
      if (v.row.company.nameKey) refs.keys.push(v.row.company.nameKey);
      if (v.row.company.externalId !== undefined) refs.externalIds.push(v.row.company.externalId);
      if (v.row.company.parent) {
        const p = CompanyIndex.parentRef(v.row.company.parent);
        refs.domains.push(...p.domains);
        if (p.nameKey) refs.keys.push(p.nameKey);
      }
    }
    await this.index.load(this.store, refs);
    // Companies earlier chunks spoke for, perhaps in another invocation (a Forge consumer runs a job in many).
    const candidates = [
      ...refs.domains.map((d) => this.index.byDomain(d)?.id),
      ...refs.externalIds.flatMap((x) => this.index.byExternalId(x).map((c) => c.id)),
      ...refs.keys.flatMap((k) => this.index.byNameKey(k).map((c) => c.id)),
    ];
    const seenBefore = this.job.dryRun ? new Set<string>() : await this.store.importJobs.touchedAmong(this.job.id, 'company', candidates.filter((id): id is string => id !== undefined));

    const mode = this.job.spec.options.mode;
    const changed = new Map<string, { before: Company | null; next: Company }>();
    const addedDomains: { domain: string; companyId: string }[] = [];
    const touched = new Set<string>();
    const resolutions: { rowNo: number; companyId: string }[] = [];
    const warn = (v: Validated, message: string) => issues.push({ rowNo: v.staged.rowNo, line: v.staged.lineNo, issue: { row: v.staged.rowNo, line: v.staged.lineNo, column: 'Company', message, severity: 'warning' } });
    for (const v of withCompany) {
      const incoming = v.row.company;
      const rowNo = v.staged.rowNo;
      const match = this.index.match(incoming);
      if (match.kind === 'ambiguous') {
        issues.push({ rowNo, line: v.staged.lineNo, issue: { row: rowNo, column: 'Company', message: match.message, severity: 'error' } });
        resolutions.push({ rowNo, companyId: '' });
        continue;
      }
      let current: Company;
      if (match.kind === 'new') {
        if (match.namesakes.length > 0) warn(v, namesakeWarning(rowNo, incoming, match.namesakes, (c) => this.index.externalIdOf(c)));
        current = this.newCompany(incoming.name ?? incoming.domains[0] ?? '', this.newCompanyId(incoming));
        changed.set(current.id, { before: null, next: current });
      } else {
        current = match.company;
        this.matchReasons.set(current.id, match.reason);
      }
      const naming = decideCompanyName(current, incoming.name, rowNo, this.namedAt.get(current.id));
      if (naming.warning) warn(v, naming.warning);
      // A new company no row has named yet is named after its domain.
      // (Rows without a domain are read last, so they never spell the name of a company a row with its domain named:
      // what is stored must not depend on how the job was cut into chunks and invocations.)
      const name = naming.name ?? (current.name === '' ? incoming.domains[0] : undefined);
      const entry = changed.get(current.id);
      // The first row of a company speaks for it; later rows (and the domain-less ones, read last) only fill what is
      // still empty. So a file gives the same values whatever its chunks, and a second import changes nothing.
      const seen = this.seenCompanies.has(current.id) || seenBefore.has(current.id);
      this.seenCompanies.add(current.id);
      const isNew = !seen && (entry?.before === null || this.createdByJob(current));
      const plan = planCompany(current, { domains: incoming.domains, custom: incoming.custom, name, nameKey: name === undefined ? undefined : companyNameKey(name) }, seen ? 'fill-empty' : mode, isNew);
      if (plan) {
        changed.set(current.id, { before: entry ? entry.before : current, next: plan.next });
        for (const domain of plan.addedDomains) addedDomains.push({ domain, companyId: current.id });
        if (plan.changes.name && name === incoming.name) this.namedAt.set(current.id, rowNo);
        this.index.put(plan.next);
        current = plan.next;
      } else if (match.kind === 'new') {
        this.index.put(current);
      }
      touched.add(current.id);
      resolutions.push({ rowNo, companyId: current.id });
      if (!v.row.contact) state.importedRows++;
      if (incoming.parent) this.assignParent(current.id, incoming.parent, v.staged, changed, issues);
    }

    await this.writeCompanies(changed, addedDomains, chunkKey);
    await this.store.importJobs.setRowCompanies(this.job.id, resolutions);
    await this.store.importJobs.touch(this.job.id, 'company', [...touched]);
    await this.recordIssues(issues, state.companyPass === 'domains' ? 'companies' : 'companyNames');
    state.rowCursor = staged[staged.length - 1]!.rowNo;
    if (pass === 'domains') state.companyRowsDone += staged.length;
    await this.save();
  }

  private assignParent(
    companyId: string,
    ref: string,
    staged: { rowNo: number; lineNo: number },
    changed: Map<string, { before: Company | null; next: Company }>,
    issues: { rowNo: number; line: number; issue: RowIssue }[],
  ): boolean {
    const parentRef = CompanyIndex.parentRef(ref);
    const match = this.index.match(parentRef);
    if (match.kind === 'new') {
      this.job.state.pendingParents.push({ companyId, ref, row: staged.rowNo, line: staged.lineNo });
      return false;
    }
    const warn = (message: string) => issues.push({ rowNo: staged.rowNo, line: staged.lineNo, issue: { row: staged.rowNo, line: staged.lineNo, column: 'Parent Company', message, severity: 'warning' } });
    if (match.kind === 'ambiguous') {
      warn(`Parent company "${ref}" is ambiguous: ${match.message} The parent was not set.`);
      return true;
    }
    const company = changed.get(companyId)?.next ?? this.index.get(companyId);
    if (!company || company.parentId === match.company.id) return true;
    if (company.parentId && this.job.spec.options.mode === 'fill-empty' && !this.createdByJob(company) && changed.get(companyId)?.before !== null) return true;
    const cycle = wouldCreateCycle(companyId, match.company.id, (id) => (changed.get(id)?.next ?? this.index.get(id))?.parentId);
    if (cycle) {
      warn(`Parent company "${ref}" would make ${company.name} its own ancestor; the parent was not set.`);
      return true;
    }
    const next = { ...company, parentId: match.company.id };
    const entry = changed.get(companyId);
    changed.set(companyId, { before: entry ? entry.before : company, next });
    this.index.put(next);
    return true;
  }

  private async writeCompanies(changed: Map<string, { before: Company | null; next: Company }>, addedDomains: { domain: string; companyId: string }[], chunkKey: string): Promise<void> {
    const planned = this.job.state.planned.companies;
    const audit: AuditEntry[] = [];
    const records: Company[] = [];
    const now = this.now();
    for (const { before, next } of changed.values()) {
      if (before === null) {
        // A record the job creates has no history entry of its own: its id range and creator identify it (undo and
        // its history read them), so an import writes no row per created record beyond the record itself.
        const changes = { ...diff({}, next, COMPANY_KEYS), ...customDiff({}, next.custom) };
        this.sample(next.name, 'create company', changes);
        planned.created++;
        records.push(next);
        continue;
      }
      const changes = { ...diff(before, next, COMPANY_KEYS), ...customDiff(before.custom, next.custom) };
      if (Object.keys(changes).length === 0) continue;
      const record = { ...next, version: before.version + 1, updatedAt: now, updatedBy: this.actor };
      this.index.put(record);
      records.push(record);
      if (this.createdByJob(before)) continue;
      changes._version = [before.version, record.version];
      audit.push(this.entry('company', next.id, `${next.id}:${chunkKey}`, 'update', changes));
      this.sample(next.name, 'update company', changes, this.matchReasons.get(next.id));
      planned.updated++;
    }
    if (this.job.dryRun) return;
    await this.countersBeforeWrites(records.length > 0);
    if (records.length === 0) return;
    // Write-ahead: the log of previous values lands before the records change, so undo never loses them.
    await this.store.audit.append(audit);
    const created = new Set([...changed.values()].filter((c) => c.before === null).map((c) => c.next.id));
    await this.store.companies.saveImported(records, addedDomains, (id) => created.has(id));
  }

  private async resolveParents(): Promise<void> {
    const state = this.job.state;
    const pending = state.pendingParents.splice(0, this.chunkRows);
    if (pending.length === 0) {
      state.phase = 'contacts';
      await this.save();
      return;
    }
    const refs = { domains: [] as string[], keys: [] as string[] };
    for (const p of pending) {
      const r = CompanyIndex.parentRef(p.ref);
      refs.domains.push(...r.domains);
      if (r.nameKey) refs.keys.push(r.nameKey);
    }
    await this.index.load(this.store, { domains: [...refs.domains], keys: [...refs.keys] });
    const missingIds = pending.map((p) => p.companyId).filter((id) => !this.index.get(id));
    if (missingIds.length > 0) for (const c of await this.store.companies.findMany(missingIds)) this.index.put(c);
    const changed = new Map<string, { before: Company | null; next: Company }>();
    const issues: { rowNo: number; line: number; issue: RowIssue }[] = [];
    for (const p of pending) {
      const resolved = this.assignParent(p.companyId, p.ref, { rowNo: p.row, lineNo: p.line }, changed, issues);
      if (!resolved) {
        state.pendingParents.pop();
        issues.push({ rowNo: p.row, line: p.line, issue: { row: p.row, line: p.line, column: 'Parent Company', message: `Parent company "${p.ref}" is neither in the file nor stored; the parent was not set.`, severity: 'warning' } });
      }
    }
    await this.writeCompanies(changed, [], `parents:${pending[0]!.row}`);
    await this.recordIssues(issues, 'parents');
    await this.save();
  }

  private async contactsChunk(): Promise<void> {
    const state = this.job.state;
    const startedAt = state.emailCursor;
    const rowsFrom = (cursor: typeof startedAt) => () => this.validatedRows(this.store.importJobs.rowsByEmail(this.job.id, cursor, this.chunkRows));
    const page = await this.takeAhead(`email:${JSON.stringify(startedAt)}`, rowsFrom(startedAt));
    let staged = page.staged;
    if (staged.length === 0) {
      state.phase = this.job.spec.options.missing === 'report' ? 'missing' : 'cleanup';
      state.rowCursor = 0;
      await this.save();
      return;
    }
    // A contact's rows must be planned together: leave a group cut by the page limit for the next chunk.
    const last = staged[staged.length - 1]!;
    // A full page: rows may follow it.
    const full = staged.length === this.chunkRows;
    let validatedPage = page.validated;
    if (full && staged[0]!.emailKey !== last.emailKey) {
      staged = staged.filter((s) => s.emailKey !== last.emailKey);
      validatedPage = validatedPage.filter((v) => v.staged.emailKey !== last.emailKey);
    }
    const chunkLast = staged[staged.length - 1]!;
    // A group cut by the page limit (one contact with more rows than a chunk) resumes mid-group.
    const complete = staged.length < this.chunkRows || staged[0]!.emailKey !== chunkLast.emailKey;
    const nextCursor = { emailKey: chunkLast.emailKey, rowNo: complete ? -1 : chunkLast.rowNo };
    const ahead = this.takeAhead<ContactReads | null>(`records:${JSON.stringify(startedAt)}`, async () => null);
    if (full) {
      const nextRows = this.readAhead(`email:${JSON.stringify(nextCursor)}`, rowsFrom(nextCursor));
      // Mid-group, the next chunk's email is this chunk's, whose contact this chunk is about to write: not read early.
      if (complete && nextRows) {
        void this.readAhead(`records:${JSON.stringify(nextCursor)}`, async () => {
          const rows = (await nextRows).staged;
          return this.contactReads([...new Set(rows.map((r) => r.emailKey).filter((e) => e !== ''))], rows.map((r) => r.rowNo));
        });
      }
    }

    const validated = validatedPage.filter((v) => v.row?.contact);
    // The companies pass decided each row's company; linking uses exactly that decision, never a new match.
    const rowNos = validated.filter((v) => v.row!.company).map((v) => v.staged.rowNo);
    const emails = [...new Set(validated.map((v) => v.row!.contact!.email))];
    const early = await ahead;
    const reads = early && emails.every((e) => early.emails.has(e)) && rowNos.every((r) => early.rowNos.has(r)) ? early : await this.contactReads(emails, rowNos);
    const { resolved, stored, memberships } = reads;
    const membershipsOf = new Map<string, Membership[]>();
    for (const m of memberships) membershipsOf.set(m.contactId, [...(membershipsOf.get(m.contactId) ?? []), m]);

    const groups = new Map<string, Validated[]>();
    for (const v of validated) {
      const email = v.row!.contact!.email;
      groups.set(email, [...(groups.get(email) ?? []), v]);
    }

    const mode = this.job.spec.options.mode;
    const sync = this.job.spec.options.memberships === 'sync';
    const planned = state.planned;
    const issues: { rowNo: number; line: number; issue: RowIssue }[] = [];
    const audit: AuditEntry[] = [];
    const contacts: Contact[] = [];
    const createdIds = new Set<string>();
    const upserts: Membership[] = [];
    const removals: { contactId: string; companyId: string }[] = [];
    const now = this.now();

    for (const [email, rows] of groups) {
      // Rows the companies pass rejected are rejected whole (their reason is in the error file): skip them here too.
      for (const v of rows) {
        if (v.row!.company && !resolved.has(v.staged.rowNo)) {
          issues.push({ rowNo: v.staged.rowNo, line: v.staged.lineNo, issue: { row: v.staged.rowNo, column: 'Company', message: 'The company of this row was not resolved; import the file again.', severity: 'error' } });
        }
      }
      const usable = rows.filter((v) => !v.row!.company || Boolean(resolved.get(v.staged.rowNo)));
      const rejectedSome = usable.length !== rows.length;
      if (usable.length === 0) continue;
      state.importedRows += usable.length;
      state.contactsInFile++;
      const { contact: merged, warnings } = mergeContactRows(usable.map((v) => ({ row: v.staged.rowNo, line: v.staged.lineNo, value: v.row!.contact! })));
      for (const w of warnings) issues.push({ rowNo: w.row, line: w.line ?? 0, issue: w });
      const before = stored.get(email) ?? null;
      // New contacts are numbered in the order this pass meets them (email order, as the email index is written), so
      // their ids ascend: appended to every index keyed by them. The same step run again numbers them the same.
      const contactId = before?.id ?? sequencedId(this.idFormat, this.timeMs, state.contactsInFile, this.job.id, 'contact', email);
      // A contact the job creates has no history entry; its memberships go with it on undo.
      const created = before === null;
      const plan = planContact(before, merged, mode, () => ({ id: contactId, version: 1, createdAt: now, createdBy: this.actor, updatedAt: now, updatedBy: this.actor }));
      if (plan) {
        const record = before ? { ...plan.next, version: before.version + 1, updatedAt: now, updatedBy: this.actor } : plan.next;
        if (before) plan.changes._version = [before.version, record.version];
        // A record the job creates has no history entry (see writeCompanies); an update keeps its before-values.
        if (before) audit.push(this.entry('contact', contactId, contactId, 'update', plan.changes));
        this.sample(email, before ? 'update contact' : 'create contact', plan.changes, before ? 'same email' : undefined);
        contacts.push(record);
        if (!before) createdIds.add(contactId);
        if (before) planned.contacts.updated++;
        else planned.contacts.created++;
      } else {
        planned.contacts.unchanged++;
      }

      // Memberships the file asks for: per company, a later non-empty role or primary cell wins.
      const wanted = new Map<string, { role?: string; isPrimary?: boolean }>();
      for (const v of usable) {
        const companyId = v.row!.company ? resolved.get(v.staged.rowNo) : undefined;
        if (!companyId) continue;
        const prev = wanted.get(companyId) ?? {};
        const m = v.row!.membership ?? {};
        wanted.set(companyId, { role: m.role ?? prev.role, isPrimary: m.isPrimary ?? prev.isPrimary });
      }
      state.membershipsInFile += wanted.size;
      const existing = new Map((membershipsOf.get(contactId) ?? []).map((m) => [m.companyId, m]));
      const primaryWanted = [...wanted.entries()].filter(([, w]) => w.isPrimary === true).map(([id]) => id).pop();
      const nextState = new Map<string, Membership>();
      for (const [companyId, w] of wanted) {
        const had = existing.get(companyId);
        const role = w.role !== undefined && (mode === 'overwrite' || !had?.role) ? w.role : (had?.role ?? '');
        const isPrimary = primaryWanted !== undefined ? primaryWanted === companyId : (had?.isPrimary ?? false);
        nextState.set(companyId, { contactId, companyId, role, isPrimary, createdAt: had?.createdAt ?? now, createdBy: had?.createdBy ?? this.actor });
      }
      for (const [companyId, had] of existing) {
        if (nextState.has(companyId)) continue;
        if (sync && !rejectedSome) {
          removals.push({ contactId, companyId });
          audit.push(this.entry('membership', `${contactId}:${companyId}`, `${contactId}:${companyId}`, 'membership-remove', { role: [had.role, null], isPrimary: [had.isPrimary, null] }));
          planned.memberships.removed++;
        } else if (primaryWanted !== undefined && had.isPrimary) {
          nextState.set(companyId, { ...had, isPrimary: false });
        }
      }
      // A contact with memberships has a primary one: when none is, the first company the file gives it (in row order)
      // becomes primary, unless the file says it is not. So a contact's only membership is primary, and a file split
      // in two gives the same result as the whole file.
      const keeps = sync && !rejectedSome ? [] : [...existing.values()].filter((m) => !nextState.has(m.companyId));
      if (![...nextState.values(), ...keeps].some((m) => m.isPrimary)) {
        const first = [...nextState.values()].find((m) => wanted.get(m.companyId)?.isPrimary !== false);
        if (first) nextState.set(first.companyId, { ...first, isPrimary: true });
      }
      if (sync && rejectedSome && existing.size > 0) {
        const first = rows.find((r) => !usable.includes(r))!;
        issues.push({ rowNo: first.staged.rowNo, line: first.staged.lineNo, issue: { row: first.staged.rowNo, message: `Memberships of ${email} were not synced because one of its rows was rejected.`, severity: 'warning' } });
      }
      for (const [companyId, m] of nextState) {
        const had = existing.get(companyId);
        const key = `${contactId}:${companyId}`;
        if (!had) {
          // A new contact's memberships go with it on undo: no entry of their own.
          if (!created) audit.push(this.entry('membership', key, key, 'membership-add', { role: [null, m.role], isPrimary: [null, m.isPrimary] }));
          upserts.push(m);
          if (wanted.has(companyId)) planned.memberships.created++;
        } else if (had.role !== m.role || had.isPrimary !== m.isPrimary) {
          audit.push(this.entry('membership', key, key, 'membership-update', { role: [had.role, m.role], isPrimary: [had.isPrimary, m.isPrimary] }));
          upserts.push(m);
          planned.memberships.updated++;
        } else if (wanted.has(companyId)) {
          planned.memberships.unchanged++;
        }
      }
    }

    if (!this.job.dryRun) {
      await this.countersBeforeWrites(audit.length + contacts.length + upserts.length + removals.length > 0);
      await this.store.audit.append(audit);
      await this.store.contacts.saveMany(contacts, (id) => createdIds.has(id));
      if (upserts.length > 0) await this.store.memberships.upsertMany(upserts);
      if (removals.length > 0) await this.store.memberships.deleteMany(removals);
    }
    await this.recordIssues(issues, 'contacts');
    state.emailCursor = nextCursor;
    state.contactRowsDone += staged.length;
    await this.save();
  }

  /** What a contacts chunk reads besides its rows: their resolved companies, and the stored contacts of its emails. */
  private async contactReads(emails: string[], rowNos: number[]): Promise<ContactReads> {
    const resolved = await this.store.importJobs.rowCompanies(this.job.id, rowNos);
    const stored = new Map((await this.store.contacts.findByEmails(emails)).map((c) => [c.email, c]));
    const storedIds = [...stored.values()].map((c) => c.id);
    const memberships = storedIds.length > 0 ? await this.store.memberships.forContacts(storedIds) : [];
    return { emails: new Set(emails), rowNos: new Set(rowNos), resolved, stored, memberships };
  }

  private async missingChunk(): Promise<void> {
    const state = this.job.state;
    state.missing ??= { contacts: 0, companies: 0, sample: [] };
    const missing = state.missing;
    if (state.missingStage === 'contacts') {
      const page = await this.store.importJobs.unmentionedContacts(this.job.id, state.missingCursor, IMPORT_CHUNK_ROWS);
      missing.contacts += page.length;
      for (const c of page) if (missing.sample.length < REPORT_SAMPLE_SIZE) missing.sample.push(`contact ${c.email}`);
      state.missingCursor = page.length === IMPORT_CHUNK_ROWS ? page[page.length - 1]!.id : null;
      if (!state.missingCursor) state.missingStage = 'companies';
    } else {
      const page = await this.store.importJobs.untouchedCompanies(this.job.id, state.missingCursor, IMPORT_CHUNK_ROWS);
      missing.companies += page.length;
      for (const c of page) if (missing.sample.length < REPORT_SAMPLE_SIZE * 2) missing.sample.push(`company ${c.name}`);
      state.missingCursor = page.length === IMPORT_CHUNK_ROWS ? page[page.length - 1]!.id : null;
      if (!state.missingCursor) {
        state.phase = 'cleanup';
        state.rowCursor = 0;
      }
    }
    await this.save();
  }

  private async cleanupChunk(): Promise<void> {
    const state = this.job.state;
    if (state.touchedCompanies === null) {
      // Counted for the report and saved before the list it is counted from is purged: a retry keeps the count.
      state.touchedCompanies = await this.store.importJobs.countTouched(this.job.id, 'company');
      await this.save();
      return;
    }
    // The job's list of touched records is bookkeeping for its run only: gone with its staged rows.
    if ((await this.store.importJobs.purgeTouched(this.job.id, TOUCHED_PURGE_ROWS)) === TOUCHED_PURGE_ROWS) {
      await this.save();
      return;
    }
    if (state.rowCursor < this.job.totalRows) {
      await this.store.importJobs.purgeImportedRows(this.job.id, state.rowCursor + 1, state.rowCursor + 1 + PURGE_RANGE);
      state.rowCursor += PURGE_RANGE;
    }
    if (state.rowCursor >= this.job.totalRows) await this.finish();
    else await this.save();
  }

  private async finish(): Promise<void> {
    this.job.report = await buildReport(this.store, this.job);
    const { contacts, companies, memberships } = this.job.report;
    const changed = contacts.created + contacts.updated + companies.created + companies.updated + memberships.created + memberships.updated + memberships.removed;
    if (!this.job.dryRun && changed > 0) {
      // One entry for the whole job in the audit trail (the records it created have none of their own); an import that
      // changed nothing writes nothing.
      const count = (n: number): [null, number] => [null, n];
      await this.store.audit.append([
        this.entry('import', this.job.id, this.job.id, 'import', {
          file: [null, this.job.fileName],
          rows: count(this.job.report.rows),
          rejected: count(this.job.report.rejected),
          contactsCreated: count(contacts.created),
          contactsUpdated: count(contacts.updated),
          companiesCreated: count(companies.created),
          companiesUpdated: count(companies.updated),
          membershipsCreated: count(memberships.created),
        }),
      ]);
    }
    this.job.state.phase = 'done';
    this.job.status = 'done';
    this.job.finishedAt = this.now();
    await this.save();
    if (!this.job.dryRun) await this.store.locks.release(IMPORT_LOCK, this.job.id);
  }
}

async function buildReport(store: Store, job: ImportJob): Promise<ImportReport> {
  const state = job.state;
  const { errorRows, warnings } = await store.importJobs.countIssues(job.id);
  const touchedCompanies = state.touchedCompanies ?? (await store.importJobs.countTouched(job.id, 'company'));
  // Counted as planned, step by step, in the job's state (kept exact across retries): no counting scan at the end.
  const { contacts, memberships } = state.planned;
  const companies = { ...state.planned.companies, unchanged: Math.max(0, touchedCompanies - state.planned.companies.created - state.planned.companies.updated) };
  return {
    jobId: job.id,
    dryRun: job.dryRun,
    fileName: job.fileName,
    rows: job.totalRows,
    imported: state.importedRows,
    rejected: errorRows,
    warnings,
    ignoredColumns: ignoredColumnsOf(job.spec.columns, job.spec.headers),
    contacts,
    companies,
    memberships,
    fieldsCreated: state.fieldsCreated,
    samples: state.samples,
    missing: state.missing,
    undo: null,
  };
}

/**
 * Advances the job until it is done or `deadlineMs` passes (Forge consumers have a fixed time budget).
 * Returns the job as it was left; its status says whether more work remains.
 */
export async function processImport(
  deps: ImportDeps,
  jobId: string,
  options: { deadlineMs?: number; onStep?: (job: ImportJob) => void; sqlSecondsPerMinute?: number } = {},
): Promise<ImportJob> {
  let job = await loadJob(deps.store, jobId);
  if (job.status === 'done' || job.status === 'undone' || job.status === 'failed' || job.status === 'undoing') return job;
  if (job.status === 'staging') throw new AppError('INVALID_INPUT', `Import job ${jobId} is still receiving rows; finish the upload first.`);
  if (job.status === 'queued') {
    job = await saveJob(deps.store, { ...job, status: 'running' }, deps.clock());
  }
  if (job.dryRun && !indexes.has(jobId) && job.state.phase !== 'fields') {
    // A dry run's planned companies lived in the memory of a process that is gone: plan again from the start.
    job = await saveJob(deps.store, { ...job, state: initialState() }, deps.clock());
  }
  const run = new JobRun(deps, job, indexFor(jobId));
  try {
    await run.loadFields();
    const pacer = options.sqlSecondsPerMinute !== undefined ? sqlPacer(deps, options.sqlSecondsPerMinute, options.deadlineMs) : null;
    while (await run.step()) {
      options.onStep?.(run.current);
      await pacer?.();
      if (options.deadlineMs !== undefined && deps.clock().getTime() >= options.deadlineMs) break;
    }
  } catch (error) {
    // What this process planned but did not store must not survive into the retry.
    indexes.delete(jobId);
    throw error;
  }
  if (run.current.status === 'done') indexes.delete(jobId);
  return run.current;
}

/**
 * Keeps an import's share of SQL time at `sqlSecondsPerMinute`: after each step, waits until the SQL time that step
 * measured is at most that share of the time the step took (Forge bills an installation 62.5 s of SQL per minute,
 * and the people using the app need the rest). Without a measure of SQL time it never waits.
 */
export function sqlPacer(deps: ImportDeps & { sleep?: (ms: number) => Promise<void> }, sqlSecondsPerMinute: number, deadlineMs?: number): () => Promise<void> {
  const measured = deps.store.sqlMs?.bind(deps.store);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let sqlBefore = measured?.() ?? 0;
  let startedAt = deps.clock().getTime();
  return async () => {
    if (!measured) return;
    const sqlMs = measured() - sqlBefore;
    const now = deps.clock().getTime();
    const wait = Math.min((sqlMs * 60) / sqlSecondsPerMinute - (now - startedAt), deadlineMs === undefined ? Infinity : deadlineMs - now);
    if (wait > 0) await sleep(Math.ceil(wait));
    sqlBefore = measured();
    startedAt = deps.clock().getTime();
  };
}

/** Marks a job that cannot go on as failed, keeping what it wrote (undo can still restore it). */
export async function failImport(deps: ImportDeps, jobId: string, reason: string): Promise<ImportJob> {
  const job = await loadJob(deps.store, jobId);
  const failed = await saveJob(deps.store, { ...job, status: 'failed', finishedAt: deps.clock().toISOString(), state: { ...job.state, error: reason } }, deps.clock());
  if (!job.dryRun) await deps.store.locks.release(IMPORT_LOCK, jobId);
  indexes.delete(jobId);
  return failed;
}
