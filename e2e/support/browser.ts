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

/**
 * Opens the portal in a fresh browser context and signs in through single sign-on: the
 * sign-in page opens the identity provider's login form in a popup (packages/dev-idp: any
 * password). Returns the page once the popup has closed; the caller checks where it landed.
 */
export async function signInThroughIdp(
  browser: Browser,
  baseUrl: string,
  login: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill('any password');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  await popup.waitForEvent('close', { timeout: 30_000 });
  return page;
}

/** The signed-in session's Backstage token, as the app refreshes it through single sign-on. */
export function backstageTokenOf(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/auth/oidc/refresh?optional&env=production', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
    return (await res.json()).backstageIdentity.token;
  });
}
