import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium; Playwright cannot download a browser on these machines. */
const CHROMIUM = process.env.GANTRY_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the portal in a fresh browser context and signs in through the dev sign-in. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  userName: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${userName}` }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  return page;
}
