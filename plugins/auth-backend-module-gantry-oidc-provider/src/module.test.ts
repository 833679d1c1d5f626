import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleGantryOidcProvider } from './module';

function features(data: object) {
  return [
    authPlugin,
    authModuleGantryOidcProvider,
    catalogServiceMock.factory({ entities: [] }),
    mockServices.rootConfig.factory({
      data: { app: { baseUrl: 'http://localhost:3000' }, ...data },
    }),
  ];
}

describe('authModuleGantryOidcProvider', () => {
  it('stays out of the way where auth.providers.oidc is not configured', async () => {
    const { server } = await startTestBackend({
      features: features({ auth: { providers: {} } }),
    });
    const res = await request(server).get(
      '/api/auth/oidc/start?env=development',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No auth provider registered/);
  });

  it('refuses to start with a malformed allowed domain', async () => {
    await expect(
      startTestBackend({
        features: features({
          gantry: { signIn: { allowedDomains: ['not a domain'] } },
        }),
      }),
    ).rejects.toThrow(/gantry.signIn.*must be a domain name/s);
  });
});
