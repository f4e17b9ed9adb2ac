// Links contacts and companies to an issue on behalf of matching: idempotent, one audit entry per link actually made.
import type { Id, Link, RecordType } from '../../domain/records';
import { clipTitle } from '../../domain/work-items';
import { recordAudit } from '../audit-trail';
import type { Actor, Deps } from '../deps';

/** The issue as matching knows it, read as the app: links made without a user cannot be read "as the user". */
export type IssueTarget = { id: string; key: string; url: string; summary: string };

/** Automatic links are stamped with this actor, so the history tells them from links a person made. */
export const AUTO_MATCH_ACTOR: Actor = { accountId: 'auto-match', role: 'editor' };

/** Links each record to the issue unless it already is; returns how many links were made. */
export async function linkRecordsToIssue(
  deps: Deps,
  actor: Actor,
  issue: IssueTarget,
  records: readonly { recordType: RecordType; recordId: Id }[],
): Promise<number> {
  const at = deps.clock().toISOString();
  const made: { recordType: RecordType; recordId: Id }[] = [];
  for (const record of records) {
    const link: Link = {
      id: deps.ids(),
      recordType: record.recordType,
      recordId: record.recordId,
      targetType: 'issue',
      targetId: issue.id,
      targetKey: issue.key,
      url: issue.url,
      title: clipTitle(issue.summary),
      createdAt: at,
      createdBy: actor.accountId,
    };
    // links.add keeps one link per (record, issue): a repeated match adds nothing and logs nothing.
    if (await deps.store.links.add(link)) made.push(record);
  }
  // The same entry a person's link writes (link-record.ts): the issue key under `issue`.
  await recordAudit(
    deps,
    actor,
    at,
    made.map((r) => ({ recordType: r.recordType, recordId: r.recordId, action: 'link' as const, changes: { issue: [null, issue.key] } })),
  );
  return made.length;
}
