import { Browser } from 'playwright-core';
import { launchBrowser, signInAs } from '../support/browser';
import { Portal, startPortal } from '../support/portal';

describe('approvals, end to end', () => {
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

  it('a developer asks, an approver approves in the inbox, the developer sees it approved', async () => {
    const title = `Demo request ${Date.now()}`;

    // 1. The developer runs the dev-only template that asks for approval.
    const dev = await signInAs(browser, portal.baseUrl, 'dev');
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
      portal.baseUrl,
    ).pathname;

    // 2. The approver finds it in the inbox and approves it.
    const alan = await signInAs(browser, portal.baseUrl, 'alan');
    await alan.goto('/approvals');
    await alan.getByRole('link', { name: title }).click();
    await alan.getByLabel('Comment').fill('Looks fine');
    await alan.getByRole('button', { name: 'Approve' }).click();
    await alan.getByText('approved', { exact: true }).first().waitFor();

    // 3. The developer sees the request approved, and cannot decide it.
    await dev.goto(requestPath);
    await dev.getByText(title).first().waitFor();
    await dev.getByText('approved', { exact: true }).first().waitFor();
    expect(await dev.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // The developer's own list shows it too.
    await dev.goto('/approvals/mine');
    await dev.getByRole('link', { name: title }).waitFor();
  });
});
