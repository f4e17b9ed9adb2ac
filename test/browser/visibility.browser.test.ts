// The Visibility settings on the global page: an admin limits the panel to service projects and hides emails from
// viewers, sees what each role will see before saving, and the issue view and the resolvers follow.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, describeInBrowser, launchBrowser, saveScreenshot, startLocalRunner, type LocalRunner } from '../support/browser';
import { ensurePanelHostBuilt } from '../support/panel-host-build';

const BROWSER_TIMEOUT_MS = 180_000;

describeInBrowser('visibility settings', () => {
  let runner: LocalRunner;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

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

  it(
    'limits the panel to service projects and hides emails from viewers, previewing each role before saving',
    async () => {
      await page.goto(runner.url);
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Issue panel projects' }).waitFor();

      await page.getByLabel('Service projects only').check();
      await page.getByRole('button', { name: 'Save projects' }).click();
      await page.getByRole('region', { name: 'Issue panel projects' }).getByRole('status').getByText('Saved.').waitFor();

      const preview = page.getByRole('table', { name: 'What each role will see' });
      const emailPreview = () => preview.getByRole('row', { name: /^Email/ }).getByRole('cell').allInnerTexts();
      expect(await emailPreview()).toEqual(['Reads', 'Reads', 'Reads']);
      await page.getByLabel('Who reads Email').selectOption('editor');
      expect(await emailPreview()).toEqual(['Hidden', 'Reads', 'Reads']);
      await page.getByLabel('Who reads Preferred language (contact field)').selectOption('admin');
      expect(await preview.getByRole('row', { name: /^Preferred language/ }).getByRole('cell').allInnerTexts()).toEqual(['Hidden', 'Hidden', 'Reads']);
      await saveScreenshot(page, 'settings-visibility');
      await page.getByRole('button', { name: 'Save field visibility' }).click();
      await page.getByRole('region', { name: 'Who reads which field' }).getByRole('status').getByText('Saved.').waitFor();

      // The server follows: viewers read names but no emails.
      const asViewer = await runner.app.invoke('contacts/search', { text: 'ada' }, 'local-viewer');
      expect(asViewer).toMatchObject({ ok: true, data: { items: [{ displayName: 'Ada Lovelace', email: '' }] } });
      const asAgent = await runner.app.invoke('contacts/search', { text: 'ada' }, 'local-agent');
      expect(asAgent).toMatchObject({ ok: true, data: { items: [{ email: 'ada.lovelace@northwind.example' }] } });

      // A software project's issue shows an admin the note, and a service request the panel.
      await page.goto(`${runner.url}/issues/ENG-12?as=local-admin`);
      await page.getByRole('complementary', { name: 'Customers' }).getByText('The customer panel is off for this project').waitFor();
      await page.goto(`${runner.url}/issues/SUP-7?as=local-viewer`);
      await page.getByRole('complementary', { name: 'Customers' }).getByText('No customers linked yet').waitFor();

      // In the panel, a viewer sees linked contacts and suggestions by name, without their emails.
      const invoke = async (key: string, payload: unknown) => {
        const answer = await runner.app.invoke(key, payload, 'local-admin');
        if (!answer.ok) throw new Error(`${key}: ${answer.error.message}`);
        return answer.data as Record<string, unknown>;
      };
      const ada = (await invoke('contacts/search', { text: 'ada' })).items as { id: string }[];
      await invoke('links/add', { recordType: 'contact', recordId: ada[0]!.id, target: { type: 'issue', issueId: '10100' } });
      await invoke('settings/update', { autoMatch: { autoLink: false, extraFreeMailDomains: [], projectKeys: [] } });
      const job = (await invoke('matches/backfill-start', {})) as { id: string };
      for (let status = ''; status !== 'done'; ) {
        status = String((await invoke('matches/backfill-status', { jobId: job.id })).status);
        if (status === 'failed') throw new Error('The backfill failed.');
        if (status !== 'done') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await page.goto(`${runner.url}/issues/SUP-1?as=local-viewer`);
      const panel = page.getByRole('complementary', { name: 'Customers' });
      await panel.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
      await page.goto(`${runner.url}/issues/SUP-2?as=local-viewer`);
      await panel.getByText('Grace Hopper · Northwind Labs', { exact: true }).waitFor();
      await saveScreenshot(page, 'issue-panel-viewer-hidden-emails');
      expect(await panel.innerText()).not.toContain('@');
      await page.goto(`${runner.url}/issues/SUP-2?as=local-agent`);
      await panel.getByText('Grace Hopper (grace.hopper@northwind-labs.example) · Northwind Labs').waitFor();
      expect(errors.filter((e) => !/feature gate|Client must be initialized/i.test(e))).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
