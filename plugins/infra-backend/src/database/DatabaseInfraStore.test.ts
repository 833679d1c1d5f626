import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { PlanReviewDocument } from '@internal/plugin-infra-common';
import { DatabaseInfraStore } from './DatabaseInfraStore';
import { NewInfraRequest } from './InfraStore';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const T0 = new Date('2026-01-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let counter = 0;
function newRequest(overrides: Partial<NewInfraRequest> = {}): NewInfraRequest {
  counter += 1;
  return {
    operation: 'create',
    kind: 's3-bucket',
    resourceName: `bucket-${counter}`,
    environment: 'dev',
    requesterRef: 'user:default/dev',
    ownerRef: 'group:default/team-payments',
    justification: 'Receipts for the payments service',
    parameters: { versioning: true },
    ...overrides,
  };
}

describeEach('DatabaseInfraStore on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseInfraStore;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseInfraStore.create({
      database: mockServices.database({ knex }),
    });
  });

  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  // Each test starts on empty tables, so counts and pages are exact.
  beforeEach(async () => {
    await knex('infra_request_approvers').delete();
    await knex('infra_logs').delete();
    await knex('infra_requests').delete();
    await knex('infra_resources').delete();
  });

  it('creates a request in planning with its pending resource', async () => {
    const request = await store.createRequest(
      newRequest({
        resourceName: 'receipts',
        systemRef: 'system:default/payments',
      }),
      T0,
    );
    expect(request).toMatchObject({
      operation: 'create',
      kind: 's3-bucket',
      resourceName: 'receipts',
      environment: 'dev',
      requesterRef: 'user:default/dev',
      ownerRef: 'group:default/team-payments',
      systemRef: 'system:default/payments',
      justification: 'Receipts for the payments service',
      parameters: { versioning: true },
      status: 'planning',
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(request.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.approvalId).toBeUndefined();
    expect(request.approverRefs).toEqual([]);
    expect(request.planHash).toBeUndefined();

    const resource = await store.getResource(request.resourceId);
    expect(resource).toEqual({
      id: request.resourceId,
      kind: 's3-bucket',
      name: 'receipts',
      environment: 'dev',
      ownerRef: 'group:default/team-payments',
      systemRef: 'system:default/payments',
      status: 'pending',
      outputs: {},
      lastRequestId: request.id,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(await store.getRequest(request.id)).toEqual(request);
    expect(await store.getRequest('no-such-request')).toBeUndefined();
  });

  it('refuses a second live resource with the same name, and frees it once destroyed', async () => {
    const first = await store.createRequest(
      newRequest({ resourceName: 'dupe' }),
      T0,
    );
    const second = store.createRequest(
      newRequest({ resourceName: 'dupe' }),
      T0,
    );
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow(/dupe/);
    // The failed create left nothing behind.
    expect(await count('infra_requests')).toBe(1);

    // Still taken while active.
    await store.updateResource(first.resourceId, { status: 'active' }, at(1));
    await expect(
      store.createRequest(newRequest({ resourceName: 'dupe' }), at(2)),
    ).rejects.toBeInstanceOf(ConflictError);

    await store.updateResource(
      first.resourceId,
      { status: 'destroyed' },
      at(3),
    );
    const again = await store.createRequest(
      newRequest({ resourceName: 'dupe' }),
      at(4),
    );
    expect(again.resourceId).not.toBe(first.resourceId);
    expect((await store.getResource(again.resourceId))?.status).toBe('pending');
  });

  it('a destroy request names an existing resource and opens none', async () => {
    const create = await store.createRequest(
      newRequest({ resourceName: 'gone-soon' }),
      T0,
    );
    const destroy = await store.createRequest(
      newRequest({
        operation: 'destroy',
        resourceName: 'gone-soon',
        resourceId: create.resourceId,
      } as Partial<NewInfraRequest>),
      at(1),
    );
    expect(destroy).toMatchObject({
      operation: 'destroy',
      resourceId: create.resourceId,
      status: 'planning',
    });
    expect(await count('infra_resources')).toBe(1);
  });

  it('reads a plan summary stored before version 2 as a version 2 review without diffs', async () => {
    const request = await store.createRequest(newRequest(), T0);
    await knex('infra_requests')
      .where({ id: request.id })
      .update({
        plan_summary: JSON.stringify({
          add: 1,
          change: 0,
          destroy: 0,
          replace: 0,
          resources: [
            {
              address: 'module.resource.aws_s3_bucket.this',
              type: 'aws_s3_bucket',
              action: 'create',
            },
          ],
        }),
      });
    expect((await store.getRequest(request.id))!.planSummary).toEqual({
      version: 2,
      add: 1,
      change: 0,
      destroy: 0,
      replace: 0,
      noop: 0,
      read: 0,
      import: 0,
      move: 0,
      resources: [
        {
          address: 'module.resource.aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          mode: 'managed',
          action: 'create',
        },
      ],
      outputs: [],
    });
  });

  it('transitions conditionally on the current status, with its patch', async () => {
    const request = await store.createRequest(newRequest(), T0);
    expect(
      await store.transition(request.id, ['planned'], 'approved', {}, at(1)),
    ).toBeUndefined();
    expect((await store.getRequest(request.id))?.status).toBe('planning');

    const summary: PlanReviewDocument = {
      version: 2,
      add: 1,
      change: 0,
      destroy: 0,
      replace: 0,
      noop: 0,
      read: 0,
      import: 0,
      move: 0,
      resources: [
        {
          address: 'module.resource.aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          mode: 'managed',
          action: 'create',
          diff: {
            change: 'added',
            after: { type: 'object' },
            children: [
              {
                key: 'bucket',
                change: 'added',
                after: { type: 'value', value: 'logs' },
              },
            ],
          },
        },
      ],
      outputs: [],
    };
    const planned = await store.transition(
      request.id,
      ['planning'],
      'planned',
      { planHash: 'a'.repeat(64), planSummary: summary },
      at(2),
    );
    expect(planned).toMatchObject({
      status: 'planned',
      planHash: 'a'.repeat(64),
      planSummary: summary,
      updatedAt: at(2).toISOString(),
      createdAt: T0.toISOString(),
    });
    // The same transition again finds the row moved on.
    expect(
      await store.transition(request.id, ['planning'], 'planned', {}, at(3)),
    ).toBeUndefined();

    const failed = await store.transition(
      request.id,
      ['planned', 'awaiting_approval'],
      'failed',
      { error: 'boom', outputs: { a: 1 } },
      at(4),
    );
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'boom',
      outputs: { a: 1 },
    });
    const cleared = await store.transition(
      request.id,
      ['failed'],
      'failed',
      { error: null },
      at(5),
    );
    expect(cleared?.error).toBeUndefined();
    expect(
      await store.transition('nope', ['failed'], 'planned', {}, at(6)),
    ).toBeUndefined();
  });

  it('links an approval id, found again by getRequestByApprovalId', async () => {
    const request = await store.createRequest(newRequest(), T0);
    await store.transition(request.id, ['planning'], 'planned', {}, at(1));
    await store.transition(
      request.id,
      ['planned'],
      'awaiting_approval',
      { approvalId: 'approval-1' },
      at(2),
    );
    expect((await store.getRequestByApprovalId('approval-1'))?.id).toBe(
      request.id,
    );
    expect(await store.getRequestByApprovalId('approval-2')).toBeUndefined();
  });

  it('stores the approvers of a linked approval with the link, and only with it', async () => {
    const request = await store.createRequest(newRequest(), T0);
    await store.transition(request.id, ['planning'], 'planned', {}, at(1));
    const approvers = ['group:default/approvers', 'user:default/amy'];

    // A transition that does not happen (wrong status) writes no approvers either.
    expect(
      await store.transition(
        request.id,
        ['awaiting_approval'],
        'approved',
        { approverRefs: approvers },
        at(2),
      ),
    ).toBeUndefined();
    expect(await count('infra_request_approvers')).toBe(0);

    const linked = await store.transition(
      request.id,
      ['planned'],
      'awaiting_approval',
      // Duplicates are stored once.
      { approvalId: 'approval-9', approverRefs: [...approvers, approvers[0]] },
      at(3),
    );
    expect(linked?.approverRefs).toEqual(approvers);
    expect(
      (await store.getRequestByApprovalId('approval-9'))?.approverRefs,
    ).toEqual(approvers);
    expect(
      await knex('infra_request_approvers')
        .where({ request_id: request.id })
        .orderBy('approver_ref')
        .pluck('approver_ref'),
    ).toEqual(approvers);

    // A later transition without approvers keeps them; a new set replaces them.
    await store.transition(
      request.id,
      ['awaiting_approval'],
      'approved',
      {},
      at(4),
    );
    expect((await store.getRequest(request.id))?.approverRefs).toEqual(
      approvers,
    );
    const replaced = await store.transition(
      request.id,
      ['approved'],
      'awaiting_approval',
      { approverRefs: ['group:default/security'] },
      at(5),
    );
    expect(replaced?.approverRefs).toEqual(['group:default/security']);
    expect(await count('infra_request_approvers')).toBe(1);
  });

  it('lets exactly one of two concurrent claims apply an approved request', async () => {
    const request = await store.createRequest(newRequest(), T0);
    // Not approved yet: nobody may claim it.
    expect(await store.claimApply(request.id, 'replica-a', at(1))).toBe(false);
    await store.transition(request.id, ['planning'], 'approved', {}, at(1));

    const results = await Promise.all([
      store.claimApply(request.id, 'replica-a', at(2)),
      store.claimApply(request.id, 'replica-b', at(2)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await store.getRequest(request.id);
    expect(after).toMatchObject({
      status: 'applying',
      applyStartedAt: at(2).toISOString(),
    });
    const row = await knex('infra_requests').where({ id: request.id }).first();
    expect(row.claimed_by).toBe(results[0] ? 'replica-a' : 'replica-b');
    // And nobody claims it again.
    expect(await store.claimApply(request.id, 'replica-c', at(3))).toBe(false);
  });

  it('pages 25 requests newest first, each exactly once', async () => {
    const created: string[] = [];
    for (let i = 0; i < 25; i++) {
      created.push((await store.createRequest(newRequest(), at(i))).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listRequests({ limit: 10, cursor });
      pages += 1;
      seen.push(...page.items.map(r => r.id));
      cursor = page.nextCursor;
      expect(pages).toBeLessThanOrEqual(3);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('pages requests created in the same instant by id, without loss', async () => {
    for (let i = 0; i < 7; i++) {
      await store.createRequest(newRequest(), T0);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listRequests({ limit: 3, cursor });
      seen.push(...page.items.map(r => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('refuses a malformed cursor', async () => {
    await expect(
      store.listRequests({ limit: 10, cursor: 'not-a-cursor' }),
    ).rejects.toThrow(/Invalid cursor/);
  });

  it('filters requests by requester, kind and status', async () => {
    const a = await store.createRequest(
      newRequest({ requesterRef: 'user:default/dev' }),
      at(1),
    );
    const b = await store.createRequest(
      newRequest({
        requesterRef: 'user:default/linus',
        kind: 'vpc',
        parameters: { cidrBlock: '10.1.0.0/16', subnetCount: 2 },
      }),
      at(2),
    );
    const c = await store.createRequest(
      newRequest({ requesterRef: 'user:default/dev', kind: 'vpc' }),
      at(3),
    );
    await store.transition(c.id, ['planning'], 'planned', {}, at(4));

    const idsOf = async (options: Parameters<typeof store.listRequests>[0]) =>
      (await store.listRequests(options)).items.map(r => r.id);

    expect(
      await idsOf({ limit: 10, requesterRef: 'user:default/dev' }),
    ).toEqual([c.id, a.id]);
    expect(await idsOf({ limit: 10, kind: 'vpc' })).toEqual([c.id, b.id]);
    expect(await idsOf({ limit: 10, statuses: ['planned'] })).toEqual([c.id]);
    expect(
      await idsOf({ limit: 10, statuses: ['planning', 'planned'] }),
    ).toHaveLength(3);
    expect(
      await idsOf({
        limit: 10,
        requesterRef: 'user:default/dev',
        kind: 'vpc',
        statuses: ['planning'],
      }),
    ).toEqual([]);
    expect(await store.listRequestIds(['planning'], 10)).toEqual([a.id, b.id]);

    // The filters are part of the query, not applied to a page afterwards.
    const queries: string[] = [];
    const onQuery = (q: { sql: string }) => queries.push(q.sql);
    knex.on('query', onQuery);
    try {
      await store.listRequests({
        limit: 10,
        requesterRef: 'user:default/dev',
        kind: 'vpc',
        statuses: ['planned'],
      });
    } finally {
      knex.removeListener('query', onQuery);
    }
    const select = queries.find(q => /from\s+["`]?infra_requests/i.test(q));
    expect(select).toMatch(/where.*requester_ref.*kind.*status/is);
    expect(select).toMatch(/limit/i);
  });

  it('lists resources by owner, kind and status', async () => {
    const a = await store.createRequest(
      newRequest({ ownerRef: 'group:default/team-payments' }),
      at(1),
    );
    const b = await store.createRequest(
      newRequest({ ownerRef: 'group:default/team-search', kind: 'vpc' }),
      at(2),
    );
    await store.updateResource(
      b.resourceId,
      { status: 'active', outputs: { vpc_id: 'vpc-1' } },
      at(3),
    );
    const owned = await store.listResources({
      limit: 10,
      ownerRefs: ['group:default/team-search'],
    });
    expect(owned.items).toMatchObject([
      { id: b.resourceId, status: 'active', outputs: { vpc_id: 'vpc-1' } },
    ]);
    expect(
      (await store.listResources({ limit: 10, statuses: ['pending'] })).items,
    ).toMatchObject([{ id: a.resourceId }]);
    expect(
      (await store.listResources({ limit: 10, kind: 's3-bucket' })).items,
    ).toMatchObject([{ id: a.resourceId }]);
    const all = await store.listResources({ limit: 1 });
    expect(all.items.map(r => r.id)).toEqual([b.resourceId]);
    const next = await store.listResources({
      limit: 1,
      cursor: all.nextCursor,
    });
    expect(next.items.map(r => r.id)).toEqual([a.resourceId]);
    expect(next.nextCursor).toBeUndefined();
  });

  it('lists no resource whose name was freed before any apply, but lists destroyed ones', async () => {
    // Rejected before an apply: the name is freed, nothing ever existed.
    const rejected = await store.createRequest(newRequest(), at(1));
    await store.transition(rejected.id, ['planning'], 'rejected', {}, at(2));
    await store.releaseName(rejected.resourceId, at(2));
    expect((await store.getResource(rejected.resourceId))?.status).toBe(
      'destroyed',
    );
    // Created, then destroyed: it existed.
    const created = await store.createRequest(newRequest(), at(3));
    await store.transition(created.id, ['planning'], 'approved', {}, at(4));
    expect(await store.claimApply(created.id, 'replica-1', at(5))).toBe(true);
    await store.transition(created.id, ['applying'], 'applied', {}, at(6));
    await store.updateResource(
      created.resourceId,
      { status: 'destroyed' },
      at(7),
    );
    // Still being requested: listed as pending.
    const pending = await store.createRequest(newRequest(), at(8));

    const listed = await store.listResources({
      limit: 10,
      ownerRefs: ['group:default/team-payments'],
    });
    expect(listed.items.map(r => [r.id, r.status])).toEqual([
      [pending.resourceId, 'pending'],
      [created.resourceId, 'destroyed'],
    ]);
    expect(
      (await store.listResources({ limit: 10, statuses: ['destroyed'] })).items,
    ).toMatchObject([{ id: created.resourceId }]);
  });

  it('reads a resource with the request that created it and its open destroy request', async () => {
    const created = await store.createRequest(newRequest(), at(1));
    expect(await store.getResource(created.resourceId)).toMatchObject({
      createdByRequestId: undefined,
      openDestroyRequest: undefined,
    });
    await store.transition(created.id, ['planning'], 'applied', {}, at(2));
    await store.updateResource(created.resourceId, { status: 'active' }, at(2));
    const destroy = await store.createRequest(
      newRequest({
        operation: 'destroy',
        resourceName: created.resourceName,
        resourceId: created.resourceId,
      } as Partial<NewInfraRequest>),
      at(3),
    );
    await store.transition(
      destroy.id,
      ['planning'],
      'awaiting_approval',
      {},
      at(4),
    );
    expect(await store.getResource(created.resourceId)).toMatchObject({
      createdByRequestId: created.id,
      openDestroyRequest: { id: destroy.id, status: 'awaiting_approval' },
    });
    await store.transition(
      destroy.id,
      ['awaiting_approval'],
      'rejected',
      {},
      at(5),
    );
    const after = (await store.getResource(created.resourceId))!;
    expect(after.createdByRequestId).toBe(created.id);
    expect(after.openDestroyRequest).toBeUndefined();
  });

  it('stores how a request was decided', async () => {
    const request = await store.createRequest(newRequest(), T0);
    const decision = {
      status: 'rejected' as const,
      actorRef: 'user:default/alan',
      comment: 'Not in this quarter',
      decidedAt: at(1).toISOString(),
    };
    await store.transition(
      request.id,
      ['planning'],
      'rejected',
      { decision },
      at(1),
    );
    expect((await store.getRequest(request.id))?.decision).toEqual(decision);
  });

  it('appends logs with increasing seq and returns only the lines after a seq', async () => {
    const request = await store.createRequest(newRequest(), T0);
    await store.appendLogs(
      request.id,
      [
        { stream: 'gantry', line: 'Planning' },
        { stream: 'stdout', line: 'line two' },
      ],
      at(1),
    );
    await store.appendLogs(request.id, [], at(2));
    await store.appendLogs(
      request.id,
      [{ stream: 'stderr', line: 'line three' }],
      at(3),
    );
    const all = await store.getLogs(request.id, { after: 0, limit: 100 });
    expect(all).toEqual([
      {
        seq: 1,
        stream: 'gantry',
        line: 'Planning',
        createdAt: at(1).toISOString(),
      },
      {
        seq: 2,
        stream: 'stdout',
        line: 'line two',
        createdAt: at(1).toISOString(),
      },
      {
        seq: 3,
        stream: 'stderr',
        line: 'line three',
        createdAt: at(3).toISOString(),
      },
    ]);
    expect(
      (await store.getLogs(request.id, { after: 1, limit: 100 })).map(
        l => l.line,
      ),
    ).toEqual(['line two', 'line three']);
    expect(
      (await store.getLogs(request.id, { after: 1, limit: 1 })).map(l => l.seq),
    ).toEqual([2]);
    expect(await store.getLogs(request.id, { after: 3, limit: 100 })).toEqual(
      [],
    );

    // Another request's log numbers from 1 on its own.
    const other = await store.createRequest(newRequest(), T0);
    await store.appendLogs(other.id, [{ stream: 'gantry', line: 'x' }], at(4));
    expect(
      (await store.getLogs(other.id, { after: 0, limit: 10 })).map(l => l.seq),
    ).toEqual([1]);
  });

  it('lists applies whose heartbeat is older than the given time', async () => {
    const stale = await store.createRequest(newRequest(), T0);
    const fresh = await store.createRequest(newRequest(), T0);
    const idle = await store.createRequest(newRequest(), T0);
    for (const r of [stale, fresh, idle]) {
      await store.transition(r.id, ['planning'], 'approved', {}, T0);
    }
    await store.claimApply(stale.id, 'replica-a', at(0));
    await store.claimApply(fresh.id, 'replica-b', at(0));
    await store.heartbeat(fresh.id, 'replica-b', at(100));
    // A heartbeat from a replica that does not hold the claim changes nothing.
    await store.heartbeat(stale.id, 'replica-b', at(100));

    expect(await store.listInterruptedApplies(at(50))).toEqual([stale.id]);
    expect((await store.listInterruptedApplies(at(200))).sort()).toEqual(
      [stale.id, fresh.id].sort(),
    );
    expect(await store.listInterruptedApplies(at(-1))).toEqual([]);
  });

  it('round-trips plan file bytes exactly', async () => {
    const request = await store.createRequest(newRequest(), T0);
    expect(await store.getPlanFile(request.id)).toBeUndefined();
    const bytes = Buffer.from([
      0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0a, 0x0d, 0x00, 0x7f, 0xe2, 0x82,
    ]);
    const big = Buffer.concat([bytes, Buffer.alloc(70_000, 0xa5), bytes]);
    await store.transition(
      request.id,
      ['planning'],
      'planned',
      { planFile: big, planHash: 'b'.repeat(64) },
      at(1),
    );
    const back = await store.getPlanFile(request.id);
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back!.equals(big)).toBe(true);
    // The plan file is never part of the request itself.
    expect(Object.keys((await store.getRequest(request.id))!)).not.toContain(
      'planFile',
    );
  });

  it('knows whether a resource has an open request', async () => {
    const request = await store.createRequest(newRequest(), T0);
    expect(await store.hasOpenRequest(request.resourceId)).toBe(true);
    await store.transition(request.id, ['planning'], 'applied', {}, at(1));
    expect(await store.hasOpenRequest(request.resourceId)).toBe(false);
  });
});
