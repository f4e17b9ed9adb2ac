// Profiles as the account view, in a real browser: linked work with counts, filters and paging, linking by pasting,
// unlinking, missing issues cleaned up, a company's roll-up with its contacts and subsidiaries, deep links, back and
// forward, reload, focus on the new view's heading, and the same on a 390 x 844 phone screen.
import type { Page } from 'playwright-core';
import { describeInBrowser, openBrowserSession, saveScreenshot, type BrowserSession } from '../support/browser';

const BROWSER_TIMEOUT_MS = 120_000;

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
  /** Waits for the list to show exactly these keys: a count alone is already met by the list of the filter before. */
  const untilWorkKeys = (keys: string[]) =>
    page.waitForFunction((expected) => {
      const shown = [...document.querySelectorAll<HTMLElement>('.work-key')].map((el) => el.innerText.replace(/\s*\(opens in a new tab\)/, '').trim());
      return JSON.stringify(shown) === JSON.stringify(expected);
    }, keys);
  // The local runner plays the Atlassian site on its own address (so /browse/KEY opens the local issue view).
  const site = () => session.runner.url;
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
      expect(await eng.getByRole('link').getAttribute('href')).toBe(`${site()}/browse/ENG-12`);
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
      await untilWorkKeys(['SUP-3']);
      expect(await workKeys()).toEqual(['SUP-3']);
      await page.getByLabel('Status').selectOption('all');
      await page.getByLabel('Project').selectOption('ENG');
      await untilWorkKeys(['ENG-12']);
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

      await field.fill(`${site()}/servicedesk/customer/portal/1/SUP-4`);
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await page.getByText('Linked SUP-4.').waitFor();
      await workList().getByText('SUP-4').waitFor();

      await field.fill(`${site()}/wiki/spaces/CS/pages/65540/Escalations`);
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

  it(
    'lets an admin delete a company, saying that its contacts and subsidiaries stay',
    async () => {
      const parent = await session.invoke<{ id: string }>('companies/create', { name: 'Initech Holdings' });
      await session.invoke('companies/create', { name: 'Initech Labs', parentId: parent.id });
      await page.goto(`${session.runner.url}/companies/${parent.id}`);
      await page.getByRole('heading', { name: 'Initech Holdings', level: 2 }).waitFor();
      await page.getByRole('button', { name: 'Delete company' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Initech Holdings?' });
      await dialog.getByText('Its 1 subsidiary stays and become top-level companies', { exact: false }).or(dialog.getByText(/Its 1 subsidiary stay/)).first().waitFor();
      await saveScreenshot(page, 'company-delete-dialog');
      await dialog.getByRole('button', { name: 'Delete company' }).click();
      await page.getByText(/^Deleted Initech Holdings: 0 memberships removed, 1 subsidiary now without a parent\.$/).waitFor();
      expect(new URL(page.url()).pathname).toBe('/companies');
      const labs = await session.invoke<Found>('companies/search', { text: 'initech' });
      expect(labs.items.map((c) => c.name)).toEqual(['Initech Labs']);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "erases a contact only after the admin types its email, explaining what goes, and deletes another",
    async () => {
      const doomed = await session.invoke<{ id: string }>('contacts/create', { email: 'peter.gibbons@initech.example', firstName: 'Peter', lastName: 'Gibbons' });
      await page.goto(`${session.runner.url}/contacts/${doomed.id}`);
      await page.getByRole('heading', { name: 'Peter Gibbons', level: 2 }).waitFor();
      await page.getByRole('button', { name: 'Erase contact' }).click();
      const dialog = page.getByRole('dialog', { name: 'Erase Peter Gibbons?' });
      await dialog.getByText(/cannot be undone/).waitFor();
      const confirm = dialog.getByRole('button', { name: 'Erase contact' });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel('Type peter.gibbons@initech.example to confirm').fill('peter.gibbons@initech');
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel('Type peter.gibbons@initech.example to confirm').fill('peter.gibbons@initech.example');
      await saveScreenshot(page, 'contact-erase-dialog');
      await confirm.click();
      await page.getByText(/^Erased Peter Gibbons/).waitFor();
      expect((await session.invoke<Found>('contacts/search', { text: 'gibbons' })).items).toEqual([]);

      const other = await session.invoke<{ id: string }>('contacts/create', { email: 'milton@initech.example', firstName: 'Milton' });
      await page.goto(`${session.runner.url}/contacts/${other.id}`);
      await page.getByRole('button', { name: 'Delete contact' }).click();
      await page.getByRole('dialog', { name: 'Delete Milton?' }).getByRole('button', { name: 'Delete contact' }).click();
      await page.getByText(/^Deleted Milton, with 0 memberships, 0 links and 0 notes\.$/).waitFor();
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'lists the audit trail filtered by what changed and who changed it, and opens the record from an entry',
    async () => {
      await page.getByRole('tab', { name: 'Audit trail' }).click();
      expect(new URL(page.url()).pathname).toBe('/audit');
      const entries = page.getByRole('list', { name: 'Audit trail entries' });
      await entries.getByRole('listitem').first().waitFor();
      await page.getByLabel('What').selectOption('link');
      await page.getByLabel('Who').fill('local-agent');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[aria-label="Audit trail entries"] .history-meta')].every((e) => /^Linked to an issue\s*by Local Agent/.test(e.textContent ?? '')),
      );
      const texts = await entries.locator('li.history-entry').allInnerTexts();
      expect(texts.length).toBeGreaterThanOrEqual(5);
      expect(texts.every((t) => t.includes('Linked to an issue') && t.includes('Local Agent'))).toBe(true);
      await saveScreenshot(page, 'audit-trail-filtered');
      await page.getByLabel('What').selectOption('erase');
      await page.getByLabel('Who').fill('');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[aria-label="Audit trail entries"] li.history-entry').length === 1);
      await page.getByLabel('What').selectOption('link');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await entries.getByRole('button', { name: /^Contact / }).first().click();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/.+/);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'runs "match existing issues by JQL" from the settings and shows its progress to the end',
    async () => {
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Start matching' }).click();
      const progress = page.getByRole('status', { name: 'Matching progress' });
      await progress.getByText('Matching finished').waitFor({ timeout: 30_000 });
      expect(await progress.innerText()).toMatch(/\d+ issues? checked in \d+ pages?: \d+ linked, \d+ suggested/);
      await saveScreenshot(page, 'settings-backfill-done');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'lists possible duplicates with the reason, merges one pair and dismisses another',
    async () => {
      await session.invoke('contacts/create', { email: 'Ada.Lovelace+billing@northwind.example', firstName: 'Ada', lastName: 'L.' });
      await session.invoke('contacts/create', { email: 'bob@phones.example', firstName: 'Bob', phone: '(134)122-8853' });
      await session.invoke('contacts/create', { email: 'robert@phones.example', firstName: 'Robert', phone: '134 122 8853' });
      await page.getByRole('tab', { name: 'Duplicates' }).click();
      expect(new URL(page.url()).pathname).toBe('/duplicates');
      const pairs = page.getByRole('list', { name: 'Possible duplicate pairs' });
      await pairs.getByText('Same mailbox').waitFor();
      expect(await pairs.locator('li.duplicate-pair').count()).toBe(2);
      await pairs.locator('li.duplicate-pair').filter({ hasText: 'Same phone' }).getByText('robert@phones.example').waitFor();
      await saveScreenshot(page, 'duplicates-list');

      await pairs.locator('li.duplicate-pair').filter({ hasText: 'Same phone' }).getByRole('button', { name: /^Dismiss / }).click();
      await page.getByText(/will not be suggested again\.$/).waitFor();
      await pairs.locator('li.duplicate-pair').filter({ hasText: 'Same mailbox' }).getByRole('button', { name: /^Merge / }).click();
      const dialog = page.getByRole('dialog', { name: /^Merge a duplicate contact into / });
      await dialog.getByRole('table', { name: 'The two records side by side' }).waitFor();
      await dialog.getByRole('button', { name: /^Merge and delete / }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(/^Merged .* into this contact/).waitFor();
      await page.getByText('No possible duplicates').waitFor();
      const left = await session.invoke<{ pairs: unknown[] }>('duplicates/contacts', {});
      expect(left.pairs).toEqual([]);
      expect((await session.invoke<Found>('contacts/search', { text: 'northwind.example' })).items.filter((c) => /ada/i.test(c.displayName ?? ''))).toHaveLength(1);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "opens a dry run's report from its address, with every problem paged and filtered by kind",
    async () => {
      const headers = ['Email', 'First Name', 'Renewal date'];
      const { jobId } = await session.invoke<{ jobId: string }>('import/start', { fileName: 'problems.csv', headers, mapping: { 'Renewal date': 'contact.custom:Preferred language' }, dryRun: true });
      const rows = Array.from({ length: 140 }, (_, i) => ({
        row: i + 1,
        line: i + 2,
        cells: i % 2 === 0 ? [`bad-${i}`, 'X', ''] : [`p${i}@problems.example`, `P${i}`, i % 3 === 0 ? 'Klingon' : 'English'],
      }));
      await session.invoke('import/rows', { jobId, rows });
      await session.invoke('import/queue', { jobId, totalRows: rows.length });
      for (let i = 0; i < 100; i++) {
        const status = await session.invoke<{ status: string }>('import/status', { jobId });
        if (status.status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await page.goto(`${session.runner.url}/imports/${jobId}`);
      await page.getByRole('heading', { name: 'Dry run of problems.csv' }).waitFor();
      // Closing and opening the report moves between addresses, and focus lands on the report's heading.
      await page.getByRole('button', { name: 'Hide report' }).click();
      expect(new URL(page.url()).pathname).toBe('/imports');
      await page.getByRole('button', { name: 'Report', exact: true }).click();
      expect(new URL(page.url()).pathname).toBe(`/imports/${jobId}`);
      await page.waitForFunction(() => document.activeElement?.id === 'history-report-heading');
      const problems = page.getByRole('list', { name: 'Problems found in rows' });
      await problems.getByRole('listitem').first().waitFor();
      expect(await problems.getByRole('listitem').count()).toBe(50);
      await page.getByRole('button', { name: 'Show more problems' }).click();
      await page.getByRole('button', { name: 'Show more problems' }).waitFor({ state: 'detached' });
      const report = await session.invoke<{ report: { rejected: number; warnings: number } }>('import/status', { jobId });
      expect(report.report).toEqual(expect.objectContaining({ rejected: 70, warnings: 23 }));
      expect(await problems.getByRole('listitem').count()).toBe(70 + 23);
      await page.getByRole('button', { name: /^Warnings \d+$/ }).click();
      await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="Problems found in rows"] li')].every((li) => li.textContent?.startsWith('Warning')));
      const warnings = await problems.getByRole('listitem').allInnerTexts();
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings[0]).toMatch(/Klingon" is not one of the options.*The cell is left out; the rest of the row is imported\./);
      await saveScreenshot(page, 'import-report-problems');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'undoes an import and, when asked, deletes the custom field it created',
    async () => {
      const headers = ['Email', 'First Name', 'Shoe size'];
      const { jobId } = await session.invoke<{ jobId: string }>('import/start', {
        fileName: 'fields.csv',
        headers,
        mapping: { 'Shoe size': 'contact.custom:Shoe size' },
        options: { mode: 'overwrite', memberships: 'add', missing: 'ignore', createFields: true },
      });
      await session.invoke('import/rows', { jobId, rows: [{ row: 1, line: 2, cells: ['shoe@fields.example', 'Shoe', '44'] }] });
      await session.invoke('import/queue', { jobId, totalRows: 1 });
      for (let i = 0; i < 100; i++) {
        if ((await session.invoke<{ status: string }>('import/status', { jobId })).status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const fieldsBefore = await session.invoke<{ name: string }[]>('fields/list', {});
      expect(fieldsBefore.map((f) => f.name)).toContain('Shoe size');

      await page.goto(`${session.runner.url}/imports`);
      const row = page.getByRole('row').filter({ hasText: 'fields.csv' });
      await row.getByRole('button', { name: 'Undo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
      const also = dialog.getByLabel(/Also delete the 1 custom field it created \(Shoe size\)/);
      await also.check();
      await saveScreenshot(page, 'undo-offers-field-removal');
      await dialog.getByRole('button', { name: 'Undo import' }).click();
      await page.getByText('Deleted 1 custom field the undone import had created.').waitFor({ timeout: 30_000 });
      const fieldsAfter = await session.invoke<{ name: string }[]>('fields/list', {});
      expect(fieldsAfter.map((f) => f.name)).not.toContain('Shoe size');
      expect((await session.invoke<Found>('contacts/search', { text: 'shoe@fields' })).items).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'gives a field the wizard creates a type and a day/month order, and the dry run leaves out a value that does not fit with a warning',
    async () => {
      const text = ['Email,Renewal', 'typed1@wizard.example,2026-12-31T10:00:00Z', 'typed2@wizard.example,Q2 2019', 'typed3@wizard.example,46022', 'typed4@wizard.example,3/4/2026'].join('\r\n');
      await page.getByRole('tab', { name: 'Import', exact: true }).click();
      const newImport = page.getByRole('button', { name: 'Start a new import' });
      if (await newImport.count()) await newImport.click();
      await page.locator('#import-file').setInputFiles({ name: 'typed.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      await page.getByRole('button', { name: 'Create custom fields for them' }).click();
      const type = page.getByLabel('Type of the new field for column Renewal');
      await type.selectOption('date');
      // 3/4/2026 could be either; the column says month first.
      await page.getByLabel('Day and month order of column Renewal').selectOption('mdy');
      await saveScreenshot(page, 'import-new-field-type');
      await page.getByRole('button', { name: 'Next: preview' }).click();
      await page.getByRole('button', { name: 'Next: options and dry run' }).click();
      await page.getByRole('button', { name: 'Start dry run' }).click();
      await page.getByText('Dry run finished. Nothing was written').waitFor({ timeout: 30_000 });
      const problems = page.getByRole('list', { name: 'Problems found in rows' });
      await problems.getByText(/"Q2 2019" is not a date/).waitFor();
      expect(await problems.locator('li').count()).toBe(1);
      expect(await problems.locator('li').first().innerText()).toMatch(/^Warning\s+Row 2, Renewal:.*The cell is left out; the rest of the row is imported\./);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows an editor delete but not erase, and a viewer neither',
    async () => {
      await page.goto(`${session.runner.url}/contacts/${grace}`);
      await page.getByLabel('Local user').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Local Agent (editor)' }).click();
      await page.getByRole('heading', { name: 'Grace Hopper', level: 2 }).waitFor();
      await page.getByRole('button', { name: 'Delete contact' }).waitFor();
      expect(await page.getByRole('button', { name: 'Erase contact' }).count()).toBe(0);
      expect(await page.getByRole('tab', { name: 'Audit trail' }).count()).toBe(0);
      await page.getByLabel('Local user').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Local Viewer (viewer)' }).click();
      await page.getByRole('heading', { name: 'Grace Hopper', level: 2 }).waitFor();
      await page.getByRole('list', { name: 'Linked work items' }).waitFor();
      // The heading and the list were already there for the editor: wait for the viewer's profile to replace it.
      await page.getByRole('button', { name: 'Delete contact', exact: true }).waitFor({ state: 'detached' });
      for (const control of ['Delete contact', 'Erase contact', 'Link', 'Unlink SUP-2']) {
        expect({ control, count: await page.getByRole('button', { name: control, exact: true }).count() }).toEqual({ control, count: 0 });
      }
      await page.getByLabel('Local user').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Local Admin (admin)' }).click();
      await page.getByRole('button', { name: 'Erase contact' }).waitFor();
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

  it(
    'folds empty custom fields away on a profile until asked',
    async () => {
      const { page } = session;
      const linus = (await session.invoke<Found>('contacts/search', { text: 'linus' })).items[0]!.id;
      await page.goto(`${session.runner.url}/contacts/${linus}`);
      await page.getByRole('heading', { name: 'Linus Torvalds', level: 2 }).waitFor();
      const card = page.getByRole('region', { name: 'Custom fields' });
      await card.getByText('No custom field has a value yet.').waitFor();
      expect(await card.getByText('Preferred language').count()).toBe(0);
      await card.getByRole('button', { name: 'Show 1 empty field' }).click();
      await card.getByText('Preferred language').waitFor();
      await saveScreenshot(page, 'phone-empty-fields-shown');
      await card.getByRole('button', { name: 'Hide empty fields' }).click();
      expect(await card.getByText('Preferred language').count()).toBe(0);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'works at 200% zoom (a 1280 px window is 640 CSS px wide): profile, import history and settings without sideways scrolling',
    async () => {
      const { page } = session;
      await page.setViewportSize({ width: 640, height: 450 });
      const ada = (await session.invoke<Found>('contacts/search', { text: 'ada' })).items[0]!.id;
      await page.goto(`${session.runner.url}/contacts/${ada}`);
      await page.getByRole('list', { name: 'Linked work items' }).getByText('SUP-1').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'zoom200-profile');
      for (const [tab, ready] of [
        ['Import history', 'Import history'],
        ['Settings', 'Roles by Jira group'],
        ['Audit trail', 'Audit trail'],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('heading', { name: ready }).first().waitFor();
        expect({ tab, overflow: await overflow(page) }).toEqual({ tab, overflow: expect.any(Number) });
        expect(await overflow(page)).toBeLessThanOrEqual(0);
      }
      await saveScreenshot(page, 'zoom200-audit');
    },
    BROWSER_TIMEOUT_MS,
  );

  it('logged no errors in the browser', () => {
    expect(session.errors).toEqual([]);
  });
});
