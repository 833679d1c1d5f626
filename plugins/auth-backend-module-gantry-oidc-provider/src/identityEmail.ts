import {
  SignInInfo,
  OAuthAuthenticatorResult,
} from '@backstage/plugin-auth-node';
import { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { z } from 'zod';

const email = z.email();

/** What the identity provider says about the person's email. */
export type IdentityEmail =
  | { verified: true; email: string }
  | { verified: false; email?: string };

/**
 * The email to sign in with. Upstream's profile transform keeps the email only when the
 * provider's userinfo says `email_verified: true`, so an absent profile email may still have
 * an unverified one in the userinfo: that one is reported, never used.
 */
export function identityEmailOf(
  info: SignInInfo<OAuthAuthenticatorResult<OidcAuthResult>>,
): IdentityEmail {
  const verified = email.safeParse(info.profile.email?.trim());
  if (verified.success) return { verified: true, email: verified.data };
  const claimed = email.safeParse(info.result.fullProfile?.userinfo?.email);
  return { verified: false, email: claimed.success ? claimed.data : undefined };
}
