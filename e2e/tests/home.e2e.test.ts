import { api, submitBucketRequest, tokenFor, waitFor } from '../support/api';
import { signInAs } from '../support/browser';
import { screenshotForDocs } from '../support/docsScreenshot';
import { usePortalAndBrowser } from '../support/portal';

describe('home page and branding, end to end', () => {
  const env = usePortalAndBrowser();

  it("shows the approver what waits for them and the developer their open request, under Gantry's own sidebar", async () => {
    const name = `e2e-home-${Date.now().toString(36)}`;

    // 1. The developer requests a bucket; its plan opens an approval for the approvers.
    const devToken = await tokenFor(env.portal.baseUrl, 'dev');
    const created = await submitBucketRequest(
      env.portal.baseUrl,
      devToken,
      name,
      'Home page end-to-end test',
    );
    const requestId: string = created.id;
    const approvalId = await waitFor('the plan to reach approval', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/infra/requests/${requestId}`,
      );
      return res.body.status === 'awaiting_approval'
        ? (res.body.approvalId as string)
        : undefined;
    });

    // 2. The approver's home page counts it and links it.
    const alan = await signInAs(env.browser, env.portal.baseUrl, 'alan');
    const waiting = alan.getByRole('region', {
      name: 'Waiting for my approval',
    });
    await waiting.getByText('1 request waits for your decision').waitFor();
    const approvalLink = waiting.getByRole('link', { name: new RegExp(name) });
    expect(await approvalLink.getAttribute('href')).toBe(
      `/approvals/requests/${approvalId}`,
    );

    // 3. The developer's home page lists it among their open requests, with its status.
    const dev = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    const open = dev.getByRole('region', { name: 'My open requests' });
    const requestLink = open.getByRole('link', { name, exact: true });
    await requestLink.waitFor();
    expect(await requestLink.getAttribute('href')).toBe(
      `/infra/requests/${requestId}`,
    );
    await open.getByText(/awaiting approval/i).waitFor();
    await dev
      .getByRole('region', { name: 'Announcements' })
      .getByRole('listitem')
      .first()
      .waitFor();
    // Greeted by the catalog's name, not the sign-in id.
    await dev
      .getByRole('heading', { name: 'Welcome, Dana Developer', exact: true })
      .waitFor();
    await screenshotForDocs(dev, 'home');

    // 4. "Recently visited" names the pages by their titles; neither Home nor the sign-in
    // page ("Who are you today?") is one of them.
    // A page counts as visited after a second on screen; wait until the visit is stored.
    const visitStored = dev.waitForResponse(
      res =>
        res.url().includes('plugin-home%3Avisits') &&
        res.request().method() === 'PUT',
    );
    await requestLink.click();
    await dev
      .getByRole('heading', { name: `Create s3-bucket ${name}` })
      .waitFor();
    await visitStored;
    // dev has an unread notification (the plan waits for approval); the tab names the page.
    expect(await dev.title()).toBe(`Create s3-bucket ${name} | Gantry`);
    await dev.goBack();
    const recent = dev.getByRole('region', { name: 'Recently visited' });
    const visited = recent.getByRole('link', {
      name: `Create s3-bucket ${name}`,
    });
    await visited.waitFor();
    expect(await visited.getAttribute('href')).toBe(
      `/infra/requests/${requestId}`,
    );
    expect(await recent.innerText()).not.toMatch(/Who are you today/);
    expect(await recent.locator('a[href="/"]').count()).toBe(0);

    // 5. The sidebar says Gantry, not Backstage, and every label fits.
    const sidebar = dev.getByRole('navigation', { name: 'sidebar nav' });
    await sidebar.getByRole('img', { name: 'Gantry' }).waitFor();
    expect(await sidebar.innerText()).not.toMatch(/Backstage/i);
    await sidebar.getByRole('link', { name: 'Infrastructure' }).waitFor();
    const cutOff = await sidebar.evaluate(nav =>
      Array.from(nav.querySelectorAll<HTMLElement>('*'))
        .filter(el => getComputedStyle(el).textOverflow === 'ellipsis')
        .filter(el => el.scrollWidth > el.clientWidth)
        .map(el => el.textContent),
    );
    expect(cutOff).toEqual([]);
  });
});
