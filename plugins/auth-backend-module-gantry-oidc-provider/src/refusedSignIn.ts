import { AuditorService } from '@backstage/backend-plugin-api';

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
    eventId: 'sign-in',
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
