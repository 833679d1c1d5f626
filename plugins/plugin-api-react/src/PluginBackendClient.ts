import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Calls one backend plugin's JSON API: paths are relative to the plugin's base URL from
 * `discoveryApi`, requests go through `fetchApi` (so they carry the user's token), and a
 * failed response is thrown as a `ResponseError`.
 */
export class PluginBackendClient {
  constructor(
    private readonly options: {
      pluginId: string;
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  /** GETs `path` (e.g. `/requests?mine=true`) and returns its JSON body. */
  async get<T>(path: string): Promise<T> {
    return this.send<T>(path, { method: 'GET' });
  }

  /** POSTs `body` as JSON to `path` and returns the JSON body of the answer. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      this.options.pluginId,
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
