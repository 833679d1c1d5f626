import { ResponseError } from '@backstage/errors';
import { PluginBackendClient } from './PluginBackendClient';

function clientWith(response: Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const getBaseUrl = jest.fn(async (pluginId: string) => {
    return `http://backend/api/${pluginId}`;
  });
  const client = new PluginBackendClient({
    pluginId: 'approvals',
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch, getBaseUrl };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('PluginBackendClient', () => {
  it('GETs a path under the plugin base URL and parses the JSON answer', async () => {
    const { client, fetch, getBaseUrl } = clientWith(
      json({ items: [{ id: 'r1' }] }),
    );
    const result = await client.get<{ items: { id: string }[] }>(
      '/requests?mine=true',
    );
    expect(result).toEqual({ items: [{ id: 'r1' }] });
    expect(getBaseUrl).toHaveBeenCalledWith('approvals');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/approvals/requests?mine=true');
    expect(init?.method).toBe('GET');
    expect(init?.body).toBeUndefined();
  });

  it('POSTs the body as JSON', async () => {
    const { client, fetch } = clientWith(
      json({ id: 'r1', status: 'approved' }),
    );
    const result = await client.post('/requests/r1/decision', {
      decision: 'approve',
    });
    expect(result).toEqual({ id: 'r1', status: 'approved' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/approvals/requests/r1/decision');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe(
      'application/json',
    );
    expect(JSON.parse(String(init?.body))).toEqual({ decision: 'approve' });
  });

  it('throws a failed answer as a ResponseError carrying the backend error', async () => {
    const { client } = clientWith(
      json(
        {
          error: { name: 'NotFoundError', message: 'No request r1' },
          request: { method: 'GET', url: '/requests/r1' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const result = client.get('/requests/r1');
    await expect(result).rejects.toBeInstanceOf(ResponseError);
    await expect(result).rejects.toMatchObject({
      statusCode: 404,
      cause: { name: 'NotFoundError', message: 'No request r1' },
    });
  });

  it('throws a ResponseError for an error answer that is not JSON', async () => {
    const { client } = clientWith(
      new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }),
    );
    const result = client.post('/requests', {});
    await expect(result).rejects.toBeInstanceOf(ResponseError);
    await expect(result).rejects.toMatchObject({ statusCode: 502 });
  });
});
