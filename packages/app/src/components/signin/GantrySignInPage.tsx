import {
  configApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { DevSignInPage } from './DevSignInPage';
import { SsoSignInPage } from './SsoSignInPage';
import { ssoConfigured } from './ssoConfigured';

/**
 * Single sign-on where the backend has `auth.providers.oidc` (production, `yarn start:sso`),
 * the dev sign-in otherwise (`yarn start`).
 */
export const GantrySignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  return ssoConfigured(config) ? (
    <SsoSignInPage {...props} />
  ) : (
    <DevSignInPage {...props} />
  );
};
