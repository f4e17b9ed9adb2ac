// Matching outcomes per issue on SQL: one upsert per result, optimistic updates for what people do with a suggestion.
import { sql } from 'kysely';
import { conflict } from '../../domain/errors';
import { matchDetailSchema, matchStatusSchema, type IssueMatch, type IssueMatches } from '../../domain/issue-matches';
import { chunkKeys, unique } from './batching';
import type { SqlEngine } from './engine';
import { parseJson } from './rows';
import type { IssueMatchesTable } from './schema';
import { z } from 'zod';

const IN_LIST = 1000;
const dismissedSchema = z.array(z.string()).catch([]);

function toIssueMatch(r: IssueMatchesTable): IssueMatch | null {
  const status = matchStatusSchema.safeParse(r.outcome);
  const detail = matchDetailSchema.safeParse(parseJsonOrUndefined(r.detail));
  // A row this version of the app cannot read is treated as never matched: the next match replaces it.
  if (!status.success || !detail.success) return null;
  return {
    issueId: r.issue_id,
    issueKey: r.issue_key,
    status: status.data,
    detail: detail.data,
    dismissed: parseJson(r.dismissed, dismissedSchema),
    reporterAccountId: r.reporter_account_id,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function makeIssueMatches(engine: SqlEngine): IssueMatches {
  const { db } = engine;
  return {
    async find(issueId) {
      const row = await db.selectFrom('issue_matches').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
      return row ? toIssueMatch(row) : null;
    },
    async findMany(issueIds) {
      const out: IssueMatch[] = [];
      for (const chunk of chunkKeys(unique(issueIds), IN_LIST)) {
        for (const row of await db.selectFrom('issue_matches').selectAll().where('issue_id', 'in', chunk).execute()) {
          const match = toIssueMatch(row);
          if (match !== null) out.push(match);
        }
      }
      return out;
    },
    async record(match) {
      const row: IssueMatchesTable = {
        issue_id: match.issueId,
        issue_key: match.issueKey,
        outcome: match.status,
        detail: JSON.stringify(match.detail),
        dismissed: '[]',
        reporter_account_id: match.reporterAccountId,
        version: 1,
        created_at: match.at,
        updated_at: match.at,
      };
      const insert = db.insertInto('issue_matches').values(row);
      const replaced = ['issue_key', 'outcome', 'detail', 'reporter_account_id', 'updated_at'] as const;
      if (engine.dialect === 'mysql') {
        const set = Object.fromEntries(replaced.map((c) => [c, sql`VALUES(${sql.ref(c)})`]));
        await insert.onDuplicateKeyUpdate({ ...set, version: sql`version + 1` }).execute();
      } else {
        const set = Object.fromEntries(replaced.map((c) => [c, sql`excluded.${sql.ref(c)}`]));
        await insert.onConflict((oc) => oc.column('issue_id').doUpdateSet({ ...set, version: sql`issue_matches.version + 1` })).execute();
      }
    },
    async update(match) {
      const result = await db
        .updateTable('issue_matches')
        .set({
          outcome: match.status,
          detail: JSON.stringify(match.detail),
          dismissed: JSON.stringify(match.dismissed),
          version: match.version,
          updated_at: match.updatedAt,
        })
        .where('issue_id', '=', match.issueId)
        .where('version', '=', match.version - 1)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw conflict(`The suggestion for ${match.issueKey}`);
    },
    async deleteForReporters(accountIds) {
      let removed = 0;
      for (const chunk of chunkKeys(unique(accountIds.filter((id) => id !== '')), IN_LIST)) {
        const result = await db.deleteFrom('issue_matches').where('reporter_account_id', 'in', chunk).executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    },
  };
}
