import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import authPlugin from '@backstage/plugin-auth-backend';
import {
  OidcAuthResult,
  oidcAuthenticator,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  OAuthAuthenticatorResult,
} from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { groupEntity, userEntity } from '@internal/plugin-api-node/testUtils';
import request from 'supertest';
import { createGantrySignInResolver } from './gantrySignInResolver';

const USERINFO_HEADER = 'x-test-userinfo';

function withEmail(entity: ReturnType<typeof userEntity>, email?: string) {
  return email
    ? { ...entity, spec: { ...entity.spec, profile: { email } } }
    : entity;
}

const entities = [
  groupEntity('company'),
  groupEntity('engineering', 'company'),
  groupEntity('platform-admins', 'engineering'),
  groupEntity('team-payments', 'engineering'),
  withEmail(userEntity('ada', ['platform-admins']), 'ada@gantry.example'),
  // dev's email does not match the name, and a user `dana` exists too: the email wins.
  withEmail(userEntity('dev', ['team-payments']), 'dana@gantry.example'),
  withEmail(userEntity('dana', []), 'someone-else@gantry.example'),
  // No email in the catalog: only the local part can find grace.
  userEntity('grace', ['team-payments']),
];

/**
 * Stands in for the browser round trip to the identity provider: the userinfo arrives in a
 * header, and upstream's own OIDC profile transform (the one that drops an unverified email)
 * turns it into the profile the resolver sees.
 */
const userinfoFromHeader = createProxyAuthenticator({
  defaultProfileTransform: oidcAuthenticator.defaultProfileTransform,
  initialize() {
    return undefined;
  },
  async authenticate({ req }) {
    const header = req.header(USERINFO_HEADER);
    if (!header) throw new AuthenticationError('no userinfo');
    const result: OAuthAuthenticatorResult<OidcAuthResult> = {
      fullProfile: {
        userinfo: JSON.parse(header),
        tokenset: {} as OidcAuthResult['tokenset'],
      },
      session: { accessToken: 'a', tokenType: 'bearer', scope: 'openid' },
    };
    return { result };
  },
});

const testProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'test-oidc-resolver',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({ providers, auth, auditor, catalog }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createProxyAuthProviderFactory({
            authenticator: userinfoFromHeader,
            signInResolver: createGantrySignInResolver({
              allowedDomains: ['gantry.example'],
              catalog,
              auth,
              auditor,
            }),
          }),
        });
      },
    });
  },
});

describe('Gantry OIDC sign-in resolver', () => {
  const auditor = mockServices.auditor.mock();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        authPlugin,
        testProvider,
        auditor.factory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: { providers: { oidc: {} } },
          },
        }),
      ],
    }));
  });

  beforeEach(() => jest.clearAllMocks());

  const signIn = (userinfo: object) =>
    request(server)
      .get('/api/auth/oidc/refresh')
      .set(USERINFO_HEADER, JSON.stringify(userinfo))
      .set('X-Requested-With', 'XMLHttpRequest');

  it('finds the user by email and owns their groups and every group above them', async () => {
    const res = await signIn({
      sub: 'x',
      email: 'ada@gantry.example',
      email_verified: true,
    });
    expect(res.status).toBe(200);
    const { identity } = res.body.backstageIdentity;
    expect(identity.userEntityRef).toBe('user:default/ada');
    expect([...identity.ownershipEntityRefs].sort()).toEqual([
      'group:default/company',
      'group:default/engineering',
      'group:default/platform-admins',
      'user:default/ada',
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'auth-login',
      severityLevel: 'medium',
      meta: {
        provider: 'oidc',
        email: 'ada@gantry.example',
        entityRef: 'user:default/ada',
      },
    });
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.success).toHaveBeenCalled();
  });

  it('prefers the catalog email over a user named like the local part', async () => {
    const res = await signIn({
      sub: 'x',
      email: 'dana@gantry.example',
      email_verified: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/dev',
    );
  });

  it('falls back to the local part for an allowed domain', async () => {
    const res = await signIn({
      sub: 'x',
      email: 'grace@gantry.example',
      email_verified: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/grace',
    );
  });

  it('does not use the local part of another domain, and audits the refusal', async () => {
    const res = await signIn({
      sub: 'x',
      email: 'grace@elsewhere.example',
      email_verified: true,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Signed in as grace@elsewhere.example as far as the identity provider is concerned, but Gantry has no user for you; ask your platform team',
    );
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'auth-login',
      severityLevel: 'medium',
      meta: {
        provider: 'oidc',
        reason: 'unknown-user',
        email: 'grace@elsewhere.example',
      },
    });
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotFoundError' }),
    });
  });

  it('refuses a user the catalog does not know with a clear 404', async () => {
    const res = await signIn({
      sub: 'x',
      email: 'nora@gantry.example',
      email_verified: true,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /Signed in as nora@gantry.example .* Gantry has no user for you; ask your platform team/,
    );
    expect(res.body.error.stack).toBeUndefined();
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
  });

  it.each([[false], [undefined], ['true']])(
    'refuses an email the provider has not verified (email_verified: %p)',
    async emailVerified => {
      const res = await signIn({
        sub: 'x',
        email: 'ada@gantry.example',
        email_verified: emailVerified,
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /has not verified ada@gantry.example/,
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          meta: expect.objectContaining({ reason: 'email-not-verified' }),
        }),
      );
    },
  );

  it('refuses a sign-in without any email', async () => {
    const res = await signIn({ sub: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/sent no email/);
  });
});
