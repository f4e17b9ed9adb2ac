// The Jira issues and Confluence pages that records link to: how they are named, and what agents see of them live.

/** Jira's numeric issue id, as its REST API writes it (a string of digits). */
export const ISSUE_ID_PATTERN = /^\d{1,18}$/;
/** An issue key: a project key (a letter, then letters, digits or underscores) and the issue's number. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-\d{1,18}$/;
/** Longest stored link title; the links table holds up to 400 characters. */
export const MAX_LINK_TITLE_LENGTH = 400;

export type IssueStatusCategory = 'new' | 'indeterminate' | 'done';

/** An issue as the signed-in user sees it now. */
export type WorkIssue = {
  id: string;
  key: string;
  summary: string;
  status: { name: string; category: IssueStatusCategory };
  type: string;
  /** The assignee's display name; null when unassigned or hidden from the user. */
  assignee: string | null;
  /** When the issue last changed (ISO-8601); null when Jira did not say. */
  updated: string | null;
  /** The project the issue is in now; null when Jira did not say. */
  project: { key: string; name: string } | null;
  url: string;
};

/**
 * The answer to "show me these issues": those the user can see, and the asked-for ids or keys that are gone
 * (deleted, or never existed) or that exist but the user may not see.
 */
export type IssueLookup = { issues: WorkIssue[]; missing: string[]; forbidden: string[] };

export type ConfluencePage = { id: string; title: string; spaceKey: string | null; url: string };

export const isIssueId = (ref: string): boolean => ISSUE_ID_PATTERN.test(ref);
export const isIssueKey = (ref: string): boolean => ISSUE_KEY_PATTERN.test(ref);

/** Keeps a title within the stored length, on a character (not UTF-16 unit) boundary. */
export function clipTitle(title: string): string {
  const chars = Array.from(title.trim());
  return chars.length <= MAX_LINK_TITLE_LENGTH ? chars.join('') : `${chars.slice(0, MAX_LINK_TITLE_LENGTH - 1).join('')}…`;
}
