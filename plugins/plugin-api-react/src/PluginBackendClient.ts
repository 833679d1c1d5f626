import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { NotAllowedError, ResponseError } from '@backstage/errors';

/**
 * Calls one backend plugin's JSON API: paths are relative to the plugin's base URL from
 * `discoveryApi`, requests go through `fetchApi` (so they carry the user's token), and a
 * failed response is thrown as a `ResponseError`, except a denial (403), which is thrown as
 * a `NotAllowedError` whose message says what was denied (see {@link deniedError}).
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
    return this.sendJson<T>(path, { method: 'GET' });
  }

  /** GETs `path` and returns its body as a `Blob`, for a download (e.g. a CSV export). */
  async getBlob(path: string): Promise<Blob> {
    const response = await this.send(path, { method: 'GET' });
    return response.blob();
  }

  /** POSTs `body` as JSON to `path` and returns the JSON body of the answer. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return this.sendJson<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async sendJson<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.send(path, init);
    return (await response.json()) as T;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      this.options.pluginId,
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (response.status === 403) {
      throw await deniedError(response);
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** The sentence every denial starts with. */
const NOT_ALLOWED_PREFIX = 'You are not allowed to do this';

/**
 * The error of a 403 answer, for people: "You are not allowed to do this: <the server's
 * reason>". The backend sends `{ error: { name: 'NotAllowedError', message } }`; only that
 * message is kept. The server's error (with its stack trace, in development) is not
 * attached as a cause, and the error has no stack of its own: a denial is an answer, not a
 * bug, so an error panel has nothing to show but the sentence.
 */
async function deniedError(response: Response): Promise<NotAllowedError> {
  let reason: string | undefined;
  try {
    const body = await response.json();
    const message = body?.error?.message;
    if (typeof message === 'string' && message.trim()) {
      reason = message.trim();
    }
  } catch {
    // Not a Backstage error body (e.g. a proxy's HTML page): no reason to add.
  }
  const error = new NotAllowedError(
    reason ? `${NOT_ALLOWED_PREFIX}: ${reason}` : `${NOT_ALLOWED_PREFIX}.`,
  );
  delete error.stack;
  return error;
}
