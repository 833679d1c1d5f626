import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  Permission,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  groupEntity,
  sampleOrgEntities,
  sampleRolesConfig,
  userEntity,
} from '@internal/plugin-api-node/testUtils';
import {
  infraRequestCreatePermission,
  infraRequestReadPermission,
} from '@internal/plugin-infra-common';
import { TemporaryGrant } from '@internal/plugin-rbac-common';
import {
  sharedEventsServiceFactory,
  TemporaryGrantsFixture,
  temporaryGrantsPlugin,
} from '@internal/plugin-rbac-node/testUtils';
import request from 'supertest';
import { permissionModuleGantryPolicy } from './module';

jest.setTimeout(30_000);

const vera = 'user:default/vera';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function adminFor(
  ms: number,
  id = 'grant-admin',
): TemporaryGrant & { expiresMs: number } {
  const expiresMs = Date.now() + ms;
  return {
    id,
    userEntityRef: vera,
    target: { kind: 'role', role: 'admin' },
    expiresAt: new Date(expiresMs).toISOString(),
    expiresMs,
  };
}

describe('temporary grants in the Gantry policy', () => {
  let fixture: TemporaryGrantsFixture;
  let auditor: ReturnType<typeof mockServices.auditor.mock>;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let server: Parameters<typeof request>[0];
  let stop = async () => {};

  beforeAll(async () => {
    fixture = temporaryGrantsPlugin();
    auditor = mockServices.auditor.mock();
    logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleGantryPolicy,
        fixture.feature,
        sharedEventsServiceFactory(),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            ...sampleRolesConfig(),
          },
        }),
        catalogServiceMock.factory({
          entities: sampleOrgEntities().map(e =>
            e.kind === 'Group'
              ? groupEntity(e.metadata.name, e.spec.parent)
              : userEntity(e.metadata.name, e.spec.memberOf ?? []),
          ),
        }),
        createServiceFactory({
          service: coreServices.auditor,
          deps: {},
          factory: () => auditor,
        }),
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => logger,
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  beforeEach(async () => {
    fixture.failWith = undefined;
    fixture.delayMs = undefined;
    fixture.grants.splice(0);
    await fixture.announce();
    auditor.createEvent.mockClear();
    logger.warn.mockClear();
  });

  const decide = async (
    permission: Permission = infraRequestCreatePermission,
    userEntityRef = vera,
  ): Promise<PolicyDecision & { conditions?: PermissionCriteria<any> }> => {
    const res = await request(server)
      .post('/api/permission/authorize')
      // A plugin on behalf of the user, as a resource permission without a ref needs.
      .set(
        'Authorization',
        `Bearer ${mockCredentials.user.token(userEntityRef, {
          actor: { subject: 'plugin:infra' },
        })}`,
      )
      .send({ items: [{ id: '1', permission }] });
    expect(res.status).toBe(200);
    return res.body.items[0];
  };

  const grantUses = () =>
    auditor.createEvent.mock.calls
      .map(([event]) => event)
      .filter(event => event.eventId === 'access-grant-use');

  it('allows through a role grant until its expiry, and denies from then on without a read', async () => {
    expect((await decide()).result).toBe(AuthorizeResult.DENY);
    const grant = adminFor(1500);
    fixture.grants.push(grant);
    await fixture.announce();
    expect((await decide()).result).toBe(AuthorizeResult.ALLOW);

    const reads = fixture.readers.length;
    await sleep(Math.max(grant.expiresMs - Date.now(), 0));
    // The access-requests plugin has not swept it yet: it still serves the grant.
    const result = await decide();
    const lateMs = Date.now() - grant.expiresMs;
    expect(result.result).toBe(AuthorizeResult.DENY);
    expect(fixture.readers.length).toBe(reads);
    expect(lateMs).toBeLessThan(1000);
  });

  it('denies on the next decision after a revocation is announced', async () => {
    fixture.grants.push(adminFor(3_600_000));
    await fixture.announce();
    expect((await decide()).result).toBe(AuthorizeResult.ALLOW);

    // A slow read: the announcement returns only once the revocation is in force.
    fixture.delayMs = 300;
    fixture.grants.splice(0);
    await fixture.announce();
    expect((await decide()).result).toBe(AuthorizeResult.DENY);
  });

  it('gives the roles of a granted group, with its IS_APPROVER claims', async () => {
    expect((await decide(infraRequestReadPermission)).result).toBe(
      AuthorizeResult.DENY,
    );
    fixture.grants.push({
      id: 'grant-approvers',
      userEntityRef: vera,
      target: { kind: 'group', group: 'group:default/approvers' },
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await fixture.announce();
    const decision = await decide(infraRequestReadPermission);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_APPROVER',
        params: { claims: expect.arrayContaining(['group:default/approvers']) },
      },
    });
  });

  it('fails closed: a failed read drops the temporary grants but keeps the permanent roles', async () => {
    fixture.grants.push(adminFor(3_600_000));
    await fixture.announce();
    expect((await decide()).result).toBe(AuthorizeResult.ALLOW);

    fixture.failWith = 500;
    await fixture.announce();
    expect((await decide()).result).toBe(AuthorizeResult.DENY);
    // dev is a developer for good.
    expect(
      (await decide(infraRequestCreatePermission, 'user:default/dev')).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Could not read the temporary grants/),
    );

    fixture.failWith = undefined;
    await fixture.announce();
    expect((await decide()).result).toBe(AuthorizeResult.ALLOW);
  });

  it('reads the grants as plugin:permission', async () => {
    await fixture.announce();
    expect(fixture.readers[fixture.readers.length - 1]).toBe(
      'plugin:permission',
    );
  });

  it('audits each use of a grant once per permission, and not a decision that does not use it', async () => {
    const grant = adminFor(3_600_000, 'grant-audited');
    fixture.grants.push(grant);
    await fixture.announce();
    await decide();
    await decide();
    await decide(infraRequestReadPermission);
    // dev's own roles allow this: no use of anyone's grant.
    await decide(infraRequestCreatePermission, 'user:default/dev');
    await sleep(50);
    expect(grantUses()).toEqual([
      {
        eventId: 'access-grant-use',
        severityLevel: 'medium',
        meta: {
          grantId: 'grant-audited',
          user: vera,
          permission: 'infra.request.create',
        },
      },
      {
        eventId: 'access-grant-use',
        severityLevel: 'medium',
        meta: {
          grantId: 'grant-audited',
          user: vera,
          permission: 'infra.request.read',
        },
      },
    ]);
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.success).toHaveBeenCalled();
  });
});
