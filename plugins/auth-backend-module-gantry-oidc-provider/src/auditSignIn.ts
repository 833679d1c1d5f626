import { AuditorService } from '@backstage/backend-plugin-api';

/**
 * The sign-in event's id. Upstream's auth backend (0.30) emits no audit events, so Gantry's
 * resolver records each OIDC sign-in itself, under the id the auth backend would use.
 */
const AUTH_LOGIN = 'auth-login';

/** Why a person the identity provider vouched for got no Gantry session. */
export type RefusalReason = 'no-email' | 'email-not-verified' | 'unknown-user';

/**
 * Records a refused sign-in in the audit trail (medium: someone holds a valid login at the
 * identity provider but gets nothing here, which admins want to see), then hands the error
 * back for the caller to throw. With Gantry's auditor a trail that cannot be written fails the
 * sign-in with a 503 instead.
 */
export async function auditRefusedSignIn(
  auditor: AuditorService,
  refusal: { reason: RefusalReason; email?: string; error: Error },
): Promise<Error> {
  const event = await auditor.createEvent({
    eventId: AUTH_LOGIN,
    severityLevel: 'medium',
    meta: {
      provider: 'oidc',
      reason: refusal.reason,
      ...(refusal.email ? { email: refusal.email } : {}),
    },
  });
  await event.fail({ error: refusal.error });
  return refusal.error;
}

/**
 * Records a sign-in (and each session refresh, which resolves the user again) as a success
 * whose target is the user. Medium, so a sign-in the trail cannot record does not happen.
 */
export async function auditSignIn(
  auditor: AuditorService,
  signIn: { email: string; userRef: string },
): Promise<void> {
  const event = await auditor.createEvent({
    eventId: AUTH_LOGIN,
    severityLevel: 'medium',
    meta: { provider: 'oidc', email: signIn.email, entityRef: signIn.userRef },
  });
  await event.success();
}
