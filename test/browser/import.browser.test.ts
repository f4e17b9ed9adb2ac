// The import wizard in a real browser: map, preview, dry run, import, error file, profiles, export round trip, resume, undo.
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, openBrowserSession, saveScreenshot, type BrowserSession, type LocalRunner } from '../support/browser';
import { chooseOption, downloadText } from '../support/page-actions';

const BROWSER_TIMEOUT_MS = 120_000;
const JOB_TIMEOUT_MS = 30_000;

const IMPORT_CSV = [
  'E-mail,First Name,Last Name,Organization,Company Domain,Role,Primary,Position Held,Tier',
  'wile.coyote@globex.example,Wile,Coyote,Globex,globex.example,Buyer,yes,Procurement lead,Gold',
  'road.runner@globex.example,Road,Runner,Globex,globex.example,Champion,no,Engineer,Silver',
  'ada.lovelace@northwind.example,Ada,Lovelace,Northwind Group,northwind.example,Executive sponsor,yes,Chief Executive Officer,Gold',
  'not-an-email,Bad,Row,Globex,globex.example,,,,',
  'hank.scorpio@globex.example,<img src=x onerror=alert(1)>,Scorpio,Globex,globex.example,Owner,yes,CEO,Platinum',
].join('\r\n');

// Two headers no field has: they are left out, and the page says which before the dry run.
const UNRECOGNISED_CSV = ['Email,First Name,Lead Owner,Favourite Colour', 'peter.gibbons@initech.example,Peter,Bill Lumbergh,Blue'].join('\r\n');

/** The text of each item of a list, spaces collapsed as a reader sees them. */
const listed = async (list: Locator) => (await list.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());

describeInBrowser('the import wizard', () => {
  let session: BrowserSession;
  let runner: LocalRunner;
  let page: Page;
  let errors: string[];
  let dialogs: string[];

  beforeAll(async () => {
    session = await openBrowserSession({ acceptDownloads: true });
    ({ runner, page, errors, dialogs } = session);
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => session?.close());

  const openTab = async (name: string) => {
    await page.getByRole('tab', { name, exact: true }).click();
  };
  const pickFile = async (name: string, text: string) => {
    await page.locator('#import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  };
  const countsRow = (record: string) => page.getByRole('table', { name: /What the import (would change|changed)/ }).getByRole('row', { name: new RegExp(`^${record}`) });
  const counts = async (record: string) => (await countsRow(record).getByRole('cell').allInnerTexts()).map((n) => Number(n.replace(/,/g, '')));

  it(
    'suggests a mapping from the headers, and lets the admin override a column and create a field',
    async () => {
      await page.goto(runner.url);
      await openTab('Import');
      await page.getByRole('heading', { name: 'Pick the file' }).waitFor();
      await saveScreenshot(page, 'import-file');
      await pickFile('globex-contacts.csv', IMPORT_CSV);

      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      const columns = page.getByRole('table', { name: 'Where each column of the file is imported' });
      // The suggestion: E-mail is the email, Organization the company; the unknown columns are flagged and skipped.
      expect(await columns.getByRole('row', { name: /E-mail/ }).innerText()).toContain('Email');
      expect(await columns.getByRole('row', { name: /Organization/ }).innerText()).toContain('Company name');
      expect(await columns.getByRole('row', { name: /Position Held/ }).innerText()).toContain('Not recognised');
      await page.getByRole('heading', { name: '2 columns will not be imported' }).waitFor();

      await chooseOption(page, page.getByLabel('Import column Position Held into'), 'Job title');
      await page.getByRole('button', { name: 'Create custom fields for them' }).click();
      expect(await columns.getByRole('row', { name: /Tier/ }).innerText()).toContain('New contact field "Tier"');
      await page.getByLabel('Save this mapping as').fill('Globex CRM');
      await saveScreenshot(page, 'import-mapping');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'previews the first rows with the problem next to its cell, and markup as plain text',
    async () => {
      await page.getByRole('button', { name: 'Next: preview' }).click();
      const preview = page.getByRole('table', { name: 'The first rows of the file with the problems found in them' });
      await preview.waitFor();
      await page.getByText('5 rows checked: 4 ready, 1 rejected').waitFor();
      const bad = preview.getByRole('row', { name: /not-an-email/ });
      expect(await bad.innerText()).toContain('Rejected');
      expect(await bad.locator('td.cell-error').count()).toBeGreaterThan(0);
      await preview.getByText('<img src=x onerror=alert(1)>', { exact: true }).waitFor();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      await saveScreenshot(page, 'import-preview');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'runs a dry run over the whole file and shows what it would change without writing',
    async () => {
      await page.getByRole('button', { name: 'Next: options and dry run' }).click();
      await page.getByRole('radio', { name: /Make memberships match the file/ }).check();
      await page.getByRole('button', { name: 'Start dry run' }).click();
      await page.getByText('Dry run finished. Nothing was written').waitFor({ timeout: JOB_TIMEOUT_MS });
      expect(await counts('Contacts')).toEqual([3, 1, 0, 0]);
      expect(await counts('Companies')).toEqual([1, 0, 1, 0]);
      await page.getByRole('definition').filter({ hasText: /^1$/ }).first().waitFor();
      await saveScreenshot(page, 'import-dry-run');

      const stored = await runner.app.invoke('contacts/search', { text: 'wile' }, 'local-admin');
      expect(stored).toMatchObject({ ok: true, data: { total: 0 } });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'imports the file, reports the counts and the sampled changes, and downloads the rejected row',
    async () => {
      await page.getByRole('button', { name: 'Import now' }).click();
      await page.getByRole('heading', { name: 'Import', exact: true, level: 3 }).waitFor();
      await page.getByText(/^Import finished/).waitFor({ timeout: JOB_TIMEOUT_MS });
      expect(await counts('Contacts')).toEqual([3, 1, 0, 0]);
      // Sync: Ada's membership of Northwind Labs is not in the file, so it goes.
      expect(await counts('Memberships')).toEqual([3, 0, 1, 1]);
      const changes = page.getByRole('list', { name: 'Examples of changes' });
      await changes.getByText('ada.lovelace@northwind.example').waitFor();
      expect(await changes.innerText()).toContain('Chief Executive Officer');
      await saveScreenshot(page, 'import-report');
      // The page follows the system theme: the same report in dark mode, from design tokens alone.
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => document.documentElement.dataset.colorMode === 'dark');
      await saveScreenshot(page, 'import-report-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.waitForFunction(() => document.documentElement.dataset.colorMode === 'light');

      const errorFile = await downloadText(page, page.getByRole('button', { name: 'Download error file' }));
      expect(errorFile.name).toBe('globex-contacts-errors.csv');
      const lines = errorFile.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines[0]).toBe('E-mail,First Name,Last Name,Organization,Company Domain,Role,Primary,Position Held,Tier,Error');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^not-an-email,Bad,Row,Globex,globex\.example,,,,,".*email.*"$/i);

      const mappings = await runner.app.invoke('import/mappings', {}, 'local-admin');
      expect(mappings).toMatchObject({ ok: true, data: [{ name: 'Globex CRM', mapping: { 'Position Held': 'jobTitle', Tier: 'contact.custom:Tier' } }] });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    "shows the imported contact's companies, new field and history on the profile",
    async () => {
      await openTab('Contacts');
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('wile');
      const contacts = page.getByRole('table', { name: 'Contacts' });
      await contacts.getByRole('button', { name: 'Wile Coyote' }).click();
      await page.getByRole('heading', { name: 'Wile Coyote', level: 2 }).waitFor();
      const memberships = page.getByRole('list', { name: 'Company memberships' });
      await memberships.getByRole('button', { name: 'Globex', exact: true }).waitFor();
      expect(await memberships.innerText()).toMatch(/Primary[\s\S]*Buyer/);
      await page.getByRole('definition').getByText('Procurement lead', { exact: true }).waitFor();
      await page.getByRole('definition').getByText('Gold', { exact: true }).waitFor();
      const history = page.getByRole('list', { name: 'History' });
      await history.getByText('Created').waitFor();
      expect(await history.innerText()).toContain('CSV import');
      await saveScreenshot(page, 'import-profile');
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'Contacts' }).click();
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'exports the directory and re-imports the export with nothing to change',
    async () => {
      await page.getByText('13 contacts').waitFor();
      // The file is built first; the download starts from its own click. Forge's Custom UI iframe sandbox has
      // allow-downloads: "Allows downloads to be started via a user gesture."
      let downloads = 0;
      const count = () => void downloads++;
      page.on('download', count);
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const save = page.getByRole('button', { name: /^Download customer-directory-/ });
      await save.waitFor();
      expect(downloads).toBe(0);
      page.off('download', count);
      const exported = await downloadText(page, save);
      expect(exported.name).toMatch(/^customer-directory-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(exported.text).toContain('wile.coyote@globex.example');
      expect(exported.text).toContain('<img src=x onerror=alert(1)>');

      await openTab('Import');
      await page.getByRole('button', { name: 'Start a new import' }).click();
      await pickFile(exported.name, exported.text);
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      await page.getByRole('button', { name: 'Next: preview' }).click();
      await page.getByRole('button', { name: 'Next: options and dry run' }).click();
      await page.getByRole('button', { name: 'Start dry run' }).click();
      await page.getByText('Dry run finished. Nothing was written').waitFor({ timeout: JOB_TIMEOUT_MS });
      for (const record of ['Contacts', 'Companies', 'Memberships']) {
        const [created, updated, , removed] = await counts(record);
        expect({ record, created, updated, removed }).toEqual({ record, created: 0, updated: 0, removed: 0 });
      }
      await saveScreenshot(page, 'import-reimport-dry-run');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'finds an import it started again after the page was left, and follows it to the end',
    async () => {
      const headers = ['Email', 'First Name', 'Last Name'];
      const started = await runner.app.invoke('import/start', { fileName: 'late.csv', headers, mapping: {}, dryRun: false }, 'local-admin');
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.data as { jobId: string };
      await runner.app.invoke('import/rows', { jobId, rows: [{ row: 1, line: 2, cells: ['late.arrival@initech.example', 'Late', 'Arrival'] }] }, 'local-admin');

      await page.reload();
      await openTab('Import');
      await page.getByText('The upload did not finish').waitFor();
      await saveScreenshot(page, 'import-interrupted');

      // Another tab finishes the upload: the page notices and follows the job to its report.
      await runner.app.invoke('import/queue', { jobId, totalRows: 1 }, 'local-admin');
      await page.getByText(/^Import finished/).waitFor({ timeout: JOB_TIMEOUT_MS });
      expect(await counts('Contacts')).toEqual([1, 0, 0, 0]);
      await page.getByRole('button', { name: 'Start a new import' }).click();
      await page.getByRole('heading', { name: 'Pick the file' }).waitFor();
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'lists every column it will not import, by letter and header, before the dry run and in its report',
    async () => {
      await page.getByRole('heading', { name: 'Pick the file' }).waitFor();
      await pickFile('initech-leads.csv', UNRECOGNISED_CSV);
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      const notImported = page.getByRole('list', { name: 'Columns not imported' });
      await page.getByRole('heading', { name: '2 columns will not be imported' }).waitFor();
      expect(await listed(notImported)).toEqual(['C · Lead Owner (not recognised)', 'D · Favourite Colour (not recognised)']);
      await saveScreenshot(page, 'import-ignored-columns');

      // The list follows the mapping: a column given a field leaves it, a column set to ignore joins it.
      await chooseOption(page, page.getByLabel('Import column Lead Owner into'), 'Job title');
      await page.getByRole('heading', { name: '1 column will not be imported' }).waitFor();
      expect(await listed(notImported)).toEqual(['D · Favourite Colour (not recognised)']);
      await chooseOption(page, page.getByLabel('Import column Lead Owner into'), "Don't import");
      await chooseOption(page, page.getByLabel('Import column First Name into'), "Don't import");
      await page.getByRole('heading', { name: '3 columns will not be imported' }).waitFor();
      expect(await listed(notImported)).toEqual(['B · First Name', 'C · Lead Owner (not recognised)', 'D · Favourite Colour (not recognised)']);
      await chooseOption(page, page.getByLabel('Import column First Name into'), 'First name');
      await page.getByRole('heading', { name: '2 columns will not be imported' }).waitFor();

      // The preview shows the server's list for the same mapping; recognised columns are not in it.
      await page.getByRole('button', { name: 'Next: preview' }).click();
      await page.getByRole('table', { name: 'The first rows of the file with the problems found in them' }).waitFor();
      await page.getByRole('heading', { name: '2 columns will not be imported' }).waitFor();
      const previewed = await listed(notImported);
      expect(previewed).toEqual(['C · Lead Owner', 'D · Favourite Colour']);
      expect(previewed.join(' ')).not.toMatch(/Email|First Name/);

      // The options step says it again, next to the button that starts the run.
      await page.getByRole('button', { name: 'Next: options and dry run' }).click();
      await page.getByRole('heading', { name: 'Options and dry run' }).waitFor();
      await page.getByRole('heading', { name: '2 columns will not be imported' }).waitFor();
      expect(await listed(notImported)).toEqual(['C · Lead Owner', 'D · Favourite Colour']);
      await page.getByRole('button', { name: 'Start dry run' }).click();
      await page.getByText('Dry run finished. Nothing was written').waitFor({ timeout: JOB_TIMEOUT_MS });
      await page.getByRole('heading', { name: '2 columns would not be imported' }).waitFor();
      await page.getByRole('heading', { name: '2 columns will not be imported' }).waitFor({ state: 'detached' });
      expect(await listed(notImported)).toEqual(['C · Lead Owner', 'D · Favourite Colour']);
      await saveScreenshot(page, 'import-ignored-columns-dry-run');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'undoes an import from the history after a confirmation, and says what it restored and removed',
    async () => {
      await openTab('Import history');
      const history = page.getByRole('table', { name: 'Import history' });
      const row = history.getByRole('row', { name: /globex-contacts\.csv.*Import/ });
      await row.getByText('Done').waitFor();
      expect(await row.innerText()).toMatch(/3 new contacts, 1 updated/);
      await saveScreenshot(page, 'import-history');

      await row.getByRole('button', { name: 'Undo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
      await dialog.getByText('globex-contacts.csv').waitFor();
      await dialog.getByRole('button', { name: 'Undo import' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Import of globex-contacts.csv undone').waitFor({ timeout: JOB_TIMEOUT_MS });
      await page.getByText(/\d+ records? restored, [1-9]\d* records removed, 0 records skipped/).waitFor();
      await row.getByText('Undone', { exact: true }).waitFor();
      await saveScreenshot(page, 'import-undone');

      const gone = await runner.app.invoke('contacts/search', { text: 'wile' }, 'local-admin');
      expect(gone).toMatchObject({ ok: true, data: { total: 0 } });
      const ada = await runner.app.invoke('contacts/search', { text: 'ada' }, 'local-admin');
      expect(ada).toMatchObject({ ok: true, data: { items: [{ jobTitle: 'Chief Technology Officer' }] } });
    },
    BROWSER_TIMEOUT_MS,
  );

  it('logged no errors and opened no dialogs in the browser', () => {
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
