// Finds records without the history entry that should have come with them (a process killed between the two writes).
import { sql, type QueryResult, type RawBuilder, type SqlBool } from 'kysely';
import { IMPORT_ACTOR_PREFIX } from '../../domain/accounts';
import type { AuditGaps } from '../../domain/ports';
import { insidePrefix, outsidePrefix } from './like';
import { makeActorRefs } from './actor-refs';
import type { SqlEngine } from './engine';
import type { MembershipsTable } from './schema';
import { fromStoredTime, STORED_TIME_PREFIX, toStoredTime } from './stored-time';
import { toContact, toMembership } from './rows';
import { makeCompanies } from './directory-store';

// An import lists the memberships of a contact it creates inside that contact's create entry.
const MEMBERSHIP_ACTIONS = ['create', 'membership-add', 'membership-update', 'merge'];

export function makeAuditGaps(engine: SqlEngine): AuditGaps {
  const { db } = engine;
  const companies = makeCompanies(engine);
  const refs = makeActorRefs(engine);
  // Any entry at all about the record: its create, or anything later (an import's update, a merge, an erase).
  const noHistory = (recordType: 'contact' | 'company', idColumn: string) =>
    sql<SqlBool>`NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = ${recordType} AND a.record_id = ${sql.ref(idColumn)})`;
  // Records an import created have no history entry by design (the job's id range and creator stand for it, and its
  // write-ahead entries land before its records), so they are never gaps. A range, not LIKE: exact under any collation;
  // an import's actor stored by reference is found through the actors table.
  const notImported = (column: string) =>
    sql<SqlBool>`${outsidePrefix(column, IMPORT_ACTOR_PREFIX)} AND ${sql.ref(column)} NOT IN (SELECT ref FROM actors WHERE ${insidePrefix('actor', IMPORT_ACTOR_PREFIX)})`;
  // A record's created_at at or after `since`, in either stored form (stored-time.ts): compact ones sort after ISO ones.
  const createdSince = (column: string, since: string) => {
    const ref = sql.ref(column);
    return sql<SqlBool>`(${ref} >= ${toStoredTime(since)} OR (${ref} < ${STORED_TIME_PREFIX} AND ${ref} >= ${since}))`;
  };
  const pairKey = engine.dialect === 'mysql' ? sql`CONCAT(m.contact_id, ':', m.company_id)` : sql`m.contact_id || ':' || m.company_id`;

  return {
    async contactsWithoutHistory(since, limit) {
      const rows = await db.selectFrom('contacts').selectAll().where(createdSince('created_at', since)).where(notImported('contacts.created_by')).where(noHistory('contact', 'contacts.id')).orderBy('created_at').limit(limit).execute();
      return (await refs.decodeRows(rows)).map(toContact);
    },
    async companiesWithoutHistory(since, limit) {
      const rows = await db.selectFrom('companies').select('id').where(createdSince('created_at', since)).where(notImported('companies.created_by')).where(noHistory('company', 'companies.id')).orderBy('created_at').limit(limit).execute();
      return companies.findMany(rows.map((r) => r.id));
    },
    /**
     * Memberships with no entry about them and none on their contact at or after their creation. Their stored time
     * and the entries' ISO times are compared here, not in SQL: each candidate comes with its contact's latest such
     * entry, in pages of `limit` in (created_at, contact, company) order until `limit` gaps are found.
     */
    async membershipsWithoutHistory(since, limit) {
      type Candidate = MembershipsTable & { latest: string | null };
      const gaps: Candidate[] = [];
      let after: Candidate | null = null;
      while (gaps.length < limit) {
        const from: Candidate | null = after;
        const keyset: RawBuilder<SqlBool> = from
          ? sql<SqlBool>`(m.created_at > ${from.created_at} OR (m.created_at = ${from.created_at} AND (m.contact_id > ${from.contact_id} OR (m.contact_id = ${from.contact_id} AND m.company_id > ${from.company_id}))))`
          : sql<SqlBool>`1 = 1`;
        const page: QueryResult<Candidate> = await sql<Candidate>`
          SELECT m.contact_id, m.company_id, m.role, m.is_primary, m.created_at, m.created_by,
            (SELECT MAX(a.at) FROM audit_log a WHERE a.record_type = 'contact' AND a.record_id = m.contact_id
               AND a.action IN (${sql.join(MEMBERSHIP_ACTIONS)})) AS latest
          FROM memberships m
          WHERE ${createdSince('m.created_at', since)} AND ${notImported('m.created_by')} AND ${keyset}
            AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = 'membership' AND a.record_id = ${pairKey})
          ORDER BY m.created_at, m.contact_id, m.company_id LIMIT ${limit}`.execute(db);
        for (const row of page.rows) if (row.latest === null || row.latest < fromStoredTime(row.created_at)) gaps.push(row);
        if (page.rows.length < limit) break;
        after = page.rows[page.rows.length - 1]!;
      }
      const rows = gaps.slice(0, limit).map(({ latest: _latest, ...row }) => row);
      return (await refs.decodeRows(rows)).map(toMembership);
    },
  };
}
