import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/**
 * The credentials of the user who started the task. The infra backend records that user as
 * the requester and authorizes them, so a task started by a service or by nobody is refused.
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
