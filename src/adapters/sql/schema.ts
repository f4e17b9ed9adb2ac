// The relational schema as Kysely sees it: one row type per table, shared by SQLite, MariaDB and Forge SQL (TiDB).

export type ContactsTable = {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  display_name: string;
  phone: string;
  job_title: string;
  custom: string; // JSON object: custom field id -> text
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

export type CompaniesTable = {
  id: string;
  name: string;
  name_key: string;
  parent_id: string | null;
  custom: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

export type CompanyDomainsTable = { domain: string; company_id: string };

/** Which company holds each external id (its External ID value), kept in step with every company write. */
export type CompanyExternalIdsTable = { external_id: string; company_id: string };

export type MembershipsTable = {
  contact_id: string;
  company_id: string;
  role: string;
  is_primary: number;
  created_at: string;
  created_by: string;
};

/** One folded line per record (names, email, phone digits, domains, custom values): what search matches inside. */
export type SearchTextTable = { record_type: string; record_id: string; body: string };

export type LinksTable = {
  id: string;
  record_type: string;
  record_id: string;
  target_type: string;
  target_id: string;
  target_key: string;
  url: string;
  title: string;
  created_at: string;
  created_by: string;
};

export type NotesTable = {
  id: string;
  record_type: string;
  record_id: string;
  author_id: string;
  body: string;
  version: number;
  created_at: string;
  updated_at: string;
};

export type CustomFieldsTable = {
  id: string;
  entity: string;
  name: string;
  name_key: string;
  type: string;
  options: string; // JSON array
  created_at: string;
};

export type AuditLogTable = {
  id: string;
  at: string;
  actor: string;
  job_id: string | null;
  record_type: string;
  record_id: string;
  action: string;
  changes: string; // JSON: { field: [before, after] }
};

export type ImportJobsTable = {
  id: string;
  status: string;
  dry_run: number;
  file_name: string;
  spec: string; // JSON: options, mapping, headers
  total_rows: number;
  state: string; // JSON: phase, cursors, counters, samples
  report: string; // JSON, when finished
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  finished_at: string | null;
};

export type ImportRowsTable = { job_id: string; row_no: number; line_no: number; email_key: string; cells: string };

export type ImportIssuesTable = { job_id: string; row_no: number; seq: number; severity: string; line_no: number; col: string; message: string };

export type ImportTouchedTable = { job_id: string; record_type: string; record_id: string };

export type ImportRowCompaniesTable = { job_id: string; row_no: number; company_id: string };

/** Who wrote a record, by the short reference records store (see actor-refs.ts); seen_at: when last written with. */
export type ActorsTable = { ref: string; actor: string; seen_at: string };

export type LocksTable = { name: string; owner: string; expires_at: string };

export type SettingsTable = { name: string; value: string };

export type IssueMatchesTable = {
  issue_id: string;
  issue_key: string;
  outcome: string;
  detail: string; // JSON
  dismissed: string; // JSON array of dismissed candidate keys
  reporter_account_id: string; // '' when the issue had no reporter
  version: number;
  created_at: string;
  updated_at: string;
};

export type Database = {
  contacts: ContactsTable;
  companies: CompaniesTable;
  company_domains: CompanyDomainsTable;
  company_external_ids: CompanyExternalIdsTable;
  memberships: MembershipsTable;
  search_text: SearchTextTable;
  links: LinksTable;
  notes: NotesTable;
  custom_fields: CustomFieldsTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobsTable;
  import_rows: ImportRowsTable;
  import_issues: ImportIssuesTable;
  import_touched: ImportTouchedTable;
  import_row_companies: ImportRowCompaniesTable;
  locks: LocksTable;
  settings: SettingsTable;
  issue_matches: IssueMatchesTable;
  actors: ActorsTable;
};

export type Dialect = 'mysql' | 'sqlite';

/** Tables whose rows are directory data (as opposed to import bookkeeping): writes to these are "record writes". */
export const RECORD_TABLES = ['contacts', 'companies', 'company_domains', 'company_external_ids', 'memberships', 'search_text', 'links', 'notes', 'custom_fields', 'audit_log'] as const;
