// Where Atlassian account ids are kept in SQL: paged for personal-data reports, replaced when an account is closed.
import { sql, type Expression, type SqlBool } from 'kysely';
import { APP_ACTOR_PREFIXES, APP_ACTORS } from '../../domain/accounts';
import type { AccountReferences, StoredAccount } from '../../domain/ports';
import { ACTOR_REF_PREFIX } from './actor-refs';
import type { SqlEngine } from './engine';
import { fromStoredTime } from './stored-time';
import { outsidePrefix } from './like';
import type { Database } from './schema';

type AccountColumn = { table: keyof Database; column: string; at: string; key: readonly string[] };

/** Every column holding an account id, with the time column that says when it was stored and the row's key. */
const ACCOUNT_COLUMNS: readonly AccountColumn[] = [
  { table: 'contacts', column: 'created_by', at: 'created_at', key: ['id'] },
  { table: 'contacts', column: 'updated_by', at: 'updated_at', key: ['id'] },
  { table: 'companies', column: 'created_by', at: 'created_at', key: ['id'] },
  { table: 'companies', column: 'updated_by', at: 'updated_at', key: ['id'] },
  { table: 'memberships', column: 'created_by', at: 'created_at', key: ['contact_id', 'company_id'] },
  { table: 'links', column: 'created_by', at: 'created_at', key: ['id'] },
  { table: 'notes', column: 'author_id', at: 'updated_at', key: ['id'] },
  { table: 'audit_log', column: 'actor', at: 'at', key: ['id'] },
  { table: 'import_jobs', column: 'created_by', at: 'updated_at', key: ['id'] },
  // What contacts, companies and memberships store by reference (actor-refs.ts): one row per actor, rewritten once.
  { table: 'actors', column: 'actor', at: 'seen_at', key: ['ref'] },
];

/**
 * Reported but not rewritten here: issue matches are forgotten as a whole for a closed reporter
 * (IssueMatches.deleteForReporters), since their detail may hold what Jira said about that person.
 */
const REPORTED_ONLY: readonly AccountColumn[] = [{ table: 'issue_matches', column: 'reporter_account_id', at: 'updated_at', key: ['issue_id'] }];

/**
 * `column` holds a person's account: not empty, not one of the app's own actors (ranges, exact in binary collation)
 * and not a reference to the actors table (reported and rewritten there).
 */
function holdsPersonAccount(column: string): Expression<SqlBool> {
  const ref = sql.ref(column);
  const notPrefixed = [...APP_ACTOR_PREFIXES, ACTOR_REF_PREFIX].map((prefix) => outsidePrefix(column, prefix));
  return sql<SqlBool>`${ref} <> '' AND ${ref} NOT IN (${sql.join([...APP_ACTORS])}) AND ${sql.join(notPrefixed, sql` AND `)}`;
}

/** `"<id>"` as it appears inside a JSON text, as a LIKE pattern with `!` escaping the wildcards. */
function jsonStringPattern(accountId: string): string {
  return `%${JSON.stringify(accountId).replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export function makeAccountReferences(engine: SqlEngine): AccountReferences {
  const { db } = engine;

  async function pageOf(source: AccountColumn, after: string | null, limit: number): Promise<StoredAccount[]> {
    const column = sql.ref(source.column);
    const afterClause = after === null ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${column} > ${after}`;
    const result = await sql<{ account: string; at: string | null }>`
      SELECT ${column} AS account, MAX(${sql.ref(source.at)}) AS at FROM ${sql.table(source.table)}
      WHERE ${afterClause} AND ${holdsPersonAccount(source.column)}
      GROUP BY ${column} ORDER BY ${column} LIMIT ${limit}`.execute(db);
    return result.rows.map((r) => ({ accountId: String(r.account), updatedAt: fromStoredTime(String(r.at ?? '')) }));
  }

  /** Rewrites at most `limit` rows of one column; the keys are read first because UPDATE ... LIMIT is not portable. */
  async function replaceIn(source: AccountColumn, accountId: string, replacement: string, limit: number): Promise<number> {
    const keys = await sql<Record<string, string>>`
      SELECT ${sql.join(source.key.map((k) => sql.ref(k)))} FROM ${sql.table(source.table)}
      WHERE ${sql.ref(source.column)} = ${accountId} LIMIT ${limit}`.execute(db);
    if (keys.rows.length === 0) return 0;
    const matches = keys.rows.map((row) => sql<SqlBool>`(${sql.join(source.key.map((k) => sql<SqlBool>`${sql.ref(k)} = ${row[k] ?? ''}`), sql` AND `)})`);
    await sql`
      UPDATE ${sql.table(source.table)} SET ${sql.ref(source.column)} = ${replacement}
      WHERE ${sql.ref(source.column)} = ${accountId} AND (${sql.join(matches, sql` OR `)})`.execute(db);
    return keys.rows.length;
  }

  /** Audit entries that quote the account in their changes (a deleted note's author, for one). */
  async function replaceInAuditChanges(accountId: string, replacement: string, limit: number): Promise<number> {
    const rows = await db
      .selectFrom('audit_log')
      .select('id')
      .where(sql<SqlBool>`changes LIKE ${jsonStringPattern(accountId)} ESCAPE '!'`)
      .limit(limit)
      .execute();
    if (rows.length === 0) return 0;
    await db
      .updateTable('audit_log')
      .set({ changes: sql<string>`REPLACE(changes, ${JSON.stringify(accountId)}, ${JSON.stringify(replacement)})` })
      .where('id', 'in', rows.map((r) => r.id)) // bounded: at most `limit` ids, read just above
      .execute();
    return rows.length;
  }

  return {
    async page(after, limit) {
      // Each column gives its first `limit` accounts; the first `limit` of their union are then exactly the next page.
      const latest = new Map<string, string>();
      for (const source of [...ACCOUNT_COLUMNS, ...REPORTED_ONLY]) {
        for (const { accountId, updatedAt } of await pageOf(source, after, limit)) {
          const seen = latest.get(accountId);
          if (seen === undefined || updatedAt > seen) latest.set(accountId, updatedAt);
        }
      }
      return [...latest.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, limit)
        .map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
    },
    async anonymise(accountId, replacement, limit) {
      let changed = 0;
      for (const source of ACCOUNT_COLUMNS) changed += await replaceIn(source, accountId, replacement, limit);
      // This process no longer shows the account on records; others within ACTOR_CACHE_MS.
      engine.actors.forgetActor(accountId);
      return changed + (await replaceInAuditChanges(accountId, replacement, limit));
    },
  };
}
