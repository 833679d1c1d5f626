import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  invalidCursors,
} from '@internal/plugin-api-node/testUtils';
import request from 'supertest';
import {
  asPlugin,
  asUser,
  rolesLikePolicy,
  startAccessRequestsBackend,
  userRef,
} from '../__testUtils__/startAccessRequestsBackend';
import { useEmptiedDatabase } from '../__testUtils__/emptiedDatabase';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const BASE = '/api/access-requests';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const ask = {
  targetId: 'admin',
  duration: '4h',
  reason: 'Rotate the payment keys',
};

describeEach('access-requests router on %s', databaseId => {
  const database = useEmptiedDatabase(databases, databaseId);

  async function start(
    options: Parameters<typeof startAccessRequestsBackend>[1] = {},
  ) {
    const backend = await startAccessRequestsBackend(database(), options);
    const create = async (who = 'dev', body: object = ask) => {
      const res = await request(backend.server)
        .post(`${BASE}/requests`)
        .set('Authorization', asUser(who))
        .send(body);
      expect(res.status).toBe(201);
      return res.body;
    };
    const grant = async (who = 'dev') => {
      const created = await create(who);
      await backend.decide(created.approvalId, 'approved');
      return created;
    };
    return { ...backend, create, grant };
  }

  it('lists the targets for any signed-in user, and nobody else', async () => {
    const { server, stop } = await start();
    const res = await request(server)
      .get(`${BASE}/targets`)
      .set('Authorization', asUser('vera'));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: 'admin',
        target: { kind: 'role', role: 'admin' },
        title: 'Role admin',
        approvers: ['group:default/platform-admins'],
        durations: ['1h', '4h'],
      },
      {
        id: 'group:default/approvers',
        target: { kind: 'group', group: 'group:default/approvers' },
        title: 'Approver',
        approvers: ['group:default/platform-admins', 'user:default/grace'],
        durations: ['20s', '1h'],
      },
    ]);
    const anonymous = await request(server)
      .get(`${BASE}/targets`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    await stop();
  });

  it('opens a request with its approval, on behalf of the requester', async () => {
    const { stop, approvals, audit, create } = await start();
    const created = await create('dev', {
      ...ask,
      reason: '  Rotate the payment keys  ',
    });
    expect(created).toEqual({
      id: expect.any(String),
      requester: userRef('dev'),
      targetId: 'admin',
      target: { kind: 'role', role: 'admin' },
      duration: '4h',
      reason: 'Rotate the payment keys',
      status: 'pending',
      createdAt: expect.any(String),
      approvalId: expect.any(String),
    });
    const [input, { credentials }] =
      approvals.service.createRequest.mock.calls[0];
    expect(input).toMatchObject({
      kind: 'access-request',
      title: 'Dana Developer asks for role admin for 4h',
      summary: 'Rotate the payment keys',
      approvers: { users: [], groups: ['group:default/platform-admins'] },
      expiresInSeconds: 86_400,
      payload: {
        accessRequestId: created.id,
        requester: userRef('dev'),
        target: { kind: 'role', role: 'admin' },
        duration: '4h',
      },
    });
    // The requester is the approval's requester: the approvals service refuses their vote.
    expect(credentials.principal.userEntityRef).toBe(userRef('dev'));
    expect(audit).toEqual([
      {
        eventId: 'access-request-create',
        outcome: 'succeeded',
        meta: {
          requestId: created.id,
          targetId: 'admin',
          duration: '4h',
          approvalId: created.approvalId,
        },
      },
    ]);

    // A group target splits its approvers into users and groups; the title falls back to
    // the user's name without a display name.
    await create('linus', {
      targetId: 'group:default/approvers',
      duration: '20s',
      reason: 'Cover the approvals on-call',
    });
    expect(approvals.service.createRequest.mock.calls[1][0]).toMatchObject({
      title: 'linus asks for group approvers for 20s',
      approvers: {
        users: ['user:default/grace'],
        groups: ['group:default/platform-admins'],
      },
    });
    await stop();
  });

  it('answers 409 while the user has a pending or active request for the target', async () => {
    const { server, stop, create, decide } = await start();
    const first = await create();
    const again = await request(server)
      .post(`${BASE}/requests`)
      .set('Authorization', asUser('dev'))
      .send(ask);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already have');
    // Someone else, or another target, is fine.
    await create('linus');
    await decide(first.approvalId, 'approved');
    const whileActive = await request(server)
      .post(`${BASE}/requests`)
      .set('Authorization', asUser('dev'))
      .send({ ...ask, duration: '1h' });
    expect(whileActive.status).toBe(409);
    await stop();
  });

  it.each([
    [{ ...ask, targetId: 'root' }, 'Unknown access target root'],
    [{ ...ask, duration: '8h' }, 'choose one of 1h, 4h'],
    [{ ...ask, duration: '20s' }, 'choose one of 1h, 4h'],
    [{ ...ask, reason: '  too short ' }, 'reason'],
    [{ ...ask, reason: 'x'.repeat(1001) }, 'reason'],
    [{ targetId: 'admin', duration: '4h' }, 'reason'],
    [{ ...ask, requester: 'user:default/ada' }, 'requester'],
    [{ ...ask, reason: 'Null \u0000 inside a reason' }, 'NUL'],
    [[ask], 'Invalid request'],
  ])('answers 400 to the bad body %j', async (body, message) => {
    const { server, stop, approvals } = await start();
    const res = await request(server)
      .post(`${BASE}/requests`)
      .set('Authorization', asUser('dev'))
      .send(body as object);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(approvals.service.createRequest).not.toHaveBeenCalled();
    await stop();
  });

  it('needs the create permission', async () => {
    const { server, stop } = await start({
      policy: (permission, user) =>
        permission === 'access-requests.request.create'
          ? 'deny'
          : rolesLikePolicy(permission, user),
    });
    const res = await request(server)
      .post(`${BASE}/requests`)
      .set('Authorization', asUser('dev'))
      .send(ask);
    expect(res.status).toBe(403);
    await stop();
  });

  it('undoes a request whose approval cannot be opened', async () => {
    const { server, stop, approvals, audit, create } = await start();
    approvals.service.createRequest.mockRejectedValueOnce(
      new Error('approvals are down'),
    );
    const res = await request(server)
      .post(`${BASE}/requests`)
      .set('Authorization', asUser('dev'))
      .send(ask);
    expect(res.status).toBe(500);
    expect(audit).toContainEqual(
      expect.objectContaining({
        eventId: 'access-request-create',
        outcome: 'failed',
      }),
    );
    const mine = await request(server)
      .get(`${BASE}/requests`)
      .set('Authorization', asUser('dev'));
    expect(mine.body.items).toEqual([]);
    // Nothing left over: the user may ask again.
    await create();
    await stop();
  });

  it('lists requests newest first, filtered in SQL by the read conditions', async () => {
    const { server, stop, create } = await start();
    const devAdmin = await create('dev');
    const linusAdmin = await create('linus');
    const devGroup = await create('dev', {
      targetId: 'group:default/approvers',
      duration: '1h',
      reason: 'Cover the approvals on-call',
    });
    const list = async (who: string, query: object = {}) => {
      const res = await request(server)
        .get(`${BASE}/requests`)
        .query(query)
        .set('Authorization', asUser(who));
      expect(res.status).toBe(200);
      return res.body;
    };
    const ids = (page: { items: Array<{ id: string }> }) =>
      page.items.map(i => i.id);

    expect(ids(await list('dev'))).toEqual([devGroup.id, devAdmin.id]);
    // `all` is still only what the read permission allows: their own.
    expect(ids(await list('dev', { scope: 'all' }))).toEqual([
      devGroup.id,
      devAdmin.id,
    ]);
    expect(ids(await list('ada', { scope: 'all' }))).toEqual([
      devGroup.id,
      linusAdmin.id,
      devAdmin.id,
    ]);
    expect(ids(await list('ada'))).toEqual([]);
    expect(ids(await list('vera', { scope: 'all' }))).toEqual([]);

    await request(server)
      .post(`${BASE}/requests/${devAdmin.id}/cancel`)
      .set('Authorization', asUser('dev'));
    expect(
      ids(await list('ada', { scope: 'all', status: 'cancelled' })),
    ).toEqual([devAdmin.id]);

    const first = await list('ada', { scope: 'all', limit: 2 });
    expect(ids(first)).toEqual([devGroup.id, linusAdmin.id]);
    const second = await list('ada', {
      scope: 'all',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(ids(second)).toEqual([devAdmin.id]);
    expect(second.nextCursor).toBeUndefined();
    await stop();
  });

  it('answers an empty list when reading is denied', async () => {
    const { server, stop, create } = await start({
      policy: (permission, user) =>
        permission === 'access-requests.request.read'
          ? 'deny'
          : rolesLikePolicy(permission, user),
    });
    await create();
    const res = await request(server)
      .get(`${BASE}/requests`)
      .set('Authorization', asUser('dev'));
    expect(res.body).toEqual({ items: [] });
    await stop();
  });

  it.each([
    [{ scope: 'everyone' }, 'scope'],
    [{ status: 'approved' }, 'status'],
    [{ limit: '0' }, 'limit'],
    [{ limit: 'many' }, 'limit'],
    [{ order: 'asc' }, 'order'],
    ...invalidCursors.map(
      ([, cursor]) => [{ cursor }, 'cursor'] as [object, string],
    ),
  ])('answers 400 to the bad query %j', async (query, message) => {
    const { server, stop } = await start();
    const res = await request(server)
      .get(`${BASE}/requests`)
      .query(query)
      .set('Authorization', asUser('dev'));
    expect(res.status).toBe(400);
    expect(res.body.error.message.toLowerCase()).toContain(message);
    await stop();
  });

  it('reads one request for whoever may read it, 404 for anyone else', async () => {
    const { server, stop, create } = await start();
    const created = await create('dev');
    const read = (id: string, who: string) =>
      request(server)
        .get(`${BASE}/requests/${id}`)
        .set('Authorization', asUser(who));
    expect((await read(created.id, 'dev')).body).toEqual(created);
    expect((await read(created.id, 'ada')).status).toBe(200);
    expect((await read(created.id, 'linus')).status).toBe(404);
    expect((await read(UNKNOWN_ID, 'ada')).status).toBe(404);
    expect((await read('not-a-uuid', 'ada')).status).toBe(404);
    const anonymous = await request(server)
      .get(`${BASE}/requests/${created.id}`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    await stop();
  });

  it('cancels a pending request for its requester or an admin, once', async () => {
    const { server, stop, create, audit } = await start();
    const own = await create('dev');
    const cancel = (id: string, who: string, body?: object) =>
      request(server)
        .post(`${BASE}/requests/${id}/cancel`)
        .set('Authorization', asUser(who))
        .send(body);

    expect((await cancel(own.id, 'linus')).status).toBe(404);
    expect((await cancel(own.id, 'dev', { why: 'x' })).status).toBe(400);
    const cancelled = await cancel(own.id, 'dev');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      decidedBy: userRef('dev'),
    });
    expect(audit).toContainEqual({
      eventId: 'access-request-cancel',
      outcome: 'succeeded',
      meta: { requestId: own.id },
    });
    const again = await cancel(own.id, 'dev');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('this one is cancelled');

    const linus = await create('linus');
    expect((await cancel(linus.id, 'ada')).body.status).toBe('cancelled');
    expect((await cancel(UNKNOWN_ID, 'ada')).status).toBe(404);
    expect((await cancel('nope', 'ada')).status).toBe(404);
    await stop();
  });

  it("withdraws a cancelled request's approval, and a failed withdrawal leaves the cancel standing", async () => {
    const { server, stop, create, approvals, decide } = await start();
    const cancel = (id: string) =>
      request(server)
        .post(`${BASE}/requests/${id}/cancel`)
        .set('Authorization', asUser('dev'));

    const own = await create('dev');
    expect((await cancel(own.id)).body.status).toBe('cancelled');
    const approval = approvals.get(own.approvalId!);
    expect(approval.status).toBe('cancelled');
    expect(approval.history.at(-1)).toMatchObject({
      type: 'cancelled',
      comment: `The access request was cancelled by ${userRef('dev')}.`,
    });

    // Decided meanwhile: the approvals service refuses; the cancel stands.
    const raced = await create('dev');
    await approvals.decide(raced.approvalId!, 'approved', userRef('alan'));
    const res = await cancel(raced.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    // The approval that came anyway does not grant, and its execution reads failed.
    await decide(raced.approvalId!, 'approved', userRef('alan'));
    expect(approvals.get(raced.approvalId!).status).toBe('failed');
    await stop();
  });

  it('answers 403 to a reader who may not cancel', async () => {
    const { server, stop, create } = await start({
      policy: (permission, user) =>
        user === userRef('vera') && permission.endsWith('.read')
          ? 'allow'
          : rolesLikePolicy(permission, user),
    });
    const own = await create('dev');
    const res = await request(server)
      .post(`${BASE}/requests/${own.id}/cancel`)
      .set('Authorization', asUser('vera'));
    expect(res.status).toBe(403);
    await stop();
  });

  it('revokes an active grant for an admin, at once, and announces it', async () => {
    const { server, stop, grant, create, audit, grantEvents } = await start();
    const granted = await grant('dev');
    const revoke = (id: string, who: string, body: unknown) =>
      request(server)
        .post(`${BASE}/requests/${id}/revoke`)
        .set('Authorization', asUser(who))
        .send(body as object);

    // The requester may read it, but not revoke it.
    expect((await revoke(granted.id, 'dev', { reason: 'x' })).status).toBe(403);
    expect((await revoke(granted.id, 'linus', { reason: 'x' })).status).toBe(
      404,
    );
    expect((await revoke(granted.id, 'ada', {})).status).toBe(400);
    expect((await revoke(granted.id, 'ada', { reason: '  ' })).status).toBe(
      400,
    );
    expect((await revoke(UNKNOWN_ID, 'ada', { reason: 'x' })).status).toBe(404);

    grantEvents.length = 0;
    const revoked = await revoke(granted.id, 'ada', {
      reason: ' Incident over ',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revokedBy: userRef('ada'),
      revokedAt: expect.any(String),
      revokeReason: 'Incident over',
    });
    expect(grantEvents).toEqual([
      expect.objectContaining({
        topic: 'gantry.temporary-grants',
        eventPayload: {
          requestId: granted.id,
          userEntityRef: userRef('dev'),
          target: { kind: 'role', role: 'admin' },
          status: 'revoked',
          expiresAt: expect.any(String),
        },
      }),
    ]);
    expect(audit).toContainEqual({
      eventId: 'access-grant-revoke',
      outcome: 'succeeded',
      meta: {
        requestId: granted.id,
        reason: 'Incident over',
        requester: userRef('dev'),
        targetId: 'admin',
      },
    });
    const active = await request(server)
      .get(`${BASE}/grants/active`)
      .set('Authorization', asPlugin('permission'));
    expect(active.body).toEqual({ items: [] });

    expect((await revoke(granted.id, 'ada', { reason: 'again' })).status).toBe(
      409,
    );
    const pending = await create('linus');
    expect(
      (await revoke(pending.id, 'ada', { reason: 'not yet' })).status,
    ).toBe(409);
    await stop();
  });

  it('serves the active grants to the permission and rbac plugins only', async () => {
    const { server, stop, grant, create } = await start();
    const granted = await grant('dev');
    await create('linus');
    for (const plugin of ['permission', 'rbac']) {
      const res = await request(server)
        .get(`${BASE}/grants/active`)
        .set('Authorization', asPlugin(plugin));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [
          {
            id: granted.id,
            userEntityRef: userRef('dev'),
            target: { kind: 'role', role: 'admin' },
            expiresAt: expect.any(String),
          },
        ],
      });
    }
    const refused = [
      await request(server)
        .get(`${BASE}/grants/active`)
        .set('Authorization', asPlugin('catalog')),
      await request(server)
        .get(`${BASE}/grants/active`)
        .set('Authorization', asUser('ada')),
    ];
    expect(refused.map(r => r.status)).toEqual([403, 403]);
    const anonymous = await request(server)
      .get(`${BASE}/grants/active`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    await stop();
  });
});
