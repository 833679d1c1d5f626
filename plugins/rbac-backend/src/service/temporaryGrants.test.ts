import { UserAccess } from '@internal/plugin-rbac-common';
import {
  TemporaryGrantsFixture,
  temporaryGrantsPlugin,
} from '@internal/plugin-rbac-node/testUtils';
import request from 'supertest';
import {
  asUser,
  RbacTestBackend,
  startRbacBackend,
  userRef,
} from '../__testUtils__/startRbacBackend';

jest.setTimeout(60_000);

describe('temporary grants on the access page', () => {
  let backend: RbacTestBackend;
  let fixture: TemporaryGrantsFixture;
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  const inTwoHours = new Date(Date.now() + 7_200_000).toISOString();

  beforeAll(async () => {
    fixture = temporaryGrantsPlugin();
    // Granted before the backend starts: read at start-up, with no event.
    fixture.grants.push(
      {
        id: 'grant-admin',
        userEntityRef: userRef('vera'),
        target: { kind: 'role', role: 'admin' },
        expiresAt: inTwoHours,
      },
      {
        id: 'grant-approvers',
        userEntityRef: userRef('vera'),
        target: { kind: 'group', group: 'group:default/approvers' },
        expiresAt: inAnHour,
      },
      {
        id: 'grant-viewer',
        userEntityRef: userRef('vera'),
        target: { kind: 'role', role: 'viewer' },
        expiresAt: inAnHour,
      },
    );
    backend = await startRbacBackend({ temporaryGrants: fixture });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const accessOf = async (name: string): Promise<UserAccess> => {
    const res = await request(backend.server)
      .get(`/api/rbac/access/user?userRef=${userRef(name)}`)
      .set('Authorization', asUser('ada'));
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists a user’s temporary grants, marks the roles only they give, and the decisions that depend on them', async () => {
    const vera = await accessOf('vera');
    expect(vera).toMatchObject({
      roles: ['admin', 'approver', 'viewer'],
      // vera is a viewer for good.
      temporaryRoles: ['admin', 'approver'],
      memberOf: ['group:default/approvers', 'group:default/engineering'],
    });
    expect(vera.temporaryGrants).toEqual([
      {
        id: 'grant-approvers',
        target: { kind: 'group', group: 'group:default/approvers' },
        expiresAt: inAnHour,
        // approvers is below engineering, whose members are viewers.
        roles: ['approver', 'viewer'],
      },
      {
        id: 'grant-viewer',
        target: { kind: 'role', role: 'viewer' },
        expiresAt: inAnHour,
        roles: ['viewer'],
      },
      {
        id: 'grant-admin',
        target: { kind: 'role', role: 'admin' },
        expiresAt: inTwoHours,
        roles: ['admin'],
      },
    ]);
    const byName = Object.fromEntries(
      vera.permissions.map(p => [p.permission.name, p]),
    );
    expect(byName['infra.request.create']).toMatchObject({
      result: 'ALLOW',
      grantedBy: ['admin'],
      temporaryGrantIds: ['grant-admin'],
    });
    expect(byName['rbac.access.read']).toMatchObject({
      result: 'ALLOW',
      temporaryGrantIds: ['grant-admin'],
    });
    expect(fixture.readers).toContain('plugin:rbac');

    // Others see nothing of vera's grants.
    const dev = await accessOf('dev');
    expect(dev.temporaryGrants).toEqual([]);
    expect(dev.temporaryRoles).toEqual([]);
    const create = dev.permissions.find(
      p => p.permission.name === 'infra.request.create',
    )!;
    expect(create).toEqual({
      permission: expect.objectContaining({ name: 'infra.request.create' }),
      result: 'ALLOW',
      grantedBy: ['developer'],
    });
  });

  it('shows a revoked grant no more', async () => {
    fixture.grants.splice(0);
    await fixture.announce();
    const vera = await accessOf('vera');
    expect(vera.temporaryGrants).toEqual([]);
    expect(vera.roles).toEqual(['viewer']);
  });
});
