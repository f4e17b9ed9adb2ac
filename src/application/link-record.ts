// Links a contact or company (and, in the same step, more companies) to a Jira issue or a Confluence page or space.
import type { LinkAdded, LinkTargetInput } from '../contracts/links';
import { notFound } from '../domain/errors';
import type { Id, Link, RecordType } from '../domain/records';
import { recordAudit } from './audit-trail';
import { getCompany } from './company-rules';
import { getContact } from './contact-rules';
import type { Actor } from './deps';
import { refreshIssueProperty } from './issue-properties';
import { issueLinksView } from './issue-links-view';
import { linkLabel, resolveLinkTarget } from './link-targets';
import { assertPanelEnabled, type PanelScopeDeps } from './panel-scope';
import type { LinkingDeps } from './work-items';

export type LinkRecordCommand = { recordType: RecordType; recordId: Id; target: LinkTargetInput; alsoCompanyIds: Id[] };

/** Idempotent: a record already linked to the target keeps its one link, and no audit entry is written for it. */
export async function linkRecord(deps: LinkingDeps & PanelScopeDeps, actor: Actor, command: LinkRecordCommand): Promise<LinkAdded> {
  const { store } = deps;
  const subjects = await recordsToLink(deps, command);
  const target = await resolveLinkTarget(deps.workItems, command.target);
  // Customer data goes only onto issues of the projects the admins chose.
  if (target.issue !== null) await assertPanelEnabled(deps, actor, target.issue);
  const now = deps.clock().toISOString();

  const created: Link[] = [];
  for (const subject of subjects) {
    const link: Link = {
      id: deps.ids(),
      ...subject,
      targetType: target.targetType,
      targetId: target.targetId,
      targetKey: target.targetKey,
      url: target.url,
      title: target.title,
      createdAt: now,
      createdBy: actor.accountId,
    };
    if (await store.links.add(link)) created.push(link);
  }
  await recordAudit(
    deps,
    actor,
    now,
    created.map((l) => ({ recordType: l.recordType, recordId: l.recordId, action: 'link', changes: { [l.targetType]: [null, linkLabel(l)] } })),
  );

  if (target.issue !== null && created.length > 0) await refreshIssueProperty(deps, target.issue.id);
  return {
    created,
    alreadyLinked: subjects.length - created.length,
    issue: target.issue === null ? null : await issueLinksView(store, target.issue, actor),
  };
}

/** The record itself and the extra companies, each once; NOT_FOUND names the first one that does not exist. */
async function recordsToLink(deps: LinkingDeps, command: LinkRecordCommand): Promise<{ recordType: RecordType; recordId: Id }[]> {
  const { store } = deps;
  if (command.recordType === 'contact') await getContact(store, command.recordId);
  else await getCompany(store, command.recordId);
  const extra = [...new Set(command.alsoCompanyIds)].filter((id) => !(command.recordType === 'company' && id === command.recordId));
  const found = new Set((await store.companies.findMany(extra)).map((c) => c.id));
  const absent = extra.find((id) => !found.has(id));
  if (absent !== undefined) throw notFound('Company', absent);
  return [{ recordType: command.recordType, recordId: command.recordId }, ...extra.map((id) => ({ recordType: 'company' as const, recordId: id }))];
}
