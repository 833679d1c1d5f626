import { Browser } from 'playwright-core';
import { api, submitBucketRequest, tokenFor, waitFor } from '../support/api';
import { launchBrowser, signInAs } from '../support/browser';
import { Portal, startPortal } from '../support/portal';

type SearchResults = {
  results: Array<{
    type: string;
    document: { title: string; location: string };
  }>;
};

// e2e/app-config.e2e.yaml runs Gantry's collators every 5 s; the catalog is indexed by the
// warm-up as soon as it settles, not by the collator's schedule (10 minutes).
describe('search on a fresh portal', () => {
  let portal: Portal;
  let browser: Browser;
  let readyAt: number;

  beforeAll(async () => {
    portal = await startPortal();
    readyAt = Date.now();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  // Lunr answers 500 MissingIndexError for a type until its first non-empty run.
  const search = async (
    token: string,
    term: string,
    type?: string,
  ): Promise<SearchResults['results']> => {
    const res = await api<SearchResults & { error?: { name: string } }>(
      portal.baseUrl,
      token,
      `/api/search/query?${new URLSearchParams({
        term,
        ...(type ? { 'types[0]': type } : {}),
      })}`,
      { allow: [500] },
    );
    if (res.status === 500) {
      expect(res.body.error?.name).toBe('MissingIndexError');
      return [];
    }
    return res.body.results;
  };

  it('finds catalog entities at once, and requests only for those who may read them', async () => {
    const devToken = await tokenFor(portal.baseUrl, 'dev');

    // 1. The catalog is searchable within seconds of the start, not after the next run.
    await waitFor(
      'the catalog in the search index',
      async () =>
        (
          await search(devToken, 'Dana Developer', 'software-catalog')
        ).some(r => r.document.location === '/catalog/default/user/dev') ||
        undefined,
      Math.max(5_000, readyAt + 30_000 - Date.now()),
      500,
    );
    const dev = await signInAs(browser, portal.baseUrl, 'dev');
    await dev.goto('/search?query=Dana%20Developer');
    await dev.locator('a[href="/catalog/default/user/dev"]').first().waitFor();

    // 2. dev requests a bucket; the collator indexes the request and its approval.
    const name = `srch-${Date.now().toString(36)}`;
    const created = await submitBucketRequest(
      portal.baseUrl,
      devToken,
      name,
      'A bucket the search end-to-end test looks for',
    );
    const requestPath = `/infra/requests/${created.id}`;
    await waitFor(
      'the infra request in dev\u2019s search results',
      async () =>
        (
          await search(devToken, name, 'infra-request')
        ).some(r => r.document.location === requestPath) || undefined,
      30_000,
      1_000,
    );

    await dev.goto(`/search?query=${name}`);
    const link = dev.getByRole('link', { name, exact: true });
    expect(await link.getAttribute('href')).toBe(requestPath);
    await dev.getByText('Infrastructure request', { exact: true }).waitFor();

    // Once planned, the infra request opens an approval; it is found the same way.
    const approvalsFound = await waitFor(
      'the approval request in dev\u2019s search results',
      async () => {
        const results = await search(devToken, name, 'approval-request');
        return results.length > 0 ? results : undefined;
      },
      90_000,
      1_000,
    );
    expect(approvalsFound[0].document.title).toContain(name);

    // 3. vera (a viewer in no team) may read neither, so search finds nothing of them.
    const veraToken = await tokenFor(portal.baseUrl, 'vera');
    // (Lunr's fuzzy match may still find catalog entities such as `search` for `srch-…`.)
    expect(
      (await search(veraToken, name)).filter(
        r => r.type !== 'software-catalog',
      ),
    ).toEqual([]);
    expect(await search(veraToken, name, 'infra-request')).toEqual([]);
    expect(await search(veraToken, name, 'approval-request')).toEqual([]);
  });
});
