import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import {
  APPROVALS_EVENTS_TOPIC,
  approvalsServiceRef,
} from '@internal/plugin-approvals-node';
import { accessRequestsItemApprovalKind } from '@internal/plugin-access-requests-common';
import request from 'supertest';
import { fakeApprovals } from './__testUtils__/fakeApprovals';
import { accessRequestsPlugin } from './plugin';

const { databases, describeEach } = createTestDatabases();

const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(`user:default/${name}`)}`;

describeEach('access-requests plugin on %s', databaseId => {
  async function start(options: { deny?: string[] } = {}) {
    const knex = await databases.init(databaseId);
    const approvals = fakeApprovals();
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
      useEventBus: 'never',
    });
    const audit: Array<{ eventId: string; outcome: string }> = [];
    const auditor = mockServices.auditor.mock({
      async createEvent({ eventId }) {
        return {
          async success() {
            audit.push({ eventId, outcome: 'succeeded' });
          },
          async fail() {
            audit.push({ eventId, outcome: 'failed' });
          },
        };
      },
    });
    const permissions = mockServices.permissions.mock({
      async authorize(requests) {
        return requests.map(r => ({
          result: options.deny?.includes(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        }));
      },
    });
    const { server } = await startTestBackend({
      features: [
        accessRequestsPlugin,
        mockServices.database.factory({ knex }),
        permissions.factory,
        auditor.factory,
        createServiceFactory({
          service: approvalsServiceRef,
          deps: {},
          factory: () => approvals.service,
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
      ],
    });
    // Announces a decision the way the approvals backend does.
    const announce = async (requestId: string) =>
      events.publish({
        topic: APPROVALS_EVENTS_TOPIC,
        eventPayload: {
          requestId,
          kind: accessRequestsItemApprovalKind,
          status: 'approved',
          payloadHash: '',
        },
      });
    return { server, approvals, audit, announce };
  }

  async function createItem(
    server: Parameters<typeof request>[0],
    title = 'First',
  ) {
    const res = await request(server)
      .post('/api/access-requests/items')
      .set('Authorization', asUser('jane'))
      .send({ title });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('creates an item for the signed-in user and lists it', async () => {
    const { server, audit } = await start();
    const item = await createItem(server);
    expect(item).toMatchObject({
      title: 'First',
      status: 'draft',
      createdBy: 'user:default/jane',
    });
    expect(audit).toEqual([{ eventId: 'item-create', outcome: 'succeeded' }]);

    const list = await request(server)
      .get('/api/access-requests/items')
      .set('Authorization', asUser('jane'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
  });

  it('answers 400 naming the bad field', async () => {
    const { server } = await start();
    const res = await request(server)
      .post('/api/access-requests/items')
      .set('Authorization', asUser('jane'))
      .send({ title: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('title');
  });

  it('checks the permission of every route', async () => {
    const { server } = await start({
      deny: ['access-requests.item.read', 'access-requests.item.create'],
    });
    const list = await request(server)
      .get('/api/access-requests/items')
      .set('Authorization', asUser('jane'));
    expect(list.status).toBe(403);
    const create = await request(server)
      .post('/api/access-requests/items')
      .set('Authorization', asUser('jane'))
      .send({ title: 'x' });
    expect(create.status).toBe(403);
    const anonymous = await request(server)
      .get('/api/access-requests/items')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('publishes an item once its approval is approved', async () => {
    const { server, approvals, audit, announce } = await start();
    const item = await createItem(server);

    const asked = await request(server)
      .post(`/api/access-requests/items/${item.id}/publish`)
      .set('Authorization', asUser('jane'));
    expect(asked.status).toBe(202);
    expect(asked.body.status).toBe('awaiting-approval');
    const approvalId = asked.body.approvalId;
    expect(approvals.service.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: accessRequestsItemApprovalKind,
        payload: { itemId: item.id },
      }),
      expect.anything(),
    );

    const again = await request(server)
      .post(`/api/access-requests/items/${item.id}/publish`)
      .set('Authorization', asUser('jane'));
    expect(again.status).toBe(409);

    approvals.decide(approvalId, 'approved');
    await announce(approvalId);
    // A repeated announcement changes nothing.
    await announce(approvalId);

    const read = await request(server)
      .get(`/api/access-requests/items/${item.id}`)
      .set('Authorization', asUser('jane'));
    expect(read.body.status).toBe('published');
    expect(approvals.service.reportExecution).toHaveBeenCalledTimes(2);
    expect(audit).toContainEqual({
      eventId: 'item-publish',
      outcome: 'succeeded',
    });
  });

  it('puts an item back to draft when its approval is rejected', async () => {
    const { server, approvals, announce } = await start();
    const item = await createItem(server);
    const asked = await request(server)
      .post(`/api/access-requests/items/${item.id}/publish`)
      .set('Authorization', asUser('jane'));

    approvals.decide(asked.body.approvalId, 'rejected');
    await announce(asked.body.approvalId);

    const read = await request(server)
      .get(`/api/access-requests/items/${item.id}`)
      .set('Authorization', asUser('jane'));
    expect(read.body).toMatchObject({ status: 'draft' });
    expect(read.body.approvalId).toBeUndefined();
  });

  it('answers 404 for an item that does not exist', async () => {
    const { server } = await start();
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await request(server)
        .post(`/api/access-requests/items/${id}/publish`)
        .set('Authorization', asUser('jane'));
      expect(res.status).toBe(404);
    }
  });
});
