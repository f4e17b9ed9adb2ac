// What an agent may paste on a profile to link work: issue keys, Jira and JSM addresses, Confluence links.
import { isWorkReferenceProblem, parseWorkReference } from '../../src/domain/work-reference';

const SITE = 'https://acme.atlassian.net';

describe('reading a pasted work reference', () => {
  it.each([
    ['SUP-42', { type: 'issue', issueKey: 'SUP-42', url: null }],
    ['  sup-42 ', { type: 'issue', issueKey: 'SUP-42', url: null }],
    [`${SITE}/browse/SUP-42`, { type: 'issue', issueKey: 'SUP-42', url: `${SITE}/browse/SUP-42` }],
    [`${SITE}/browse/SUP-42?focusedCommentId=1`, { type: 'issue', issueKey: 'SUP-42', url: `${SITE}/browse/SUP-42` }],
    [`${SITE}/jira/software/projects/ENG/boards/3?selectedIssue=ENG-7`, { type: 'issue', issueKey: 'ENG-7', url: `${SITE}/browse/ENG-7` }],
    [`${SITE}/servicedesk/customer/portal/2/SUP-9`, { type: 'issue', issueKey: 'SUP-9', url: `${SITE}/browse/SUP-9` }],
    [`${SITE}/jira/servicedesk/projects/SUP/queues/custom/1/SUP-9`, { type: 'issue', issueKey: 'SUP-9', url: `${SITE}/browse/SUP-9` }],
    [`${SITE}/wiki/spaces/CS/pages/65541/Plan`, { type: 'confluence', url: `${SITE}/wiki/spaces/CS/pages/65541/Plan` }],
    [`${SITE}/wiki/spaces/CS`, { type: 'confluence', url: `${SITE}/wiki/spaces/CS` }],
  ])('reads %s', (text, expected) => {
    expect(parseWorkReference(text)).toEqual(expected);
  });

  it.each(['', 'hello', '42', 'javascript:alert(1)', `${SITE}/jira/your-work`, 'ftp://acme.atlassian.net/browse/SUP-1'])('refuses %j with a sentence', (text) => {
    const result = parseWorkReference(text);
    expect(isWorkReferenceProblem(result) && result.problem).toMatch(/^Paste an issue key/);
  });
});
