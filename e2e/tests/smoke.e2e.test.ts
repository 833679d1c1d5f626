import { Browser } from 'playwright-core';
import { launchBrowser, signInAs } from '../support/browser';
import { Portal, startPortal } from '../support/portal';

const catalogUrl = (owner: 'owned' | 'all') =>
  `/catalog?filters%5Buser%5D=${owner}&filters%5Bkind%5D=component`;

describe('portal smoke test', () => {
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('signs in as a sample user and lists the sample components', async () => {
    const page = await signInAs(browser, portal.baseUrl, 'dev');

    await page.goto(catalogUrl('all'));
    // The catalog reads catalog/ at startup; give the first processing round time.
    for (const name of ['payments-api', 'search-indexer', 'gantry']) {
      await page
        .getByRole('link', { name, exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
    }

    // "Owned" proves the session carries dev's catalog groups: team-payments owns
    // payments-api, and dev is in no team that owns search-indexer.
    await page.goto(catalogUrl('owned'));
    await page
      .getByRole('link', { name: 'payments-api', exact: true })
      .first()
      .waitFor();
    expect(
      await page
        .getByRole('link', { name: 'search-indexer', exact: true })
        .count(),
    ).toBe(0);
    await page.close();
  });

  it('offers every configured sample user on the sign-in page', async () => {
    const page = await browser.newPage({ baseURL: portal.baseUrl });
    await page.goto('/');
    for (const user of ['dev', 'linus', 'alan', 'grace', 'ada', 'vera']) {
      await page.getByRole('button', { name: `Sign in as ${user}` }).waitFor();
    }
    await page.close();
  });
});
