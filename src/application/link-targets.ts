// Turns what a user asked to link (an issue id, a Confluence URL) into the stored link fields, read as that user.
import { confluenceUrl, isConfluenceUrlProblem, isOnSite, parseConfluenceUrl } from '../domain/confluence-url';
import { AppError, invalid } from '../domain/errors';
import type { Link } from '../domain/records';
import { clipTitle, type WorkIssue } from '../domain/work-items';
import type { LinkTargetInput } from '../contracts/links';
import { CONFLUENCE_UNREACHABLE, type WorkItems } from './work-items';

export type ResolvedTarget = Pick<Link, 'targetType' | 'targetId' | 'targetKey' | 'url' | 'title'> & { issue: WorkIssue | null };

/** The issue as the user sees it; NOT_FOUND when it does not exist or they may not see it (Jira does not say which). */
export async function getVisibleIssue(workItems: WorkItems, issueId: string, issueKey?: string): Promise<WorkIssue> {
  const issue = await workItems.getIssueAsUser(issueId);
  if (issue === null) {
    throw new AppError('NOT_FOUND', `Issue ${issueKey ?? issueId} does not exist or you do not have permission to see it in Jira.`, { issueId });
  }
  return issue;
}

export async function resolveLinkTarget(workItems: WorkItems, target: LinkTargetInput): Promise<ResolvedTarget> {
  if (target.type === 'issue') {
    const issue = await getVisibleIssue(workItems, target.issueId ?? target.issueKey ?? '', target.issueKey);
    if (target.url !== undefined && !sameSite(target.url, issue.url)) {
      throw invalid(`target.url: This link is to another Atlassian site; paste the address of an issue on this site (such as ${issue.url}).`, { field: 'target.url' });
    }
    return { targetType: 'issue', targetId: issue.id, targetKey: issue.key, url: issue.url, title: clipTitle(issue.summary), issue };
  }
  const parsed = parseConfluenceUrl(target.url);
  if (isConfluenceUrlProblem(parsed)) throw invalid(`target.url: ${parsed.problem}`, { field: 'target.url' });
  // Only this site's Confluence: a pasted origin is never stored, and the stored URL is rebuilt from the ids.
  const site = await workItems.siteUrl();
  if (!isOnSite(parsed.url, site)) {
    throw invalid(`target.url: only links to this site's Confluence (${site}/wiki) can be added; copy the page address from there.`, { field: 'target.url' });
  }
  if (parsed.kind === 'space') {
    // Reading a space's name needs another scope; the key names it well enough.
    const url = confluenceUrl(site, { kind: 'space', spaceKey: parsed.spaceKey });
    return { targetType: 'space', targetId: parsed.spaceKey, targetKey: parsed.spaceKey, url, title: clipTitle(parsed.titleFromUrl), issue: null };
  }
  const read = await workItems.getConfluencePageAsUser(parsed.pageId);
  // Confluence unreachable: the link keeps the address and the title the address spells.
  const page = read === CONFLUENCE_UNREACHABLE ? null : read;
  return {
    targetType: 'page',
    targetId: parsed.pageId,
    targetKey: '',
    url: page?.url ?? confluenceUrl(site, { kind: 'page', pageId: parsed.pageId, spaceKey: parsed.spaceKey }),
    title: clipTitle(page?.title || parsed.titleFromUrl),
    issue: null,
  };
}

/** True when a pasted address is on the same site (scheme and host) as the issue's own address. */
function sameSite(pasted: string, issueUrl: string): boolean {
  try {
    return new URL(pasted).origin === new URL(issueUrl).origin;
  } catch {
    return false;
  }
}

/** How a link reads in the audit log: the issue key, the page title or the space key. */
export function linkLabel(link: Pick<Link, 'targetType' | 'targetKey' | 'title' | 'targetId'>): string {
  if (link.targetType === 'page') return link.title || link.targetId;
  return link.targetKey || link.targetId;
}
