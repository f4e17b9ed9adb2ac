// Small actions browser tests share: pick an Atlaskit select option, and read a file the page offered for download.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** Opens the select whose input is `input`, types `text` to filter, and picks the option named `option`. */
export async function chooseOption(page: Page, input: Locator, option: string, text = option): Promise<void> {
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Clicks `trigger` and returns the name and text of the file the page downloads. */
export async function downloadText(page: Page, trigger: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}
