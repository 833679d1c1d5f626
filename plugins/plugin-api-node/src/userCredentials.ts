import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/** Whether the credentials are a signed-in user's (directly, or through a plugin acting for them). */
export function isUserCredentials(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  const principal = credentials.principal as { type?: unknown } | undefined;
  return principal?.type === 'user';
}

/**
 * The credentials of the user who started a scaffolder task. Gantry records that user as the
 * requester and authorizes them, so a task started by a service or by nobody is refused.
 */
export async function getInitiatorUserCredentials(
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  auth: AuthService,
  actionId: string,
): Promise<BackstageCredentials<BackstageUserPrincipal>> {
  const credentials = await ctx.getInitiatorCredentials();
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError(
      `${actionId} acts on behalf of the user running the template, ` +
        'but this task was not started by a signed-in user',
    );
  }
  return credentials;
}
