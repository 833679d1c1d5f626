import { readFileSync } from 'node:fs';
import { signInAs } from '../support/browser';
import { usePortalAndBrowser } from '../support/portal';

const catalogUrl = (owner: 'owned' | 'all') =>
  `/catalog?filters%5Buser%5D=${owner}&filters%5Bkind%5D=component`;

describe('portal smoke test', () => {
  const env = usePortalAndBrowser();

  it('signs in as a sample user and lists the sample components', async () => {
    const page = await signInAs(env.browser, env.portal.baseUrl, 'dev');

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

    // At 1280 px the filter column is narrow; "Owned" and "Starred" show whole, not cut
    // to "Owne" and "Starre".
    const userListLabels = page.locator(
      '[data-testid^="user-picker-"] [class*="MuiListItemText-root"]',
    );
    expect(await userListLabels.count()).toBe(3);
    const clipped = await userListLabels.evaluateAll(labels =>
      labels
        .filter(label => label.scrollWidth > label.clientWidth)
        .map(label => label.textContent),
    );
    expect(clipped).toEqual([]);

    // Settings' profile is the catalog's ("Dana Developer", her email), not the sign-in id.
    await page.goto('/settings');
    await page.getByText('dana@gantry.example').first().waitFor();
    await page.close();
  });

  it('shows each role what it may do: viewer, developer, admin', async () => {
    const denial = 'You are not allowed to see this page';
    const templateCard = 'Request an S3 bucket';
    const see = async (name: string) => {
      const page = await signInAs(env.browser, env.portal.baseUrl, name);
      const createInSidebar = page.getByRole('link', { name: 'Create...' });
      // The catalog pages render once the permission answers are in.
      await page.goto(catalogUrl('all'));
      await page
        .getByRole('link', { name: 'payments-api', exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      const sidebarCreate = await createInSidebar.count();
      await page.goto('/create');
      const create = page.getByText(denial).or(page.getByText(templateCard));
      await create.first().waitFor({ timeout: 30_000 });
      const createDenied = await page.getByText(denial).count();
      await page.goto('/catalog-import');
      await page
        .getByText(denial)
        .or(page.getByText(/Start tracking your component/i))
        .first()
        .waitFor({ timeout: 30_000 });
      const importDenied = await page.getByText(denial).count();
      const sidebarAccess = await page
        .getByRole('link', { name: 'Access', exact: true })
        .count();
      const sidebarAudit = await page
        .getByRole('link', { name: 'Audit' })
        .count();
      await page.goto('/rbac');
      const rolesListed = page.getByText('Reads the catalog, nothing else.');
      await page
        .getByText(denial)
        .or(rolesListed)
        .first()
        .waitFor({ timeout: 30_000 });
      const rbacDenied = await page.getByText(denial).count();
      // A denial names the roles that would allow it, once the page has asked.
      const neededRole =
        rbacDenied > 0
          ? await page.getByText(/You need the admin role/).textContent()
          : null;
      await page.context().close();
      return {
        sidebarCreate: sidebarCreate > 0,
        createDenied: createDenied > 0,
        importDenied: importDenied > 0,
        sidebarAccess: sidebarAccess > 0,
        sidebarAudit: sidebarAudit > 0,
        rbacDenied: rbacDenied > 0,
        neededRole: neededRole !== null,
      };
    };

    // viewer: no Create, a friendly denial instead of the pages
    expect(await see('vera')).toEqual({
      sidebarCreate: false,
      createDenied: true,
      importDenied: true,
      sidebarAccess: false,
      sidebarAudit: false,
      rbacDenied: true,
      neededRole: true,
    });
    // developer: Create with the developer templates, no admin page
    expect(await see('dev')).toEqual({
      sidebarCreate: true,
      createDenied: false,
      importDenied: true,
      sidebarAccess: false,
      sidebarAudit: false,
      rbacDenied: true,
      neededRole: true,
    });
    // admin: everything
    expect(await see('ada')).toEqual({
      sidebarCreate: true,
      createDenied: false,
      importDenied: false,
      sidebarAccess: true,
      sidebarAudit: true,
      rbacDenied: false,
      neededRole: false,
    });
  });

  it("answers an admin's question: what can dev do, and which role gave it", async () => {
    const page = await signInAs(env.browser, env.portal.baseUrl, 'ada');
    // The permissions come from the running plugins' metadata; the decisions from the roles.
    // Right after start-up the catalog may not hold the users yet (the page says so).
    const answer = page.getByText('What Dana Developer can do');
    const notYet = page.getByText(/not been read from the catalog yet/);
    for (let attempt = 0; attempt < 20; attempt++) {
      await page.goto('/rbac/user?userRef=user%3Adefault%2Fdev');
      await answer.or(notYet).first().waitFor({ timeout: 30_000 });
      if ((await answer.count()) > 0) break;
      await new Promise(resolve => setTimeout(resolve, 1_000));
    }
    await page.getByPlaceholder('Filter').fill('infra.request.create');
    const row = page.getByRole('row', { name: /infra\.request\.create/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Allowed.*developer/);
    await page.context().close();
  });

  it('lets the admin search the audit trail by actor and export it; a developer is told who may', async () => {
    const page = await signInAs(env.browser, env.portal.baseUrl, 'ada');
    // Signing in and reading the catalog left events behind, with ada as the actor.
    await page.goto('/audit');
    await page.getByLabel('Actor').fill('user:default/ada');
    await page.waitForURL(/actor=user%3Adefault%2Fada/);
    const row = page.getByRole('row', { name: /user:default\/ada/ }).first();
    await row.waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /export/i }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /csv/i }).click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(
      lines.slice(1).every(line => line.includes('user:default/ada')),
    ).toBe(true);
    await page.context().close();

    const dev = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    await dev.goto('/audit');
    await dev.getByText(/You need the admin role/).waitFor({ timeout: 30_000 });
    await dev.context().close();
  });

  it('offers every configured sample user on the sign-in page', async () => {
    const page = await env.browser.newPage({ baseURL: env.portal.baseUrl });
    await page.goto('/');
    for (const user of ['dev', 'linus', 'alan', 'grace', 'ada', 'vera']) {
      await page.getByRole('button', { name: `Sign in as ${user}` }).waitFor();
    }
    await page.close();
  });
});
