// Profiles as the account view, in a real browser: linked work with counts, filters and paging, linking by pasting,
// unlinking, missing issues cleaned up, a company's roll-up with its contacts and subsidiaries, deep links, back and
// forward, reload, focus on the new view's heading, and the same on a 390 x 844 phone screen.
import type { Page } from 'playwright-core';
import { describeInBrowser, openBrowserSession, saveScreenshot, type BrowserSession } from '../support/browser';

const BROWSER_TIMEOUT_MS = 120_000;
const SITE = 'https://customer-directory.example.atlassian.net';

type Found = { items: { id: string; displayName?: string; name?: string }[] };

describeInBrowser('profiles as the account view', () => {
  let session: BrowserSession;
  let page: Page;
  let ada: string;
  let grace: string;
  let group: string;

  const idOf = async (key: 'contacts/search' | 'companies/search', text: string) => (await session.invoke<Found>(key, { text })).items[0]!.id;
  const linkIssue = (recordType: string, recordId: string, issueKey: string) =>
    session.invoke('links/add', { recordType, recordId, target: { type: 'issue', issueKey }, alsoCompanyIds: [] }, 'local-agent');
  const workList = () => page.getByRole('list', { name: 'Linked work items' });
  const workKeys = async () => (await workList().locator('.work-key').allInnerTexts()).map((t) => t.replace(/\s*\(opens in a new tab\)/, '').trim());
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ada = await idOf('contacts/search', 'ada');
    grace = await idOf('contacts/search', 'grace');
    group = await idOf('companies/search', 'northwind group');
    await linkIssue('contact', ada, 'SUP-1');
    await linkIssue('contact', ada, 'SUP-3');
    await linkIssue('contact', ada, 'ENG-12');
    await linkIssue('contact', grace, 'SUP-2');
    await linkIssue('company', group, 'SUP-5');
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => session?.close());

  it(
    "opens a contact from its address, with its linked issues' status, assignee, project and counts",
    async () => {
      await page.goto(`${session.runner.url}/contacts/${ada}`);
      await page.getByRole('heading', { name: 'Ada Lovelace', level: 2 }).waitFor();
      await workList().getByText('SUP-1').waitFor();
      expect(await workKeys()).toEqual(['ENG-12', 'SUP-3', 'SUP-1']);
      const eng = workList().getByRole('listitem').filter({ hasText: 'ENG-12' });
      expect(await eng.innerText()).toMatch(/Retry webhook deliveries[\s\S]*Story[\s\S]*Engineering[\s\S]*Assignee: Local Agent[\s\S]*Updated/);
      expect(await eng.getByText('In Progress', { exact: true }).count()).toBe(1);
      expect(await eng.getByRole('link').getAttribute('target')).toBe('_blank');
      expect(await eng.getByRole('link').getAttribute('href')).toBe(`${SITE}/browse/ENG-12`);
      await page.getByRole('button', { name: /^Issues 3$/ }).waitFor();
      await saveScreenshot(page, 'profile-linked-work');

      await page.reload();
      await page.getByRole('heading', { name: 'Ada Lovelace', level: 2 }).waitFor();
      await workList().getByText('ENG-12').waitFor();
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'filters linked work to done issues and to one project',
    async () => {
      await page.getByLabel('Status').selectOption('done');
      await page.waitForFunction(() => document.querySelectorAll('.work-key').length === 1);
      expect(await workKeys()).toEqual(['SUP-3']);
      await page.getByLabel('Status').selectOption('all');
      await page.getByLabel('Project').selectOption('ENG');
      await page.waitForFunction(() => document.querySelectorAll('.work-key').length === 1);
      expect(await workKeys()).toEqual(['ENG-12']);
      await saveScreenshot(page, 'profile-linked-work-filtered');
      await page.getByLabel('Project').selectOption('');
      await page.waitForFunction(() => document.querySelectorAll('.work-key').length === 3);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'links work by pasting a key, a request address or a Confluence page, refuses another site, and unlinks',
    async () => {
      const field = page.getByLabel('Link an issue, request, page or space');
      await field.fill('https://evil.example.net/browse/SUP-4');
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await page.getByRole('alert').getByText(/another Atlassian site/).waitFor();
      await saveScreenshot(page, 'profile-link-refused');

      await field.fill(`${SITE}/servicedesk/customer/portal/1/SUP-4`);
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await page.getByText('Linked SUP-4.').waitFor();
      await workList().getByText('SUP-4').waitFor();

      await field.fill(`${SITE}/wiki/spaces/CS/pages/65540/Escalations`);
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await workList().getByText('Northwind: escalation runbook').waitFor();
      await page.getByRole('button', { name: /^Pages 1$/ }).waitFor();

      await field.fill('not a link');
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await page.getByRole('alert').getByText(/^Paste an issue key/).waitFor();
      await field.fill('');

      await page.getByRole('button', { name: 'Unlink SUP-4' }).click();
      await workList().getByText('SUP-4').waitFor({ state: 'detached' });
      const stored = await session.invoke<{ targetKey: string }[]>('links/for-issue', { issueId: '10103' });
      expect(stored).toMatchObject({ contacts: [] });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'counts issues the viewer cannot see without showing them, and lets an editor remove links to deleted issues',
    async () => {
      session.runner.app.site.hideFromUser('10200'); // ENG-12
      session.runner.app.site.deleteIssue('10102'); // SUP-3
      await page.reload();
      await workList().getByText('SUP-1').waitFor();
      await page.getByText('1 linked item you cannot see in Jira or Confluence is not shown.').waitFor();
      expect(await workKeys()).not.toContain('ENG-12');
      await workList().getByRole('listitem').filter({ hasText: 'SUP-3' }).getByText('Deleted').waitFor();
      await saveScreenshot(page, 'profile-missing-and-hidden');
      await page.getByRole('button', { name: 'Remove links to deleted issues' }).click();
      await page.getByText('Removed 1 link to issues deleted in Jira.').waitFor();
      await workList().getByText('SUP-3').waitFor({ state: 'detached' });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "rolls a company up over its contacts' work, naming the contact, and over subsidiaries when asked",
    async () => {
      await page.goto(`${session.runner.url}/companies/${group}`);
      await page.getByRole('heading', { name: 'Northwind Group', level: 2 }).waitFor();
      await workList().getByText('SUP-5').waitFor();
      expect(await workKeys()).toEqual(['Northwind: escalation runbook', 'SUP-5', 'SUP-1']); // Ada's page, linked above
      expect(await workList().getByRole('listitem').filter({ hasText: 'SUP-1' }).innerText()).toContain('Linked to Ada Lovelace');
      await page.getByLabel('Include subsidiaries').check();
      await workList().getByText('SUP-2').waitFor();
      expect(await workList().getByRole('listitem').filter({ hasText: 'SUP-2' }).innerText()).toContain('Linked to Grace Hopper');
      await saveScreenshot(page, 'company-roll-up');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "goes back and forward between profiles, lands on each one's heading, and takes the issue panel's older links",
    async () => {
      await page.goto(`${session.runner.url}/contact/${grace}`); // the issue panel's address before routing
      await page.getByRole('heading', { name: 'Grace Hopper', level: 2 }).waitFor();
      await page.getByRole('list', { name: 'Company memberships' }).getByRole('button', { name: 'Contoso Ltd', exact: true }).click();
      await page.getByRole('heading', { name: 'Contoso Ltd', level: 2 }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/companies\/[A-Za-z0-9_-]+$/);
      await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
      expect(await focusedText()).toBe('Contoso Ltd');
      expect(await page.getByRole('tab', { name: 'Companies' }).getAttribute('aria-selected')).toBe('true');

      await page.goBack();
      await page.getByRole('heading', { name: 'Grace Hopper', level: 2 }).waitFor();
      await page.waitForFunction(() => document.activeElement?.textContent === 'Grace Hopper');
      expect(await page.getByRole('tab', { name: 'Contacts' }).getAttribute('aria-selected')).toBe('true');
      await page.goForward();
      await page.getByRole('heading', { name: 'Contoso Ltd', level: 2 }).waitFor();

      await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'Companies' }).click();
      await page.getByRole('table', { name: 'Companies' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/companies');
      await page.getByRole('tab', { name: 'Settings' }).click();
      expect(new URL(page.url()).pathname).toBe('/settings');
      await page.reload();
      await page.getByRole('heading', { name: 'Roles by Jira group' }).waitFor();
    },
    BROWSER_TIMEOUT_MS,
  );

  it('logged no errors in the browser (script errors, failed requests, CSP violations)', () => {
    expect(session.errors).toEqual([]);
    expect(session.dialogs).toEqual([]);
  });
});

describeInBrowser('profiles on a 390 x 844 phone screen', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 390, height: 844 } });
  }, BROWSER_TIMEOUT_MS);
  afterAll(() => session?.close());

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it(
    'shows the list, a profile with its linked work, and the link form without sideways scrolling',
    async () => {
      const { page } = session;
      const ada = (await session.invoke<Found>('contacts/search', { text: 'ada' })).items[0]!.id;
      await session.invoke('links/add', { recordType: 'contact', recordId: ada, target: { type: 'issue', issueKey: 'SUP-1' }, alsoCompanyIds: [] });
      await page.goto(session.runner.url);
      await page.getByRole('table', { name: 'Contacts' }).getByRole('button', { name: 'Ada Lovelace' }).waitFor();
      const searchBox = await page.getByRole('searchbox', { name: 'Search contacts' }).boundingBox();
      expect(searchBox!.width).toBeGreaterThan(200);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'phone-contacts');

      await page.goto(`${session.runner.url}/contacts/${ada}`);
      await page.getByRole('list', { name: 'Linked work items' }).getByText('SUP-1').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const link = await page.getByLabel('Link an issue, request, page or space').boundingBox();
      expect(link!.width).toBeGreaterThan(200);
      await saveScreenshot(page, 'phone-profile');
    },
    BROWSER_TIMEOUT_MS,
  );

  it('logged no errors in the browser', () => {
    expect(session.errors).toEqual([]);
  });
});
