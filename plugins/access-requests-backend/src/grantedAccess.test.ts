import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  createTestDatabases,
  groupEntity,
  onBehalfOfAwareAuthServiceFactory,
  sampleRolesConfig,
  userEntity,
  userInfoServiceFactory,
} from '@internal/plugin-api-node/testUtils';
import { approvalsServiceRef } from '@internal/plugin-approvals-node';
import gantryPolicyModule from '@internal/plugin-permission-backend-module-gantry-policy';
import { APPROVALS_EVENTS_TOPIC } from '@internal/plugin-approvals-node';
import request from 'supertest';
import { fakeApprovals } from './__testUtils__/fakeApprovals';
import {
  asUser,
  testConfig,
  userRef,
} from './__testUtils__/startAccessRequestsBackend';
import { useEmptiedDatabase } from './__testUtils__/emptiedDatabase';
import { accessRequestsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const BASE = '/api/access-requests';

/** The sample org, as far as the portal's roles need it: user name → groups. */
const people: Record<string, string[]> = {
  dev: ['developers', 'team-payments'],
  linus: ['developers', 'team-search'],
  ada: ['platform-admins'],
  vera: [],
};

/**
 * The plugin with the real permission backend, the Gantry policy and the portal's own
 * roles (app-config.yaml): what the roles grant, and what a temporary grant adds until it
 * ends.
 */
describeEach('access requests under the portal roles on %s', databaseId => {
  const database = useEmptiedDatabase(databases, databaseId);

  async function start() {
    const approvals = fakeApprovals();
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
      useEventBus: 'never',
    });
    const tasks = new Map<string, () => Promise<void>>();
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.set(task.id, () =>
          Promise.resolve(task.fn(new AbortController().signal as any)),
        );
      },
    });
    const backend = await startTestBackend({
      features: [
        accessRequestsPlugin,
        scheduler.factory,
        permissionPlugin,
        gantryPolicyModule,
        permissionsServiceFactory,
        onBehalfOfAwareAuthServiceFactory,
        mockServices.database.factory({ knex: database() }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            ...sampleRolesConfig(),
            ...testConfig,
          },
        }),
        catalogServiceMock.factory({
          entities: [
            ...Object.entries(people).map(([name, groups]) =>
              userEntity(name, groups),
            ),
            ...[
              'developers',
              'team-payments',
              'team-search',
              'platform-admins',
            ].map(name => groupEntity(name, 'engineering')),
          ],
        }),
        userInfoServiceFactory(people),
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
    const api = (who: string) => ({
      get: (path: string) =>
        request(backend.server)
          .get(`${BASE}${path}`)
          .set('Authorization', asUser(who)),
      post: (path: string, body: object = {}) =>
        request(backend.server)
          .post(`${BASE}${path}`)
          .set('Authorization', asUser(who))
          .send(body),
    });
    const approve = async (approvalId: string) => {
      approvals.decide(approvalId, 'approved', userRef('ada'));
      await events.publish({
        topic: APPROVALS_EVENTS_TOPIC,
        eventPayload: {
          requestId: approvalId,
          kind: 'access-request',
          status: 'approved',
          payloadHash: '',
        },
      });
    };
    const runExpiry = () => tasks.get('access-requests-grant-expiry')!();
    return { backend, api, approve, runExpiry };
  }

  const ask = (targetId = 'admin', duration = '1h') => ({
    targetId,
    duration,
    reason: 'Investigate the payments incident',
  });
  const ids = (res: { body: { items: Array<{ id: string }> } }) =>
    res.body.items.map(i => i.id);

  it('lets developers ask and read their own, admins read and revoke all', async () => {
    const { backend, api } = await start();
    const dev = await api('dev').post('/requests', ask());
    expect(dev.status).toBe(201);
    const linus = await api('linus').post('/requests', ask());
    expect(linus.status).toBe(201);

    // The roles give developers IS_REQUESTER only, applied in SQL.
    expect(ids(await api('dev').get('/requests?scope=all'))).toEqual([
      dev.body.id,
    ]);
    expect((await api('dev').get(`/requests/${linus.body.id}`)).status).toBe(
      404,
    );
    expect(
      (await api('dev').post(`/requests/${linus.body.id}/cancel`)).status,
    ).toBe(404);
    expect(ids(await api('ada').get('/requests?scope=all'))).toEqual([
      linus.body.id,
      dev.body.id,
    ]);
    // A viewer may not ask.
    expect((await api('vera').post('/requests', ask())).status).toBe(403);
    // The requester cancels their own; only an admin revokes.
    expect(
      (await api('dev').post(`/requests/${dev.body.id}/cancel`)).body.status,
    ).toBe('cancelled');
    await backend.stop();
  });

  it('gives the role for the grant only, and takes it back on revocation', async () => {
    const { backend, api, approve } = await start();
    const linus = await api('linus').post('/requests', ask());
    const dev = await api('dev').post('/requests', ask());
    await approve(dev.body.approvalId);
    expect((await api('dev').get(`/requests/${dev.body.id}`)).body.status).toBe(
      'active',
    );

    // As a temporary admin, dev reads everyone's requests.
    expect(ids(await api('dev').get('/requests?scope=all'))).toEqual([
      dev.body.id,
      linus.body.id,
    ]);

    const revoked = await api('ada').post(`/requests/${dev.body.id}/revoke`, {
      reason: 'Incident closed',
    });
    expect(revoked.status).toBe(200);
    // The revocation counts from the next decision.
    expect(ids(await api('dev').get('/requests?scope=all'))).toEqual([
      dev.body.id,
    ]);
    await backend.stop();
  });

  it('takes the role back when the grant expires', async () => {
    const { backend, api, approve, runExpiry } = await start();
    const linus = await api('linus').post('/requests', ask());
    const dev = await api('dev').post('/requests', ask());
    await approve(dev.body.approvalId);
    expect(ids(await api('dev').get('/requests?scope=all'))).toEqual([
      dev.body.id,
      linus.body.id,
    ]);
    // An hour later.
    await database()('access_requests')
      .where({ id: dev.body.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    await runExpiry();
    expect((await api('dev').get(`/requests/${dev.body.id}`)).body.status).toBe(
      'expired',
    );
    expect(ids(await api('dev').get('/requests?scope=all'))).toEqual([
      dev.body.id,
    ]);
    await backend.stop();
  });
});
