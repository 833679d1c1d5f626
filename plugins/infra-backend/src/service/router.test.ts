import { mockCredentials } from '@backstage/backend-test-utils';
import { DatabaseAuditStore } from '@internal/plugin-audit-node';
import { INFRA_APPROVAL_KIND } from '@internal/plugin-infra-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import {
  InfraTestBackend,
  asUser,
  startInfraBackendOn,
  userRef,
} from '../__testUtils__/startInfraBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

describeEach('infra router on %s', databaseId => {
  let knex: Knex;
  let backend: InfraTestBackend;
  let auditStore: DatabaseAuditStore;
  let names = 0;

  beforeAll(async () => {
    ({ knex, backend, auditStore } = await startInfraBackendOn(
      databases,
      databaseId,
    ));
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const uniqueName = () => `rt-${databaseId.toLowerCase()}-${++names}`;

  const s3Body = (overrides: Record<string, unknown> = {}) => ({
    kind: 's3-bucket',
    name: uniqueName().replace(/_/g, '-'),
    environment: 'dev',
    ownerRef: 'group:default/team-payments',
    justification: 'Receipts for the payments service',
    parameters: { versioning: true },
    ...overrides,
  });

  const post = (path: string, who: string, body: object) =>
    request(backend.server)
      .post(`/api/infra${path}`)
      .set('Authorization', asUser(who))
      .send(body);
  const get = (path: string, who = 'dev') =>
    request(backend.server)
      .get(`/api/infra${path}`)
      .set('Authorization', asUser(who));

  /** Submits a request and waits for its plan job, which opens the approval. */
  async function plan(body = s3Body(), who = 'dev') {
    const res = await post('/requests', who, body);
    expect(res.status).toBe(202);
    return waitForStatus(res.body.id, 'awaiting_approval', who);
  }

  /** Delivers the events of a request's approval, as the approvals backend publishes them. */
  function approvalEvents(planned: { approvalId: string }) {
    const approval = backend.approvals.get(planned.approvalId);
    const deliver = (status: string) =>
      backend.deliver({
        topic: 'gantry.approvals',
        eventPayload: {
          requestId: approval.id,
          kind: INFRA_APPROVAL_KIND,
          status,
          payloadHash: approval.payloadHash,
        },
      });
    return { approval, deliver };
  }

  /** Plans a request, approves it and waits for its apply: the resource is then active. */
  async function provision(body = s3Body(), who = 'dev') {
    const planned = await plan(body, who);
    const { approval, deliver } = approvalEvents(planned);
    backend.approvals.setStatus(approval.id, 'approved');
    await deliver('approved');
    const applied = await waitForStatus(planned.id, 'applied');
    await eventually(async () =>
      expect((await get(`/resources/${applied.resourceId}`)).body.status).toBe(
        'active',
      ),
    );
    return applied;
  }

  const requestsFor = async (resourceId: string) =>
    Number(
      (
        await knex('infra_requests')
          .where({ resource_id: resourceId })
          .count({ n: '*' })
      )[0].n,
    );

  /**
   * Retries `check` until it passes: an apply's resource update and audit entry follow the
   * request's change to `applied`, so a test that waited for the status may read before them.
   */
  async function eventually(check: () => Promise<void>) {
    for (let i = 0; ; i++) {
      try {
        await check();
        return;
      } catch (error) {
        if (i >= 100) throw error;
        await new Promise(r => setTimeout(r, 50));
      }
    }
  }

  async function waitForStatus(id: string, status: string, who = 'dev') {
    for (let i = 0; i < 200; i++) {
      const res = await get(`/requests/${id}`, who);
      if (res.body.status === status) return res.body;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`Request ${id} never reached ${status}`);
  }

  it('queues a valid S3 request for its requester, plans it as a job and opens its approval', async () => {
    const body = s3Body({ systemRef: 'system:default/payments' });
    const res = await post('/requests', 'dev', body);
    // Accepted at once: the plan is a job, not part of the HTTP request.
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'planning' });
    const planned = await waitForStatus(res.body.id, 'awaiting_approval');
    expect(planned).toMatchObject({
      operation: 'create',
      kind: 's3-bucket',
      resourceName: body.name,
      environment: 'dev',
      requesterRef: userRef('dev'),
      ownerRef: 'group:default/team-payments',
      systemRef: 'system:default/payments',
      status: 'awaiting_approval',
      parameters: { versioning: true },
    });
    expect(planned.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(planned.planSummary.add).toBeGreaterThanOrEqual(1);
    expect(backend.approvals.get(planned.approvalId)).toMatchObject({
      requesterRef: userRef('dev'),
      approvers: { users: [], groups: ['group:default/approvers'] },
      payload: { infraRequestId: planned.id, planHash: planned.planHash },
    });
    // The approvers the approval was opened with are stored with the link.
    expect(planned.approverRefs).toEqual(['group:default/approvers']);
    expect(
      await knex('infra_request_approvers')
        .where({ request_id: planned.id })
        .pluck('approver_ref'),
    ).toEqual(['group:default/approvers']);
    expect(planned.planSummary.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          address: 'module.resource.aws_s3_bucket.this',
          action: 'create',
        }),
      ]),
    );
    // The plan file itself never leaves the server.
    expect(planned.planFile).toBeUndefined();
  });

  it.each([
    [
      'a public CIDR for a VPC',
      {
        kind: 'vpc',
        parameters: { cidrBlock: '8.8.8.0/24' },
      },
      /parameters\.cidrBlock/,
    ],
    ['an unknown field', { colour: 'blue' }, /colour/],
    ['no justification', { justification: undefined }, /justification/],
    ['a bad name', { name: 'Not_A_Name' }, /name/],
    ['an unknown kind', { kind: 'rds' }, /kind/],
  ])('refuses %s with 400', async (_, overrides, message) => {
    const before = await knex('infra_requests').count({ n: '*' });
    const res = await post('/requests', 'dev', s3Body(overrides));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid request: /);
    expect(res.body.error.message).toMatch(message);
    expect(await knex('infra_requests').count({ n: '*' })).toEqual(before);
  });

  it('stores the estimated monthly cost with the plan and gives it to the approvers', async () => {
    const planned = await plan(
      s3Body({
        kind: 'ec2-instance',
        parameters: {
          instanceType: 't3.small',
          subnetId: 'subnet-0abc1234',
          diskGb: 30,
        },
      }),
    );
    // 730 h × $0.0228 + 30 GB × $0.088 = $16.64 + $2.64
    const expected = expect.objectContaining({
      prices: expect.objectContaining({ region: 'eu-west-1' }),
      lines: [expect.objectContaining({ change: 'new', monthlyAfter: 19.28 })],
      monthly: { new: 19.28, changed: 0, removed: 0, net: 19.28 },
    });
    expect(planned.costEstimate).toEqual(expected);
    const row = await knex('infra_requests').where({ id: planned.id }).first();
    expect(JSON.parse(row.cost_estimate)).toEqual(expected);
    expect(backend.approvals.get(planned.approvalId).details).toMatchObject({
      costEstimate: expected,
    });
  });

  it('estimates the monthly cost of what the request form holds', async () => {
    const res = await post('/estimate', 'dev', {
      kind: 'ec2-instance',
      environment: 'sandbox',
      parameters: { instanceType: 't3.micro', subnetId: 'subnet-0abc1234' },
    });
    expect(res.status).toBe(200);
    // The default 20 GB disk: 730 h × $0.0114 + 20 GB × $0.088
    expect(res.body.monthly.new).toBe(10.08);
    const bucket = await post('/estimate', 'dev', {
      kind: 's3-bucket',
      environment: 'dev',
      parameters: {},
    });
    expect(bucket.status).toBe(200);
    expect(bucket.body.usage).toEqual([
      expect.objectContaining({ change: 'new', perGbMonth: 0.023 }),
    ]);
  });

  it.each([
    ['an unknown instance type', { instanceType: 'x1.huge' }],
    ['a disk too large', { diskGb: 5000 }],
    ['an unknown field', { colour: 'blue' }],
  ])('refuses an estimate with %s with 400', async (_, overrides) => {
    const res = await post('/estimate', 'dev', {
      kind: 'ec2-instance',
      environment: 'dev',
      parameters: {
        instanceType: 't3.micro',
        subnetId: 'subnet-0abc1234',
        ...overrides,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid request: /);
  });

  it('refuses an estimate to whoever may not request infrastructure', async () => {
    const res = await post('/estimate', 'vera', {
      kind: 's3-bucket',
      environment: 'dev',
      parameters: {},
    });
    expect(res.status).toBe(403);
  });

  it('refuses a request for a group the user is not in', async () => {
    const res = await post(
      '/requests',
      'dev',
      s3Body({ ownerRef: 'group:default/team-search' }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/group:default\/team-search/);
    // linus is in it.
    const ok = await post(
      '/requests',
      'linus',
      s3Body({ ownerRef: 'group:default/team-search' }),
    );
    expect(ok.status).toBe(202);
  });

  it('refuses a second resource with the same name', async () => {
    const body = s3Body();
    await plan(body);
    const res = await post('/requests', 'linus', {
      ...body,
      ownerRef: 'group:default/team-search',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(body.name);
  });

  it('lets only the search plugin list every request, and only the catalog every resource', async () => {
    const asPlugin = (subject: string) =>
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service(subject),
        targetPluginId: 'infra',
      });
    const read = (path: string, subject: string) =>
      request(backend.server)
        .get(`/api/infra${path}`)
        .set('Authorization', asPlugin(subject));
    const planned = await plan();

    expect((await read('/requests', 'plugin:search')).status).toBe(200);
    expect(
      (await read(`/requests/${planned.id}`, 'plugin:search')).status,
    ).toBe(200);
    expect((await read('/resources', 'plugin:catalog')).status).toBe(200);
    for (const [path, subject] of [
      ['/requests', 'plugin:scaffolder'],
      ['/requests', 'plugin:catalog'],
      [`/requests/${planned.id}`, 'plugin:approvals'],
      [`/requests/${planned.id}/logs`, 'plugin:notifications'],
      ['/resources', 'plugin:search'],
    ]) {
      const res = await read(path, subject);
      expect([path, subject, res.status]).toEqual([path, subject, 403]);
    }
    // Anyone signed in, person or plugin, may ask whether Terraform can run.
    expect((await read('/health', 'plugin:scaffolder')).status).toBe(200);
  });

  it('pages the requests of the caller', async () => {
    const mine = [await plan(), await plan(), await plan()];
    await plan(s3Body({ ownerRef: 'group:default/team-search' }), 'linus');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(
        `/requests?mine=true&limit=2${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) {
        expect(item.requesterRef).toBe(userRef('dev'));
      }
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    // Newest first, each once.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 3)).toEqual(mine.map(r => r.id).reverse());
    const total = await knex('infra_requests')
      .where({ requester_ref: userRef('dev') })
      .count({ n: '*' });
    expect(seen).toHaveLength(Number(total[0].n));

    const linusOnly = await get('/requests?mine=true', 'linus');
    expect(
      linusOnly.body.items.every(
        (i: { requesterRef: string }) => i.requesterRef === userRef('linus'),
      ),
    ).toBe(true);

    expect((await get('/requests?limit=0')).status).toBe(400);
    expect((await get('/requests?bogus=1')).status).toBe(400);
    expect((await get('/requests?cursor=garbage')).status).toBe(400);
  });

  it('lets each role read only the requests its grants reach, in SQL', async () => {
    const devs = await plan();
    const linuses = await plan(
      s3Body({ ownerRef: 'group:default/team-search' }),
      'linus',
    );
    const visibleTo = async (who: string) =>
      (await get('/requests?limit=100', who)).body.items.map(
        (i: { id: string }) => i.id,
      );
    const count = async (where: (q: Knex.QueryBuilder) => void) =>
      Number(
        (await knex('infra_requests').modify(where).count({ n: '*' }))[0].n,
      );

    // developer: their own and their groups' requests, nobody else's
    expect((await get(`/requests/${linuses.id}`, 'dev')).status).toBe(404);
    const dev = await visibleTo('dev');
    expect(dev).toContain(devs.id);
    expect(dev).not.toContain(linuses.id);
    expect(dev).toHaveLength(
      await count(q =>
        q
          .where({ requester_ref: userRef('dev') })
          .orWhereIn('owner_ref', [
            'group:default/team-payments',
            'group:default/developers',
          ]),
      ),
    );
    // approver: the requests whose approval lists one of their groups
    expect((await get(`/requests/${linuses.id}`, 'alan')).status).toBe(200);
    expect(await visibleTo('alan')).toHaveLength(
      await count(q =>
        q.whereIn(
          'id',
          knex('infra_request_approvers')
            .select('request_id')
            .where({ approver_ref: 'group:default/approvers' }),
        ),
      ),
    );
    // viewer: none, and no way to submit one
    expect((await get('/requests', 'vera')).status).toBe(403);
    expect((await get(`/requests/${devs.id}`, 'vera')).status).toBe(404);
    const denied = await post('/requests', 'vera', s3Body());
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect(denied.body.error).not.toHaveProperty('stack');
    // admin: all of them
    expect(await visibleTo('ada')).toHaveLength(await count(() => {}));
  });

  it('filters requests by kind and status', async () => {
    const planned = await plan();
    const res = await get(
      '/requests?mine=true&kind=s3-bucket&status=awaiting_approval',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(
      planned.id,
    );
    for (const item of res.body.items) {
      expect(item).toMatchObject({
        kind: 's3-bucket',
        status: 'awaiting_approval',
      });
    }
    const vpcs = await get('/requests?mine=true&kind=vpc');
    expect(vpcs.body.items).toEqual([]);
  });

  it('says whether Terraform can run here', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      terraform: {
        available: true,
        binary: expect.stringMatching(/terraform$/),
        version: '0.0.0-test-double',
      },
    });
  });

  it('answers 404 for an unknown request', async () => {
    const res = await get('/requests/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect((await get('/requests/nope/logs')).status).toBe(404);
  });

  it('returns the plan log of a request', async () => {
    const planned = await plan();
    const res = await get(`/requests/${planned.id}/logs`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0]).toMatchObject({
      seq: 1,
      stream: 'gantry',
      line: `Planning create of s3-bucket ${planned.resourceName}`,
    });
    const lines = res.body.items.map((l: { line: string }) => l.line);
    expect(lines).toContain('Terraform has been successfully initialized!');
    expect(lines.join('\n')).toContain(`Plan hash ${planned.planHash}`);

    const later = await get(`/requests/${planned.id}/logs?after=1`);
    expect(later.body.items.map((l: { seq: number }) => l.seq)).toEqual(
      res.body.items.slice(1).map((l: { seq: number }) => l.seq),
    );
    expect((await get(`/requests/${planned.id}/logs?after=-1`)).status).toBe(
      400,
    );
  });

  it('refuses to apply a request that is not approved, or for someone else', async () => {
    const planned = await plan();
    const res = await post(`/requests/${planned.id}/apply`, 'dev', {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/is awaiting_approval/);

    // linus may not even read dev's request: for him it does not exist.
    const other = await post(`/requests/${planned.id}/apply`, 'linus', {});
    expect(other.status).toBe(404);

    expect((await post('/requests/unknown-id/apply', 'dev', {})).status).toBe(
      404,
    );
    expect((await get(`/requests/${planned.id}`)).body.status).toBe(
      'awaiting_approval',
    );
  });

  it('applies an approved request once, and refuses to apply it again', async () => {
    const planned = await plan();
    const { approval, deliver } = approvalEvents(planned);
    backend.approvals.setStatus(approval.id, 'approved');
    await deliver('approved');
    const applied = await waitForStatus(planned.id, 'applied');
    expect(applied.outputs).toMatchObject({
      bucket_name: planned.resourceName,
    });
    expect(
      (await post(`/requests/${planned.id}/apply`, 'linus', {})).status,
    ).toBe(404);
    const again = await post(`/requests/${planned.id}/apply`, 'dev', {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/is applied/);
    expect(backend.approvals.reportsOf(approval.id)).toEqual([
      'executing',
      'completed',
    ]);
  });

  it("shows a request's audit timeline, plan to apply, to those who may read it", async () => {
    const applied = await provision();
    const timeline = (who: string, query = '') =>
      get(`/requests/${applied.id}/audit${query}`, who);

    const res = await timeline('dev');
    expect(res.status).toBe(200);
    const steps = res.body.items
      .filter((e: { outcome: string }) => e.outcome !== 'initiated')
      .map((e: { eventId: string; target: string }) => [e.eventId, e.target])
      .reverse();
    expect(steps).toEqual([
      ['infra-request-plan', applied.id],
      ['infra-approval-requested', applied.id],
      ['infra-request-approved', applied.id],
      ['infra-request-apply', applied.id],
    ]);
    expect(
      res.body.items.every(
        (e: { target: string }) =>
          e.target === applied.id || e.target === applied.approvalId,
      ),
    ).toBe(true);

    // The resource's own entry, for its catalog entity's activity card.
    await eventually(async () => {
      const { items } = await auditStore.query({
        target: `resource:default/${applied.resourceName}`,
      });
      expect(items[0]).toMatchObject({
        eventId: 'infra-resource-provisioned',
        outcome: 'succeeded',
        meta: { requestId: applied.id, approvalId: applied.approvalId },
      });
    });

    const page = await timeline('ada', '?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await timeline('linus')).status).toBe(404);
    expect((await timeline('dev', '?limit=ten')).status).toBe(400);
  });

  it('follows approval events to the apply, and destroys the resource on request', async () => {
    const planned = await plan();
    const { approval, deliver } = approvalEvents(planned);
    await deliver('pending');
    expect((await get(`/requests/${planned.id}`)).body.status).toBe(
      'awaiting_approval',
    );
    backend.approvals.setStatus(approval.id, 'approved');
    await deliver('approved');
    const applied = await waitForStatus(planned.id, 'applied');
    expect(applied.outputs.bucket_name).toBe(planned.resourceName);
    // Published last, once the resource is active.
    await eventually(async () =>
      expect(backend.published).toContainEqual({
        topic: 'gantry.infra',
        eventPayload: {
          resourceId: planned.resourceId,
          requestId: planned.id,
          status: 'active',
        },
      }),
    );

    const resource = await get(`/resources/${planned.resourceId}`);
    expect(resource.status).toBe(200);
    expect(resource.body).toMatchObject({
      status: 'active',
      name: planned.resourceName,
      outputs: { bucket_name: planned.resourceName },
    });
    const listed = await get('/resources?mine=true&status=active');
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(
      planned.resourceId,
    );
    const theirs = await get('/resources?mine=true', 'linus');
    expect(theirs.body.items.map((r: { id: string }) => r.id)).not.toContain(
      planned.resourceId,
    );

    // Someone outside the owner group may not destroy it.
    const denied = await post(
      `/resources/${planned.resourceId}/destroy`,
      'linus',
      {
        justification: 'Not needed any more',
      },
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      `You are not allowed to destroy resource ${planned.resourceName} (owned by group:default/team-payments)`,
    );

    const destroy = await post(
      `/resources/${planned.resourceId}/destroy`,
      'dev',
      {
        justification: 'Receipts moved elsewhere',
      },
    );
    expect(destroy.status).toBe(202);
    expect(destroy.body).toMatchObject({
      operation: 'destroy',
      resourceId: planned.resourceId,
      status: 'planning',
      requesterRef: userRef('dev'),
      parameters: planned.parameters,
    });
    const destroyPlan = await waitForStatus(
      destroy.body.id,
      'awaiting_approval',
    );
    expect(destroyPlan.planSummary.destroy).toBeGreaterThanOrEqual(1);

    // The resource's page links to its creating and its waiting destroy request.
    expect((await get(`/resources/${planned.resourceId}`)).body).toMatchObject({
      createdByRequestId: planned.id,
      openDestroyRequest: { id: destroy.body.id, status: 'awaiting_approval' },
    });

    // One destroy at a time.
    const twice = await post(
      `/resources/${planned.resourceId}/destroy`,
      'dev',
      {
        justification: 'Receipts moved elsewhere',
      },
    );
    expect(twice.status).toBe(409);

    backend.approvals.setStatus(destroyPlan.approvalId, 'approved');
    await backend.deliver({
      topic: 'gantry.approvals',
      eventPayload: {
        requestId: destroyPlan.approvalId,
        kind: INFRA_APPROVAL_KIND,
        status: 'approved',
        payloadHash: 'x',
      },
    });
    await waitForStatus(destroy.body.id, 'applied');
    await eventually(async () =>
      expect((await get(`/resources/${planned.resourceId}`)).body.status).toBe(
        'destroyed',
      ),
    );
  });

  it('tells the requester who rejected a request and why, and lists no resource for it', async () => {
    const planned = await plan();
    const { approval, deliver } = approvalEvents(planned);
    backend.approvals.setStatus(approval.id, 'rejected', {
      type: 'reject',
      actorRef: userRef('alan'),
      comment: 'Use the shared bucket',
      createdAt: '2026-11-29T12:00:00.000Z',
    });
    await deliver('rejected');
    const rejected = await waitForStatus(planned.id, 'rejected');
    expect(rejected.decision).toEqual({
      status: 'rejected',
      actorRef: userRef('alan'),
      comment: 'Use the shared bucket',
      decidedAt: '2026-11-29T12:00:00.000Z',
    });
    const listed = await get('/resources?mine=true');
    expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(
      planned.resourceId,
    );
  });

  it('ignores approval events of other kinds', async () => {
    const planned = await plan();
    backend.approvals.setStatus(planned.approvalId, 'approved');
    await backend.deliver({
      topic: 'gantry.approvals',
      eventPayload: {
        requestId: planned.approvalId,
        kind: 'demo',
        status: 'approved',
        payloadHash: 'x',
      },
    });
    expect((await get(`/requests/${planned.id}`)).body.status).toBe(
      'awaiting_approval',
    );
  });

  it('answers 404 and 400 when destroying an unknown resource or with a bad body', async () => {
    const unknown = await post(
      '/resources/00000000-0000-4000-8000-000000000000/destroy',
      'dev',
      { justification: 'Not needed any more' },
    );
    expect(unknown.status).toBe(404);

    const planned = await plan();
    const bad = await post(`/resources/${planned.resourceId}/destroy`, 'dev', {
      justification: 'short',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/justification/);
    const extra = await post(
      `/resources/${planned.resourceId}/destroy`,
      'dev',
      {
        justification: 'Not needed any more',
        force: true,
      },
    );
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/force/);

    // A pending resource cannot be destroyed yet.
    const pending = await post(
      `/resources/${planned.resourceId}/destroy`,
      'dev',
      { justification: 'Not needed any more' },
    );
    expect(pending.status).toBe(409);
    expect((await get('/resources/nope')).status).toBe(404);
  });

  it("decides a destroy with the policy on the resource's last request, not by a group check", async () => {
    const applied = await provision();
    const resourceId = applied.resourceId;
    const destroy = (who: string) =>
      post(`/resources/${resourceId}/destroy`, who, {
        justification: 'Not needed any more',
      });

    // linus is neither in the owner group nor an admin: the policy's IS_OWNER condition, run
    // by the infra plugin on the resource's last request, denies it.
    const denied = await destroy('linus');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      new RegExp(`not allowed to destroy resource ${applied.resourceName}`),
    );
    expect(await requestsFor(resourceId)).toBe(1);
    expect((await get(`/resources/${resourceId}`)).body).toMatchObject({
      status: 'active',
      lastRequestId: applied.id,
    });

    // ada is not in the owner group either, but the policy allows admins: no hand-written
    // membership check stands in the way any more.
    const byAdmin = await destroy('ada');
    expect(byAdmin.status).toBe(202);
    expect(byAdmin.body).toMatchObject({
      operation: 'destroy',
      resourceId,
      requesterRef: userRef('ada'),
      ownerRef: 'group:default/team-payments',
    });
    expect(await requestsFor(resourceId)).toBe(2);
    expect((await get(`/resources/${resourceId}`)).body.lastRequestId).toBe(
      byAdmin.body.id,
    );

    // The destroy request is now the last one; it carries the same owner, so a member of the
    // owner group is allowed through to the conflict check, linus still is not.
    expect((await destroy('dev')).status).toBe(409);
    expect((await destroy('linus')).status).toBe(403);
    await waitForStatus(byAdmin.body.id, 'awaiting_approval');
  });

  it('answers a destroy with 404 for a missing resource, then 403, then 409', async () => {
    const missing = await post(
      '/resources/00000000-0000-4000-8000-000000000000/destroy',
      'linus',
      { justification: 'Not needed any more' },
    );
    expect(missing.status).toBe(404);

    // A pending resource cannot be destroyed yet (409), but only its owners get to hear it.
    const planned = await plan();
    const byOutsider = await post(
      `/resources/${planned.resourceId}/destroy`,
      'linus',
      { justification: 'Not needed any more' },
    );
    expect(byOutsider.status).toBe(403);
    const byOwner = await post(
      `/resources/${planned.resourceId}/destroy`,
      'dev',
      {
        justification: 'Not needed any more',
      },
    );
    expect(byOwner.status).toBe(409);
    expect(byOwner.body.error.message).toMatch(/is pending/);
    expect(await requestsFor(planned.resourceId)).toBe(1);
  });
});
