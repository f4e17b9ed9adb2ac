// Erasure on SQL: finds every row outside the erased records that quotes a person, and scrubs or drops it, page by page.
import { sql } from 'kysely';
import type { Erasure, FieldChanges, PersonalValues } from '../../domain/ports';
import type { SqlEngine } from './engine';
import { lowerContains } from './like';

/** What replaces an erased value inside another record's text. */
export const ERASED = '[erased]';
const PAGE = 500;

type Scrubber = { text(value: string): string; json(value: string): string };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function makeScrubber(values: PersonalValues): Scrubber {
  const parts = [
    ...values.substrings.filter((s) => s.trim().length > 0).map((s) => escapeRegExp(s.trim())),
    // A name is erased as a word: "Ada" goes from "Ada called", not from "Adam".
    ...values.words.filter((w) => w.trim().length > 0).map((w) => `(?<![\\p{L}\\p{N}])${escapeRegExp(w.trim())}(?![\\p{L}\\p{N}])`),
  ];
  const pattern = parts.length > 0 ? new RegExp(parts.join('|'), 'giu') : null;
  const text = (value: string) => (pattern ? value.replace(pattern, ERASED) : value);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [text(k), walk(v)]));
    return node;
  };
  return {
    text,
    json(value) {
      try {
        return JSON.stringify(walk(JSON.parse(value)));
      } catch {
        return text(value);
      }
    },
  };
}

type RewriteTable = 'audit_log' | 'import_jobs' | 'notes' | 'links';

export function makeErasure(engine: SqlEngine): Erasure {
  const { db } = engine;

  /** Rewrites `column` of every row quoting a needle, keyset-paged by `id`; returns how many rows changed. */
  async function rewrite(table: RewriteTable, column: string, needle: string, change: (value: string) => string, scope?: { notContactHistory: true }): Promise<number> {
    let changed = 0;
    let after = '';
    for (;;) {
      let q = db
        .selectFrom(table)
        .select(sql<string>`id`.as('id'))
        .select(sql<string>`${sql.ref(column)}`.as('value'))
        .where(sql.ref('id'), '>', after)
        .where(lowerContains(column, needle));
      if (scope) q = q.where(sql.ref('record_type'), '<>', 'contact');
      const rows = (await q.orderBy(sql.ref('id')).limit(PAGE).execute()) as { id: string; value: string }[];
      for (const row of rows) {
        const next = change(row.value);
        if (next === row.value) continue;
        await db.updateTable(table).set({ [column]: next }).where(sql.ref('id'), '=', row.id).execute();
        changed++;
      }
      if (rows.length < PAGE) return changed;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Drops staged rows quoting a needle, with the import issues of those rows. */
  async function dropStagedRows(needle: string): Promise<number> {
    let removed = 0;
    for (;;) {
      const rows = await db.selectFrom('import_rows').select(['job_id', 'row_no']).where(lowerContains('cells', needle)).limit(PAGE).execute();
      for (const r of rows) {
        await db.deleteFrom('import_issues').where('job_id', '=', r.job_id).where('row_no', '=', r.row_no).execute();
        await db.deleteFrom('import_rows').where('job_id', '=', r.job_id).where('row_no', '=', r.row_no).execute();
      }
      removed += rows.length;
      if (rows.length < PAGE) return removed;
    }
  }

  async function dropMatching(table: 'import_issues' | 'issue_matches', column: 'message' | 'detail', needle: string): Promise<number> {
    const result = await db.deleteFrom(table).where(lowerContains(column, needle)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    async contactIdsQuotingEmail(email, limit) {
      const rows = await db
        .selectFrom('audit_log')
        .select('record_id')
        .distinct()
        .where('record_type', '=', 'contact')
        .where(lowerContains('changes', JSON.stringify(email)))
        .limit(limit)
        .execute();
      return rows.map((r) => r.record_id);
    },

    async scrub(values, tombstone: FieldChanges) {
      const scrubber = makeScrubber(values);
      let count = 0;
      // Company history keeps that a contact joined or left, by its opaque id only: role and primary flag go.
      for (const contactId of values.contactIds) {
        count += await rewrite('audit_log', 'changes', JSON.stringify(contactId), (value) => {
          const changes = safeJson(value);
          const contact = changes?.contactId;
          if (!changes || !Array.isArray(contact) || !(contact[0] === contactId || contact[1] === contactId)) return value;
          return JSON.stringify({ contactId: contact, ...tombstone });
        }, { notContactHistory: true });
      }
      // Words are searched as JSON strings and quoted text: one LIKE per value, the rewrite decides what really matches.
      const needles = [...values.substrings, ...values.words].filter((n) => n.trim().length > 0);
      for (const needle of needles) {
        count += await rewrite('audit_log', 'changes', needle, scrubber.json, { notContactHistory: true });
        count += await rewrite('import_jobs', 'state', needle, scrubber.json);
        count += await rewrite('import_jobs', 'report', needle, scrubber.json);
        count += await dropStagedRows(needle);
        count += await dropMatching('import_issues', 'message', needle);
        count += await dropMatching('issue_matches', 'detail', needle);
      }
      // Other records' notes and issue titles lose the person's email or phone; a name there may be someone else's.
      for (const needle of values.substrings) {
        count += await rewrite('notes', 'body', needle, scrubber.text);
        count += await rewrite('links', 'title', needle, scrubber.text);
      }
      for (const contactId of values.contactIds) count += await dropMatching('issue_matches', 'detail', contactId);
      return count;
    },

    async compact() {
      if (engine.dialect !== 'sqlite') return;
      // secure_delete (set when the file is opened) zeroes freed pages; the checkpoint empties the WAL's old copies.
      // SQLite refuses a checkpoint inside a transaction: in a command's, it runs once that has committed.
      const checkpoint = async (on: SqlEngine) => void (await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(on.db));
      if (engine.afterCommit) engine.afterCommit(checkpoint);
      else await checkpoint(engine);
    },
  };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
