import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { permissionModuleGantryPolicy } from './module';

describe('permissionModuleGantryPolicy', () => {
  it('answers the permission backend through the Gantry policy', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleGantryPolicy,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });

    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header('user:default/dev'))
      .send({
        items: [
          {
            id: '1',
            permission: {
              type: 'basic',
              name: 'catalog.entity.create',
              attributes: { action: 'create' },
            },
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: '1', result: AuthorizeResult.ALLOW }),
    ]);
  });
});
