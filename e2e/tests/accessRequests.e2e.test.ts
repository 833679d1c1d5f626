import { Page } from 'playwright-core';
import { api, tokenFor, waitFor } from '../support/api';
import { signInAs } from '../support/browser';
import { usePortalAndBrowser } from '../support/portal';

/** How wide the page is, scrolled sideways included. */
const pageScrollWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth);

/** Whether the policy allows `rbac.access.read` (the admin-only Access page) to the token's user. */
async function mayReadAccess(baseUrl: string, token: string) {
  const { body } = await api(baseUrl, token, '/api/permission/authorize', {
    method: 'POST',
    body: {
      items: [
        {
          id: 'e2e',
          permission: {
            type: 'basic',
            name: 'rbac.access.read',
            attributes: { action: 'read' },
          },
        },
      ],
    },
  });
  return body.items[0].result === 'ALLOW';
}

const NOT_ALLOWED = 'You are not allowed to see this page';
const ACCESS_PAGE = 'Who holds which role, and what each role allows';

/** Opens the admin-only Access page and says which of the two pages it showed. */
async function openAccessPage(page: Page): Promise<'allowed' | 'denied'> {
  await page.goto('/rbac');
  const allowed = page.getByText(ACCESS_PAGE);
  const denied = page.getByText(NOT_ALLOWED);
  await allowed.or(denied).first().waitFor();
  return (await allowed.count()) > 0 ? 'allowed' : 'denied';
}

// The e2e config offers the admin role for 20 seconds (e2e/app-config.e2e.yaml) and sweeps
// expired grants every 2 seconds.
const GRANT_SECONDS = 20;
/** How long after its expiry a grant may still be honoured: the sweep and the policy's refresh. */
const EXPIRY_BOUND_MS = 30_000;

describe('access requests, end to end', () => {
  const env = usePortalAndBrowser();

  it('a developer asks for admin for 20 s, an admin approves in the inbox, the role works, then it is gone', async () => {
    const baseUrl = env.portal.baseUrl;
    const reason = `Rotating the signing keys (e2e ${Date.now()})`;
    const devToken = await tokenFor(baseUrl, 'dev');

    // 0. Dana is a developer, not an admin: no Access page.
    const dev = await signInAs(env.browser, baseUrl, 'dev');
    expect(await openAccessPage(dev)).toBe('denied');

    // 1. She asks for the admin role for 20 seconds, on a phone-sized screen.
    await dev.setViewportSize({ width: 390, height: 844 });
    await dev.goto('/access-requests');
    await dev.getByLabel('Access', { exact: true }).selectOption('admin');
    await dev.getByLabel('For how long').selectOption(`${GRANT_SECONDS}s`);
    // Too short a reason is refused in the form, in plain words.
    await dev.getByLabel('Reason').fill('keys');
    await dev.getByRole('button', { name: 'Ask for access' }).click();
    await dev.getByText(/at least 10 characters/).waitFor();
    await dev.getByLabel('Reason').fill(reason);
    await dev.getByRole('button', { name: 'Ask for access' }).click();
    const created = dev.getByTestId('access-request-created');
    await created.waitFor();
    expect(await created.textContent()).toContain('Awaiting approval');
    const approvalLink = created.getByRole('link', {
      name: 'Open its approval request',
    });
    const approvalPath = new URL(
      (await approvalLink.getAttribute('href'))!,
      baseUrl,
    ).pathname;
    expect(approvalPath).toMatch(/^\/approvals\/requests\/.+/);
    // Her list shows it waiting, on the screen: nothing scrolls sideways, the table neither.
    const waiting = dev
      .getByTestId('access-request-status')
      .filter({ hasText: 'Awaiting approval' })
      .first();
    await waiting.waitFor();
    expect(await pageScrollWidth(dev)).toBeLessThanOrEqual(390);
    const chip = (await waiting.boundingBox())!;
    expect(chip.x + chip.width).toBeLessThanOrEqual(390);
    expect(await mayReadAccess(baseUrl, devToken)).toBe(false);

    // 2. Ada, a platform admin, finds it in her inbox and approves it.
    const ada = await signInAs(env.browser, baseUrl, 'ada');
    await ada.goto('/approvals');
    await ada.locator(`a[href="${approvalPath}"]`).first().click();
    const approve = ada.getByRole('button', { name: 'Approve' });
    await approve.click();
    await approve.waitFor({ state: 'detached' });
    // Approved, then carried out by the access-requests plugin (the grant): either may show.
    await ada
      .getByTestId('approval-status')
      .filter({ hasText: /^(Approved|In progress|Completed)$/ })
      .first()
      .waitFor();
    const approvedAt = Date.now();

    // 3. The role works: the policy allows Dana the admin-only Access page.
    await waitFor(
      'the grant to be honoured',
      async () => ((await mayReadAccess(baseUrl, devToken)) ? true : undefined),
      15_000,
    );
    const honouredAfterMs = Date.now() - approvedAt;
    await dev.setViewportSize({ width: 1280, height: 800 });
    expect(await openAccessPage(dev)).toBe('allowed');
    await dev.getByRole('link', { name: 'Access', exact: true }).waitFor();

    // Her list says until when.
    await dev.goto('/access-requests');
    await dev
      .getByTestId('access-request-status')
      .filter({ hasText: 'Active' })
      .first()
      .waitFor();
    expect(await dev.getByTestId('grant-expiry').first().textContent()).toMatch(
      /^Until /,
    );
    const { body: mine } = await api(
      baseUrl,
      devToken,
      '/api/access-requests/requests?scope=mine',
    );
    const granted = mine.items.find(
      (r: { reason: string }) => r.reason === reason,
    );
    expect(granted.status).toBe('active');
    const expiresAt = Date.parse(granted.expiresAt);
    expect(expiresAt - Date.parse(granted.grantedAt)).toBe(
      GRANT_SECONDS * 1000,
    );

    // 4. The grant ends on its own: the policy stops allowing it, without a restart.
    await waitFor(
      'the grant to stop being honoured',
      async () => ((await mayReadAccess(baseUrl, devToken)) ? undefined : true),
      expiresAt + EXPIRY_BOUND_MS - Date.now(),
      500,
    );
    const deniedAfterExpiryMs = Date.now() - expiresAt;
    expect(await openAccessPage(dev)).toBe('denied');
    expect(
      await dev.getByRole('link', { name: 'Access', exact: true }).count(),
    ).toBe(0);

    // 5. Her list shows it expired (the sweep marks it within seconds).
    await waitFor(
      'the request to show expired',
      async () => {
        await dev.goto('/access-requests');
        const expired = dev
          .getByTestId('access-request-status')
          .filter({ hasText: 'Expired' });
        await dev.getByTestId('access-request-status').first().waitFor();
        return (await expired.count()) > 0 ? true : undefined;
      },
      EXPIRY_BOUND_MS,
      1_000,
    );

    // Numbers for the report.
    // eslint-disable-next-line no-console
    console.log(
      `access requests e2e: grant honoured ${honouredAfterMs} ms after the approval; ` +
        `denied ${deniedAfterExpiryMs} ms after expiresAt`,
    );
  });
  it("cancelling a request on its page takes its approval out of the approvers' inbox", async () => {
    const baseUrl = env.portal.baseUrl;
    const reason = `Covering the approvals rota (e2e ${Date.now()})`;
    const dev = await signInAs(env.browser, baseUrl, 'dev');
    await dev.goto('/access-requests');
    await dev
      .getByLabel('Access', { exact: true })
      .selectOption('group:default/approvers');
    await dev.getByLabel('For how long').selectOption('1h');
    await dev.getByLabel('Reason').fill(reason);
    await dev.getByRole('button', { name: 'Ask for access' }).click();
    const created = dev.getByTestId('access-request-created');
    await created.waitFor();
    const approvalId = (await created
      .getByRole('link', { name: 'Open its approval request' })
      .getAttribute('href'))!
      .split('/')
      .pop()!;

    const adaToken = await tokenFor(baseUrl, 'ada');
    const inbox = async () =>
      (
        await api(
          baseUrl,
          adaToken,
          '/api/approvals/requests?assignedToMe=true&status=pending&limit=100',
        )
      ).body.items.map((r: { id: string }) => r.id);
    expect(await inbox()).toContain(approvalId);

    await dev
      .getByRole('row')
      .filter({ hasText: reason })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await dev.getByText('Request cancelled').waitFor();

    const { body: approval } = await api(
      baseUrl,
      adaToken,
      `/api/approvals/requests/${approvalId}`,
    );
    expect(approval.status).toBe('cancelled');
    expect(await inbox()).not.toContain(approvalId);
    await dev.context().close();
  });
});
