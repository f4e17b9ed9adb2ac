// The stored links of a record as the caller may see them: titles only of issues and pages they can open, like links/work.
import { confluenceUrl } from '../domain/confluence-url';
import type { AuditEntry } from '../domain/ports';
import type { Link } from '../domain/records';
import { LIVE_ISSUE_BATCH as MAX_LIVE_ISSUES } from './get-linked-work';
import { CONFLUENCE_UNREACHABLE, type LinkingDeps } from './work-items';

const PAGE_READS_AT_ONCE = 4;
/** Pages read live per profile view, one request each; those past it are counted hidden rather than shown unchecked. */
const MAX_LIVE_PAGES = 20;

/**
 * Issues are checked as the user in batches of MAX_LIVE_ISSUES (a record holds at most 1,000 links); a visible one
 * shows its live key and summary, a deleted one its key only, one the user may not see is left out and counted.
 * Pages are read as the user up to MAX_LIVE_PAGES; the ones past that bound are counted hidden rather than shown
 * unchecked. Spaces carry no title beyond their key.
 */
export async function visibleLinks(deps: LinkingDeps, links: readonly Link[]): Promise<{ links: Link[]; hidden: number }> {
  const issueIds = [...new Set(links.filter((l) => l.targetType === 'issue').map((l) => l.targetId))];
  const issues = new Map<string, { key: string; summary: string; url: string }>();
  const missing = new Set<string>();
  for (let i = 0; i < issueIds.length; i += MAX_LIVE_ISSUES) {
    const lookup = await deps.workItems.getIssuesAsUser(issueIds.slice(i, i + MAX_LIVE_ISSUES));
    for (const issue of lookup.issues) issues.set(issue.id, issue);
    for (const id of lookup.missing) missing.add(id);
  }
  const pageIds = [...new Set(links.filter((l) => l.targetType === 'page').map((l) => l.targetId))].slice(0, MAX_LIVE_PAGES);
  const pages = new Map<string, { title: string; url: string }>();
  // Confluence not answering (not on the site, or down): its pages keep their stored title, as everywhere else.
  const unreachable = new Set<string>();
  for (let i = 0; i < pageIds.length; i += PAGE_READS_AT_ONCE) {
    const batch = pageIds.slice(i, i + PAGE_READS_AT_ONCE);
    const read = await Promise.all(batch.map((id) => deps.workItems.getConfluencePageAsUser(id)));
    batch.forEach((id, n) => {
      const page = read[n];
      if (page === CONFLUENCE_UNREACHABLE) unreachable.add(id);
      else if (page) pages.set(id, page);
    });
  }

  const out: Link[] = [];
  let hidden = 0;
  for (const link of links) {
    if (link.targetType === 'issue') {
      const issue = issues.get(link.targetId);
      if (issue) out.push({ ...link, targetKey: issue.key, title: issue.summary, url: issue.url });
      else if (missing.has(link.targetId)) out.push({ ...link, title: '' });
      else hidden++;
    } else if (link.targetType === 'page') {
      const page = pages.get(link.targetId);
      if (page) out.push({ ...link, title: page.title, url: page.url });
      else if (unreachable.has(link.targetId)) out.push(link);
      else hidden++;
    } else {
      // A space is shown at the address rebuilt from its key, never at a stored URL.
      out.push({ ...link, url: confluenceUrl(await deps.workItems.siteUrl(), { kind: 'space', spaceKey: link.targetId }) });
    }
  }
  return { links: out, hidden };
}

/** The labels a history entry may name a visible page by: its title when linked (as stored) and its live title. */
export function visiblePageLabels(stored: readonly Link[], visible: readonly Link[]): Set<string> {
  const ids = new Set(visible.filter((l) => l.targetType === 'page').map((l) => l.targetId));
  const labels = new Set<string>();
  for (const l of [...stored, ...visible]) if (l.targetType === 'page' && ids.has(l.targetId)) labels.add(l.title || l.targetId);
  return labels;
}

/** What a history entry shows instead of the key or title of an issue or page the caller may not see. */
export const HIDDEN_TARGET = '(restricted)';

/**
 * Link and unlink entries name the issue by key and the page by title: those the caller may not see (checked as the
 * user, by key, for the entries of one page of history) are shown as HIDDEN_TARGET. A page title is checked against
 * the record's stored page links; a page unlinked since cannot be read back by title, so its entry is masked too.
 */
export async function maskHiddenTargets(deps: LinkingDeps, entries: readonly AuditEntry[], visiblePageTitles?: ReadonlySet<string>): Promise<AuditEntry[]> {
  const labels = (e: AuditEntry, key: 'issue' | 'page') =>
    (e.action === 'link' || e.action === 'unlink') && e.changes[key] ? e.changes[key].filter((v): v is string => typeof v === 'string') : [];
  const keys = [...new Set(entries.flatMap((e) => labels(e, 'issue')))];
  const visibleKeys = new Set<string>();
  for (let i = 0; i < keys.length; i += MAX_LIVE_ISSUES) {
    const lookup = await deps.workItems.getIssuesAsUser(keys.slice(i, i + MAX_LIVE_ISSUES));
    for (const issue of lookup.issues) visibleKeys.add(issue.key);
    // A deleted issue's key is no secret from anyone who could read this record's history when it was linked.
    for (const ref of lookup.missing) visibleKeys.add(ref);
  }
  const mask = (value: unknown, visible: (v: string) => boolean) => (typeof value === 'string' && !visible(value) ? HIDDEN_TARGET : value);
  return entries.map((e) => {
    if (labels(e, 'issue').length === 0 && labels(e, 'page').length === 0) return e;
    const changes = { ...e.changes };
    if (changes.issue) changes.issue = [mask(changes.issue[0], (v) => visibleKeys.has(v)), mask(changes.issue[1], (v) => visibleKeys.has(v))];
    if (changes.page) changes.page = [mask(changes.page[0], (v) => visiblePageTitles?.has(v) ?? false), mask(changes.page[1], (v) => visiblePageTitles?.has(v) ?? false)];
    return { ...e, changes };
  });
}
