// A fake Atlassian site for `npm start` and tests: the sample issues and a few pages served as Jira's and Confluence's
// REST answers are shaped, behind the same WorkItems adapter Forge uses; issue properties are kept in memory.
import type { WorkItems } from '../../application/work-items';
import { ISSUE_PROPERTY_KEY } from '../../domain/issue-property';
import type { AtlassianRest, JqlSearchRequest, Principal, RestAnswer } from '../atlassian/atlassian-rest';
import { makeRestWorkItems } from '../atlassian/rest-work-items';
import { SAMPLE_ISSUES, SAMPLE_PROJECTS, type SampleIssue } from './sample-jira';

export const FAKE_SITE_URL = 'https://customer-directory.example.atlassian.net';

export type SamplePage = { id: string; title: string; spaceId: string; spaceKey: string };

export const SAMPLE_PAGES: readonly SamplePage[] = [
  { id: '65540', title: 'Northwind: escalation runbook', spaceId: '98305', spaceKey: 'CS' },
  { id: '65541', title: 'Contoso renewal plan 2026', spaceId: '98305', spaceKey: 'CS' },
  { id: '65800', title: 'Webhook delivery design', spaceId: '98306', spaceKey: 'ENG' },
];

const PROJECT_NAMES = new Map(SAMPLE_PROJECTS.map((p) => [p.key, p.name]));

const CATEGORY_NAMES = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' } as const;

type FakeIssue = SampleIssue & { assignee: string | null };

export class FakeAtlassianSite implements AtlassianRest {
  private readonly issues = new Map<string, FakeIssue>();
  private readonly pages = new Map<string, SamplePage>();
  private readonly hiddenFromUser = new Set<string>();
  private readonly properties = new Map<string, Map<string, unknown>>();
  private propertyFailures = 0;
  private propertyFailureStatus = 503;
  private confluenceDown = false;
  /** Every request, as "METHOD path", for tests that count calls. */
  readonly requests: string[] = [];

  constructor(
    issues: readonly SampleIssue[] = SAMPLE_ISSUES,
    pages: readonly SamplePage[] = SAMPLE_PAGES,
    /** The site's address in browse links; the local runner passes its own, so issue links open its issue views. */
    private readonly siteUrl: string = FAKE_SITE_URL,
  ) {
    // Work in progress has someone on it, as it would on a real site.
    for (const issue of issues) this.issues.set(issue.id, { ...issue, assignee: issue.status.category === 'indeterminate' ? 'Local Agent' : null });
    for (const page of pages) this.pages.set(page.id, page);
  }

  // -- Controls for tests and demos ---------------------------------------------------------------------------

  /** The issue still exists, but the signed-in user may no longer see it. */
  hideFromUser(issueId: string): void {
    this.hiddenFromUser.add(issueId);
  }

  /** The issue (and its properties) is deleted from Jira. */
  deleteIssue(issueId: string): void {
    this.issues.delete(issueId);
    this.properties.delete(issueId);
  }

  renameIssue(issueId: string, summary: string): void {
    const issue = this.issues.get(issueId);
    if (issue) this.issues.set(issueId, { ...issue, summary });
  }

  /** The next `count` property writes answer HTTP `status` (503: Jira unavailable; 403: the app may not write). */
  failPropertyWrites(count: number, status = 503): void {
    this.propertyFailures = count;
    this.propertyFailureStatus = status;
  }

  /** Confluence stops answering (a site without Confluence, or an outage): page reads fail as the network would. */
  takeConfluenceDown(down = true): void {
    this.confluenceDown = down;
  }

  /** The stored value of an issue property, as Jira would return it; undefined when not set. */
  issueProperty(issueId: string, key: string = ISSUE_PROPERTY_KEY): unknown {
    return this.properties.get(issueId)?.get(key);
  }

  // -- The REST endpoints ------------------------------------------------------------------------------------

  async searchIssues(request: JqlSearchRequest): Promise<RestAnswer> {
    this.requests.push('POST /rest/api/3/search/jql');
    const match = /^issue in \(([^)]*)\)$/.exec(request.jql.trim());
    if (!match) return errorAnswer(400, `The fake site only understands "issue in (...)", not: ${request.jql}`);
    const refs = match[1]!.split(',').map((r) => r.trim()).filter((r) => r !== '');
    const visible: FakeIssue[] = [];
    for (const ref of refs) {
      const issue = this.find(ref);
      // As Jira does: one unknown or invisible issue in the list makes the whole query invalid.
      if (issue === undefined || this.hiddenFromUser.has(issue.id)) return errorAnswer(400, `An issue with key '${ref}' does not exist for field 'issue'.`);
      if (!visible.includes(issue)) visible.push(issue);
    }
    const page = visible.slice(0, request.maxResults);
    return ok({ issues: page.map((i) => this.issueBean(i, request.fields)), isLast: page.length === visible.length });
  }

  async getIssue(as: Principal, idOrKey: string, fields: readonly string[]): Promise<RestAnswer> {
    this.requests.push(`GET /rest/api/3/issue/${idOrKey} as ${as}`);
    const issue = this.find(idOrKey);
    if (issue === undefined || (as === 'user' && this.hiddenFromUser.has(issue.id))) {
      return errorAnswer(404, 'Issue does not exist or you do not have permission to see it.');
    }
    return ok(this.issueBean(issue, fields));
  }

  async putIssueProperty(issueId: string, propertyKey: string, value: unknown): Promise<RestAnswer> {
    this.requests.push(`PUT /rest/api/3/issue/${issueId}/properties/${propertyKey}`);
    if (this.propertyFailures > 0) {
      this.propertyFailures--;
      return errorAnswer(this.propertyFailureStatus, this.propertyFailureStatus === 503 ? 'Service unavailable' : 'The app may not do this.');
    }
    if (!this.issues.has(issueId)) return errorAnswer(404, 'Issue does not exist or you do not have permission to see it.');
    const stored = this.properties.get(issueId) ?? new Map<string, unknown>();
    const created = !stored.has(propertyKey);
    // Stored as JSON text and read back, as Jira would: nothing the caller keeps a reference to leaks in.
    stored.set(propertyKey, JSON.parse(JSON.stringify(value)));
    this.properties.set(issueId, stored);
    return { status: created ? 201 : 200, body: null };
  }

  async deleteIssueProperty(issueId: string, propertyKey: string): Promise<RestAnswer> {
    this.requests.push(`DELETE /rest/api/3/issue/${issueId}/properties/${propertyKey}`);
    if (this.propertyFailures > 0) {
      this.propertyFailures--;
      return errorAnswer(this.propertyFailureStatus, this.propertyFailureStatus === 503 ? 'Service unavailable' : 'The app may not do this.');
    }
    if (!this.properties.get(issueId)?.delete(propertyKey)) return errorAnswer(404, 'The property was not found.');
    return { status: 204, body: null };
  }

  async getPage(pageId: string): Promise<RestAnswer> {
    this.requests.push(`GET /wiki/api/v2/pages/${pageId}`);
    if (this.confluenceDown) throw new TypeError('fetch failed');
    const page = this.pages.get(pageId);
    if (!page) return errorAnswer(404, 'Page not found');
    const slug = encodeURIComponent(page.title.replace(/\s+/g, '+')).replace(/%2B/g, '+');
    return ok({
      id: page.id,
      status: 'current',
      title: page.title,
      spaceId: page.spaceId,
      parentType: 'page',
      authorId: '557058:00000000-0000-0000-0000-000000000000',
      createdAt: '2025-01-10T09:00:00.000Z',
      version: { number: 3, message: '', minorEdit: false, authorId: '557058:00000000-0000-0000-0000-000000000000' },
      _links: { webui: `/spaces/${page.spaceKey}/pages/${page.id}/${slug}`, editui: `/pages/resumedraft.action?draftId=${page.id}`, tinyui: '/x/AbCd', base: `${FAKE_SITE_URL}/wiki` },
    });
  }

  async serverInfo(): Promise<RestAnswer> {
    this.requests.push('GET /rest/api/3/serverInfo');
    return ok({ baseUrl: this.siteUrl, version: '1001.0.0-SNAPSHOT', versionNumbers: [1001, 0, 0], deploymentType: 'Cloud', buildNumber: 100285, serverTitle: 'Jira' });
  }

  private find(ref: string): FakeIssue | undefined {
    return this.issues.get(ref) ?? [...this.issues.values()].find((i) => i.key === ref.toUpperCase());
  }

  /** An issue as Jira's REST API writes it, with only the requested fields. */
  private issueBean(issue: FakeIssue, fields: readonly string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      summary: issue.summary,
      status: {
        self: `${FAKE_SITE_URL}/rest/api/3/status/1`,
        name: issue.status.name,
        id: '1',
        statusCategory: { self: `${FAKE_SITE_URL}/rest/api/3/statuscategory/2`, id: 2, key: issue.status.category, colorName: 'blue-gray', name: CATEGORY_NAMES[issue.status.category] },
      },
      issuetype: { self: `${FAKE_SITE_URL}/rest/api/3/issuetype/10001`, id: '10001', name: issue.issueType, subtask: false },
      assignee: issue.assignee === null ? null : { accountId: '557058:local-agent', displayName: issue.assignee, active: true },
      // Jira's own time format, with a numeric zone and no colon.
      updated: issue.updated.replace(/Z$/, '+0000'),
      project: { self: `${FAKE_SITE_URL}/rest/api/3/project/${issue.projectKey}`, id: '10000', key: issue.projectKey, name: PROJECT_NAMES.get(issue.projectKey) ?? issue.projectKey },
    };
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${FAKE_SITE_URL}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      fields: Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])),
    };
  }
}

/** A fake site and the WorkItems port over it, as local-app and the tests use them. */
export function makeFakeWorkItems(site: FakeAtlassianSite = new FakeAtlassianSite()): { site: FakeAtlassianSite; workItems: WorkItems } {
  return { site, workItems: makeRestWorkItems(site) };
}

function ok(body: unknown): RestAnswer {
  return { status: 200, body };
}

function errorAnswer(status: number, message: string): RestAnswer {
  return { status, body: { errorMessages: [message], errors: {} } };
}
