import { api, submitBucketRequest, tokenFor, waitFor } from '../support/api';
import { signInAs } from '../support/browser';
import { screenshotForDocs } from '../support/docsScreenshot';
import { usePortalAndBrowser } from '../support/portal';
import { Locator } from 'playwright-core';

/** The colour an element is seen on: its own background, or its nearest ancestor's. */
const backdropOf = (locator: Locator) =>
  locator.evaluate(element => {
    for (let at: Element | null = element; at; at = at.parentElement) {
      const color = getComputedStyle(at).backgroundColor;
      if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
    }
    return undefined;
  });

// Runs the embedded default: the real `terraform` on the sandbox modules where it is on PATH,
// the CLI test double elsewhere (scripts/test-all.sh says which).
describe('infrastructure self-service, end to end', () => {
  const env = usePortalAndBrowser();

  it('request an S3 bucket, approve its plan, see it applied and in the catalog, then destroy it', async () => {
    const name = `e2e-bucket-${Date.now().toString(36)}`;
    const devToken = await tokenFor(env.portal.baseUrl, 'dev');

    // 1. The developer requests a bucket through the template form. The Create page says what
    // users do here and lists infrastructure requests first, the samples last.
    const dev = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    await dev.goto('/create');
    await dev
      .getByRole('heading', {
        name: 'Request infrastructure or create a component',
      })
      .waitFor();
    await dev.getByText('Request an S3 bucket').first().waitFor();
    const lines = (await dev.locator('article').first().innerText())
      .split('\n')
      .map(line => line.trim());
    const groups = [
      'Request infrastructure',
      'Create a component',
      'Samples (development only)',
    ].map(group => lines.indexOf(group));
    expect(groups[0]).toBeGreaterThanOrEqual(0);
    expect(groups[0]).toBeLessThan(lines.indexOf('Request an S3 bucket'));
    expect(lines.indexOf('Request an S3 bucket')).toBeLessThan(groups[2]);
    // The browser tab names the page, not its last group of templates.
    await dev.waitForTimeout(1000); // the tab's title follows the page a moment later
    expect(await dev.title()).toBe('Create | Gantry');
    await dev.goto('/create/templates/default/request-s3-bucket');

    // Form errors speak plainly and sit under their fields: no regular expression, and no
    // native browser tooltip (a required field is flagged by the form when Next is pressed).
    await dev.getByLabel('Name').first().fill('Bad_Name');
    await dev.getByRole('button', { name: 'Next' }).click();
    await dev
      .getByText(
        'Use 3 to 42 lowercase letters, digits and dashes, starting with a letter and not ending with a dash',
      )
      .first()
      .waitFor();
    await dev.getByText('Required').first().waitFor();
    expect(await dev.locator('body').innerText()).not.toMatch(
      /must match pattern|\^\[a-z\]/,
    );
    await dev.getByLabel('Name').first().fill(name);
    const owner = dev.getByLabel('Owner').first();
    await owner.click();
    await owner.fill('Payments');
    await dev
      .getByRole('option', { name: /payments/i })
      .first()
      .click();
    await dev
      .getByLabel('Justification')
      .first()
      .fill('Logs for the payments service, end-to-end test');
    await dev.getByRole('button', { name: 'Next' }).click();
    // The last form step prices the request before it is submitted.
    await dev.getByRole('button', { name: 'Next' }).click();
    await dev
      .getByText(/storage at \$[0-9.]+\/GB-month/)
      .first()
      .waitFor();
    await dev.getByRole('button', { name: 'Review' }).click();
    await dev.getByRole('button', { name: 'Create' }).click();
    // The task page renders the template's output links only from a completed task's output.
    const requestLink = dev.getByRole('link', {
      name: 'Provisioning request',
      exact: true,
    });
    await requestLink.waitFor({ timeout: 90_000 });
    const taskId = /\/create\/tasks\/([^/?#]+)/.exec(dev.url())?.[1];
    expect(taskId).toBeDefined();
    const task = await api(
      env.portal.baseUrl,
      devToken,
      `/api/scaffolder/v2/tasks/${taskId}`,
    );
    expect(task.body.status).toBe('completed');
    const requestPath = new URL(
      (await requestLink.getAttribute('href'))!,
      env.portal.baseUrl,
    ).pathname;
    expect(requestPath).toMatch(
      /^\/infra\/requests\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const requestId = requestPath.split('/').pop()!;
    // The template only queued the request: the plan runs as a job, then opens the approval.
    await waitFor('the plan to reach approval', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/infra/requests/${requestId}`,
      );
      return res.body.status === 'awaiting_approval' ? true : undefined;
    });

    // 2. An approver sees the plan summary in the inbox and approves.
    const alan = await signInAs(env.browser, env.portal.baseUrl, 'alan');
    await alan.goto('/approvals');
    await alan.getByRole('link', { name: new RegExp(name) }).click();
    await alan.getByTestId('plan-summary').waitFor();
    expect(await alan.getByTestId('plan-add-count').textContent()).toMatch(
      /[1-9]/,
    );
    // The sandbox module on the real CLI, or the AWS-shaped plan of the CLI test double.
    await alan
      .getByText(
        /^module\.resource\.(terraform_data\.bucket|aws_s3_bucket\.this)$/,
      )
      .first()
      .waitFor();
    // The status in the header sits on paper, readable on the header's colours.
    const headerStatus = alan.locator('header').getByTestId('approval-status');
    expect(await headerStatus.textContent()).toBe('Awaiting approval');
    expect(await backdropOf(headerStatus)).toBe('rgb(255, 255, 255)');
    await screenshotForDocs(alan, 'approval-page');
    await alan.getByLabel('Comment').fill('Plan looks right');
    await alan.getByRole('button', { name: 'Approve' }).click();

    // 3. The apply runs; 4. the developer sees the outputs on the request page.
    await dev.goto(requestPath);
    await dev
      .getByText(`arn:aws:s3:::${name}`)
      .first()
      .waitFor({ timeout: 60_000 });
    const applied = await api(
      env.portal.baseUrl,
      devToken,
      `/api/infra/requests/${requestId}`,
    );
    expect(applied.body.status).toBe('applied');
    expect(applied.body.outputs.bucket_name).toBe(name);
    // The request page's audit timeline names the approver and their comment.
    await dev.getByText('approved: “Plan looks right”').waitFor();
    // The applied request links to its new catalog entity, and names its requester by name.
    expect(
      await dev
        .getByTestId('infra-request-entity')
        .getByRole('link')
        .getAttribute('href'),
    ).toBe(`/catalog/default/resource/${name}`);
    const requesterRow = dev
      .getByRole('row')
      .filter({ hasText: /^requester/i });
    await requesterRow
      .getByRole('link', { name: 'Dana Developer', exact: true })
      .waitFor();
    expect(await requesterRow.textContent()).not.toContain('user:default/dev');
    await screenshotForDocs(dev, 'request-page');
    // The request page works on a phone: nothing is wider than a 390 px screen.
    await dev.setViewportSize({ width: 390, height: 844 });
    expect(
      await dev.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await dev.setViewportSize({ width: 1280, height: 720 });

    // Every step is in the audit trail: plan and apply under the request's id, each with its
    // initiated and succeeded records under one correlation id, and alan's approval as alan.
    const adaToken = await tokenFor(env.portal.baseUrl, 'ada');
    type Entry = {
      eventId: string;
      outcome: string;
      correlationId: string;
      actor: { ref?: string };
    };
    const trail = (
      await api<{ items: Entry[] }>(
        env.portal.baseUrl,
        adaToken,
        `/api/audit/events?target=${requestId}&limit=200`,
      )
    ).body.items;
    for (const eventId of ['infra-request-plan', 'infra-request-apply']) {
      const records = trail.filter(e => e.eventId === eventId);
      expect(records.map(e => e.outcome).sort()).toEqual([
        'initiated',
        'succeeded',
      ]);
      expect(new Set(records.map(e => e.correlationId)).size).toBe(1);
    }
    const decision = (
      await api<{ items: Entry[] }>(
        env.portal.baseUrl,
        adaToken,
        `/api/audit/events?eventId=approval-request-decide&outcome=succeeded&actor=user:default/alan`,
      )
    ).body.items;
    expect(decision.length).toBeGreaterThanOrEqual(1);
    const verified = await api(
      env.portal.baseUrl,
      adaToken,
      '/api/audit/verify',
    );
    expect(verified.body).toMatchObject({ ok: true });

    // The bucket appears in the catalog as a Resource owned by the team.
    const entity = await waitFor('the catalog entity', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/catalog/entities/by-name/resource/default/${name}`,
        { allow: [404] },
      );
      return res.status === 200 ? res.body : undefined;
    });
    expect(entity.spec.type).toBe('s3-bucket');
    expect(entity.spec.owner).toBe('group:default/team-payments');

    // 5. A destroy request from the entity page goes through approval and removes it. The
    // page's activity card, for the owning team, says who had it provisioned.
    await dev.goto(`/catalog/default/resource/${name}`);
    // By name, not by ref.
    await dev.getByText('provisioned it for Dana Developer').first().waitFor();
    await dev.getByTestId('request-destroy').click();
    const dialog = dev.getByRole('dialog');
    await dialog
      .getByLabel(/Justification/)
      .fill('Test finished, removing the bucket');
    // Destroy needs the resource's name typed out, exactly.
    const submitDestroy = dialog.getByRole('button', {
      name: 'Request destroy',
    });
    expect(await submitDestroy.isDisabled()).toBe(true);
    await dialog.getByLabel('Resource name').fill(name.toUpperCase());
    expect(await submitDestroy.isDisabled()).toBe(true);
    await dialog.getByLabel('Resource name').fill(name);
    await submitDestroy.click();
    const destroyLink = dialog.getByRole('link', {
      name: 'Open the destroy request',
    });
    const destroyPath = (await destroyLink.getAttribute('href'))!;
    expect(destroyPath).toMatch(/^\/infra\/requests\/[0-9a-f-]{36}$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // While the destroy waits, the entity page says so and offers no second one.
    await dev
      .getByTestId('infra-destroy-pending')
      .getByText('Destroy pending approval')
      .waitFor();
    expect(await dev.getByTestId('request-destroy').count()).toBe(0);

    await alan.goto('/approvals');
    await alan
      .getByRole('link', { name: new RegExp(`Destroy.*${name}`) })
      .click();
    await alan.getByTestId('plan-destroy-count').waitFor();
    expect(await alan.getByTestId('plan-destroy-count').textContent()).toMatch(
      /[1-9]/,
    );
    await alan.getByRole('button', { name: 'Approve' }).click();

    await waitFor('the entity to leave the catalog', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/catalog/entities/by-name/resource/default/${name}`,
        { allow: [404] },
      );
      return res.status === 404 ? true : undefined;
    });

    // The finished destroy request says Destroyed, not Applied.
    await waitFor('the destroy to be applied', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/infra/requests/${destroyPath.split('/').pop()}`,
      );
      return res.body.status === 'applied' ? true : undefined;
    });
    await dev.goto(destroyPath);
    await dev
      .getByRole('heading', { name: `Destroy s3-bucket ${name}` })
      .waitFor();
    await dev.getByText('Destroyed', { exact: true }).first().waitFor();
    expect(await dev.getByText('Applied', { exact: true }).count()).toBe(0);
  });

  it('tells the requester who rejected a request and why, and lists no resource that never existed', async () => {
    const name = `e2e-rejected-${Date.now().toString(36)}`;
    const devToken = await tokenFor(env.portal.baseUrl, 'dev');
    const alanToken = await tokenFor(env.portal.baseUrl, 'alan');
    const created = await submitBucketRequest(
      env.portal.baseUrl,
      devToken,
      name,
      'A bucket the approver will reject',
    );
    const planned = await waitFor('the plan to reach approval', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/infra/requests/${created.id}`,
      );
      return res.body.status === 'awaiting_approval' ? res.body : undefined;
    });
    await api(
      env.portal.baseUrl,
      alanToken,
      `/api/approvals/requests/${planned.approvalId}/decision`,
      {
        method: 'POST',
        body: { decision: 'reject', comment: 'Use the shared logs bucket' },
      },
    );
    await waitFor('the request to end rejected', async () => {
      const res = await api(
        env.portal.baseUrl,
        devToken,
        `/api/infra/requests/${created.id}`,
      );
      return res.body.status === 'rejected' ? true : undefined;
    });

    const dev = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    await dev.goto(`/infra/requests/${created.id}`);
    const decision = dev.getByTestId('infra-request-decision');
    await decision.getByText('“Use the shared logs bucket”').waitFor();
    await decision
      .getByRole('link', { name: 'Alan Approver', exact: true })
      .waitFor();
    expect(await decision.textContent()).toMatch(/^Rejected by Alan Approver/);
    expect(await dev.getByText(/Outputs appear here/).count()).toBe(0);

    // The bucket never existed: it is not among the resources of the team.
    const mine = await api(
      env.portal.baseUrl,
      devToken,
      '/api/infra/resources?mine=true&limit=100',
    );
    expect(mine.body.items.map((r: { name: string }) => r.name)).not.toContain(
      name,
    );
    await dev.goto('/infra');
    await dev.getByText('Resources owned by my groups').waitFor();
    await dev.getByRole('link', { name, exact: true }).first().waitFor();
    expect(
      await dev.locator(`a[href="/catalog/default/resource/${name}"]`).count(),
    ).toBe(0);
  });

  it('refuses to apply a request that is not approved', async () => {
    const token = await tokenFor(env.portal.baseUrl, 'dev');
    const planned = await api(
      env.portal.baseUrl,
      token,
      '/api/infra/requests',
      {
        method: 'POST',
        body: {
          kind: 'vpc',
          name: `e2e-vpc-${Date.now().toString(36)}`,
          environment: 'sandbox',
          ownerRef: 'group:default/team-payments',
          justification: 'A network for the refusal test',
          parameters: { cidrBlock: '10.42.0.0/16' },
        },
      },
    );
    // Accepted at once; the plan is a job.
    expect(planned.status).toBe(202);
    expect(planned.body.status).toBe('planning');
    await waitFor('the plan to reach approval', async () => {
      const res = await api(
        env.portal.baseUrl,
        token,
        `/api/infra/requests/${planned.body.id}`,
      );
      return res.body.status === 'awaiting_approval' ? true : undefined;
    });
    const refused = await api(
      env.portal.baseUrl,
      token,
      `/api/infra/requests/${planned.body.id}/apply`,
      { method: 'POST', body: {}, allow: [409] },
    );
    expect(refused.status).toBe(409);
  });

  it('shows the approver the instance type diff, a guardrail warning and the monthly cost above the buttons; a denied plan never reaches approval', async () => {
    const token = await tokenFor(env.portal.baseUrl, 'dev');
    const request = (instanceType: string) =>
      api(env.portal.baseUrl, token, '/api/infra/requests', {
        method: 'POST',
        body: {
          kind: 'ec2-instance',
          name: `e2e-vm-${instanceType.replace('.', '-')}-${Date.now().toString(
            36,
          )}`,
          environment: 'sandbox',
          ownerRef: 'group:default/team-payments',
          justification: 'Guardrails in the browser',
          parameters: { instanceType, subnetId: 'subnet-0abc1234' },
        },
      });
    const settled = (id: string) =>
      waitFor('the plan to settle', async () => {
        const res = await api(
          env.portal.baseUrl,
          token,
          `/api/infra/requests/${id}`,
        );
        return ['awaiting_approval', 'failed'].includes(res.body.status)
          ? res.body
          : undefined;
      });
    const [medium, large] = await Promise.all([
      request('t3.medium'),
      request('m6i.large'),
    ]);

    // m6i.large is not allowed in the sandbox: refused before any approval.
    const denied = await settled(large.body.id);
    expect(denied.status).toBe('failed');
    expect(denied.approvalId).toBeUndefined();
    const dev = await signInAs(env.browser, env.portal.baseUrl, 'dev');
    await dev.goto(`/infra/requests/${large.body.id}`);
    await dev
      .getByText(/Refused by the guardrails: Denied by instance-types/)
      .first()
      .waitFor();

    // t3.medium passes with a warning, which the approver reads before deciding.
    const warned = await settled(medium.body.id);
    expect(warned.status).toBe('awaiting_approval');
    const alan = await signInAs(env.browser, env.portal.baseUrl, 'alan');
    await alan.goto(`/approvals/requests/${warned.approvalId}`);
    const warning = alan.getByText(
      'Warning: Larger than t3.small; check that the size and its cost are needed',
    );
    await warning.waitFor();
    await alan
      .getByText(/Estimated monthly cost: \+\$[0-9.]+ \(new\)/)
      .first()
      .waitFor();
    await alan
      .getByText(/instance_type/)
      .first()
      .waitFor();
    await alan
      .getByText(/"t3\.medium"/)
      .first()
      .waitFor();
    const approve = alan.getByRole('button', { name: 'Approve' });
    const [warningBox, approveBox] = await Promise.all([
      warning.boundingBox(),
      approve.boundingBox(),
    ]);
    expect(warningBox!.y).toBeLessThan(approveBox!.y);
    await approve.click();
    await waitFor('the apply', async () => {
      const res = await api(
        env.portal.baseUrl,
        token,
        `/api/infra/requests/${medium.body.id}`,
      );
      return res.body.status === 'applied' ? true : undefined;
    });
  });
});
