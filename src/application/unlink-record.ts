// Removes one record's link to an issue, page or space, audited; the issue's property follows the change.
import type { LinkRemoved } from '../contracts/links';
import { AppError } from '../domain/errors';
import type { Id, LinkTargetType, RecordType } from '../domain/records';
import type { WorkIssue } from '../domain/work-items';
import { recordAudit } from './audit-trail';
import { getCompany } from './company-rules';
import { getContact } from './contact-rules';
import type { Actor } from './deps';
import { refreshIssueProperty } from './issue-properties';
import { issueLinksView } from './issue-links-view';
import { linkLabel } from './link-targets';
import { assertPanelEnabled, type PanelScopeDeps } from './panel-scope';
import type { LinkingDeps } from './work-items';

export type UnlinkRecordCommand = { recordType: RecordType; recordId: Id; targetType: LinkTargetType; targetId: string };

/** Idempotent: unlinking what is not linked answers `removed: false` and changes nothing. */
export async function unlinkRecord(deps: LinkingDeps & PanelScopeDeps, actor: Actor, command: UnlinkRecordCommand): Promise<LinkRemoved> {
  const { store } = deps;
  if (command.recordType === 'contact') await getContact(store, command.recordId);
  else await getCompany(store, command.recordId);

  let issue: WorkIssue | null = null;
  if (command.targetType === 'issue') {
    // An issue that is gone may be unlinked by anyone who can edit; one that exists, only by someone who can see it.
    const lookup = await deps.workItems.getIssuesAsUser([command.targetId]);
    if (lookup.forbidden.length > 0) {
      throw new AppError('FORBIDDEN', 'You do not have permission to see this issue in Jira, so you cannot unlink it; ask someone who can see it.');
    }
    issue = lookup.issues[0] ?? null;
    if (issue !== null) await assertPanelEnabled(deps, actor, issue);
  }

  const link = (await store.links.forTarget(command.targetType, command.targetId)).find(
    (l) => l.recordType === command.recordType && l.recordId === command.recordId,
  );
  const removed = link !== undefined && (await store.links.remove(command.recordType, command.recordId, command.targetType, command.targetId));
  if (link !== undefined && removed) {
    const now = deps.clock().toISOString();
    await recordAudit(deps, actor, now, [
      { recordType: command.recordType, recordId: command.recordId, action: 'unlink', changes: { [link.targetType]: [linkLabel(link), null] } },
    ]);
    if (issue !== null) await refreshIssueProperty(deps, issue.id);
  }
  return { removed, issue: issue === null ? null : await issueLinksView(store, issue, actor) };
}
