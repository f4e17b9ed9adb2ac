// The Atlassian REST calls the WorkItems adapter makes, as a transport (Forge's, or a fake site) and the shapes of
// the answers, checked with zod: Jira's enhanced JQL search and issue, issue properties, Confluence v2 pages.
import { z } from 'zod';

/** Who a request runs as: the signed-in user (their permissions) or the app. */
export type Principal = 'user' | 'app';

/** An answer: its HTTP status and its body read as JSON (null when empty, undefined when it was not JSON). */
export type RestAnswer = { status: number; body: unknown };

/** POST /rest/api/3/search/jql (the enhanced search; the old /search is gone). */
export type JqlSearchRequest = { jql: string; fields: string[]; maxResults: number; nextPageToken?: string };

export type AtlassianRest = {
  /** POST /rest/api/3/search/jql, as the user. */
  searchIssues(request: JqlSearchRequest): Promise<RestAnswer>;
  /** GET /rest/api/3/issue/{idOrKey}?fields=... */
  getIssue(as: Principal, idOrKey: string, fields: readonly string[]): Promise<RestAnswer>;
  /** PUT /rest/api/3/issue/{issueId}/properties/{propertyKey}, as the app; the body is the value itself. */
  putIssueProperty(issueId: string, propertyKey: string, value: unknown): Promise<RestAnswer>;
  /** DELETE /rest/api/3/issue/{issueId}/properties/{propertyKey}, as the app. */
  deleteIssueProperty(issueId: string, propertyKey: string): Promise<RestAnswer>;
  /** GET /wiki/api/v2/pages/{id}, as the user. */
  getPage(pageId: string): Promise<RestAnswer>;
  /** GET /rest/api/3/serverInfo, as the app: the site's base URL for browse links. */
  serverInfo(): Promise<RestAnswer>;
};

/** The issue fields the app reads; everything else in Jira's answer is ignored. */
export const ISSUE_FIELDS = ['summary', 'status', 'issuetype', 'assignee', 'updated', 'project'] as const;

// Fields Jira leaves out (or sends as null) when the user lacks a field's permission are read as absent, not as errors.
export const issueBeanSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z.object({
    summary: z.string().nullish(),
    status: z
      .object({
        name: z.string(),
        statusCategory: z.object({ key: z.string() }).nullish(),
      })
      .nullish(),
    issuetype: z.object({ name: z.string() }).nullish(),
    assignee: z.object({ displayName: z.string().nullish() }).nullish(),
    updated: z.string().nullish(),
    project: z.object({ key: z.string(), name: z.string() }).nullish(),
  }),
});
export type IssueBean = z.infer<typeof issueBeanSchema>;

export const searchResultsSchema = z.object({
  issues: z.array(issueBeanSchema).default([]),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export const pageSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  spaceId: z.string().nullish(),
  _links: z.object({ webui: z.string().nullish(), base: z.string().nullish() }).nullish(),
});

export const serverInfoSchema = z.object({ baseUrl: z.url() });
