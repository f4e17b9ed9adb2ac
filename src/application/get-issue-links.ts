// The contacts and companies linked to an issue the caller can see in Jira (the issue panel's first read).
import type { IssueLinks } from '../contracts/links';
import type { Actor } from './deps';
import { issueLinksView } from './issue-links-view';
import { getVisibleIssue } from './link-targets';
import { assertPanelEnabled, type PanelScopeDeps } from './panel-scope';
import type { LinkingDeps } from './work-items';

export async function getIssueLinks(deps: LinkingDeps & PanelScopeDeps, actor: Actor, query: { issueId: string }): Promise<IssueLinks> {
  // The issue id comes from the browser: Jira, asked as the caller, decides whether they may see the issue's customers.
  const issue = await getVisibleIssue(deps.workItems, query.issueId);
  await assertPanelEnabled(deps, actor, issue);
  return issueLinksView(deps.store, issue, actor);
}
