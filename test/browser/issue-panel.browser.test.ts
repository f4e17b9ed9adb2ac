// The issue panel as agents use it, in Chromium on the local issue view: the real UI Kit panel (src/frontend/issue-panel)
// under the local Forge host, calling the real resolvers through /api/invoke as the chosen local user.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, describeInBrowser, launchBrowser, saveScreenshot, startLocalRunner, type LocalRunner } from '../support/browser';
import { ensurePanelHostBuilt } from '../support/panel-host-build';

const BROWSER_TIMEOUT_MS = 180_000;

describeInBrowser('the issue panel on the local issue view', () => {
  let runner: LocalRunner;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  const invoke = async <T>(key: string, payload: unknown, user = 'local-admin'): Promise<T> => {
    const answer = await runner.app.invoke(key, payload, user);
    if (!answer.ok) throw new Error(`${key}: ${answer.error.message}`);
    return answer.data as T;
  };

  beforeAll(async () => {
    await ensurePanelHostBuilt();
    runner = await startLocalRunner();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    errors = collectPageErrors(page);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await runner?.stop();
  });

  const panel = () => page.getByRole('complementary', { name: 'Customers' });
  const openIssue = async (key: string, user = 'local-agent') => {
    await page.goto(`${runner.url}/issues/${key}?as=${user}`);
    await page.getByTestId('issue-key').getByText(key, { exact: true }).waitFor();
  };
  /** Errors other than Atlaskit's own feature-gate notices, which have no client outside Atlassian's products. */
  const realErrors = () => errors.filter((e) => !/feature gate|Client must be initialized/i.test(e));

  it(
    'lists the sample issues, each opening its issue view with key, summary, status and reporter',
    async () => {
      await page.goto(`${runner.url}/issues`);
      const table = page.getByRole('table', { name: 'Sample issues' });
      await table.getByRole('link', { name: 'SUP-1', exact: true }).click();
      await page.getByRole('heading', { name: 'Invoices for March show the wrong VAT number', level: 1 }).waitFor();
      expect(await page.getByTestId('issue-status').innerText()).toBe('Waiting for customer');
      expect(await page.getByTestId('issue-reporter').innerText()).toBe('ada.lovelace@northwind.example');
      await panel().getByText('No customers linked yet').waitFor();
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'lets an agent search, then link a contact with its primary company, then a company on its own',
    async () => {
      await openIssue('SUP-1');
      const search = panel().getByLabel('Find a contact or company');
      await search.fill('ada');
      await panel().getByRole('checkbox', { name: /^Ada Lovelace · ada\.lovelace@northwind\.example/ }).check();
      // The contact's primary company is offered, ticked.
      const alsoCompany = panel().getByRole('checkbox', { name: 'Also link Northwind Group (primary company of Ada Lovelace)' });
      expect(await alsoCompany.isChecked()).toBe(true);
      await panel().getByRole('button', { name: 'Link Ada Lovelace' }).click();
      await panel().getByText('Linked Ada Lovelace').waitFor();
      await panel().getByRole('heading', { name: 'Contacts (1)' }).waitFor();
      await panel().getByRole('heading', { name: 'Companies (1)' }).waitFor();

      await search.fill('contoso');
      await panel().getByRole('checkbox', { name: /^Contoso Ltd/ }).check();
      await panel().getByRole('button', { name: 'Link Contoso Ltd' }).click();
      await panel().getByRole('heading', { name: 'Companies (2)' }).waitFor();
      expect(await panel().getByRole('link', { name: 'Contoso Ltd' }).getAttribute('href')).toMatch(/\/companies\/[-0-9A-Za-z_]+$/);
      await saveScreenshot(page, 'issue-panel-linked');

      // What the agent saw is what the server holds.
      const links = await invoke<{ contacts: { displayName: string }[]; companies: { name: string }[] }>('links/for-issue', { issueId: '10100' }, 'local-agent');
      expect(links.contacts.map((c) => c.displayName)).toEqual(['Ada Lovelace']);
      expect(links.companies.map((c) => c.name)).toEqual(['Contoso Ltd', 'Northwind Group']);
      expect(realErrors()).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'creates a contact from the panel and links it to the issue',
    async () => {
      await openIssue('SUP-4');
      await panel().getByLabel('Find a contact or company').fill('rosalind.franklin@fabrikam.example');
      await panel().getByText('No contact or company matches “rosalind.franklin@fabrikam.example”.').waitFor();
      await panel().getByRole('button', { name: 'New contact' }).click();
      const dialog = page.getByRole('dialog', { name: 'New contact' });
      expect(await dialog.getByLabel('Email').inputValue()).toBe('rosalind.franklin@fabrikam.example');
      await dialog.getByLabel('First name').fill('Rosalind');
      await dialog.getByLabel('Last name').fill('Franklin');
      await dialog.getByRole('button', { name: 'Create and link contact' }).click();
      await dialog.waitFor({ state: 'detached' });
      await panel().getByRole('link', { name: 'Rosalind Franklin' }).waitFor();
      await saveScreenshot(page, 'issue-panel-created-contact');
      const found = await invoke<{ items: { email: string }[] }>('contacts/search', { text: 'rosalind' });
      expect(found.items.map((c) => c.email)).toEqual(['rosalind.franklin@fabrikam.example']);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows requester suggestions on service requests: accepting one links it, dismissing one clears it',
    async () => {
      // Suggestions instead of automatic links, then matching over the service project's existing requests.
      await invoke('settings/update', { autoMatch: { autoLink: false, extraFreeMailDomains: [], projectKeys: [] } });
      const job = await invoke<{ id: string }>('matches/backfill-start', {});
      for (let status = ''; status !== 'done'; ) {
        const view = await invoke<{ status: string; error: string | null }>('matches/backfill-status', { jobId: job.id });
        if (view.status === 'failed') throw new Error(`The backfill failed: ${view.error}`);
        status = view.status;
        if (status !== 'done') await new Promise((resolve) => setTimeout(resolve, 100));
      }

      await openIssue('SUP-2');
      await panel().getByText('Grace Hopper (grace.hopper@northwind-labs.example) · Northwind Labs').waitFor();
      await saveScreenshot(page, 'issue-panel-suggestion');
      await panel().getByRole('button', { name: 'Link Grace Hopper' }).click();
      await panel().getByRole('heading', { name: 'Contacts (1)' }).waitFor();
      await panel().getByRole('link', { name: 'Northwind Labs' }).waitFor();
      expect(await panel().getByRole('button', { name: 'Link Grace Hopper' }).count()).toBe(0);

      await openIssue('SUP-3');
      await panel().getByText('Alan Turing (alan.turing@contoso.example) · Contoso Ltd').waitFor();
      await panel().getByRole('button', { name: 'Dismiss', exact: true }).click();
      await panel().getByText('Alan Turing (alan.turing@contoso.example) · Contoso Ltd').waitFor({ state: 'detached' });
      await panel().getByText('No customers linked yet').waitFor();
      const match = await invoke<{ status: string; dismissedCount: number; candidates: unknown[] }>('matches/get', { issueId: '10102' }, 'local-agent');
      expect(match).toMatchObject({ dismissedCount: 1, candidates: [] });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "shows a viewer the issue's customers read-only: no search, no unlink, no acting on suggestions",
    async () => {
      await openIssue('SUP-1', 'local-viewer');
      await panel().getByRole('link', { name: 'Ada Lovelace' }).waitFor();
      await panel().getByText('You can see the customers of this issue. Linking them needs the editor role; ask an app admin.').waitFor();
      expect(await panel().getByRole('textbox').count()).toBe(0);
      expect(await panel().getByRole('button', { name: /Unlink/ }).count()).toBe(0);

      await openIssue('SUP-5', 'local-viewer');
      await panel().getByText('Acting on suggestions needs the editor role; ask an app admin.').waitFor();
      expect(await panel().getByRole('button', { name: /^Link / }).count()).toBe(0);
      await saveScreenshot(page, 'issue-panel-viewer');
      expect(await page.locator('[data-unsupported-component]').count()).toBe(0);
      expect(realErrors()).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows an admin a short note, and an agent nothing, on an issue of a project the panel is not enabled for',
    async () => {
      await invoke('visibility/update', { panelScope: { mode: 'projects', projectKeys: ['ENG'] } });
      try {
        await openIssue('SUP-6', 'local-admin');
        await panel().getByText('The customer panel is off for this project').waitFor();
        await panel().getByText(/not enabled for project SUP/).waitFor();
        await saveScreenshot(page, 'issue-panel-not-enabled-admin');

        const answered = page.waitForResponse((r) => r.url().endsWith('/api/invoke') && r.request().postData()?.includes('"links/for-issue"') === true);
        await openIssue('SUP-6', 'local-agent');
        expect(await (await answered).json()).toMatchObject({ ok: false, error: { code: 'NOT_ENABLED' } });
        // Once the spinner is gone, the panel's tree is empty: no note, no search, nothing.
        await page.waitForFunction(() => {
          const root = document.querySelector('[data-testid="ui-kit-root"]');
          return root !== null && root.textContent === '' && root.querySelector('svg, input, button, [role]') === null;
        });
        expect(await panel().innerText()).toBe('Customers');

        await openIssue('ENG-13', 'local-agent');
        await panel().getByText('No customers linked yet').waitFor();
      } finally {
        await invoke('visibility/update', { panelScope: { mode: 'all' } });
      }
    },
    BROWSER_TIMEOUT_MS,
  );
});
