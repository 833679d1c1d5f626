import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Page } from 'playwright-core';

const imagesDir = resolve(__dirname, '../../docs/images');

/**
 * Saves what the page shows as docs/images/<name>.png, for the README, when the browser tests
 * run through `yarn docs:screenshots` (GANTRY_DOCS_SCREENSHOTS=1); otherwise does nothing.
 */
export async function screenshotForDocs(page: Page, name: string) {
  if (process.env.GANTRY_DOCS_SCREENSHOTS !== '1') return;
  mkdirSync(imagesDir, { recursive: true });
  // The pointer rests where the last click left it; over the sidebar it lights up an item.
  await page.mouse.move(0, 0);
  // The last toast or the caret would make every run's picture differ for no reason.
  await page.screenshot({
    path: join(imagesDir, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}
