// A profile's linked issues, pages and spaces, read live as the user; a company's roll up its subsidiaries and contacts.
import type { LinkedRecordRef, LinkedWork, LinkedWorkItem } from '../contracts/links';
import { confluenceUrl } from '../domain/confluence-url';
import type { Id, Link, RecordType } from '../domain/records';
import type { ConfluencePage } from '../domain/work-items';
import type { Actor } from './deps';
import { linkScope, refKey, scopeLinks } from './link-scope';
import { CONFLUENCE_UNREACHABLE, type LinkingDeps } from './work-items';

/** Issues read live per view, newest links first: one search of Jira, well inside a resolver's 25 s. */
export const MAX_LIVE_ISSUES = 100;
/** Pages read live per view, one request each. */
export const MAX_LIVE_PAGES = 20;
const PAGE_READS_AT_ONCE = 4;

/** A linked target with every link to it from the records in scope, newest first. */
export type TargetGroup = { targetType: Link['targetType']; targetId: string; links: Link[] };

export async function getLinkedWork(deps: LinkingDeps, _actor: Actor, query: { recordType: RecordType; recordId: Id }): Promise<LinkedWork> {
  const scope = await linkScope(deps.store, query.recordType, query.recordId);
  const groups = groupByTarget(await scopeLinks(deps.store, scope));
  const issues = groups.filter((g) => g.targetType === 'issue');
  const pages = groups.filter((g) => g.targetType === 'page');
  const spaces = groups.filter((g) => g.targetType === 'space');
  const liveIssues = issues.slice(0, MAX_LIVE_ISSUES);
  const livePages = pages.slice(0, MAX_LIVE_PAGES);

  const [lookup, pageReads] = await Promise.all([
    liveIssues.length > 0 ? deps.workItems.getIssuesAsUser(liveIssues.map((g) => g.targetId)) : Promise.resolve({ issues: [], missing: [], forbidden: [] }),
    readPages(deps, livePages.map((g) => g.targetId)),
  ]);
  const issueById = new Map(lookup.issues.map((i) => [i.id, i]));
  const missing = new Set(lookup.missing);
  const via = (group: TargetGroup) => viaRefs(group, scope.records);

  const items: LinkedWorkItem[] = [];
  let hidden = 0;
  for (const group of liveIssues) {
    const issue = issueById.get(group.targetId);
    const newest = group.links[0]!;
    if (issue !== undefined) {
      items.push({
        ...base(group, via(group)),
        state: 'available',
        key: issue.key,
        title: issue.summary,
        url: issue.url,
        status: issue.status,
        issueType: issue.type,
        assignee: issue.assignee,
      });
    } else if (missing.has(group.targetId)) {
      // The stored summary may never have been visible to this user: a gone issue shows its key only.
      items.push({ ...base(group, via(group)), state: 'missing', key: newest.targetKey, title: '', url: '' });
    } else {
      hidden++;
    }
  }
  for (const group of livePages) {
    const page = pageReads.get(group.targetId);
    if (page === CONFLUENCE_UNREACHABLE) {
      // Confluence did not answer (none on the site, or down): the title stored with the link, not checked now.
      const newest = group.links[0]!;
      items.push({ ...base(group, via(group)), state: 'unchecked', key: '', title: newest.title, url: newest.url });
      continue;
    }
    if (page === undefined || page === null) {
      hidden++;
      continue;
    }
    items.push({ ...base(group, via(group)), state: 'available', key: page.spaceKey ?? '', title: page.title, url: page.url });
  }
  const site = spaces.length > 0 ? await deps.workItems.siteUrl() : '';
  for (const group of spaces) {
    const newest = group.links[0]!;
    // Rebuilt from the key: a URL stored with the link is never shown.
    const url = confluenceUrl(site, { kind: 'space', spaceKey: group.targetId });
    items.push({ ...base(group, via(group)), state: 'unchecked', key: newest.targetKey, title: newest.title, url });
  }

  items.sort((a, b) => b.linkedAt.localeCompare(a.linkedAt) || a.targetId.localeCompare(b.targetId));
  return {
    items,
    missing: items.filter((i) => i.state === 'missing').length,
    hidden,
    truncated: scope.truncated || issues.length > liveIssues.length || pages.length > livePages.length,
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

function base(group: TargetGroup, via: LinkedRecordRef[]): Omit<LinkedWorkItem, 'state' | 'key' | 'title' | 'url'> {
  return { targetType: group.targetType, targetId: group.targetId, status: null, issueType: null, assignee: null, via, linkedAt: group.links[0]!.createdAt };
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

async function readPages(deps: LinkingDeps, pageIds: readonly string[]): Promise<Map<string, ConfluencePage | null | typeof CONFLUENCE_UNREACHABLE>> {
  const out = new Map<string, ConfluencePage | null | typeof CONFLUENCE_UNREACHABLE>();
  for (let i = 0; i < pageIds.length; i += PAGE_READS_AT_ONCE) {
    const batch = pageIds.slice(i, i + PAGE_READS_AT_ONCE);
    const pages = await Promise.all(batch.map((id) => deps.workItems.getConfluencePageAsUser(id)));
    batch.forEach((id, n) => out.set(id, pages[n] ?? null));
  }
  return out;
}
