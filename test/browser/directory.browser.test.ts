// The global page in a real browser against the local runner: browse, search, open profiles, edit as an admin, read as a viewer.
import type { Page } from 'playwright-core';
import { describeInBrowser, openBrowserSession, saveScreenshot, type BrowserSession, type LocalRunner } from '../support/browser';

const BROWSER_TIMEOUT_MS = 120_000;

describeInBrowser('the customer directory page', () => {
  let session: BrowserSession;
  let runner: LocalRunner;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ runner, page, errors } = session);
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => session?.close());

  const contactsTable = () => page.getByRole('table', { name: 'Contacts' });

  it(
    'lists the demo contacts with their total',
    async () => {
      await page.goto(runner.url);
      await page.getByRole('heading', { name: 'Customer directory', level: 1 }).waitFor();
      await contactsTable().getByRole('button', { name: 'Ada Lovelace' }).waitFor();
      await page.getByText('10 contacts').waitFor();
      expect(await contactsTable().getByRole('row').count()).toBe(11); // header + 10 contacts
      await saveScreenshot(page, 'contacts-list');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'narrows the list as the user types a search, and says so when nothing matches',
    async () => {
      const search = page.getByRole('searchbox', { name: 'Search contacts' });
      await search.fill('zzyzx');
      await page.getByText('No matching contacts').waitFor();
      await page.getByText('0 contacts').waitFor();
      await search.fill('grace');
      await page.getByText('1 contact', { exact: true }).waitFor();
      expect(await contactsTable().getByRole('button').allInnerTexts()).toEqual(['Grace Hopper']);
      await saveScreenshot(page, 'contacts-search');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "opens a contact's profile with both companies, the role in each and the primary one",
    async () => {
      await contactsTable().getByRole('button', { name: 'Grace Hopper' }).click();
      await page.getByRole('heading', { name: 'Grace Hopper', level: 2 }).waitFor();
      const memberships = page.getByRole('list', { name: 'Company memberships' });
      await memberships.getByRole('button', { name: 'Northwind Labs', exact: true }).waitFor();
      const items = await memberships.getByRole('listitem').allInnerTexts();
      expect(items).toHaveLength(2);
      expect(items.find((text) => text.includes('Northwind Labs'))).toMatch(/Primary[\s\S]*Technical lead/);
      expect(items.find((text) => text.includes('Contoso Ltd'))).toContain('External consultant');
      await page.getByRole('list', { name: 'Notes' }).getByText('full reproduction steps').waitFor();
      await saveScreenshot(page, 'contact-profile');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows a validation problem next to the field and saves a corrected edit as local-admin',
    async () => {
      await page.getByRole('button', { name: 'Edit contact' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit contact' });
      await dialog.getByLabel('Email').fill('not an email');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.getByText('Enter a valid email address').waitFor();
      expect(await dialog.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
      await saveScreenshot(page, 'contact-edit-validation');

      await dialog.getByLabel('Email').fill('grace.hopper@northwind-labs.example');
      await dialog.getByLabel('Job title').fill('VP Engineering');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('definition').getByText('VP Engineering', { exact: true }).waitFor();

      // Saved in the store, not only on screen.
      const stored = await runner.app.invoke('contacts/search', { text: 'grace' }, 'local-admin');
      expect(stored).toMatchObject({ ok: true, data: { items: [{ jobTitle: 'VP Engineering' }] } });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'adds a note and a company membership to the open contact',
    async () => {
      await page.getByLabel('Add a note').fill('Renewal call moved to Thursday.\n<b>Bring the roadmap.</b>');
      await page.getByRole('button', { name: 'Add note' }).click();
      // Text from records is shown as typed: markup stays text.
      await page.getByRole('list', { name: 'Notes' }).getByText('<b>Bring the roadmap.</b>').waitFor();

      await page.getByRole('button', { name: 'Add to company' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add to company' });
      await dialog.getByRole('combobox', { name: 'Company' }).fill('fabri');
      await page.getByRole('option', { name: 'Fabrikam, Inc.' }).click();
      await dialog.getByLabel('Role').fill('Reviewer');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      const memberships = page.getByRole('list', { name: 'Company memberships' });
      await memberships.getByRole('button', { name: 'Fabrikam, Inc.', exact: true }).waitFor();
      expect(await memberships.getByRole('listitem').count()).toBe(3);
      await saveScreenshot(page, 'contact-after-edits');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows a company with its parent, subsidiaries and contacts',
    async () => {
      await page.getByRole('tab', { name: 'Companies' }).click();
      const companies = page.getByRole('table', { name: 'Companies' });
      await page.getByText('5 companies').waitFor();
      await saveScreenshot(page, 'companies-list');
      await companies.getByRole('button', { name: 'Northwind Group' }).first().click();
      await page.getByRole('heading', { name: 'Northwind Group', level: 2 }).waitFor();
      const subsidiaries = await page.getByRole('list', { name: 'Subsidiaries' }).getByRole('button').allInnerTexts();
      expect(subsidiaries.sort()).toEqual(['Northwind Labs', 'Northwind Retail']);
      await page.getByRole('list', { name: 'Company contacts' }).getByText('Executive sponsor').waitFor();
      await saveScreenshot(page, 'company-profile');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows a viewer no edit controls anywhere',
    async () => {
      await page.getByLabel('Local user').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Local Viewer (viewer)' }).click();
      await page.getByText('Viewer', { exact: true }).waitFor();
      // The page keeps its place (the company profile) across the switch; the viewer goes to the contacts list.
      await page.getByRole('tab', { name: 'Contacts' }).click();
      await contactsTable().getByRole('button', { name: 'Ada Lovelace' }).waitFor();
      expect(await page.getByRole('button', { name: 'Add contact' }).count()).toBe(0);

      await contactsTable().getByRole('button', { name: 'Ada Lovelace' }).click();
      await page.getByRole('heading', { name: 'Ada Lovelace', level: 2 }).waitFor();
      await page.getByRole('list', { name: 'Notes' }).waitFor();
      for (const control of ['Edit contact', 'Add to company', 'Add note', 'Edit', 'Remove', 'Delete']) {
        expect({ control, count: await page.getByRole('button', { name: control, exact: true }).count() }).toEqual({ control, count: 0 });
      }
      expect(await page.getByRole('textbox').count()).toBe(0);
      await saveScreenshot(page, 'viewer-profile');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'pages a long list with "Load more"',
    async () => {
      for (let i = 1; i <= 20; i++) {
        const created = await runner.app.invoke('contacts/create', { email: `pager${i}@paging.example`, firstName: 'Pager', lastName: `Number ${i}` }, 'local-admin');
        expect(created).toMatchObject({ ok: true });
      }
      await page.goto(`${runner.url}/contacts`);
      await page.getByText('30 contacts').waitFor();
      expect(await contactsTable().getByRole('row').count()).toBe(26); // header + first page of 25
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
      expect(await contactsTable().getByRole('row').count()).toBe(31);
    },
    BROWSER_TIMEOUT_MS,
  );

  it('logged no errors in the browser (script errors, failed requests, CSP violations)', () => {
    expect(errors).toEqual([]);
  });
});
