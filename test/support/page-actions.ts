// Small actions browser tests share: pick an Atlaskit select option, and read a file the page offered for download.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/**
 * Picks the option named `option` in the Atlaskit select whose input is `input`, with the keyboard as a user would:
 * a searchable select is filtered by typing `text`, a plain one is opened with the down arrow.
 */
export async function chooseOption(page: Page, input: Locator, option: string, text = option): Promise<void> {
  await input.focus();
  if ((await input.getAttribute('aria-readonly')) === 'true') await page.keyboard.press('ArrowDown');
  else await input.fill(text);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Clicks `trigger` and returns the name and text of the file the page downloads. */
export async function downloadText(page: Page, trigger: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}
