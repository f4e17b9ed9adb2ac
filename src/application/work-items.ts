// The ports to Atlassian for linking: issues and pages read as the signed-in user, and the issue property kept in step.
import type { IssueDirectoryProperty } from '../domain/issue-property';
import type { ConfluencePage, IssueLookup, WorkIssue } from '../domain/work-items';
import type { Deps } from './deps';

/**
 * Reads go "as the user": an agent only ever sees issues and pages that Jira and Confluence would show them. Writes of
 * the issue property go "as the app", because the app owns that property and background jobs have no user.
 */
export type WorkItems = {
  /** Issues by id or key; the ones not returned are sorted into gone (missing) and not visible to the user (forbidden). */
  getIssuesAsUser(refs: readonly string[]): Promise<IssueLookup>;
  /** One issue, or null when it does not exist or the user may not see it. */
  getIssueAsUser(idOrKey: string): Promise<WorkIssue | null>;
  /**
   * A page's title and space; null when it does not exist or the user may not see it; 'unreachable' when Confluence did
   * not answer (the site has no Confluence, the app declares it optional, or it failed), so callers fall back to the
   * title stored with the link.
   */
  getConfluencePageAsUser(pageId: string): Promise<ConfluencePage | null | typeof CONFLUENCE_UNREACHABLE>;
  /** Writes the `customer-directory` property of the issue; an issue that no longer exists is skipped. */
  setIssueProperty(issueId: string, value: IssueDirectoryProperty): Promise<void>;
  deleteIssueProperty(issueId: string): Promise<void>;
  /** The site's base URL (https://<site>.atlassian.net, no trailing slash): the only origin links may point at. */
  siteUrl(): Promise<string>;
};

export const CONFLUENCE_UNREACHABLE = 'unreachable';

/** Recomputes the issue property of many issues in the background (a queue on Forge, in-process locally). */
export type PropertySync = { enqueue(issueIds: readonly string[]): Promise<void> };

export type WorkPorts = { workItems: WorkItems; propertySync: PropertySync };

/** What the linking use cases need: storage, the clock and ids, and the two Atlassian ports. */
export type LinkingDeps = Deps & WorkPorts;

/** What recomputing an issue property needs: it runs in background jobs too, with no user and no clock. */
export type PropertyDeps = Pick<Deps, 'store'> & { workItems: WorkItems };

/**
 * Forge asks a user for consent by letting an error named NEEDS_AUTHENTICATION_ERR leave the function. Calls "as the
 * user" may throw it; it must travel out of the resolver untouched rather than become an app error.
 */
export function isPlatformSignal(error: unknown): boolean {
  return error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR';
}
