// Cleans a profile's links to issues that Jira says no longer exist (deleted issues), audited per removed link.
import type { MissingLinksRemoved } from '../contracts/links';
import type { Id, RecordType } from '../domain/records';
import { recordAudit, type AuditSubject } from './audit-trail';
import type { Actor } from './deps';
import { groupByTarget } from './get-linked-work';
import { linkScope, scopeLinks } from './link-scope';
import { linkLabel } from './link-targets';
import type { LinkingDeps } from './work-items';

/** Issues checked per call; a profile with more dead links is cleaned by calling again. */
export const MAX_CHECKED_ISSUES = 500;
const CHECK_BATCH = 100;

/**
 * Only issues Jira reports as gone are unlinked: an issue the user merely may not see is kept, because other agents
 * still work with it. The same scope as the linked-work view: a company's cleanup covers its contacts, and its subsidiaries when the view showed them.
 */
export async function removeMissingLinks(
  deps: LinkingDeps,
  actor: Actor,
  command: { recordType: RecordType; recordId: Id; subsidiaries?: boolean },
): Promise<MissingLinksRemoved> {
  const { store } = deps;
  const scope = await linkScope(store, command.recordType, command.recordId, { subsidiaries: command.subsidiaries ?? false });
  const groups = groupByTarget(await scopeLinks(store, scope)).filter((g) => g.targetType === 'issue').slice(0, MAX_CHECKED_ISSUES);

  const missing = new Set<string>();
  for (let i = 0; i < groups.length; i += CHECK_BATCH) {
    const lookup = await deps.workItems.getIssuesAsUser(groups.slice(i, i + CHECK_BATCH).map((g) => g.targetId));
    for (const id of lookup.missing) missing.add(id);
  }

  const subjects: AuditSubject[] = [];
  for (const group of groups.filter((g) => missing.has(g.targetId))) {
    for (const link of group.links) {
      if (await store.links.remove(link.recordType, link.recordId, 'issue', link.targetId)) {
        subjects.push({ recordType: link.recordType, recordId: link.recordId, action: 'unlink', changes: { issue: [linkLabel(link), null] } });
      }
    }
  }
  await recordAudit(deps, actor, deps.clock().toISOString(), subjects);
  return { removed: subjects.length };
}
