import { ConfigApi } from '@backstage/core-plugin-api';

/**
 * Whether the backend offers single sign-on. Only the presence of `auth.providers.oidc`
 * reaches the frontend (packages/app/config.d.ts); its settings and secret stay in the backend.
 */
export function ssoConfigured(config: ConfigApi): boolean {
  return config.has('auth.providers.oidc');
}
