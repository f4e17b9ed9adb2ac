// Reads a pasted Confluence link: which page or space it names, on which site, and a title to fall back on.

export type ConfluenceTarget =
  | { kind: 'page'; pageId: string; spaceKey: string | null; titleFromUrl: string; url: string }
  | { kind: 'space'; spaceKey: string; titleFromUrl: string; url: string };

export type ConfluenceUrlProblem = { problem: string };

const PAGE_ID = /^\d{1,20}$/;
// Global space keys are letters and digits; personal spaces are "~" and an account id.
const SPACE_KEY = /^~?[A-Za-z0-9_-]{1,255}$/;
const MAX_URL_LENGTH = 2000;

const NOT_CONFLUENCE = 'This is not a link to a Confluence page or space; open the page in Confluence and copy the address from the browser.';

/**
 * The page or space a Confluence Cloud URL points at, with a canonical URL rebuilt from the parts that were read (so
 * no query, fragment or script scheme of the pasted text is ever stored or rendered). Understands
 * /wiki/spaces/KEY/pages/ID[/Title], the editor's /pages/edit-v2/ID, /wiki/pages/viewpage.action?pageId=ID,
 * /wiki/spaces/KEY[/overview] and the older /wiki/display/KEY.
 */
export function parseConfluenceUrl(raw: string): ConfluenceTarget | ConfluenceUrlProblem {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_URL_LENGTH) return { problem: NOT_CONFLUENCE };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: NOT_CONFLUENCE };
  }
  // Plain http only for a site on this machine (the local runner plays the Atlassian site there); links must be on
  // the site's own origin anyway, which on Forge is always https://<site>.atlassian.net.
  const local = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
  if ((url.protocol !== 'https:' && !local) || url.username !== '' || url.password !== '') {
    return { problem: 'Confluence links start with https://; copy the page address from the browser.' };
  }
  const segments = url.pathname.split('/').filter((s) => s !== '').map(safeDecode);
  if (segments[0] === 'wiki') segments.shift();
  const base = `${url.origin}/wiki`;

  if (segments[0] === 'pages' && segments[1] === 'viewpage.action') {
    const pageId = url.searchParams.get('pageId') ?? '';
    if (!PAGE_ID.test(pageId)) return { problem: NOT_CONFLUENCE };
    return { kind: 'page', pageId, spaceKey: null, titleFromUrl: `Confluence page ${pageId}`, url: `${base}/pages/viewpage.action?pageId=${pageId}` };
  }

  if (segments[0] === 'spaces' || segments[0] === 'display') {
    const spaceKey = segments[1] ?? '';
    if (!SPACE_KEY.test(spaceKey)) return { problem: NOT_CONFLUENCE };
    const rest = segments.slice(2);
    if (segments[0] === 'spaces' && rest[0] === 'pages' && rest.length >= 2) {
      // /pages/ID/Title, or the editor's /pages/edit-v2/ID
      const editor = rest[1] === 'edit-v2' || rest[1] === 'edit';
      const pageId = (editor ? rest[2] : rest[1]) ?? '';
      if (!PAGE_ID.test(pageId)) return { problem: NOT_CONFLUENCE };
      const slug = editor ? undefined : rest[2];
      const title = slug ? slug.replace(/\+/g, ' ').trim() : '';
      return {
        kind: 'page',
        pageId,
        spaceKey,
        titleFromUrl: title || `Confluence page ${pageId}`,
        url: `${base}/spaces/${encodeURIComponent(spaceKey)}/pages/${pageId}`,
      };
    }
    if (segments[0] === 'display' && rest.length > 0) {
      return { problem: 'Older /display/ page links cannot be read; open the page and copy its address from the browser.' };
    }
    if (segments[0] === 'spaces' && rest[0] === 'blog') {
      return { problem: 'Blog posts cannot be linked yet; link the space or a page instead.' };
    }
    if (rest.length === 0 || (segments[0] === 'spaces' && rest.length === 1 && (rest[0] === 'overview' || rest[0] === 'pages'))) {
      return { kind: 'space', spaceKey, titleFromUrl: `Confluence space ${spaceKey}`, url: `${base}/spaces/${encodeURIComponent(spaceKey)}` };
    }
  }
  if (segments[0] === 'x') {
    return { problem: 'Short Confluence links (/wiki/x/...) cannot be read; open the page and copy its full address instead.' };
  }
  return { problem: NOT_CONFLUENCE };
}

/** The Confluence address of a page or space on the site, rebuilt from its ids: a stored URL is never shown as is. */
export function confluenceUrl(siteUrl: string, target: { kind: 'page'; pageId: string; spaceKey: string | null } | { kind: 'space'; spaceKey: string }): string {
  const base = `${siteUrl.replace(/\/+$/, '')}/wiki`;
  if (target.kind === 'space') return `${base}/spaces/${encodeURIComponent(target.spaceKey)}`;
  return target.spaceKey ? `${base}/spaces/${encodeURIComponent(target.spaceKey)}/pages/${target.pageId}` : `${base}/pages/viewpage.action?pageId=${target.pageId}`;
}

/** True when `url` is on the site's own origin (scheme, host and port), so a look-alike host never passes. */
export function isOnSite(url: string, siteUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(siteUrl).origin;
  } catch {
    return false;
  }
}

export function isConfluenceUrlProblem(value: ConfluenceTarget | ConfluenceUrlProblem): value is ConfluenceUrlProblem {
  return 'problem' in value;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
