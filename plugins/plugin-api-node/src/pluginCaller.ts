import {
  BackstageCredentials,
  BackstageServicePrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/**
 * The credentials of a request that only one plugin (or a few, given as a list) may make,
 * such as the search plugin listing every record for its index: any other caller, person or
 * plugin, gets a 403 with `refusal` as its message.
 */
export async function requirePluginCaller(
  httpAuth: HttpAuthService,
  req: Parameters<HttpAuthService['credentials']>[0],
  pluginId: string | readonly string[],
  refusal: string,
): Promise<BackstageCredentials<BackstageServicePrincipal>> {
  const credentials = await httpAuth.credentials(req, { allow: ['service'] });
  const allowed = typeof pluginId === 'string' ? [pluginId] : pluginId;
  if (!allowed.some(id => credentials.principal.subject === `plugin:${id}`)) {
    throw new NotAllowedError(refusal);
  }
  return credentials;
}
