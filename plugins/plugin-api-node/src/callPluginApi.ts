import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** One call to another plugin's REST API. */
export type PluginApiRequest = {
  /** The plugin to call, e.g. `approvals`. */
  pluginId: string;
  /** The path under the plugin's base URL, starting with `/`. */
  path: string;
  method: string;
  /** Sent as JSON when given. */
  body?: unknown;
  /** Call for this user or plugin; the calling plugin's own credentials by default. */
  onBehalfOf?: BackstageCredentials;
};

/**
 * Calls another backend plugin over HTTP with service-to-service auth, so it works wherever
 * that plugin runs. A non-2xx answer throws a `ResponseError`; a 2xx answer is parsed as JSON,
 * except 204 No Content, which gives undefined.
 */
export async function callPluginApi<T>(
  deps: { auth: AuthService; discovery: DiscoveryService },
  request: PluginApiRequest,
): Promise<T> {
  const { auth, discovery } = deps;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: request.onBehalfOf ?? (await auth.getOwnServiceCredentials()),
    targetPluginId: request.pluginId,
  });
  const baseUrl = await discovery.getBaseUrl(request.pluginId);
  const hasBody = request.body !== undefined;
  const res = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    },
    body: hasBody ? JSON.stringify(request.body) : undefined,
  });
  if (!res.ok) {
    throw await ResponseError.fromResponse(res);
  }
  if (res.status === 204) {
    return undefined as T;
  }
  return (await res.json()) as T;
}
