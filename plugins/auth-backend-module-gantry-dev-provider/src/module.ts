import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { gantryDevAuthenticator } from './authenticator';

/**
 * Registers the `gantry-dev` sign-in provider: a local tester picks one of the catalog's
 * users and is signed in as that user, with the user's group memberships.
 */
export const authModuleGantryDevProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'gantry-dev-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.rootLogger,
      },
      async init({ providers, logger }) {
        // Anyone can claim any identity through this provider, so it must never run in
        // production, whatever the configuration says.
        if (process.env.NODE_ENV === 'production') {
          throw new Error(
            'The gantry-dev sign-in provider refuses to start with NODE_ENV=production; remove it from the production backend',
          );
        }
        logger.warn(
          'gantry-dev sign-in is enabled: anyone who reaches this backend can sign in as any catalog user',
        );
        providers.registerProvider({
          providerId: 'gantry-dev',
          factory: createProxyAuthProviderFactory({
            authenticator: gantryDevAuthenticator,
            async signInResolver({ result }, ctx) {
              // Resolves through the catalog, so the token's owner and the user's groups
              // (ownershipEntityRefs, served by userInfo) are the catalog's.
              return ctx.signInWithCatalogUser({
                entityRef: { kind: 'User', name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
