// The ordered schema migrations, one statement each (Forge SQL runs one statement per call), for both dialects.
import type { Dialect } from './schema';

export type Migration = { name: string; sql: string };

type Column = [name: string, type: ColumnType, nullable?: 'null'];
type ColumnType = 'id' | 'email' | 'short' | 'person' | 'name' | 'term' | 'domain' | 'text' | 'int' | 'ts' | 'actor' | 'key';

const MYSQL_TYPES: Record<ColumnType, string> = {
  id: 'VARCHAR(36)',
  email: 'VARCHAR(320)',
  short: 'VARCHAR(32)',
  person: 'VARCHAR(200)',
  name: 'VARCHAR(400)',
  term: 'VARCHAR(191)',
  domain: 'VARCHAR(253)',
  text: 'MEDIUMTEXT',
  int: 'BIGINT',
  ts: 'VARCHAR(24)',
  actor: 'VARCHAR(128)',
  key: 'VARCHAR(255)',
};

type TableSpec = { name: string; columns: Column[]; primaryKey: string[]; unique?: string[][]; indexes?: string[][] };

function createTable(dialect: Dialect, spec: TableSpec): string {
  const cols = spec.columns.map(([name, type, nullable]) => {
    const sqlType = dialect === 'mysql' ? MYSQL_TYPES[type] : type === 'int' ? 'INTEGER' : 'TEXT';
    return `${name} ${sqlType} ${nullable ? 'NULL' : 'NOT NULL'}`;
  });
  const parts = [...cols, `PRIMARY KEY (${spec.primaryKey.join(', ')})`];
  if (dialect === 'mysql') {
    // Inline keys: TiDB and MySQL 8 have no CREATE INDEX IF NOT EXISTS in common, and inline keeps one statement.
    for (const u of spec.unique ?? []) parts.push(`UNIQUE KEY uq_${spec.name}_${u.join('_')} (${u.join(', ')})`);
    for (const i of spec.indexes ?? []) parts.push(`KEY ix_${spec.name}_${i.join('_')} (${i.join(', ')})`);
    // Binary collation everywhere: TiDB's default, so MariaDB in tests compares text exactly as production does.
    return `CREATE TABLE IF NOT EXISTS ${spec.name} (${parts.join(', ')}) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;
  }
  for (const u of spec.unique ?? []) parts.push(`UNIQUE (${u.join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${spec.name} (${parts.join(', ')})`;
}

function sqliteIndexes(spec: TableSpec): Migration[] {
  return (spec.indexes ?? []).map((cols) => ({
    name: `ix_${spec.name}_${cols.join('_')}`,
    sql: `CREATE INDEX IF NOT EXISTS ix_${spec.name}_${cols.join('_')} ON ${spec.name} (${cols.join(', ')})`,
  }));
}

const audit: Column[] = [
  ['created_at', 'ts'],
  ['created_by', 'actor'],
  ['updated_at', 'ts'],
  ['updated_by', 'actor'],
];

const TABLES: TableSpec[] = [
  {
    name: 'contacts',
    columns: [
      ['id', 'id'], ['email', 'email'], ['first_name', 'person'], ['last_name', 'person'], ['display_name', 'name'],
      ['phone', 'person'], ['job_title', 'person'], ['custom', 'text'], ['version', 'int'], ...audit,
    ],
    primaryKey: ['id'],
    unique: [['email']],
    indexes: [['last_name', 'first_name', 'id'], ['updated_at']],
  },
  {
    name: 'companies',
    columns: [
      ['id', 'id'], ['name', 'name'], ['name_key', 'key'], ['parent_id', 'id', 'null'], ['custom', 'text'],
      ['version', 'int'], ...audit,
    ],
    primaryKey: ['id'],
    indexes: [['name_key'], ['parent_id'], ['name', 'id']],
  },
  { name: 'company_domains', columns: [['domain', 'domain'], ['company_id', 'id']], primaryKey: ['domain'], indexes: [['company_id']] },
  {
    name: 'memberships',
    columns: [['contact_id', 'id'], ['company_id', 'id'], ['role', 'name'], ['is_primary', 'int'], ['created_at', 'ts'], ['created_by', 'actor']],
    primaryKey: ['contact_id', 'company_id'],
    indexes: [['company_id', 'contact_id']],
  },
  {
    name: 'search_terms',
    columns: [['term', 'term'], ['record_type', 'short'], ['record_id', 'id']],
    primaryKey: ['record_type', 'term', 'record_id'],
    indexes: [['record_id']],
  },
  {
    name: 'links',
    columns: [
      ['id', 'id'], ['record_type', 'short'], ['record_id', 'id'], ['target_type', 'short'], ['target_id', 'key'],
      ['target_key', 'key'], ['url', 'text'], ['title', 'name'], ['created_at', 'ts'], ['created_by', 'actor'],
    ],
    primaryKey: ['id'],
    unique: [['record_type', 'record_id', 'target_type', 'target_id']],
    indexes: [['target_type', 'target_id']],
  },
  {
    name: 'notes',
    columns: [
      ['id', 'id'], ['record_type', 'short'], ['record_id', 'id'], ['author_id', 'actor'], ['body', 'text'],
      ['version', 'int'], ['created_at', 'ts'], ['updated_at', 'ts'],
    ],
    primaryKey: ['id'],
    indexes: [['record_type', 'record_id', 'created_at'], ['author_id']],
  },
  {
    name: 'custom_fields',
    columns: [['id', 'id'], ['entity', 'short'], ['name', 'name'], ['name_key', 'key'], ['type', 'short'], ['options', 'text'], ['created_at', 'ts']],
    primaryKey: ['id'],
    unique: [['entity', 'name_key']],
  },
  {
    name: 'audit_log',
    columns: [
      ['id', 'key'], ['at', 'ts'], ['actor', 'actor'], ['job_id', 'id', 'null'], ['record_type', 'short'],
      ['record_id', 'key'], ['action', 'short'], ['changes', 'text'],
    ],
    primaryKey: ['id'],
    indexes: [['record_type', 'record_id', 'at'], ['job_id', 'record_type', 'action'], ['at'], ['actor']],
  },
  {
    name: 'import_jobs',
    columns: [
      ['id', 'id'], ['status', 'short'], ['dry_run', 'int'], ['file_name', 'name'], ['spec', 'text'], ['total_rows', 'int'],
      ['state', 'text'], ['report', 'text'], ['version', 'int'], ['created_at', 'ts'], ['created_by', 'actor'],
      ['updated_at', 'ts'], ['finished_at', 'ts', 'null'],
    ],
    primaryKey: ['id'],
    indexes: [['created_at']],
  },
  {
    name: 'import_rows',
    columns: [['job_id', 'id'], ['row_no', 'int'], ['line_no', 'int'], ['email_key', 'email'], ['cells', 'text']],
    primaryKey: ['job_id', 'row_no'],
    indexes: [['job_id', 'email_key', 'row_no']],
  },
  {
    name: 'import_issues',
    columns: [
      ['job_id', 'id'], ['row_no', 'int'], ['seq', 'int'], ['severity', 'short'], ['line_no', 'int'], ['col', 'name'], ['message', 'text'],
    ],
    primaryKey: ['job_id', 'row_no', 'seq'],
  },
  {
    name: 'import_touched',
    columns: [['job_id', 'id'], ['record_type', 'short'], ['record_id', 'id']],
    primaryKey: ['job_id', 'record_type', 'record_id'],
  },
  { name: 'locks', columns: [['name', 'key'], ['owner', 'key'], ['expires_at', 'ts']], primaryKey: ['name'] },
  { name: 'settings', columns: [['name', 'key'], ['value', 'text']], primaryKey: ['name'] },
  {
    name: 'issue_matches',
    columns: [
      ['issue_id', 'key'], ['issue_key', 'key'], ['outcome', 'short'], ['detail', 'text'], ['dismissed', 'text'],
      ['version', 'int'], ['created_at', 'ts'], ['updated_at', 'ts'],
    ],
    primaryKey: ['issue_id'],
  },
];

/**
 * Changes to tables after their first release, in the order they were made: append only, never edit one. `only`
 * limits a change to one dialect (the other never lists it).
 */
const ALTERATIONS: { name: string; sql: (dialect: Dialect) => string; only?: Dialect }[] = [
  // The reporter an issue was matched for, so personal-data erasure finds their rows by account.
  {
    name: 'add_issue_matches_reporter_account_id',
    sql: (dialect) => `ALTER TABLE issue_matches ADD COLUMN reporter_account_id ${dialect === 'mysql' ? MYSQL_TYPES.actor : 'TEXT'} NOT NULL DEFAULT ''`,
  },
  { name: 'ix_issue_matches_reporter_account_id', sql: () => 'CREATE INDEX ix_issue_matches_reporter_account_id ON issue_matches (reporter_account_id)' },
  // import: the company each row was resolved to in the companies pass ('' when that pass rejected the row), so the
  // contacts pass links exactly what was decided instead of matching again.
  {
    name: 'import_create_import_row_companies',
    sql: (dialect) => createTable(dialect, { name: 'import_row_companies', columns: [['job_id', 'id'], ['row_no', 'int'], ['company_id', 'id']], primaryKey: ['job_id', 'row_no'] }),
  },
  // Search by any part of a record: one folded line per record, keyed by the record (no secondary index), scanned
  // with INSTR and a LIMIT. Replaces a term row per word per record, which cost more than the records themselves.
  {
    name: 'speed_create_search_text',
    sql: (dialect) =>
      dialect === 'mysql'
        ? 'CREATE TABLE IF NOT EXISTS search_text (record_type VARCHAR(32) NOT NULL, record_id VARCHAR(36) NOT NULL, body VARCHAR(400) NOT NULL, PRIMARY KEY (record_type, record_id)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'
        : 'CREATE TABLE IF NOT EXISTS search_text (record_type TEXT NOT NULL, record_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (record_type, record_id)) WITHOUT ROWID',
  },
  // Existing installs fill search_text with rebuildSearchText (application/rebuild-search-text.ts) after this runs.
  { name: 'speed_drop_search_terms', sql: () => 'DROP TABLE IF EXISTS search_terms' },
  // The embedded store keeps memberships in their primary key's b-tree (WITHOUT ROWID): no rowid table beside a key
  // index holding the same two ids, a third less space per membership. (InnoDB tables, MariaDB's and Forge SQL's, are
  // stored by primary key already.) Each step is idempotent; the local runner applies each in a transaction.
  {
    name: 'speed_memberships_by_key_create',
    only: 'sqlite',
    sql: () =>
      'CREATE TABLE IF NOT EXISTS memberships_by_key (contact_id TEXT NOT NULL, company_id TEXT NOT NULL, role TEXT NOT NULL, is_primary INTEGER NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL, PRIMARY KEY (contact_id, company_id)) WITHOUT ROWID',
  },
  {
    name: 'speed_memberships_by_key_copy',
    only: 'sqlite',
    sql: () => 'INSERT OR IGNORE INTO memberships_by_key (contact_id, company_id, role, is_primary, created_at, created_by) SELECT contact_id, company_id, role, is_primary, created_at, created_by FROM memberships',
  },
  { name: 'speed_memberships_by_key_drop', only: 'sqlite', sql: () => 'DROP TABLE IF EXISTS memberships' },
  { name: 'speed_memberships_by_key_rename', only: 'sqlite', sql: () => 'ALTER TABLE memberships_by_key RENAME TO memberships' },
  { name: 'speed_memberships_by_key_index', only: 'sqlite', sql: () => 'CREATE INDEX ix_memberships_company_id_contact_id ON memberships (company_id, contact_id)' },
  // import: the company holding each external id (the value of its External ID field), so a file's external id
  // column finds companies. Keyed by (id, company): two companies given one id by hand make a row ambiguous, not lost.
  // Existing installs fill it with rebuildExternalIds (application/rebuild-external-ids.ts) after this runs.
  {
    name: 'import_create_company_external_ids',
    sql: (dialect) =>
      createTable(dialect, { name: 'company_external_ids', columns: [['external_id', 'key'], ['company_id', 'id']], primaryKey: ['external_id', 'company_id'] }),
  },
  { name: 'ix_company_external_ids_company_id', sql: () => 'CREATE INDEX ix_company_external_ids_company_id ON company_external_ids (company_id)' },
  // The contact list is sorted by display name (then id, its keyset): without this index every page of it read and
  // sorted the whole table. It replaces the (last_name, first_name, id) index, which no query uses.
  { name: 'ix_contacts_display_name_id', sql: () => 'CREATE INDEX ix_contacts_display_name_id ON contacts (display_name, id)' },
  {
    name: 'drop_ix_contacts_last_name_first_name_id',
    sql: (dialect) => (dialect === 'mysql' ? 'ALTER TABLE contacts DROP INDEX ix_contacts_last_name_first_name_id' : 'DROP INDEX IF EXISTS ix_contacts_last_name_first_name_id'),
  },
  // Records store who wrote them as `~` and 8 characters of the actor's hash; this table maps them back (see
  // actor-refs.ts). Rows written before it keep their actors in full, which every reader still accepts.
  {
    name: 'storage_create_actors',
    sql: (dialect) => createTable(dialect, { name: 'actors', columns: [['ref', 'short'], ['actor', 'actor'], ['seen_at', 'ts']], primaryKey: ['ref'] }),
  },
  { name: 'ix_actors_actor', sql: () => 'CREATE INDEX ix_actors_actor ON actors (actor)' },
];

/**
 * The statement with `IF NOT EXISTS` / `IF EXISTS` where it lacks one, so running it again after a crash (applied,
 * not yet recorded) changes nothing. TiDB (Forge SQL) and MariaDB accept these on ADD COLUMN, ADD INDEX,
 * CREATE INDEX and DROP COLUMN/INDEX; SQLite only on CREATE INDEX (its DDL runs in a transaction locally anyway).
 */
export function idempotentDdl(statement: string, dialect: Dialect): string {
  let out = statement.replace(/\bCREATE\s+(UNIQUE\s+)?INDEX\s+(?!IF\s+NOT\s+EXISTS\b)/gi, (_m, unique: string | undefined) => `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS `);
  if (dialect === 'mysql') {
    out = out
      .replace(/\bADD\s+(COLUMN|INDEX|KEY|UNIQUE\s+INDEX|UNIQUE\s+KEY)\s+(?!IF\s+NOT\s+EXISTS\b)/gi, (_m, what: string) => `ADD ${what.toUpperCase()} IF NOT EXISTS `)
      .replace(/\bDROP\s+(COLUMN|INDEX|KEY)\s+(?!IF\s+EXISTS\b)/gi, (_m, what: string) => `DROP ${what.toUpperCase()} IF EXISTS `);
  }
  return out;
}

/** The migrations in the order they must run. Names are stable: Forge's runner records them by name. */
export function migrations(dialect: Dialect): Migration[] {
  return [
    ...TABLES.flatMap((spec) => [
      { name: `create_${spec.name}`, sql: createTable(dialect, spec) },
      ...(dialect === 'sqlite' ? sqliteIndexes(spec) : []),
    ]),
    ...ALTERATIONS.filter((a) => !a.only || a.only === dialect).map((a) => ({ name: a.name, sql: idempotentDdl(a.sql(dialect), dialect) })),
  ];
}
