// Settings, custom fields, merging duplicates, record history, text safety and what a viewer sees, in a real browser.
import type { Page } from 'playwright-core';
import { describeInBrowser, openBrowserSession, saveScreenshot, type BrowserSession, type LocalRunner } from '../support/browser';
import { chooseOption } from '../support/page-actions';

const BROWSER_TIMEOUT_MS = 120_000;
const XSS_NAME = '<img src=x onerror=alert(1)>';

describeInBrowser('settings, merge and history on the page', () => {
  let session: BrowserSession;
  let runner: LocalRunner;
  let page: Page;
  let errors: string[];
  let dialogs: string[];

  const invoke = <T>(key: string, payload: unknown, user = 'local-admin'): Promise<T> => session.invoke<T>(key, payload, user);

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ runner, page, errors, dialogs } = session);
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => session?.close());

  const openSettings = async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Roles by Jira group' }).waitFor();
  };

  it(
    'maps Jira groups to roles, showing a problem next to the row it belongs to',
    async () => {
      await page.goto(runner.url);
      await openSettings();
      await page.getByRole('button', { name: 'Add a group' }).click();
      await page.getByRole('button', { name: 'Add a group' }).click();
      await page.getByLabel('Jira group 1', { exact: true }).fill('support-agents');
      await chooseOption(page, page.getByLabel('Role for group 1'), 'Editor: edits contacts and companies', 'Editor');
      await page.getByRole('button', { name: 'Save roles' }).click();
      await page.getByText('Enter a Jira group name').waitFor();
      expect(await page.getByLabel('Jira group 2').getAttribute('aria-invalid')).toBe('true');
      await saveScreenshot(page, 'settings-roles-validation');

      await page.getByLabel('Jira group 2').fill('customer-success');
      await page.getByRole('button', { name: 'Save roles' }).click();
      await page.getByText('Saved.').waitFor();
      const settings = await invoke<{ roleMapping: unknown[] }>('settings/get', {});
      expect(settings.roleMapping).toEqual([
        { group: 'support-agents', role: 'editor' },
        { group: 'customer-success', role: 'viewer' },
      ]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows the role of people in no mapped group, viewer by default, and saves a change to it',
    async () => {
      await page.goto(runner.url);
      await openSettings();
      const field = page.locator('.form-field').filter({ has: page.getByText('Role of people with Jira access in no listed group') });
      await field.getByText('Viewer: reads the directory (recommended)').waitFor();
      await chooseOption(page, page.getByLabel('Role of people with Jira access in no listed group'), 'Editor: edits and deletes contacts and companies', 'Editor');
      await page.getByRole('button', { name: 'Save roles' }).click();
      await page.getByText('Saved.').waitFor();
      expect(await invoke<{ defaultRole: string }>('settings/get', {})).toMatchObject({ defaultRole: 'editor' });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'checks the matching options and the history retention before saving them',
    async () => {
      await page.getByLabel('Extra free-mail domains').fill('mail.example\nlocalhost');
      await page.getByLabel('Projects to match').fill('SUP, 9X');
      await page.getByRole('button', { name: 'Save matching' }).click();
      await page.getByText('"localhost" is not a domain name').waitFor();
      await page.getByLabel('Extra free-mail domains').fill('mail.example');
      await page.getByRole('button', { name: 'Save matching' }).click();
      await page.getByText('A project key starts with a letter').waitFor();
      await page.getByLabel('Projects to match').fill('sup, help');
      await page.getByRole('checkbox', { name: /Link a new issue/ }).uncheck();
      await page.getByRole('button', { name: 'Save matching' }).click();
      await page.getByLabel('Projects to match').and(page.locator('[value="SUP, HELP"]')).waitFor();

      await page.getByLabel('Keep history for (days)').fill('5');
      await page.getByRole('button', { name: 'Save history setting' }).click();
      await page.getByText('Keep history for at least 30 days').waitFor();
      await page.getByLabel('Keep history for (days)').fill('730');
      await page.getByRole('button', { name: 'Save history setting' }).click();
      await page.getByText('Saved.').last().waitFor();

      const settings = await invoke<unknown>('settings/get', {});
      expect(settings).toMatchObject({ autoMatch: { autoLink: false, extraFreeMailDomains: ['mail.example'], projectKeys: ['SUP', 'HELP'] }, auditRetentionDays: 730 });
      await saveScreenshot(page, 'settings');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'adds, edits and deletes a custom field, naming how many values the delete removed',
    async () => {
      await page.getByRole('button', { name: 'Add field' }).click();
      let dialog = page.getByRole('dialog', { name: 'Add a custom field' });
      await dialog.getByLabel('Name').fill('Segment');
      await chooseOption(page, dialog.getByLabel('Type'), 'Select (a list of options)', 'Select');
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await dialog.getByText('A select field needs at least one option').waitFor();
      await dialog.getByLabel('Options').fill('Enterprise\nSMB');
      await saveScreenshot(page, 'settings-field-dialog');
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await dialog.waitFor({ state: 'detached' });
      const contactFields = page.getByRole('list', { name: 'Contact fields' });
      await contactFields.getByText('Segment').waitFor();

      await page.getByRole('button', { name: 'Edit field Segment' }).click();
      dialog = page.getByRole('dialog', { name: 'Edit field Segment' });
      await dialog.getByLabel('Name').fill('Market segment');
      await dialog.getByLabel('Options').fill('Enterprise\nSMB\nPublic sector');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await contactFields.getByText('Enterprise, SMB, Public sector').waitFor();

      const fields = await invoke<{ id: string; name: string }[]>('fields/list', {});
      const segment = fields.find((f) => f.name === 'Market segment')!;
      const ada = (await invoke<{ items: { id: string; version: number }[] }>('contacts/search', { text: 'ada' })).items[0]!;
      await invoke('contacts/update', { id: ada.id, version: ada.version, custom: { [segment.id]: 'Enterprise' } });

      await page.getByRole('button', { name: 'Delete field Market segment' }).click();
      dialog = page.getByRole('dialog', { name: 'Delete this field?' });
      await dialog.getByText('removes its value from every contact that has one, for good').waitFor();
      await dialog.getByRole('button', { name: 'Delete field' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Field "Market segment" deleted; 1 stored value removed.').waitFor();
      expect(await contactFields.getByText('Market segment').count()).toBe(0);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'merges a duplicate contact into the open one after comparing them, and lists the merge in the history',
    async () => {
      await invoke('contacts/create', { email: 'ada@analytical-engines.example', firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0999' });
      await page.getByRole('tab', { name: 'Contacts' }).click();
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('ada');
      const contacts = page.getByRole('table', { name: 'Contacts' });
      await page.getByText('2 contacts', { exact: true }).waitFor();
      await contacts.getByRole('button', { name: 'Ada Lovelace' }).first().click();
      await page.getByRole('heading', { name: 'Ada Lovelace', level: 2 }).waitFor();
      const email = await page.getByRole('definition').locator('a[href^="mailto:"]').innerText();
      const duplicate = email === 'ada.lovelace@northwind.example' ? 'ada@analytical-engines.example' : 'ada.lovelace@northwind.example';

      await page.getByRole('button', { name: 'Merge with...' }).click();
      const dialog = page.getByRole('dialog', { name: /Merge a duplicate contact into Ada Lovelace/ });
      await chooseOption(page, dialog.getByLabel('Duplicate contact'), `Ada Lovelace (${duplicate})`, duplicate.slice(0, 6));
      const compared = dialog.getByRole('table', { name: 'The two records side by side' });
      await compared.getByText(duplicate).waitFor();
      await saveScreenshot(page, 'merge-dialog');
      await dialog.getByRole('button', { name: 'Merge and delete Ada Lovelace' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(/^Merged Ada Lovelace into this contact: moved/).waitFor();
      await page.getByRole('list', { name: 'History' }).getByText('Merged').first().waitFor();
      await saveScreenshot(page, 'merge-done');

      const left = await invoke<{ total: number }>('contacts/search', { text: 'ada' });
      expect(left.total).toBe(1);
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'Contacts' }).click();
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows a name made of markup as text everywhere, never as an element',
    async () => {
      await invoke('contacts/create', { email: 'markup@initech.example', firstName: XSS_NAME, lastName: 'Tester', jobTitle: '<script>alert(2)</script>' });
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('markup');
      const contacts = page.getByRole('table', { name: 'Contacts' });
      const name = `${XSS_NAME} Tester`;
      await contacts.getByRole('button', { name }).waitFor();
      expect(await contacts.getByRole('button', { name }).innerText()).toBe(name);
      await contacts.getByRole('button', { name }).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      expect(await page.getByRole('heading', { level: 2 }).first().innerText()).toBe(name);
      await page.getByRole('definition').getByText('<script>alert(2)</script>', { exact: true }).waitFor();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('main script').count()).toBe(0);
      await saveScreenshot(page, 'markup-as-text');
      expect(dialogs).toEqual([]);
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'Contacts' }).click();
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'hides import and settings from a viewer, who cannot edit or merge either, and the server refuses them too',
    async () => {
      await page.getByLabel('Local user').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Local Viewer (viewer)' }).click();
      await page.getByText('Viewer', { exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Contacts' }).waitFor();
      expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Contacts', 'Companies']);

      await page.getByRole('table', { name: 'Contacts' }).getByRole('button', { name: 'Grace Hopper' }).click();
      await page.getByRole('heading', { name: 'Grace Hopper', level: 2 }).waitFor();
      await page.getByRole('list', { name: 'History' }).waitFor();
      for (const control of ['Edit contact', 'Merge with...', 'Add to company', 'Add note']) {
        expect({ control, count: await page.getByRole('button', { name: control, exact: true }).count() }).toEqual({ control, count: 0 });
      }
      await saveScreenshot(page, 'viewer-no-admin');

      for (const [key, payload] of [
        ['import/start', { fileName: 'x.csv', headers: ['Email'], dryRun: true }],
        ['settings/get', {}],
        ['contacts/merge', { keepId: 'a', mergeId: 'b', versions: { keep: 1, merge: 1 } }],
      ] as const) {
        const answer = await runner.app.invoke(key, payload, 'local-viewer');
        expect({ key, answer }).toMatchObject({ key, answer: { ok: false, error: { code: 'FORBIDDEN' } } });
      }
    },
    BROWSER_TIMEOUT_MS,
  );

  it('logged no errors and opened no dialogs in the browser', () => {
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
