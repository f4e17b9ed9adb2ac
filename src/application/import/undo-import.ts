// Undo of a finished import: restores previous values and removes what the job created, unless edited since.
import { AppError } from '../../domain/errors';
import { idFormatOf, idRangeOfMillisecond } from '../../domain/ids';
import type { AuditEntry, Store } from '../../domain/ports';
import type { Company, Contact, Id, Membership } from '../../domain/records';
import { IMPORT_CHUNK_ROWS, IMPORT_LOCK, IMPORT_LOCK_TTL_MS, importActor, loadJob, saveJob, type ImportJob } from './job-model';
import type { ImportDeps } from './process-import';

/**
 * Memberships first, then each kind's updates (from the job's history entries), then the records the job created:
 * those have no history entry of their own (the job's id range and creator identify them), so undo finds them by id.
 */
const STAGES = ['membership', 'contact', 'contact-created', 'company', 'company-created'] as const;
const undoActor = (jobId: string) => `undo:${jobId}`;
const MAX_SKIPPED_LISTED = 200;

/** Starts (or resumes) undoing a job; only finished, real imports can be undone, one import or undo at a time. */
export async function startUndo(deps: ImportDeps, jobId: string): Promise<ImportJob> {
  const job = await loadJob(deps.store, jobId);
  if (job.dryRun) throw new AppError('INVALID_INPUT', 'A dry run changed nothing, so there is nothing to undo.');
  if (job.status === 'undone' || job.status === 'undoing') return job;
  if (job.status !== 'done' && job.status !== 'failed') throw new AppError('INVALID_INPUT', `Import job ${jobId} is ${job.status}; only finished imports can be undone.`);
  const now = deps.clock().getTime();
  if (!(await deps.store.locks.acquire(IMPORT_LOCK, jobId, IMPORT_LOCK_TTL_MS, now))) {
    throw new AppError('IMPORT_RUNNING', 'An import is running; undo it once that import has finished.');
  }
  return saveJob(deps.store, { ...job, status: 'undoing', state: { ...job.state, phase: 'undo', undo: { stage: 'membership', after: null, restored: 0, removed: 0, skipped: [] } } }, deps.clock());
}

type Undo = NonNullable<ImportJob['state']['undo']>;

function before<T>(entry: AuditEntry, key: string, fallback: T): T {
  const change = entry.changes[key];
  return change ? (change[0] as T) : fallback;
}

async function undoMemberships(store: Store, entries: AuditEntry[], undo: Undo, now: string, actor: string): Promise<void> {
  const removals: { contactId: string; companyId: string }[] = [];
  const restores: Membership[] = [];
  const audit: AuditEntry[] = [];
  for (const e of entries) {
    const [contactId = '', companyId = ''] = e.recordId.split(':');
    if (e.action === 'membership-add') {
      removals.push({ contactId, companyId });
      undo.removed++;
    } else {
      restores.push({ contactId, companyId, role: String(before(e, 'role', '') ?? ''), isPrimary: Boolean(before(e, 'isPrimary', false)), createdAt: now, createdBy: actor });
      undo.restored++;
    }
    audit.push({ ...e, id: `${e.id}:undo`, at: now, actor, jobId: null, action: e.action === 'membership-add' ? 'membership-remove' : 'membership-update', changes: Object.fromEntries(Object.entries(e.changes).map(([k, [b, a]]) => [k, [a, b]])) });
  }
  await store.audit.append(audit);
  if (removals.length > 0) await store.memberships.deleteMany(removals);
  if (restores.length > 0) await store.memberships.upsertMany(restores);
}

function afterVersion(e: AuditEntry): number {
  const v = e.changes._version;
  return v ? Number(v[1]) : 1;
}

/** Restores the fields an update changed; skips records edited since (their version moved on). */
function restored<T extends Contact | Company>(record: T, e: AuditEntry, now: string, actor: string): T {
  const next = { ...record, custom: { ...record.custom }, version: record.version + 1, updatedAt: now, updatedBy: actor } as T;
  for (const [key, [prev]] of Object.entries(e.changes)) {
    if (key === '_version') continue;
    if (key.startsWith('custom.')) {
      const id = key.slice(7);
      if (prev === null || prev === undefined) delete next.custom[id];
      else next.custom[id] = String(prev);
    } else if (key === 'domains') {
      (next as Company).domains = Array.isArray(prev) ? prev.map(String) : [];
    } else {
      (next as Record<string, unknown>)[key] = prev ?? (key === 'parentId' ? null : '');
    }
  }
  return next;
}

async function undoRecords(store: Store, kind: 'contact' | 'company', entries: AuditEntry[], undo: Undo, jobId: string, now: string): Promise<void> {
  const actor = undoActor(jobId);
  const ids = entries.map((e) => e.recordId);
  const current = new Map<string, Contact | Company>(
    (kind === 'contact' ? await store.contacts.findMany(ids) : await store.companies.findMany(ids)).map((r) => [r.id, r]),
  );
  const removals: string[] = [];
  const updates: (Contact | Company)[] = [];
  const audit: AuditEntry[] = [];
  const skip = (e: AuditEntry, why: string) => {
    if (undo.skipped.length < MAX_SKIPPED_LISTED) undo.skipped.push(`${kind} ${e.recordId}: ${why}`);
  };
  // One job can update a record more than once (in two chunks or two passes): undo the latest update first.
  const updatesOf = new Map<string, AuditEntry[]>();
  for (const e of entries) if (e.action !== 'create') updatesOf.set(e.recordId, [...(updatesOf.get(e.recordId) ?? []), e]);
  for (const list of updatesOf.values()) list.sort((a, b) => afterVersion(b) - afterVersion(a));
  for (const e of entries) {
    const record = current.get(e.recordId);
    if (!record) continue; // already removed (by a retried undo, or by someone since)
    if (record.updatedBy === actor) continue; // restored by a retried undo
    if (e.action !== 'create' && record.createdBy === importActor(jobId)) continue; // created by the job: removed whole later
    const chain = e.action === 'create' ? [e] : updatesOf.get(e.recordId)!;
    if (chain[0] !== e && e.action !== 'create') continue; // undone with the record's latest update
    const editedSince = e.action === 'create' ? editedSinceCreated(record, importActor(jobId)) : record.version !== afterVersion(e);
    if (editedSince) {
      skip(e, 'edited since the import, left as it is');
      continue;
    }
    if (e.action === 'create') {
      removals.push(record.id);
      undo.removed++;
      audit.push({ id: `${e.id}:undo`, at: now, actor, jobId: null, recordType: kind, recordId: record.id, action: 'delete', changes: {} });
    } else {
      let next = record;
      for (const update of chain) {
        next = restored(next, update, now, actor);
        audit.push({ ...update, id: `${update.id}:undo`, at: now, actor, jobId: null, changes: Object.fromEntries(Object.entries(update.changes).map(([k, [b, a]]) => [k, [a, b]])) });
      }
      updates.push({ ...next, version: record.version + 1 });
      undo.restored++;
    }
  }
  await store.audit.append(audit);
  if (kind === 'contact') {
    if (removals.length > 0) await removeContacts(store, removals);
    if (updates.length > 0) await store.contacts.saveMany(updates as Contact[], () => false);
  } else {
    if (removals.length > 0) await store.companies.deleteMany(removals);
    if (updates.length > 0) {
      const companies = updates as Company[];
      // Domains an import added are dropped with the restore; saveMany rewrites each company's domain list.
      await store.companies.saveMany(companies, () => false);
    }
  }
}

/** A record the job created was edited since when someone else saved it (the import itself may save it twice). */
const editedSinceCreated = (record: Contact | Company, importer: string) => record.updatedBy !== importer && record.version !== 1;

/** Contacts go with their memberships. */
async function removeContacts(store: Store, ids: Id[]): Promise<void> {
  await store.memberships.deleteMany((await store.memberships.forContacts(ids)).map((m) => ({ contactId: m.contactId, companyId: m.companyId })));
  await store.contacts.deleteMany(ids);
}

/**
 * Removes the records of `kind` the job created, a page at a time, unless edited since the import (left, and listed).
 * Memberships go with a removed contact; a removed company takes its domains and memberships with it.
 */
async function undoCreated(store: Store, kind: 'contact' | 'company', job: ImportJob, undo: Undo, now: string, limit: number): Promise<Id | null> {
  const ids = idRangeOfMillisecond(idFormatOf(job.id), Date.parse(job.createdAt));
  const importer = importActor(job.id);
  const records: (Contact | Company)[] = kind === 'contact' ? await store.contacts.createdIn(ids, importer, undo.after, limit) : await store.companies.createdIn(ids, importer, undo.after, limit);
  const removals: Id[] = [];
  const audit: AuditEntry[] = [];
  const actor = undoActor(job.id);
  // A company still in use (a member or subsidiary the undo keeps: edited since, or added by someone) stays.
  const recordIds = records.map((r) => r.id);
  const members = kind === 'company' ? await store.memberships.countForCompanies(recordIds) : new Map<Id, number>();
  // Subsidiaries this undo removes as well (created by the job, unedited) do not keep their parent.
  const children = kind === 'company' ? await store.companies.countChildren(recordIds, importer) : new Map<Id, number>();
  const skip = (record: Contact | Company, why: string) => {
    if (undo.skipped.length < MAX_SKIPPED_LISTED) undo.skipped.push(`${kind} ${record.id}: ${why}`);
  };
  for (const record of records) {
    if (editedSinceCreated(record, importer)) {
      skip(record, 'edited since the import, left as it is');
      continue;
    }
    const inUse = [members.get(record.id) && `${members.get(record.id)} member(s)`, children.get(record.id) && `${children.get(record.id)} subsidiary(ies)`].filter(Boolean);
    if (inUse.length > 0) {
      skip(record, `still has ${inUse.join(' and ')} the undo keeps, left as it is`);
      continue;
    }
    removals.push(record.id);
    undo.removed++;
    audit.push({ id: `undo:${job.id}:${kind}:${record.id}`, at: now, actor, jobId: null, recordType: kind, recordId: record.id, action: 'delete', changes: {} });
  }
  await store.audit.append(audit);
  if (removals.length > 0) {
    if (kind === 'contact') {
      await removeContacts(store, removals);
    } else {
      await store.companies.deleteMany(removals);
    }
  }
  return records.length === limit ? records[records.length - 1]!.id : null;
}

/** Entries an erasure turned into tombstones name a person who must not come back: they are skipped, and listed. */
export function withoutErased(entries: readonly AuditEntry[], undo: Undo): AuditEntry[] {
  const kept: AuditEntry[] = [];
  for (const e of entries) {
    if (!('erased' in e.changes)) kept.push(e);
    else if (undo.skipped.length < MAX_SKIPPED_LISTED) undo.skipped.push(`${e.recordType} ${e.recordId}: erased, not restored`);
  }
  return kept;
}

/** Advances an undo by chunks until done or the deadline passes. */
export async function processUndo(deps: ImportDeps, jobId: string, options: { deadlineMs?: number } = {}): Promise<ImportJob> {
  let job = await loadJob(deps.store, jobId);
  while (job.status === 'undoing') {
    const undo = job.state.undo!;
    if (!(await deps.store.locks.acquire(IMPORT_LOCK, jobId, IMPORT_LOCK_TTL_MS, deps.clock().getTime()))) {
      // Another import holds the lock (this undo's ran out while it was stopped): wait for it, as a queued retry does.
      throw new AppError('IMPORT_RUNNING', 'An import is running; the undo continues once that import has finished.');
    }
    const now = deps.clock().toISOString();
    const stage = undo.stage;
    const chunk = async (): Promise<string | null> => {
      if (stage === 'contact-created' || stage === 'company-created') {
        return undoCreated(deps.store, stage === 'contact-created' ? 'contact' : 'company', job, undo, now, IMPORT_CHUNK_ROWS);
      }
      const found = await deps.store.audit.forJob(jobId, stage, undo.after, IMPORT_CHUNK_ROWS);
      const undoable = withoutErased(found, undo);
      if (stage === 'membership') await undoMemberships(deps.store, undoable, undo, now, undoActor(jobId));
      else await undoRecords(deps.store, stage, undoable, undo, jobId, now);
      return found.length === IMPORT_CHUNK_ROWS ? found[found.length - 1]!.id : null;
    };
    const next = await (deps.store.grouped ? deps.store.grouped(chunk) : chunk());
    if (next !== null) {
      undo.after = next;
    } else {
      const following = STAGES[STAGES.indexOf(undo.stage) + 1];
      if (following) {
        undo.stage = following;
        undo.after = null;
      } else {
        job.status = 'undone';
        job.finishedAt = now;
        job.report = job.report ? { ...job.report, undo: { restored: undo.restored, removed: undo.removed, skipped: undo.skipped } } : null;
      }
    }
    job = await saveJob(deps.store, job, deps.clock());
    if (job.status === 'undone') await deps.store.locks.release(IMPORT_LOCK, jobId);
    if (options.deadlineMs !== undefined && deps.clock().getTime() >= options.deadlineMs) break;
  }
  return job;
}
