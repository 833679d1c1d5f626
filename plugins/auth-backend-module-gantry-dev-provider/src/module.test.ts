import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Router } from 'express';
import request from 'supertest';
import authPlugin from '@backstage/plugin-auth-backend';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { authModuleGantryDevProvider } from './module';
import { DEV_USER_HEADER } from './authenticator';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'dev', namespace: 'default' },
    spec: {
      memberOf: ['team-payments'],
      profile: { displayName: 'Dana Developer', email: 'dana@gantry.example' },
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

// A tiny plugin that answers what backend code sees of the caller through userInfo.
const whoAmIPlugin = createBackendPlugin({
  pluginId: 'whoami',
  register(reg) {
    reg.registerInit({
      deps: {
        http: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
      },
      async init({ http, httpAuth, userInfo }) {
        const router = Router();
        router.get('/', async (req, res) => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['user'],
          });
          res.json(await userInfo.getUserInfo(credentials));
        });
        http.use(router);
      },
    });
  },
});

function features() {
  return [
    authPlugin,
    authModuleGantryDevProvider,
    whoAmIPlugin,
    // The real token services, so the issued token is verified as in production.
    authServiceFactory,
    httpAuthServiceFactory,
    userInfoServiceFactory,
    catalogServiceMock.factory({ entities }),
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: 'http://localhost:3000' },
        auth: { environment: 'development', providers: { 'gantry-dev': {} } },
      },
    }),
  ];
}

describe('gantry-dev sign-in provider', () => {
  const originalEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = originalEnv;
  });

  it('signs in a catalog user, and backend code sees their groups', async () => {
    const { server } = await startTestBackend({ features: features() });

    const refresh = await request(server)
      .get('/api/auth/gantry-dev/refresh')
      .set(DEV_USER_HEADER, 'dev')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(refresh.status).toBe(200);
    const identity = refresh.body.backstageIdentity.identity;
    expect(identity.userEntityRef).toBe('user:default/dev');
    // The profile is the catalog's, as Settings shows it.
    expect(refresh.body.profile).toEqual({
      displayName: 'Dana Developer',
      email: 'dana@gantry.example',
    });
    expect(identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'user:default/dev',
        'group:default/team-payments',
      ]),
    );

    const whoami = await request(server)
      .get('/api/whoami')
      .set('Authorization', `Bearer ${refresh.body.backstageIdentity.token}`);
    expect(whoami.status).toBe(200);
    expect(whoami.body.userEntityRef).toBe('user:default/dev');
    expect(whoami.body.ownershipEntityRefs).toContain(
      'group:default/team-payments',
    );
  });

  it('refuses a user who is not in the catalog', async () => {
    const { server } = await startTestBackend({ features: features() });
    const res = await request(server)
      .get('/api/auth/gantry-dev/refresh')
      .set(DEV_USER_HEADER, 'mallory')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.each([[''], ['../etc/passwd'], ['a'.repeat(64)]])(
    'refuses the malformed user name %j with 401',
    async name => {
      const { server } = await startTestBackend({ features: features() });
      const res = await request(server)
        .get('/api/auth/gantry-dev/refresh')
        .set(DEV_USER_HEADER, name)
        .set('X-Requested-With', 'XMLHttpRequest');
      expect(res.status).toBe(401);
    },
  );

  it('refuses to start when NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    await expect(startTestBackend({ features: features() })).rejects.toThrow(
      /refuses to start with NODE_ENV=production/,
    );
  });
});
