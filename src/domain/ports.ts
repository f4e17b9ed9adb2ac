// The repository ports: collections the application layer reads and writes, implemented by the SQL adapters.
import type { IssueMatches } from './issue-matches';
import type { Company, Contact, CustomField, Id, Link, LinkTargetType, Membership, Note, RecordType } from './records';

export type Page<T> = { items: T[]; next: string | null };

export type DirectoryQuery = {
  text?: string; // every word (or a phone's digits, or a whole email) anywhere in the record's search text
  companyId?: Id; // contacts: members of this company
  role?: string; // contacts: with this role in companyId (or any company)
  parentId?: Id; // companies: children of this company
  custom?: { fieldId: Id; value: string };
  sort?: 'name' | 'updated';
  after?: string | null; // opaque cursor from a previous page
  limit: number;
};

export type Contacts = {
  find(id: Id): Promise<Contact | null>;
  findMany(ids: readonly Id[]): Promise<Contact[]>;
  findByEmails(emails: readonly string[]): Promise<Contact[]>;
  /** The contact with this (normalised) email and all of its memberships, in one query. */
  findByEmailWithMemberships(email: string): Promise<{ contact: Contact; memberships: Membership[] } | null>;
  search(query: DirectoryQuery): Promise<Page<Contact>>;
  count(query: Omit<DirectoryQuery, 'after' | 'limit' | 'sort'>): Promise<number>;
  /** Typeahead: contacts containing the text anywhere, best first (exact email or domain, word starts, inside words). */
  suggest(text: string, limit: number): Promise<Contact[]>;
  /** Rewrites the search text of the contacts after `afterId` (id order), `limit` of them; the last id, or null at the end. */
  rebuildSearchText(afterId: Id | null, limit: number): Promise<Id | null>;
  /** Fails with DUPLICATE when the email is taken. */
  insert(contact: Contact): Promise<void>;
  /** Stores `contact` when the stored version is `contact.version - 1`; otherwise CONFLICT. */
  update(contact: Contact): Promise<void>;
  delete(id: Id): Promise<void>;
  /** Bulk writes for imports: multi-row upsert by id, search terms kept in step. */
  saveMany(contacts: readonly Contact[], isNew: (id: Id) => boolean): Promise<void>;
  deleteMany(ids: readonly Id[]): Promise<void>;
  /**
   * Contacts created by `createdBy` whose ids lie in `ids` (an import job's id range), after `afterId` in id order:
   * how undo finds what a job created without a history entry per record.
   */
  createdIn(ids: { from: string; to: string }, createdBy: string, afterId: Id | null, limit: number): Promise<Contact[]>;
};

export type Companies = {
  find(id: Id): Promise<Company | null>;
  findMany(ids: readonly Id[]): Promise<Company[]>;
  findByDomains(domains: readonly string[]): Promise<Company[]>;
  findByNameKeys(keys: readonly string[]): Promise<Company[]>;
  /** Companies whose External ID value (domain/external-id.ts) is one of these, exactly, with all their domains. */
  findByExternalIds(externalIds: readonly string[]): Promise<Company[]>;
  /** Companies owning any of the domains or having any of the name keys, with all their domains, in one query. */
  findByDomainsOrNameKeys(domains: readonly string[], keys: readonly string[]): Promise<Company[]>;
  search(query: DirectoryQuery): Promise<Page<Company>>;
  count(query: Omit<DirectoryQuery, 'after' | 'limit' | 'sort'>): Promise<number>;
  /** Typeahead: companies containing the text anywhere, best first (exact domain, word starts, inside words). */
  suggest(text: string, limit: number): Promise<Company[]>;
  rebuildSearchText(afterId: Id | null, limit: number): Promise<Id | null>;
  /**
   * Rewrites which external id each company after `afterId` (id order) holds, `limit` of them; the last id, or null at
   * the end. The values are read from the External ID field, or from `fieldId` (a field about to be renamed to it).
   */
  rebuildExternalIds(afterId: Id | null, limit: number, fieldId?: Id): Promise<Id | null>;
  children(id: Id): Promise<Company[]>;
  /**
   * How many subsidiaries each of the given companies has (companies without any are left out), not counting those
   * `exceptUneditedCreatedBy` created and nobody edited since (what an undo of that import removes with them).
   */
  countChildren(ids: readonly Id[], exceptUneditedCreatedBy?: string): Promise<Map<Id, number>>;
  /**
   * Makes every subsidiary of `parentId` a top-level company (version bumped, updated stamp set) and returns the ids
   * it detached.
   */
  detachChildren(parentId: Id, updatedAt: string, updatedBy: string): Promise<Id[]>;
  /** Like detachChildren, but the subsidiaries of `fromParentId` (other than `toParentId` itself) move under `toParentId`. */
  moveChildren(fromParentId: Id, toParentId: Id, updatedAt: string, updatedBy: string): Promise<Id[]>;
  /** Hands every domain of `fromId` to `toId` in one statement (a merge), so no domain is ever owned by neither. */
  moveDomains(fromId: Id, toId: Id): Promise<void>;
  /** Fails with DUPLICATE when a domain belongs to another company. */
  insert(company: Company): Promise<void>;
  update(company: Company): Promise<void>;
  delete(id: Id): Promise<void>;
  saveMany(companies: readonly Company[], isNew: (id: Id) => boolean): Promise<void>;
  /** Bulk write for imports, where domain ownership was already resolved: only `addedDomains` are inserted. */
  saveImported(companies: readonly Company[], addedDomains: readonly { domain: string; companyId: Id }[], isNew: (id: Id) => boolean): Promise<void>;
  /** Companies created by `createdBy` whose ids lie in `ids`, after `afterId` in id order (as Contacts.createdIn). */
  createdIn(ids: { from: string; to: string }, createdBy: string, afterId: Id | null, limit: number): Promise<Company[]>;
  deleteMany(ids: readonly Id[]): Promise<void>;
};

export type Memberships = {
  forContacts(contactIds: readonly Id[]): Promise<Membership[]>;
  forCompany(companyId: Id, limit?: number): Promise<Membership[]>;
  countForCompany(companyId: Id): Promise<number>;
  /** Member counts of the given companies (companies without members are left out). */
  countForCompanies(companyIds: readonly Id[]): Promise<Map<Id, number>>;
  /** Inserts or updates role/primary of each (contact, company) pair. */
  upsertMany(memberships: readonly Membership[]): Promise<void>;
  deleteMany(pairs: readonly { contactId: Id; companyId: Id }[]): Promise<void>;
  /** How many stored memberships `actor` created (an import job's report). */
  countCreatedBy(actor: string): Promise<number>;
};

export type Links = {
  forRecord(recordType: RecordType, recordId: Id): Promise<Link[]>;
  forRecords(recordType: RecordType, recordIds: readonly Id[]): Promise<Link[]>;
  forTarget(targetType: LinkTargetType, targetId: string): Promise<Link[]>;
  /** Idempotent: linking the same target twice keeps one link. Returns true when a link was created. */
  add(link: Link): Promise<boolean>;
  remove(recordType: RecordType, recordId: Id, targetType: LinkTargetType, targetId: string): Promise<boolean>;
  /** Returns how many links were removed. */
  deleteForRecords(recordType: RecordType, recordIds: readonly Id[]): Promise<number>;
  /** Re-points the source record's rows at the target (a merge); returns how many moved. */
  moveToRecord(recordType: RecordType, fromId: Id, toId: Id): Promise<number>;
};

export type Notes = {
  find(id: Id): Promise<Note | null>;
  forRecord(recordType: RecordType, recordId: Id): Promise<Note[]>;
  insert(note: Note): Promise<void>;
  update(note: Note): Promise<void>;
  delete(id: Id): Promise<void>;
  /** Returns how many notes were removed. */
  deleteForRecords(recordType: RecordType, recordIds: readonly Id[]): Promise<number>;
  /** Re-points the source record's rows at the target (a merge); returns how many moved. */
  moveToRecord(recordType: RecordType, fromId: Id, toId: Id): Promise<number>;
};

export type CustomFields = {
  list(entity?: RecordType): Promise<CustomField[]>;
  find(id: Id): Promise<CustomField | null>;
  /** Fails with DUPLICATE when the entity already has a field of that name. */
  insert(field: CustomField): Promise<void>;
  insertMany(fields: readonly CustomField[]): Promise<void>;
  update(field: CustomField): Promise<void>;
  delete(id: Id): Promise<void>;
  /** How many records hold a value for the field. */
  countValues(field: CustomField): Promise<number>;
  /** Removes the field's value from every record (in bounded batches). */
  dropValues(field: CustomField): Promise<number>;
};

export type AuditAction =
  | 'create' | 'update' | 'delete' | 'merge' | 'link' | 'unlink' | 'membership-add' | 'membership-update'
  | 'membership-remove' | 'note-add' | 'note-edit' | 'note-delete' | 'erase' | 'import';

export type FieldChanges = Record<string, [before: unknown, after: unknown]>;

export type AuditEntry = {
  id: Id;
  at: string;
  actor: string;
  jobId: Id | null;
  recordType: string; // 'contact' | 'company' | 'membership' | 'field' | 'settings' | 'import'
  recordId: string;
  action: AuditAction;
  changes: FieldChanges;
};

export type AuditQuery = {
  recordType?: string;
  recordId?: string;
  actor?: string;
  jobId?: Id;
  action?: AuditAction;
  /** Entries at or after this ISO time. */
  from?: string;
  /** Entries before this ISO time. */
  to?: string;
  before?: string | null;
  limit: number;
};

export type AuditLog = {
  /** Entries with an id already stored are skipped, so a retried step does not log twice. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
  /** Distinct records per (record type, action) that a job's entries touch. */
  countByAction(jobId: Id): Promise<{ recordType: string; action: AuditAction; count: number }[]>;
  forJob(jobId: Id, recordType: string, after: string | null, limit: number): Promise<AuditEntry[]>;
  deleteOlderThan(at: string, limit: number): Promise<number>;
  /** Replaces stored personal values of a record with a tombstone. */
  redact(recordType: string, recordId: string, tombstone: FieldChanges): Promise<number>;
  /** The same for every record whose id starts with `recordIdPrefix` (import membership entries are "<contact>:<company>"). */
  redactPrefix(recordType: string, recordIdPrefix: string, tombstone: FieldChanges): Promise<number>;
};

/** An Atlassian account id the app stores, with the latest time it stored it. */
export type StoredAccount = { accountId: string; updatedAt: string };

/**
 * The Atlassian account ids kept in records (created_by/updated_by, membership and link stamps), note authors, audit
 * actors and import jobs: what the personal-data reporting API must hear about, and what a closed account erases.
 */
export type AccountReferences = {
  /** Distinct person accounts (see domain/accounts.ts) after `after` in id order, keyset-paged. */
  page(after: string | null, limit: number): Promise<StoredAccount[]>;
  /** Replaces `accountId` with `replacement` in at most `limit` rows of each place it is kept; 0 means none are left. */
  anonymise(accountId: string, replacement: string, limit: number): Promise<number>;
};

export type Settings = {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
};

export type Locks = {
  /** True when this owner now holds the lock (a lock past its expiry is taken over). */
  acquire(name: string, owner: string, ttlMs: number, nowMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  holder(name: string, nowMs: number): Promise<string | null>;
};

/** What an erasure must find and scrub: a person's values and the contact records that held them. */
export type PersonalValues = {
  contactIds: readonly Id[];
  /** Matched anywhere inside a stored text (emails, phone numbers). */
  substrings: readonly string[];
  /** Matched as a whole value or word (names), so other people's longer names are left alone. */
  words: readonly string[];
};

/** Erasure across every table that can quote a person (history of other records, import bookkeeping, matches). */
export type Erasure = {
  /** Contact records whose history ever held this (normalised) email: deleted and merged-away contacts included. */
  contactIdsQuotingEmail(email: string, limit: number): Promise<Id[]>;
  /**
   * Replaces the values in other records' history, import reports, notes and link titles with `[erased]`, drops
   * staged import rows, import issues and requester matches that quote them, and trims company membership entries
   * about the contacts to the contact id and `tombstone`. Returns how many rows it changed or removed.
   */
  scrub(values: PersonalValues, tombstone: FieldChanges): Promise<number>;
  /** Makes removed values unrecoverable from the store's files where the app controls them (SQLite: WAL checkpoint). */
  compact(): Promise<void>;
};

/**
 * Records that have no history entry for how they came to be: what a process killed between a record write and its
 * audit write leaves on a store without transactions (Forge SQL). Each list is bounded by `since` and `limit`.
 */
export type AuditGaps = {
  contactsWithoutHistory(since: string, limit: number): Promise<Contact[]>;
  companiesWithoutHistory(since: string, limit: number): Promise<Company[]>;
  /** Memberships with no add entry on the contact's history (nor an import's membership entry) since they were made. */
  membershipsWithoutHistory(since: string, limit: number): Promise<Membership[]>;
};

/** Everything the use cases need from storage, wired once per engine. */
export type Store = {
  contacts: Contacts;
  companies: Companies;
  memberships: Memberships;
  links: Links;
  notes: Notes;
  fields: CustomFields;
  audit: AuditLog;
  locks: Locks;
  importJobs: ImportJobs;
  accounts: AccountReferences;
  issueMatches: IssueMatches;
  erasure: Erasure;
  auditGaps: AuditGaps;
  /**
   * Runs one idempotent step of a long job with its statements grouped where the engine allows it (one transaction
   * on the embedded store; Forge SQL has none). Whatever the step wrote before a failure stays written, as without.
   */
  grouped?<T>(work: () => Promise<T>): Promise<T>;
  /** Milliseconds this process has spent waiting for SQL statements so far (what Forge SQL bills per minute). */
  sqlMs?(): number;
};

export type ImportJobStatus = 'staging' | 'queued' | 'running' | 'done' | 'failed' | 'undoing' | 'undone';

/** An import job as stored; spec, state and report are owned (and parsed) by the import use cases. */
export type ImportJobRecord = {
  id: Id;
  status: ImportJobStatus;
  dryRun: boolean;
  fileName: string;
  spec: unknown;
  totalRows: number;
  state: unknown;
  report: unknown;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  finishedAt: string | null;
};

/** A file row kept between upload and processing: its cells as read, or the reason it could not be read. */
export type StagedRow = { rowNo: number; lineNo: number; emailKey: string; cells: string[] | { error: string; column?: string; raw?: string } };

export type StoredImportIssue = { rowNo: number; seq: number; severity: 'error' | 'warning'; line: number; column: string; message: string };

export type ImportJobs = {
  insert(job: ImportJobRecord): Promise<void>;
  find(id: Id): Promise<ImportJobRecord | null>;
  list(limit: number, before?: string | null): Promise<ImportJobRecord[]>;
  /** Stores the job when the stored version is `job.version - 1`; otherwise CONFLICT. */
  update(job: ImportJobRecord): Promise<void>;
  stageRows(jobId: Id, rows: readonly StagedRow[]): Promise<void>;
  rowsInFileOrder(jobId: Id, afterRowNo: number, limit: number): Promise<StagedRow[]>;
  /** Rows that have an email, ordered by (email, row). `after.rowNo` of -1 means that email's rows are all done. */
  rowsByEmail(jobId: Id, after: { emailKey: string; rowNo: number } | null, limit: number): Promise<StagedRow[]>;
  rowsByNumbers(jobId: Id, rowNos: readonly number[]): Promise<StagedRow[]>;
  addIssues(jobId: Id, issues: readonly StoredImportIssue[]): Promise<void>;
  issues(jobId: Id, after: { rowNo: number; seq: number } | null, limit: number, severity?: 'error' | 'warning'): Promise<StoredImportIssue[]>;
  countIssues(jobId: Id): Promise<{ errorRows: number; warnings: number }>;
  /** Records the company each row was resolved to ('' for a row the companies pass rejected); the first record of a row stays. */
  setRowCompanies(jobId: Id, rows: readonly { rowNo: number; companyId: Id | '' }[]): Promise<void>;
  rowCompanies(jobId: Id, rowNos: readonly number[]): Promise<Map<number, Id | ''>>;
  touch(jobId: Id, recordType: string, ids: readonly Id[]): Promise<void>;
  countTouched(jobId: Id, recordType: string): Promise<number>;
  /** Forgets up to `limit` of the records the job touched (its bookkeeping, once counted); returns how many. */
  purgeTouched(jobId: Id, limit: number): Promise<number>;
  /** Which of these records the job has touched (in earlier chunks, perhaps in another invocation). */
  touchedAmong(jobId: Id, recordType: string, ids: readonly Id[]): Promise<Set<Id>>;
  /** Stored records the job's file did not mention, keyset-paged by id. */
  untouchedCompanies(jobId: Id, afterId: Id | null, limit: number): Promise<{ id: Id; name: string }[]>;
  unmentionedContacts(jobId: Id, afterId: Id | null, limit: number): Promise<{ id: Id; email: string }[]>;
  /** Drops staged rows that were imported (rejected rows stay for the error file); bounded per call. */
  purgeImportedRows(jobId: Id, fromRowNo: number, toRowNo: number): Promise<void>;
  /** Drops the staged rows of every job that carry this email key (an erased contact); returns how many went. */
  deleteStagedRowsByEmail(emailKey: string): Promise<number>;
};
