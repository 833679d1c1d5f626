import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { approvalsRequestReadPermission } from '@internal/plugin-approvals-common';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { permissionModuleGantryPolicy } from './module';

// A backend plugin asking on behalf of a user: the permission backend only answers resource
// permissions without a resourceRef (a conditional decision) to such callers.
function onBehalfOf(userEntityRef: string) {
  return `Bearer ${mockCredentials.user.token(userEntityRef, {
    actor: { subject: 'plugin:approvals' },
  })}`;
}

describe('permissionModuleGantryPolicy', () => {
  it('answers the permission backend with the Gantry policy and its configured admins', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleGantryPolicy,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            gantry: { permissions: { admins: ['user:default/ada'] } },
          },
        }),
      ],
    });
    const read = (userEntityRef: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', onBehalfOf(userEntityRef))
        .send({
          items: [{ id: '1', permission: approvalsRequestReadPermission }],
        });

    const dev = await read('user:default/dev');
    expect(dev.status).toBe(200);
    expect(dev.body.items).toEqual([
      {
        id: '1',
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'approvals',
        resourceType: 'approval-request',
        conditions: {
          anyOf: [
            expect.objectContaining({
              rule: 'IS_REQUESTER',
              params: { claims: ['user:default/dev'] },
            }),
            expect.objectContaining({
              rule: 'IS_APPROVER',
              params: { claims: ['user:default/dev'] },
            }),
          ],
        },
      },
    ]);

    const admin = await read('user:default/ada');
    expect(admin.status).toBe(200);
    expect(admin.body.items).toEqual([
      { id: '1', result: AuthorizeResult.ALLOW },
    ]);
  });
});
