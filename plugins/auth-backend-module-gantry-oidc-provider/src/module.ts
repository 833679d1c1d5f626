import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createGantrySignInResolver } from './gantrySignInResolver';
import { readSignInConfig } from './readSignInConfig';

/**
 * Registers the `oidc` sign-in provider: upstream's OIDC authenticator with Gantry's sign-in
 * resolver. The auth backend only sets it up when `auth.providers.oidc` is configured.
 */
export const authModuleGantryOidcProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'gantry-oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({ providers, config, auth, auditor, catalog }) {
        const { allowedDomains } = readSignInConfig(config);
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolver: createGantrySignInResolver({
              allowedDomains,
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
