import { api, tokenFor, waitFor } from '../support/api';
import { signInAs } from '../support/browser';
import { usePortalAndBrowser } from '../support/portal';

describe('operations dashboard', () => {
  const env = usePortalAndBrowser();

  it('opens from the sidebar for an admin, with its charts and the health card', async () => {
    const page = await signInAs(env.browser, env.portal.baseUrl, 'ada');
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Operations' })
      .click();
    await page.waitForURL(/\/ops$/);
    await page.getByRole('heading', { name: 'Operations' }).first().waitFor();
    // The cards' titles (InfoCard titles are not headings).
    for (const title of [
      'Requests per day',
      'Time to approval and to applied',
      'Waiting for approval',
      'Failures',
      'Health',
    ]) {
      await page.getByText(title, { exact: true }).waitFor({ timeout: 30_000 });
    }
    // The real Terraform CLI on PATH, as GET /api/infra/health reports it.
    await page.getByText(/^Terraform \d+\.\d+\.\d+ \(/).waitFor();
    await page.getByText(/busy, \d+ idle of \d+ on this replica/).waitFor();
    await page.close();
  });

  it('is not offered to a developer, and its API answers them 403', async () => {
    const page = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    // The sidebar renders its permission-gated items once the answers are in.
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Create...' })
      .waitFor();
    expect(
      await page
        .getByTestId('sidebar-root')
        .getByRole('link', { name: 'Operations' })
        .count(),
    ).toBe(0);
    await page.goto('/ops');
    await page.getByText('You are not allowed to see this page').waitFor();
    await page.close();

    const dev = await tokenFor(env.portal.baseUrl, 'dev');
    const stats = await api(env.portal.baseUrl, dev, '/api/infra/ops/stats', {
      allow: [403],
    });
    expect(stats.status).toBe(403);
    const ada = await tokenFor(env.portal.baseUrl, 'ada');
    const health = await api(env.portal.baseUrl, ada, '/api/infra/ops/health');
    expect(health.body.sweeper.state).toBe('known');
  });

  it("shows the catalog provider's last refresh, which the catalog backend reported", async () => {
    const ada = await tokenFor(env.portal.baseUrl, 'ada');
    // The provider refreshes every 5 s here (e2e/app-config.e2e.yaml) and reports each one.
    const provider = await waitFor('a catalog refresh report', async () => {
      const { body } = await api(
        env.portal.baseUrl,
        ada,
        '/api/infra/ops/health',
      );
      return body.catalogProvider.state === 'known'
        ? body.catalogProvider
        : undefined;
    });
    expect(provider).toEqual(
      expect.objectContaining({
        succeeded: true,
        entities: expect.any(Number),
      }),
    );
    const page = await signInAs(env.browser, env.portal.baseUrl, 'ada');
    await page.goto('/ops');
    await page
      .getByText(/^Last refresh .+: \d+ resources? in the catalog$/)
      .waitFor({ timeout: 30_000 });
    await page.close();
  });
});
