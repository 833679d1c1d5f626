import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import request from 'supertest';
import {
  asPlugin,
  asUser,
  startAccessRequestsBackend,
  userRef,
} from '../__testUtils__/startAccessRequestsBackend';
import { useEmptiedDatabase } from '../__testUtils__/emptiedDatabase';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const BASE = '/api/access-requests';
const EXPIRY_TASK = 'access-requests-grant-expiry';
const SWEEP_TASK = 'access-requests-approval-sweep';

describeEach('access grants on %s', databaseId => {
  const database = useEmptiedDatabase(databases, databaseId);

  async function start() {
    const backend = await startAccessRequestsBackend(database());
    const create = async (who = 'dev', duration = '4h') => {
      const res = await request(backend.server)
        .post(`${BASE}/requests`)
        .set('Authorization', asUser(who))
        .send({ targetId: 'admin', duration, reason: 'Rotate the keys now' });
      expect(res.status).toBe(201);
      return res.body;
    };
    const read = async (id: string) =>
      (
        await request(backend.server)
          .get(`${BASE}/requests/${id}`)
          .set('Authorization', asUser('ada'))
      ).body;
    const activeGrants = async () =>
      (
        await request(backend.server)
          .get(`${BASE}/grants/active`)
          .set('Authorization', asPlugin('permission'))
      ).body.items;
    return { ...backend, create, read, activeGrants };
  }

  it('grants on approval for the requested duration from the decision, once', async () => {
    const { stop, create, read, decide, approvals, audit, grantEvents } =
      await start();
    const created = await create('dev', '4h');
    await decide(created.approvalId, 'approved', userRef('ada'), 'Go ahead');
    expect(approvals.get(created.approvalId).status).toBe('completed');
    const granted = await read(created.id);
    // A repeated announcement (another replica, a replay) changes nothing.
    await decide(created.approvalId, 'approved', userRef('ada'), 'Go ahead');
    expect(await read(created.id)).toEqual(granted);

    const decidedAt = approvals
      .get(created.approvalId)
      .history.find(h => h.type === 'approve')!.createdAt;
    expect(granted).toMatchObject({
      status: 'active',
      decidedBy: userRef('ada'),
      decisionComment: 'Go ahead',
      grantedAt: new Date(decidedAt).toISOString(),
      expiresAt: new Date(Date.parse(decidedAt) + 4 * 3600_000).toISOString(),
    });
    expect(audit.filter(a => a.eventId !== 'access-request-create')).toEqual([
      {
        eventId: 'access-request-decision',
        outcome: 'succeeded',
        meta: {
          requestId: created.id,
          approvalId: created.approvalId,
          decision: 'approved',
          decidedBy: userRef('ada'),
        },
      },
      {
        eventId: 'access-grant-grant',
        outcome: 'succeeded',
        meta: {
          requestId: created.id,
          requester: userRef('dev'),
          targetId: 'admin',
          duration: '4h',
          grantedAt: granted.grantedAt,
          expiresAt: granted.expiresAt,
        },
      },
    ]);
    expect(grantEvents.map(e => e.eventPayload)).toEqual([
      {
        requestId: created.id,
        userEntityRef: userRef('dev'),
        target: { kind: 'role', role: 'admin' },
        status: 'active',
        expiresAt: granted.expiresAt,
      },
    ]);
    await stop();
  });

  it('ends the request with a rejected, expired or cancelled approval', async () => {
    const { stop, create, read, decide, grantEvents, activeGrants, audit } =
      await start();
    const rejected = await create('dev');
    await decide(
      rejected.approvalId,
      'rejected',
      userRef('ada'),
      'Use the runbook instead',
    );
    expect(await read(rejected.id)).toMatchObject({
      status: 'rejected',
      decidedBy: userRef('ada'),
      decisionComment: 'Use the runbook instead',
      decidedAt: expect.any(String),
    });
    expect((await read(rejected.id)).grantedAt).toBeUndefined();
    expect(audit).toContainEqual({
      eventId: 'access-request-decision',
      outcome: 'succeeded',
      meta: {
        requestId: rejected.id,
        approvalId: rejected.approvalId,
        decision: 'rejected',
        decidedBy: userRef('ada'),
      },
    });

    const expired = await create('linus');
    await decide(expired.approvalId, 'expired');
    expect((await read(expired.id)).status).toBe('expired');

    const cancelled = await create('grace');
    await decide(cancelled.approvalId, 'cancelled', userRef('grace'));
    expect((await read(cancelled.id)).status).toBe('cancelled');

    expect(grantEvents).toEqual([]);
    expect(await activeGrants()).toEqual([]);
    // Ended, the user may ask again.
    await create('dev');
    await stop();
  });

  it('follows a decision whose event was missed on the next sweep', async () => {
    const { stop, create, read, approvals, runTask, activeGrants } =
      await start();
    const created = await create('dev');
    approvals.decide(created.approvalId, 'approved', userRef('ada'));
    expect((await read(created.id)).status).toBe('pending');
    await runTask(SWEEP_TASK);
    expect((await read(created.id)).status).toBe('active');
    expect((await activeGrants()).map((g: { id: string }) => g.id)).toEqual([
      created.id,
    ]);
    await stop();
  });

  it('closes the approval of a request cancelled before the decision', async () => {
    const { server, stop, create, read, decide, approvals } = await start();
    const created = await create('dev');
    await request(server)
      .post(`${BASE}/requests/${created.id}/cancel`)
      .set('Authorization', asUser('dev'));
    await decide(created.approvalId, 'approved');
    expect((await read(created.id)).status).toBe('cancelled');
    expect(approvals.get(created.approvalId).status).toBe('failed');
    await stop();
  });

  it('expires grants whose time is up, in the scheduled task, and announces it', async () => {
    const {
      stop,
      create,
      read,
      decide,
      runTask,
      audit,
      grantEvents,
      activeGrants,
    } = await start();
    const due = await create('dev');
    const running = await create('linus');
    await decide(due.approvalId, 'approved');
    await decide(running.approvalId, 'approved');
    // The first grant's time is up (as if 4 hours passed).
    await database()('access_requests')
      .where({ id: due.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await activeGrants()).map((g: { id: string }) => g.id)).toEqual([
      running.id,
    ]);
    grantEvents.length = 0;

    await runTask(EXPIRY_TASK);
    expect((await read(due.id)).status).toBe('expired');
    expect((await read(running.id)).status).toBe('active');
    expect(audit).toContainEqual({
      eventId: 'access-grant-expire',
      outcome: 'succeeded',
      meta: {
        requestId: due.id,
        requester: userRef('dev'),
        targetId: 'admin',
        expiresAt: expect.any(String),
      },
    });
    expect(grantEvents.map(e => e.eventPayload)).toEqual([
      expect.objectContaining({ requestId: due.id, status: 'expired' }),
    ]);

    // A second run finds nothing more to do.
    grantEvents.length = 0;
    await runTask(EXPIRY_TASK);
    expect(grantEvents).toEqual([]);
    await stop();
  });

  it('closes a pending request that lost its approval to a crash', async () => {
    const { stop, create, read, runTask } = await start();
    const orphan = await create('dev');
    await database()('access_requests')
      .where({ id: orphan.id })
      .update({
        approval_id: null,
        created_at: new Date(Date.now() - 10 * 60_000),
      });
    const fresh = await create('linus');
    await database()('access_requests')
      .where({ id: fresh.id })
      .update({ approval_id: null });
    await runTask(SWEEP_TASK);
    expect((await read(orphan.id)).status).toBe('cancelled');
    expect((await read(fresh.id)).status).toBe('pending');
    await stop();
  });
});
