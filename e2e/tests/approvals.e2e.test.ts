import { Page } from 'playwright-core';
import { signInAs } from '../support/browser';
import { usePortalAndBrowser } from '../support/portal';

/** How wide the page is, scrolled sideways included. */
const pageScrollWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth);

describe('approvals, end to end', () => {
  const env = usePortalAndBrowser();

  it('a developer asks, an approver approves in the inbox, the developer sees it approved', async () => {
    const title = `Demo request ${Date.now()}`;

    // 1. The developer runs the dev-only template that asks for approval.
    const dev = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    await dev.goto('/create/templates/default/approval-demo');
    await dev.getByLabel('Title').first().fill(title);
    await dev.getByLabel('Reason').first().fill('Testing the approvals flow');
    await dev.getByRole('button', { name: 'Review' }).click();
    await dev.getByRole('button', { name: 'Create' }).click();
    const openRequest = dev.getByRole('link', {
      name: /Open the approval request/,
    });
    await openRequest.waitFor({ timeout: 60_000 });
    const requestPath = new URL(
      (await openRequest.getAttribute('href'))!,
      env.portal.baseUrl,
    ).pathname;

    // 2. The approver finds it in the inbox and approves it, on a phone-sized screen.
    const alan = await signInAs(env.browser, env.portal.baseUrl, 'alan');
    await alan.setViewportSize({ width: 390, height: 844 });
    await alan.goto('/approvals');
    const inboxRow = alan.getByRole('link', { name: title });
    await inboxRow.waitFor();
    expect(await pageScrollWidth(alan)).toBeLessThanOrEqual(390);
    await inboxRow.click();

    // People by their names from the catalog, linked to their pages, not as refs.
    await alan.getByRole('link', { name: 'Dana Developer' }).first().waitFor();
    expect(
      await alan.getByText('user:default/dev', { exact: true }).count(),
    ).toBe(0);
    const approve = alan.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    // Nothing scrolls sideways, and the buttons are on the screen.
    expect(await pageScrollWidth(alan)).toBeLessThanOrEqual(390);
    const box = (await approve.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    // From here on, reading the request takes seconds, as on a slow backend: the page
    // must show the outcome from the decision's own answer, not from reading it again.
    const readRequest = `**/api${requestPath}`;
    await alan.route(readRequest, async route => {
      if (route.request().method() === 'GET') {
        // Unref'd so a read still waiting at the end does not hold the test run open.
        await new Promise(resolve => setTimeout(resolve, 5_000).unref());
      }
      await route.fallback();
    });
    await alan.getByLabel('Comment').fill('Looks fine');
    await approve.click();
    await approve.waitFor({ state: 'detached', timeout: 1_500 });
    expect(await alan.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    await alan
      .getByTestId('approval-status')
      .filter({ hasText: 'Approved' })
      .first()
      .waitFor({ timeout: 1_500 });
    expect(
      await alan
        .getByTestId('approval-status')
        .filter({ hasText: 'Awaiting approval' })
        .count(),
    ).toBe(0);
    await alan.getByText('1 of 1').waitFor({ timeout: 1_500 });
    await alan.unroute(readRequest);
    // The confirmation is brief and out of the way: at the bottom of the screen, not over the
    // page's header and status, and gone after a few seconds rather than stacking up.
    const toast = alan.getByRole('alert').filter({ hasText: 'Approved' });
    await toast.waitFor();
    expect((await toast.boundingBox())!.y).toBeGreaterThan(844 / 2);
    await toast.waitFor({ state: 'hidden', timeout: 8_000 });

    // 3. The developer sees the request approved, and cannot decide it.
    await dev.goto(requestPath);
    await dev.getByText(title).first().waitFor();
    await dev
      .getByTestId('approval-status')
      .filter({ hasText: 'Approved' })
      .first()
      .waitFor();
    expect(await dev.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // The developer's own list shows it too.
    await dev.goto('/approvals/mine');
    await dev.getByRole('link', { name: title }).waitFor();
  });
});
