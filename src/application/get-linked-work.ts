// A profile's linked issues, pages and spaces, a page at a time, read live as the user; a company's roll up its
// contacts and, as an option, its subsidiaries.
import type { LinkedRecordRef, LinkedWork, LinkedWorkCounts, LinkedWorkItem } from '../contracts/links';
import type { Id, Link, LinkTargetType, RecordType } from '../domain/records';
import { confluenceUrl } from '../domain/confluence-url';
import type { ConfluencePage, WorkIssue } from '../domain/work-items';
import type { Actor } from './deps';
import { linkScope, refKey, scopeLinks } from './link-scope';
import { CONFLUENCE_UNREACHABLE, type LinkingDeps } from './work-items';

/** Issues read live in one search of Jira. */
export const LIVE_ISSUE_BATCH = 100;
/** Targets read live per call at most: with filters that leave most of them out, a page may come back short. */
export const MAX_READ_PER_CALL = 500;
const PAGE_READS_AT_ONCE = 4;

/** A linked target with every link to it from the records in scope, newest first. */
export type TargetGroup = { targetType: Link['targetType']; targetId: string; links: Link[] };

export type LinkedWorkQuery = {
  recordType: RecordType;
  recordId: Id;
  kind?: LinkTargetType;
  state?: 'all' | 'open' | 'done';
  project?: string;
  subsidiaries?: boolean;
  after?: string | null;
  limit?: number;
};

/**
 * Targets are ordered by their newest link; the cursor is the position of the next target to read in that order.
 * Targets the user may not see are counted in `hidden` and skipped, so a page shows only what the user may see.
 */
export async function getLinkedWork(deps: LinkingDeps, _actor: Actor, query: LinkedWorkQuery): Promise<LinkedWork> {
  const limit = query.limit ?? 25;
  const state = query.state ?? 'all';
  const scope = await linkScope(deps.store, query.recordType, query.recordId, { subsidiaries: query.subsidiaries ?? false });
  const groups = groupByTarget(await scopeLinks(deps.store, scope));

  const counts: LinkedWorkCounts = { issue: 0, page: 0, space: 0 };
  const projects = new Set<string>();
  for (const group of groups) {
    counts[group.targetType]++;
    if (group.targetType === 'issue') {
      const project = projectOfKey(group.links[0]!.targetKey);
      if (project !== null) projects.add(project);
    }
  }

  // State and project are properties of issues: asking for them narrows the list to issues.
  const issuesOnly = state !== 'all' || query.project !== undefined;
  const kind = issuesOnly ? 'issue' : query.kind;
  const wanted = groups.filter(
    (g) => (kind === undefined || g.targetType === kind) && (query.project === undefined || projectOfKey(g.links[0]!.targetKey) === query.project),
  );

  const via = (group: TargetGroup) => viaRefs(group, scope.records);
  const items: LinkedWorkItem[] = [];
  let hidden = 0;
  let position = Number(query.after ?? 0);
  const stopAt = Math.min(wanted.length, position + MAX_READ_PER_CALL);
  while (items.length < limit && position < stopAt) {
    // Read ahead no further than this page could still use, so a page without filters reads each target once.
    const windowSize = Math.min(LIVE_ISSUE_BATCH, stopAt - position, issuesOnly ? LIVE_ISSUE_BATCH : limit - items.length);
    const window = wanted.slice(position, position + windowSize);
    const live = await readLive(deps, window);
    let used = 0;
    for (const group of window) {
      if (items.length >= limit) break;
      used++;
      const item = toItem(group, via(group), live);
      if (item === 'hidden') hidden++;
      else if (state === 'all' || (item.status !== null && (item.status.category === 'done') === (state === 'done'))) items.push(item);
    }
    position += used;
  }

  return {
    items,
    next: position < wanted.length ? String(position) : null,
    counts,
    projects: [...projects].sort(),
    missing: items.filter((i) => i.state === 'missing').length,
    hidden,
    truncated: scope.truncated,
    scope: { contacts: scope.contactIds.length, companies: scope.companyIds.length },
  };
}

/** One group per target, newest link first in each, groups ordered by their newest link. */
export function groupByTarget(links: readonly Link[]): TargetGroup[] {
  const groups = new Map<string, TargetGroup>();
  for (const link of links) {
    const key = `${link.targetType}:${link.targetId}`;
    const group = groups.get(key) ?? { targetType: link.targetType, targetId: link.targetId, links: [] };
    group.links.push(link);
    groups.set(key, group);
  }
  const newestFirst = (a: Link, b: Link) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  for (const group of groups.values()) group.links.sort(newestFirst);
  return [...groups.values()].sort((a, b) => newestFirst(a.links[0]!, b.links[0]!));
}

/** The project key of an issue key ("SUP" of "SUP-12"); null when the stored key is not an issue key. */
export function projectOfKey(key: string): string | null {
  const match = /^([A-Z][A-Z0-9_]*)-\d+$/.exec(key);
  return match ? match[1]! : null;
}

type PageRead = ConfluencePage | null | typeof CONFLUENCE_UNREACHABLE;
type LiveReads = { issues: Map<string, WorkIssue>; missing: Set<string>; pages: Map<string, PageRead>; site: string };

async function readLive(deps: LinkingDeps, window: readonly TargetGroup[]): Promise<LiveReads> {
  const issueIds = window.filter((g) => g.targetType === 'issue').map((g) => g.targetId);
  const pageIds = window.filter((g) => g.targetType === 'page').map((g) => g.targetId);
  const hasSpaces = window.some((g) => g.targetType === 'space');
  const [lookup, pages, site] = await Promise.all([
    issueIds.length > 0 ? deps.workItems.getIssuesAsUser(issueIds) : Promise.resolve({ issues: [], missing: [], forbidden: [] }),
    readPages(deps, pageIds),
    hasSpaces ? deps.workItems.siteUrl() : Promise.resolve(''),
  ]);
  return { issues: new Map(lookup.issues.map((i) => [i.id, i])), missing: new Set(lookup.missing), pages, site };
}

function toItem(
  group: TargetGroup,
  via: LinkedRecordRef[],
  { issues, missing, pages, site }: LiveReads,
): LinkedWorkItem | 'hidden' {
  const newest = group.links[0]!;
  const base = { targetType: group.targetType, targetId: group.targetId, status: null, issueType: null, assignee: null, updated: null, project: null, via, linkedAt: newest.createdAt };
  if (group.targetType === 'issue') {
    const issue = issues.get(group.targetId);
    if (issue !== undefined) {
      return {
        ...base,
        state: 'available',
        key: issue.key,
        title: issue.summary,
        url: issue.url,
        status: issue.status,
        issueType: issue.type,
        assignee: issue.assignee,
        updated: issue.updated,
        project: issue.project,
      };
    }
    // The stored summary may never have been visible to this user: a gone issue shows its key only.
    if (missing.has(group.targetId)) {
      const project = projectOfKey(newest.targetKey);
      return { ...base, state: 'missing', key: newest.targetKey, title: '', url: '', project: project === null ? null : { key: project, name: project } };
    }
    return 'hidden';
  }
  if (group.targetType === 'page') {
    const page = pages.get(group.targetId);
    // Confluence did not answer (none on the site, or down): the title stored with the link, not checked now.
    if (page === CONFLUENCE_UNREACHABLE) return { ...base, state: 'unchecked', key: '', title: newest.title, url: newest.url };
    if (page === undefined || page === null) return 'hidden';
    return { ...base, state: 'available', key: page.spaceKey ?? '', title: page.title, url: page.url };
  }
  // Rebuilt from the key: a URL stored with the link is never shown.
  return { ...base, state: 'unchecked', key: newest.targetKey, title: newest.title, url: confluenceUrl(site, { kind: 'space', spaceKey: group.targetId }) };
}

function viaRefs(group: TargetGroup, records: Map<string, LinkedRecordRef>): LinkedRecordRef[] {
  const seen = new Set<string>();
  const refs: LinkedRecordRef[] = [];
  for (const link of group.links) {
    const key = refKey(link.recordType, link.recordId);
    const ref = records.get(key);
    if (ref !== undefined && !seen.has(key)) {
      seen.add(key);
      refs.push(ref);
    }
  }
  return refs;
}

async function readPages(deps: LinkingDeps, pageIds: readonly string[]): Promise<Map<string, PageRead>> {
  const out = new Map<string, PageRead>();
  for (let i = 0; i < pageIds.length; i += PAGE_READS_AT_ONCE) {
    const batch = pageIds.slice(i, i + PAGE_READS_AT_ONCE);
    const pages = await Promise.all(batch.map((id) => deps.workItems.getConfluencePageAsUser(id)));
    batch.forEach((id, n) => out.set(id, pages[n] ?? null));
  }
  return out;
}
