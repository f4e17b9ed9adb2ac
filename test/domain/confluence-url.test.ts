// Pasted Confluence links: which page or space they name, a canonical URL rebuilt from them, and a helpful refusal.
import { isConfluenceUrlProblem, parseConfluenceUrl } from '../../src/domain/confluence-url';

const SITE = 'https://acme.atlassian.net';

describe('parseConfluenceUrl', () => {
  it.each([
    [`${SITE}/wiki/spaces/CS/pages/65540/Escalation+runbook`, { kind: 'page', pageId: '65540', spaceKey: 'CS', titleFromUrl: 'Escalation runbook', url: `${SITE}/wiki/spaces/CS/pages/65540` }],
    [`${SITE}/wiki/spaces/CS/pages/65540`, { kind: 'page', pageId: '65540', spaceKey: 'CS', titleFromUrl: 'Confluence page 65540' }],
    [`${SITE}/wiki/spaces/CS/pages/edit-v2/65540?draftShareId=x`, { kind: 'page', pageId: '65540', spaceKey: 'CS' }],
    [`${SITE}/wiki/pages/viewpage.action?pageId=65540`, { kind: 'page', pageId: '65540', spaceKey: null, url: `${SITE}/wiki/pages/viewpage.action?pageId=65540` }],
    [`${SITE}/wiki/spaces/CS/pages/65540/Caf%C3%A9+menu#comments`, { kind: 'page', titleFromUrl: 'Café menu' }],
    [`  ${SITE}/wiki/spaces/CS/overview?homepageId=1  `, { kind: 'space', spaceKey: 'CS', titleFromUrl: 'Confluence space CS', url: `${SITE}/wiki/spaces/CS` }],
    [`${SITE}/wiki/spaces/~5b1234abcd`, { kind: 'space', spaceKey: '~5b1234abcd' }],
    [`${SITE}/wiki/display/ENG`, { kind: 'space', spaceKey: 'ENG' }],
  ])('reads %s', (url, expected) => {
    expect(parseConfluenceUrl(url)).toMatchObject(expected);
  });

  it.each([
    ['javascript:alert(1)', 'https://'],
    ['http://acme.atlassian.net/wiki/spaces/CS/pages/1', 'https://'],
    ['http://evil.localhost.example/wiki/spaces/CS/pages/1', 'https://'],
    ['https://user:secret@acme.atlassian.net/wiki/spaces/CS/pages/1', 'https://'],
    [`${SITE}/wiki/x/AbCd`, 'Short Confluence links'],
    [`${SITE}/wiki/spaces/CS/blog/2025/01/01/777/News`, 'Blog posts'],
    [`${SITE}/wiki/display/ENG/Some+page`, 'Older /display/ page links'],
    [`${SITE}/browse/SUP-1`, 'not a link to a Confluence page or space'],
    [`${SITE}/wiki/spaces/CS/pages/abc`, 'not a link to a Confluence page or space'],
    ['not a url', 'not a link to a Confluence page or space'],
  ])('refuses %s, saying what to do', (url, problem) => {
    const result = parseConfluenceUrl(url);
    expect(isConfluenceUrlProblem(result) && result.problem).toContain(problem);
  });

  it('reads plain http only from this machine, where the local runner plays the site', () => {
    expect(parseConfluenceUrl('http://localhost:8080/wiki/spaces/CS/pages/65540/Escalations')).toMatchObject({ kind: 'page', pageId: '65540', url: 'http://localhost:8080/wiki/spaces/CS/pages/65540' });
  });

  it('never keeps the query, fragment or a script from the pasted text in the URL it returns', () => {
    const result = parseConfluenceUrl(`${SITE}/wiki/spaces/CS/pages/65540/T?x="><script>#y`);
    expect(result).toMatchObject({ url: `${SITE}/wiki/spaces/CS/pages/65540` });
  });
});
