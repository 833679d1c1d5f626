import { DatabaseAuditStore } from '@internal/plugin-audit-node';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { canonicalJson } from '@internal/plugin-api-node';
import {
  createTestDatabases,
  invalidCursors,
} from '@internal/plugin-api-node/testUtils';
import {
  asPlugin,
  asPluginFor,
  asUser,
  startApprovalsBackend,
  userRef,
} from '../__testUtils__/startApprovalsBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const baseRequest = {
  kind: 'demo',
  title: 'Open a bucket',
  summary: 'A bucket for payment receipts',
  onBehalfOfRef: 'group:default/team-payments',
  approvers: { groups: ['group:default/approvers'] },
  payload: { bucket: 'receipts', region: 'eu-west-1' },
  details: { plan: { add: 1, change: 0, destroy: 0 } },
};

describeEach('approvals router on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startApprovalsBackend>>;
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    backend = await startApprovalsBackend(knex, {
      auditStore: await DatabaseAuditStore.create({
        knex: await databases.init(databaseId),
      }),
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function open(
    overrides: Record<string, unknown> = {},
    requester = 'dev',
  ) {
    const res = await request(backend.server)
      .post('/api/approvals/requests')
      .set('Authorization', asPluginFor(requester))
      .send({ ...baseRequest, ...overrides });
    expect(res.status).toBe(201);
    return res.body;
  }

  const decide = (id: string, who: string, body: object) =>
    request(backend.server)
      .post(`/api/approvals/requests/${id}/decision`)
      .set('Authorization', asUser(who))
      .send(body);

  it('opens a request for the user a plugin acts for, with a server-side hash', async () => {
    const created = await open();
    expect(created).toMatchObject({
      status: 'pending',
      requesterRef: userRef('dev'),
      createdBy: 'plugin:scaffolder',
      quorum: 1,
      payloadHash: createHash('sha256')
        .update(canonicalJson(baseRequest.payload))
        .digest('hex'),
    });
    expect(backend.notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: ['group:default/approvers'],
        }),
      }),
    );
  });

  it('refuses requests opened by a user directly, or with a bad body', async () => {
    const direct = await request(backend.server)
      .post('/api/approvals/requests')
      .set('Authorization', asUser('dev'))
      .send(baseRequest);
    expect(direct.status).toBe(403);

    const bad = await request(backend.server)
      .post('/api/approvals/requests')
      .set('Authorization', asPluginFor('dev'))
      .send({ ...baseRequest, approvers: { users: ['not-a-ref'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/approvers/);

    const noAuth = await request(backend.server)
      .post('/api/approvals/requests')
      .send(baseRequest);
    expect([401, 403]).toContain(noAuth.status);
  });

  it('shows a request to its requester, its approvers and admins only', async () => {
    const created = await open();
    const get = (who: string) =>
      request(backend.server)
        .get(`/api/approvals/requests/${created.id}`)
        .set('Authorization', asUser(who));

    const asRequester = await get('dev');
    expect(asRequester.status).toBe(200);
    expect(asRequester.body.viewer).toMatchObject({
      isRequester: true,
      canDecide: false,
      canCancel: true,
    });
    const asApprover = await get('alan');
    expect(asApprover.body.viewer).toMatchObject({
      isApprover: true,
      canDecide: true,
      canCancel: false,
    });
    expect((await get('ada')).status).toBe(200);
    expect((await get('vera')).status).toBe(404);
    expect((await get('linus')).status).toBe(404);
  });

  it('filters lists in SQL by permission, mine and assigned-to-me', async () => {
    const created = await open({ kind: 'listing' });
    const list = (who: string, query: string) =>
      request(backend.server)
        .get(`/api/approvals/requests?kind=listing&${query}`)
        .set('Authorization', asUser(who));

    const inbox = await list('alan', 'assignedToMe=true&status=pending');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(
      created.id,
    );
    const mine = await list('dev', 'mine=true');
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(
      created.id,
    );
    expect((await list('dev', 'assignedToMe=true')).body.items).toEqual([]);
    expect((await list('vera', '')).body.items).toEqual([]);
    expect((await list('ada', '')).body.items.length).toBeGreaterThan(0);

    const bad = await list('alan', 'limit=1000');
    expect(bad.status).toBe(400);
  });

  it("drops a request from an approver's inbox once they voted, while it waits for others", async () => {
    const created = await open({ kind: 'inbox', quorum: 2 });
    const inbox = async (who: string) =>
      (
        await request(backend.server)
          .get(
            '/api/approvals/requests?kind=inbox&assignedToMe=true&status=pending',
          )
          .set('Authorization', asUser(who))
      ).body.items.map((r: { id: string }) => r.id);

    expect(await inbox('alan')).toContain(created.id);
    await decide(created.id, 'alan', { decision: 'approve' });
    expect(await inbox('alan')).not.toContain(created.id);
    expect(await inbox('grace')).toContain(created.id);
  });

  it('refuses self-approval, even when the requester is an approver', async () => {
    const created = await open({
      approvers: { groups: ['group:default/team-payments'] },
    });
    const res = await decide(created.id, 'dev', { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/own request/);
  });

  it('refuses a decision from someone outside the approver set', async () => {
    const created = await open();
    const res = await decide(created.id, 'linus', { decision: 'approve' });
    // linus cannot even read the request, so it does not exist for him.
    expect(res.status).toBe(404);

    const adminNotApprover = await decide(created.id, 'ada', {
      decision: 'approve',
    });
    expect(adminNotApprover.status).toBe(403);
  });

  it('lets a member of a group below the approver group decide, as the roles do', async () => {
    const created = await open();
    const view = await request(backend.server)
      .get(`/api/approvals/requests/${created.id}`)
      .set('Authorization', asUser('emil'));
    expect(view.body.viewer).toMatchObject({ canDecide: true });
    const res = await decide(created.id, 'emil', { decision: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved' });
  });

  it('refuses a second vote by the same person, and counts distinct people', async () => {
    const created = await open({ quorum: 2 });
    const first = await decide(created.id, 'alan', { decision: 'approve' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'pending', approvals: 1 });

    const again = await decide(created.id, 'alan', { decision: 'approve' });
    expect(again.status).toBe(409);

    const second = await decide(created.id, 'grace', { decision: 'approve' });
    expect(second.body).toMatchObject({ status: 'approved', approvals: 2 });
    expect(backend.published).toContainEqual({
      topic: 'gantry.approvals',
      eventPayload: expect.objectContaining({
        requestId: created.id,
        status: 'approved',
      }),
    });
  });

  it('answers a decision with the updated request and what the decider may do now', async () => {
    const created = await open({ quorum: 2 });
    const first = await decide(created.id, 'alan', {
      decision: 'approve',
      comment: 'LGTM',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: created.id,
      status: 'pending',
      approvals: 1,
      viewer: { isApprover: true, hasVoted: true, canDecide: false },
    });
    expect(first.body.history).toContainEqual(
      expect.objectContaining({
        type: 'approve',
        actorRef: userRef('alan'),
        comment: 'LGTM',
      }),
    );

    const second = await decide(created.id, 'grace', { decision: 'approve' });
    expect(second.body).toMatchObject({
      status: 'approved',
      approvals: 2,
      viewer: { canDecide: false, canCancel: false },
    });
    expect(second.body.history.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['approve', 'approve', 'approved']),
    );

    const other = await open();
    const cancelled = await request(backend.server)
      .post(`/api/approvals/requests/${other.id}/cancel`)
      .set('Authorization', asUser('dev'))
      .send({});
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      viewer: { isRequester: true, canDecide: false, canCancel: false },
    });
  });

  it('needs a comment to reject, and a rejection ends the request', async () => {
    const created = await open({ quorum: 2 });
    const noComment = await decide(created.id, 'alan', { decision: 'reject' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.message).toMatch(/comment/);

    const rejected = await decide(created.id, 'alan', {
      decision: 'reject',
      comment: 'Not this quarter',
    });
    expect(rejected.body.status).toBe('rejected');
    const late = await decide(created.id, 'grace', { decision: 'approve' });
    expect(late.status).toBe(409);
  });

  it('shows who opened and decided a request, with the comment, to its readers only', async () => {
    const created = await open({ quorum: 2 });
    await decide(created.id, 'alan', { decision: 'approve', comment: 'LGTM' });
    await decide(created.id, 'grace', {
      decision: 'reject',
      comment: 'Not this quarter',
    });
    const timeline = (who: string, query = '') =>
      request(backend.server)
        .get(`/api/approvals/requests/${created.id}/audit${query}`)
        .set('Authorization', asUser(who));

    const res = await timeline('dev');
    expect(res.status).toBe(200);
    const outcomes = res.body.items.filter(
      (e: { outcome: string }) => e.outcome !== 'initiated',
    );
    expect(
      outcomes.map((e: { eventId: string; actor: { ref?: string } }) => [
        e.eventId,
        e.actor.ref,
      ]),
    ).toEqual([
      ['approval-request-decide', userRef('grace')],
      ['approval-request-decide', userRef('alan')],
      ['approval-request-create', userRef('dev')],
    ]);
    expect(outcomes[0].meta).toMatchObject({
      decision: 'reject',
      comment: 'Not this quarter',
      status: 'rejected',
    });
    expect(outcomes[1].meta).toMatchObject({ comment: 'LGTM' });

    const paged = await timeline('alan', '?limit=1');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(expect.any(String));

    expect((await timeline('linus')).status).toBe(404);
    expect((await timeline('dev', '?limit=0')).status).toBe(400);
  });

  it('answers 409 to a decision after expiry', async () => {
    const created = await open();
    await knex('approval_requests')
      .where({ id: created.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const res = await decide(created.id, 'alan', { decision: 'approve' });
    expect(res.status).toBe(409);
    const after = await request(backend.server)
      .get(`/api/approvals/requests/${created.id}`)
      .set('Authorization', asUser('dev'));
    expect(after.body.status).toBe('expired');
  });

  it('lets only the requester or an admin cancel a pending request', async () => {
    const created = await open();
    const cancel = (id: string, who: string) =>
      request(backend.server)
        .post(`/api/approvals/requests/${id}/cancel`)
        .set('Authorization', asUser(who))
        .send({ comment: 'no longer needed' });

    expect((await cancel(created.id, 'alan')).status).toBe(403);
    const cancelled = await cancel(created.id, 'dev');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await cancel(created.id, 'dev')).status).toBe(409);

    const other = await open();
    expect((await cancel(other.id, 'ada')).body.status).toBe('cancelled');
  });

  it('lets only the plugin that opened a pending request withdraw it, with a reason', async () => {
    const created = await open();
    const withdraw = (id: string, auth: string, body: object) =>
      request(backend.server)
        .post(`/api/approvals/requests/${id}/withdrawal`)
        .set('Authorization', auth)
        .send(body);
    const reason = { comment: 'The user cancelled the request' };

    expect((await withdraw(created.id, asPlugin('infra'), reason)).status).toBe(
      403,
    );
    expect((await withdraw(created.id, asUser('dev'), reason)).status).toBe(
      403,
    );
    expect(
      (await withdraw(created.id, asPluginFor('dev'), reason)).status,
    ).toBe(403);
    const noReason = await withdraw(created.id, asPlugin('scaffolder'), {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/comment/);

    const withdrawn = await withdraw(
      created.id,
      asPlugin('scaffolder'),
      reason,
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('cancelled');
    const seen = await request(backend.server)
      .get(`/api/approvals/requests/${created.id}`)
      .set('Authorization', asUser('dev'));
    expect(seen.body.history).toContainEqual(
      expect.objectContaining({
        type: 'cancelled',
        actorRef: 'plugin:scaffolder',
        comment: reason.comment,
      }),
    );
    const timeline = await request(backend.server)
      .get(`/api/approvals/requests/${created.id}/audit`)
      .set('Authorization', asUser('dev'));
    expect(timeline.body.items[0]).toMatchObject({
      eventId: 'approval-request-withdraw',
      outcome: 'succeeded',
      meta: { status: 'cancelled', comment: reason.comment },
    });
    // Out of the approvers' inbox, and not decidable any more.
    expect(
      (await decide(created.id, 'alan', { decision: 'approve' })).status,
    ).toBe(409);
    expect(
      (await withdraw(created.id, asPlugin('scaffolder'), reason)).status,
    ).toBe(409);
    expect(
      (
        await withdraw(
          '00000000-0000-4000-8000-000000000000',
          asPlugin(),
          reason,
        )
      ).status,
    ).toBe(404);
  });

  it('lets the plugin that opened an approved request report its execution, once', async () => {
    const created = await open();
    await decide(created.id, 'alan', { decision: 'approve' });
    // open() opens it as the scaffolder on dev's behalf.
    const report = (status: string, auth = asPlugin('scaffolder')) =>
      request(backend.server)
        .post(`/api/approvals/requests/${created.id}/execution`)
        .set('Authorization', auth)
        .send({ status });

    expect((await report('executing', asUser('alan'))).status).toBe(403);
    // Another plugin can neither use up the single execution nor close the request.
    const other = await report('executing', asPlugin('infra'));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/only the plugin that opened/i);
    expect((await report('failed', asPlugin('infra'))).status).toBe(403);
    expect((await report('executing', asPluginFor('dev'))).status).toBe(403);
    const unchanged = await request(backend.server)
      .get(`/api/approvals/requests/${created.id}`)
      .set('Authorization', asUser('dev'));
    expect(unchanged.body.status).toBe('approved');

    expect((await report('executing')).body.status).toBe('executing');
    expect((await report('executing')).status).toBe(409);
    expect((await report('completed')).body.status).toBe('completed');
    expect((await report('bogus')).status).toBe(400);
  });

  it('counts what waits for an approver, for the sidebar badge', async () => {
    const before = await request(backend.server)
      .get('/api/approvals/summary')
      .set('Authorization', asUser('grace'));
    await open({ kind: 'badge' });
    const after = await request(backend.server)
      .get('/api/approvals/summary')
      .set('Authorization', asUser('grace'));
    expect(after.body.pendingAssignedToMe).toBe(
      before.body.pendingAssignedToMe + 1,
    );
  });

  it('answers 404 for an unknown request', async () => {
    const res = await decide('00000000-0000-0000-0000-000000000000', 'alan', {
      decision: 'approve',
    });
    expect(res.status).toBe(404);
  });

  describe('bad input answers 400 or 404, never 500', () => {
    it('refuses a NUL character anywhere in a body, naming the field', async () => {
      const created = await open();
      const vote = await decide(created.id, 'alan', {
        decision: 'reject',
        comment: 'no\u0000pe',
      });
      expect(vote.status).toBe(400);
      expect(vote.body.error.message).toMatch(
        /comment: must not contain a NUL character/,
      );

      const cancel = await request(backend.server)
        .post(`/api/approvals/requests/${created.id}/cancel`)
        .set('Authorization', asUser('dev'))
        .send({ comment: 'gone\u0000' });
      expect(cancel.status).toBe(400);
      expect(cancel.body.error.message).toMatch(/comment: .*NUL/);

      const create = (body: object) =>
        request(backend.server)
          .post('/api/approvals/requests')
          .set('Authorization', asPluginFor('dev'))
          .send({ ...baseRequest, ...body });
      const title = await create({ title: 'Open\u0000 a bucket' });
      expect(title.status).toBe(400);
      expect(title.body.error.message).toMatch(
        /title: must not contain a NUL character/,
      );
      const summary = await create({ summary: '\u0000' });
      expect(summary.status).toBe(400);
      expect(summary.body.error.message).toMatch(/summary: .*NUL/);
      const nested = await create({
        payload: { buckets: [{ name: 'a\u0000b' }] },
      });
      expect(nested.status).toBe(400);
      expect(nested.body.error.message).toMatch(/payload\.buckets\.0\.name/);
      const key = await create({ details: { 'bad\u0000key': 1 } });
      expect(key.status).toBe(400);
      expect(key.body.error.message).toMatch(/details\..*NUL/);
      expect(key.body.error.message).not.toContain('\u0000');

      // The request is still pending: nothing was written.
      const after = await request(backend.server)
        .get(`/api/approvals/requests/${created.id}`)
        .set('Authorization', asUser('dev'));
      expect(after.body.status).toBe('pending');
    });

    it('refuses a NUL character in the list query', async () => {
      const res = await request(backend.server)
        .get('/api/approvals/requests?kind=%00x')
        .set('Authorization', asUser('ada'));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/kind: .*NUL/);
    });

    it.each([
      ['a NUL character', '%00abc'],
      ['a word', 'nope'],
      ['a UUID with a NUL character', '00000000-0000-4000-8000-00000000000%00'],
      ['a very long id', 'x'.repeat(2000)],
    ])('answers 404 for an id that is %s', async (_, id) => {
      const calls = [
        request(backend.server)
          .get(`/api/approvals/requests/${id}`)
          .set('Authorization', asUser('ada')),
        request(backend.server)
          .get(`/api/approvals/requests/${id}`)
          .set('Authorization', asPlugin()),
        request(backend.server)
          .post(`/api/approvals/requests/${id}/decision`)
          .set('Authorization', asUser('alan'))
          .send({ decision: 'approve' }),
        request(backend.server)
          .post(`/api/approvals/requests/${id}/cancel`)
          .set('Authorization', asUser('ada'))
          .send({}),
        request(backend.server)
          .post(`/api/approvals/requests/${id}/execution`)
          .set('Authorization', asPlugin())
          .send({ status: 'executing' }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(404);
        expect(res.body.error.message).toMatch(/^No approval request /);
        expect(res.body.error.message).not.toContain('\u0000');
      }
    });

    it.each(invalidCursors)(
      'answers 400 to a list cursor with %s',
      async (_, cursor) => {
        const res = await request(backend.server)
          .get(`/api/approvals/requests?cursor=${encodeURIComponent(cursor)}`)
          .set('Authorization', asUser('ada'));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/Invalid cursor/);
      },
    );
  });
});
