import { mockCredentials } from '@backstage/backend-test-utils';
import { userEntity } from '@internal/plugin-api-node/testUtils';
import { AccessMatrix, RoleView, WhoCan } from '@internal/plugin-rbac-common';
import { changingCatalog } from '@internal/plugin-rbac-node/testUtils';
import request from 'supertest';
import { paymentsBucketRequest } from '../__testUtils__/infraRequestsPlugin';
import {
  asUser,
  RbacTestBackend,
  sampleCatalog,
  startRbacBackend,
  userRef,
} from '../__testUtils__/startRbacBackend';

jest.setTimeout(60_000);

describe('rbac router', () => {
  let backend: RbacTestBackend;

  beforeAll(async () => {
    backend = await startRbacBackend();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const get = (who: string, path: string) =>
    request(backend.server)
      .get(`/api/rbac${path}`)
      .set('Authorization', asUser(who));

  const usersOf = (body: WhoCan) =>
    Object.fromEntries(body.users.map(u => [u.userRef, u.result]));

  it('shows the roles with members resolved through nested groups', async () => {
    const res = await get('ada', '/roles');
    expect(res.status).toBe(200);
    const roles: RoleView[] = res.body.roles;
    expect(roles.map(r => r.name)).toEqual([
      'admin',
      'approver',
      'developer',
      'viewer',
    ]);
    const developer = roles.find(r => r.name === 'developer')!;
    expect(developer).toMatchObject({
      description: expect.stringContaining('developer'),
      templates: ['developer'],
      members: [
        {
          ref: 'group:default/developers',
          kind: 'group',
          // mo is in mobile, a group below developers
          users: [userRef('dev'), userRef('linus'), userRef('mo')],
        },
      ],
      userCount: 3,
    });
    expect(developer.grants).toContainEqual({
      permissions: ['infra.request.create'],
      decision: 'allow',
    });
    const viewer = roles.find(r => r.name === 'viewer')!;
    expect(viewer.members).toEqual([
      {
        ref: 'group:default/engineering',
        kind: 'group',
        users: ['ada', 'alan', 'dev', 'grace', 'linus', 'mo'].map(userRef),
      },
      { ref: 'user:default/vera', kind: 'user', users: [userRef('vera')] },
    ]);
    expect(viewer.userCount).toBe(7);
    expect(roles.find(r => r.name === 'admin')!.userCount).toBe(1);
  });

  it.each(['dev', 'vera', 'alan'])(
    'refuses every admin route to %s, saying which role it needs',
    async who => {
      for (const path of [
        '/roles',
        '/permissions',
        `/access/user?userRef=${userRef('dev')}`,
        '/access/who?permission=infra.request.create',
        '/matrix',
        '/matrix?format=csv',
      ]) {
        const res = await get(who, path);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(res.body.error.message).toBe(
          'Viewing access needs the rbac.access.read permission, which the admin role gives',
        );
      }
    },
  );

  it("refuses a plugin's own token: the page and its hints are for people", async () => {
    const token = `Bearer ${mockCredentials.service.token({
      onBehalfOf: mockCredentials.service('plugin:catalog'),
      targetPluginId: 'rbac',
    })}`;
    for (const path of [
      '/roles',
      '/required-roles?permission=scaffolder.task.create',
    ]) {
      const res = await request(backend.server)
        .get(`/api/rbac${path}`)
        .set('Authorization', token);
      expect(res.status).toBe(403);
    }
  });

  it('names the roles a permission needs to anyone signed in, never their members', async () => {
    const res = await get(
      'vera',
      '/required-roles?permission=scaffolder.task.create',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      permission: 'scaffolder.task.create',
      roles: [
        { name: 'admin', description: expect.any(String) },
        { name: 'developer', description: expect.any(String) },
      ],
    });
    // a conditional grant counts for a resource permission
    const read = await get(
      'dev',
      '/required-roles?permission=infra.request.read',
    );
    expect(read.body.roles.map((r: { name: string }) => r.name)).toEqual([
      'admin',
      'approver',
      'developer',
    ]);
    expect((await get('vera', '/required-roles')).status).toBe(400);
  });

  it("lists every installed plugin's permissions from their metadata", async () => {
    const res = await get('ada', '/permissions');
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual([
      {
        name: 'infra.ops.read',
        pluginId: 'infra',
        type: 'basic',
        action: 'read',
      },
      {
        name: 'infra.request.apply',
        pluginId: 'infra',
        type: 'resource',
        resourceType: 'infra-request',
        action: 'update',
      },
      {
        name: 'infra.request.create',
        pluginId: 'infra',
        type: 'basic',
        action: 'create',
      },
      {
        name: 'infra.request.read',
        pluginId: 'infra',
        type: 'resource',
        resourceType: 'infra-request',
        action: 'read',
      },
      {
        name: 'infra.resource.destroy',
        pluginId: 'infra',
        type: 'resource',
        resourceType: 'infra-request',
        action: 'delete',
      },
      {
        name: 'rbac.access.read',
        pluginId: 'rbac',
        type: 'basic',
        action: 'read',
      },
    ]);
  });

  it("shows a user's access, roles and groups, with the conditions as configured", async () => {
    const res = await get('ada', `/access/user?userRef=${userRef('dev')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      userRef: userRef('dev'),
      roles: ['developer', 'viewer'],
      memberOf: [
        'group:default/developers',
        'group:default/engineering',
        'group:default/team-payments',
      ],
    });
    const byName = Object.fromEntries(
      res.body.permissions.map((p: { permission: { name: string } }) => [
        p.permission.name,
        p,
      ]),
    );
    expect(byName['infra.request.create']).toEqual({
      permission: expect.objectContaining({ name: 'infra.request.create' }),
      result: 'ALLOW',
      grantedBy: ['developer'],
    });
    expect(byName['infra.request.read']).toEqual({
      permission: expect.objectContaining({ name: 'infra.request.read' }),
      result: 'CONDITIONAL',
      grantedBy: ['developer'],
      conditions: [{ anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] }],
    });
    expect(byName['rbac.access.read']).toMatchObject({
      result: 'DENY',
      grantedBy: [],
    });
  });

  it('answers 404 for a user the catalog does not know, 400 without a user', async () => {
    expect(
      (await get('ada', `/access/user?userRef=${userRef('nobody')}`)).status,
    ).toBe(404);
    const missing = await get('ada', '/access/user');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/userRef/);
    expect(
      (await get('ada', '/access/user?userRef=group:default/developers'))
        .status,
    ).toBe(400);
  });

  it('lists who may do a basic permission', async () => {
    const res = await get('ada', '/access/who?permission=infra.request.create');
    expect(res.status).toBe(200);
    expect(res.body.permission).toMatchObject({ name: 'infra.request.create' });
    expect(res.body.resourceRef).toBeUndefined();
    expect(usersOf(res.body)).toEqual({
      [userRef('ada')]: 'ALLOW',
      [userRef('dev')]: 'ALLOW',
      [userRef('linus')]: 'ALLOW',
      [userRef('mo')]: 'ALLOW',
    });
    const all = await get(
      'ada',
      '/access/who?permission=infra.request.create&all=true',
    );
    expect(usersOf(all.body)[userRef('vera')]).toBe('DENY');
    expect(all.body.users).toHaveLength(7);
  });

  it('resolves conditions on a resource through the owning plugin', async () => {
    const withoutResource = await get(
      'ada',
      '/access/who?permission=infra.request.read',
    );
    expect(usersOf(withoutResource.body)).toEqual({
      [userRef('ada')]: 'ALLOW',
      [userRef('alan')]: 'CONDITIONAL',
      [userRef('dev')]: 'CONDITIONAL',
      [userRef('grace')]: 'CONDITIONAL',
      [userRef('linus')]: 'CONDITIONAL',
      [userRef('mo')]: 'CONDITIONAL',
    });

    backend.getResources.mockClear();
    const res = await get(
      'ada',
      `/access/who?permission=infra.request.read&resourceRef=${paymentsBucketRequest.id}&all=true`,
    );
    expect(res.status).toBe(200);
    expect(res.body.resourceRef).toBe(paymentsBucketRequest.id);
    expect(usersOf(res.body)).toEqual({
      [userRef('ada')]: 'ALLOW', // admin
      [userRef('alan')]: 'ALLOW', // an approver of the request
      [userRef('grace')]: 'ALLOW', // an approver of the request
      [userRef('dev')]: 'ALLOW', // team-payments owns it
      [userRef('linus')]: 'ALLOW', // requested it
      [userRef('mo')]: 'DENY', // a developer, but neither requester nor owner
      [userRef('vera')]: 'DENY',
    });
    // one batch for the five conditional decisions
    expect(backend.getResources).toHaveBeenCalledTimes(1);

    const unknown = await get(
      'ada',
      '/access/who?permission=infra.request.read&resourceRef=no-such-request',
    );
    expect(usersOf(unknown.body)).toEqual({ [userRef('ada')]: 'ALLOW' });
  });

  it('refuses who-can for an unknown permission, or a resource on a basic one', async () => {
    expect(
      (await get('ada', '/access/who?permission=costs.report.read')).status,
    ).toBe(404);
    expect(
      (
        await get(
          'ada',
          '/access/who?permission=infra.request.create&resourceRef=x',
        )
      ).status,
    ).toBe(400);
    expect((await get('ada', '/access/who')).status).toBe(400);
  });

  it('pages the matrix by user ref, filtered by role and by part of the ref', async () => {
    const page = async (query: string): Promise<AccessMatrix> => {
      const res = await get('ada', `/matrix?${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const first = await page(
      'permission=infra.request.create&permission=infra.request.read&limit=3',
    );
    expect(first.permissions.map(p => p.name)).toEqual([
      'infra.request.create',
      'infra.request.read',
    ]);
    expect(first.totalUsers).toBe(7);
    expect(first.nextOffset).toBe(3);
    expect(first.rows.map(r => r.userRef)).toEqual(
      ['ada', 'alan', 'dev'].map(userRef),
    );
    expect(first.rows[2]).toEqual({
      userRef: userRef('dev'),
      roles: ['developer', 'viewer'],
      cells: {
        'infra.request.create': { result: 'ALLOW', grantedBy: ['developer'] },
        'infra.request.read': {
          result: 'CONDITIONAL',
          grantedBy: ['developer'],
          conditions: [
            { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] },
          ],
        },
      },
    });
    const last = await page('permission=infra.request.create&offset=6&limit=3');
    expect(last.rows.map(r => r.userRef)).toEqual([userRef('vera')]);
    expect(last.nextOffset).toBeUndefined();

    const developers = await page('role=developer');
    expect(developers.rows.map(r => r.userRef)).toEqual(
      ['dev', 'linus', 'mo'].map(userRef),
    );
    // every permission when none is named
    expect(Object.keys(developers.rows[0].cells)).toHaveLength(6);

    const searched = await page('q=LIN');
    expect(searched.rows.map(r => r.userRef)).toEqual([userRef('linus')]);
    expect((await get('ada', '/matrix?role=nobody')).status).toBe(404);
    expect((await get('ada', '/matrix?permission=nope.nope')).status).toBe(404);
  });

  it('exports the filtered matrix as CSV, every user, escaped', async () => {
    const res = await get(
      'ada',
      '/matrix?format=csv&permission=infra.request.create&permission=infra.request.read&limit=1',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="gantry-access.csv"',
    );
    expect(res.text.split('\r\n')).toEqual([
      'user,roles,infra.request.create,infra.request.read',
      'user:default/ada,"admin, viewer",ALLOW,ALLOW',
      'user:default/alan,"approver, viewer",DENY,CONDITIONAL',
      'user:default/dev,"developer, viewer",ALLOW,CONDITIONAL',
      'user:default/grace,"approver, viewer",DENY,CONDITIONAL',
      'user:default/linus,"developer, viewer",ALLOW,CONDITIONAL',
      'user:default/mo,"developer, viewer",ALLOW,CONDITIONAL',
      'user:default/vera,viewer,DENY,DENY',
      '',
    ]);
  });

  it.each([
    ['limit=abc'],
    ['limit=0'],
    ['limit=501'],
    ['offset=-1'],
    ['format=xml'],
  ])('refuses a matrix query with %s', async query => {
    const res = await get('ada', `/matrix?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });
});

describe('rbac router while the catalog ingests', () => {
  const catalog = changingCatalog(sampleCatalog());
  let backend: RbacTestBackend;

  beforeAll(async () => {
    backend = await startRbacBackend({ catalog: catalog.catalog });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const accessOf = (name: string) =>
    request(backend.server)
      .get(`/api/rbac/access/user?userRef=${userRef(name)}`)
      .set('Authorization', asUser('ada'));

  it('finds a user the catalog ingested after the groups were read, and still not one it never had', async () => {
    // Answered from the groups read at start-up.
    expect((await accessOf('dev')).status).toBe(200);
    catalog.set([...sampleCatalog(), userEntity('newcomer', ['developers'])]);

    const res = await accessOf('newcomer');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      userRef: userRef('newcomer'),
      roles: ['developer', 'viewer'],
      memberOf: ['group:default/developers', 'group:default/engineering'],
    });
    expect((await accessOf('nobody')).status).toBe(404);
  });
});
