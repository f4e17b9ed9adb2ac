// Reads what an agent pastes on a profile to link it: a Jira issue key or URL, a JSM request URL, or a Confluence link.
import { ISSUE_KEY_PATTERN } from './work-items';

export type WorkReference =
  | { type: 'issue'; issueKey: string; /** The pasted address, checked against the site on the server. */ url: string | null }
  | { type: 'confluence'; url: string };

export type WorkReferenceProblem = { problem: string };

const NOT_A_REFERENCE =
  'Paste an issue key (such as SUP-42), the address of a Jira issue or service request, or the address of a Confluence page or space.';
const KEY_IN_TEXT = /^[A-Za-z][A-Za-z0-9_]{0,254}-\d{1,18}$/;

/**
 * Understands `SUP-42`, `/browse/SUP-42`, a board or queue URL with `selectedIssue=SUP-42`, JSM's portal
 * `/servicedesk/customer/portal/1/SUP-42` and agent view `/jira/servicedesk/projects/SUP/queues/.../SUP-42`, and any
 * `/wiki/...` address (read by the Confluence URL parser on the server).
 */
export function parseWorkReference(raw: string): WorkReference | WorkReferenceProblem {
  const text = raw.trim();
  if (text === '' || text.length > 2000) return { problem: NOT_A_REFERENCE };
  if (KEY_IN_TEXT.test(text)) return { type: 'issue', issueKey: text.toUpperCase(), url: null };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: NOT_A_REFERENCE };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: NOT_A_REFERENCE };
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] === 'wiki') return { type: 'confluence', url: text };
  const selected = url.searchParams.get('selectedIssue');
  const fromPath = (() => {
    if (segments[0] === 'browse') return segments[1];
    if (segments[0] === 'servicedesk' || segments.includes('servicedesk') || segments.includes('issues')) return segments[segments.length - 1];
    return undefined;
  })();
  const key = (selected ?? fromPath ?? '').toUpperCase();
  if (!ISSUE_KEY_PATTERN.test(key)) return { problem: NOT_A_REFERENCE };
  return { type: 'issue', issueKey: key, url: `${url.origin}/browse/${key}` };
}

export function isWorkReferenceProblem(value: WorkReference | WorkReferenceProblem): value is WorkReferenceProblem {
  return 'problem' in value;
}
