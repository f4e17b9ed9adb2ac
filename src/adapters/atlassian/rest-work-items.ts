// The WorkItems port over Atlassian's REST APIs (any transport): issue look-ups that tell "gone" from "not yours",
// issue properties written as the app, Confluence page titles as the user. Every answer is checked with zod.
import type { z } from 'zod';
import { CONFLUENCE_UNREACHABLE, isPlatformSignal, type WorkItems } from '../../application/work-items';
import { AppError } from '../../domain/errors';
import { ISSUE_PROPERTY_KEY } from '../../domain/issue-property';
import { isIssueId, isIssueKey, type ConfluencePage, type IssueLookup, type IssueStatusCategory, type WorkIssue } from '../../domain/work-items';
import {
  ISSUE_FIELDS,
  issueBeanSchema,
  pageSchema,
  searchResultsSchema,
  serverInfoSchema,
  type AtlassianRest,
  type IssueBean,
  type RestAnswer,
} from './atlassian-rest';

/** Issues per JQL search: a short `issue in (...)` clause, answered in one page of results. */
export const ISSUES_PER_SEARCH = 50;
const SEARCH_PAGE_SIZE = 100;
// A search of 50 ids fits one page; the bound only stops a misbehaving cursor from looping.
const MAX_SEARCH_PAGES = 5;
/** Single-issue requests in flight at once when the search cannot answer for some issues. */
const PARALLEL_LOOKUPS = 5;

const CATEGORIES: readonly IssueStatusCategory[] = ['new', 'indeterminate', 'done'];

export function makeRestWorkItems(rest: AtlassianRest): WorkItems {
  let siteUrl: Promise<string> | null = null;
  // One serverInfo call per function container; a failed one is asked again next time.
  const site = (): Promise<string> => {
    if (siteUrl === null) {
      const pending = rest.serverInfo().then(async (answer) => {
        const info = checked(serverInfoSchema, await expectOk(answer, 'its address'), 'its address');
        return info.baseUrl.replace(/\/+$/, '');
      });
      siteUrl = pending;
      pending.catch(() => {
        if (siteUrl === pending) siteUrl = null;
      });
    }
    return siteUrl;
  };
  const toIssue = async (bean: IssueBean): Promise<WorkIssue> => workIssue(bean, await site());

  async function searchChunk(refs: readonly string[]): Promise<IssueBean[] | 'rejected'> {
    const beans: IssueBean[] = [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const answer = await rest.searchIssues({
        jql: `issue in (${refs.join(', ')})`,
        fields: [...ISSUE_FIELDS],
        maxResults: SEARCH_PAGE_SIZE,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      // Jira refuses the whole query when one listed key (or id) does not exist or is hidden from the user.
      if (answer.status === 400) return 'rejected';
      const results = checked(searchResultsSchema, await expectOk(answer, 'a search for issues'), 'a search for issues');
      beans.push(...results.issues);
      if (!results.nextPageToken || results.isLast === true) break;
      nextPageToken = results.nextPageToken;
    }
    return beans;
  }

  /** 200 -> the issue; 403/404 -> null (the answer does not say which of "gone" or "not yours"). */
  async function getOne(as: 'user' | 'app', ref: string): Promise<IssueBean | null> {
    const answer = await rest.getIssue(as, ref, ISSUE_FIELDS);
    if (answer.status === 404 || answer.status === 403) return null;
    return checked(issueBeanSchema, await expectOk(answer, `issue ${ref}`), `issue ${ref}`);
  }

  return {
    siteUrl: site,
    async getIssuesAsUser(refs) {
      const wanted = [...new Set(refs.map(normaliseRef))];
      const valid = wanted.filter((r) => isIssueId(r) || isIssueKey(r));
      const found = new Map<string, IssueBean>();
      const unresolved: string[] = [];
      const invisible: string[] = [];

      for (let i = 0; i < valid.length; i += ISSUES_PER_SEARCH) {
        const chunk = valid.slice(i, i + ISSUES_PER_SEARCH);
        const beans = await searchChunk(chunk);
        if (beans === 'rejected') {
          unresolved.push(...chunk);
          continue;
        }
        for (const ref of chunk) {
          const bean = beans.find((b) => b.id === ref || b.key === ref);
          if (bean) found.set(ref, bean);
          // An id the search left out is not visible to the user; a key may belong to an issue that moved project.
          else if (isIssueId(ref)) invisible.push(ref);
          else unresolved.push(ref);
        }
      }

      // What the search could not place: ask for each issue as the user (a moved issue's old key still resolves),
      // then ask as the app whether the issue exists at all.
      await inBatches(unresolved, PARALLEL_LOOKUPS, async (ref) => {
        const bean = await getOne('user', ref);
        if (bean) found.set(ref, bean);
        else invisible.push(ref);
      });
      const lookup: IssueLookup = { issues: [], missing: wanted.filter((r) => !valid.includes(r)), forbidden: [] };
      await inBatches(invisible, PARALLEL_LOOKUPS, async (ref) => {
        // Jira answers 404 both for a deleted issue and for one in a project the app may not browse; apps browse every
        // project unless an admin removed the app's project role, so a 404 to the app is taken as "deleted".
        const answer = await rest.getIssue('app', ref, ['summary']);
        if (answer.status === 404) lookup.missing.push(ref);
        else if (answer.status === 200 || answer.status === 403) lookup.forbidden.push(ref);
        else await expectOk(answer, `issue ${ref}`);
      });

      const seen = new Set<string>();
      for (const bean of found.values()) {
        if (seen.has(bean.id)) continue;
        seen.add(bean.id);
        lookup.issues.push(await toIssue(bean));
      }
      lookup.missing.sort();
      lookup.forbidden.sort();
      return lookup;
    },

    async getIssueAsUser(idOrKey) {
      const ref = normaliseRef(idOrKey);
      if (!isIssueId(ref) && !isIssueKey(ref)) return null;
      const bean = await getOne('user', ref);
      return bean === null ? null : toIssue(bean);
    },

    async getConfluencePageAsUser(pageId) {
      if (!/^\d{1,20}$/.test(pageId)) return null;
      let answer: RestAnswer;
      try {
        answer = await rest.getPage(pageId);
      } catch (error) {
        // A page title is an extra: a site without Confluence, or a failing one, must not fail the caller.
        if (isPlatformSignal(error)) throw error;
        console.warn(JSON.stringify({ event: 'confluence-page-unreadable', error: error instanceof Error ? error.name : typeof error }));
        return CONFLUENCE_UNREACHABLE;
      }
      if (answer.status >= 500) return CONFLUENCE_UNREACHABLE;
      if (answer.status >= 400) return null;
      const page = checked(pageSchema, await expectOk(answer, `page ${pageId}`, 'Confluence'), `page ${pageId}`, 'Confluence');
      return confluencePage(page, await site());
    },

    async setIssueProperty(issueId, value) {
      const answer = await rest.putIssueProperty(issueId, ISSUE_PROPERTY_KEY, value);
      // An issue deleted since it was linked has no property to keep in step.
      if (answer.status === 404) return;
      await expectOk(answer, `the customer property of issue ${issueId}`);
    },

    async deleteIssueProperty(issueId) {
      const answer = await rest.deleteIssueProperty(issueId, ISSUE_PROPERTY_KEY);
      if (answer.status === 404) return;
      await expectOk(answer, `the customer property of issue ${issueId}`);
    },
  };
}

/** Ids as given; keys upper-cased, as Jira treats them. */
function normaliseRef(ref: string): string {
  const trimmed = ref.trim();
  return isIssueId(trimmed) ? trimmed : trimmed.toUpperCase();
}

function workIssue(bean: IssueBean, siteUrl: string): WorkIssue {
  const category = bean.fields.status?.statusCategory?.key;
  return {
    id: bean.id,
    key: bean.key,
    summary: bean.fields.summary ?? '',
    status: {
      name: bean.fields.status?.name ?? '',
      // Jira's "No category" (key "undefined") is grey like "To Do".
      category: CATEGORIES.find((c) => c === category) ?? 'new',
    },
    type: bean.fields.issuetype?.name ?? '',
    assignee: bean.fields.assignee?.displayName || null,
    updated: isoDate(bean.fields.updated),
    project: bean.fields.project ? { key: bean.fields.project.key, name: bean.fields.project.name } : null,
    url: `${siteUrl}/browse/${encodeURIComponent(bean.key)}`,
  };
}

/** Jira writes times as `2026-02-01T09:00:00.000+0000`; the page wants ISO-8601 UTC. */
function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function confluencePage(page: z.infer<typeof pageSchema>, siteUrl: string): ConfluencePage {
  const webui = page._links?.webui ?? `/pages/viewpage.action?pageId=${page.id}`;
  const base = (page._links?.base ?? `${siteUrl}/wiki`).replace(/\/+$/, '');
  const spaceKey = /^\/spaces\/([^/]+)\//.exec(webui)?.[1];
  return { id: page.id, title: page.title, spaceKey: spaceKey ? decodeURIComponent(spaceKey) : null, url: `${base}${webui}` };
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function expectOk(answer: RestAnswer, what: string, product = 'Jira'): Promise<unknown> {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  if (answer.status === 429) throw new AppError('UPSTREAM', `${product} is busy and asked the app to slow down while reading ${what}; try again in a minute.`, { status: 429 });
  throw new AppError('UPSTREAM', `${product} did not answer for ${what} (HTTP ${answer.status}); try again in a moment.`, { status: answer.status });
}

function checked<T>(schema: z.ZodType<T>, body: unknown, what: string, product = 'Jira'): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('UPSTREAM', `${product} answered for ${what} in an unexpected shape; try again, and report it if it persists.`);
  return parsed.data;
}
