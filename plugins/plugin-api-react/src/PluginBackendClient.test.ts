import { NotAllowedError, ResponseError } from '@backstage/errors';
import { PluginBackendClient } from './PluginBackendClient';
import { errorMessageOf } from './errors';

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

  it('GETs a download as a Blob, through fetchApi', async () => {
    const { client, fetch } = clientWith(
      new Response('user,catalog.entity.read\nuser:default/dev,ALLOW\n', {
        status: 200,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );
    const blob = await client.getBlob('/matrix?format=csv');
    expect(blob.size).toBeGreaterThan(0);
    expect(blob.type).toMatch(/^text\/csv/);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/approvals/matrix?format=csv');
    expect(init?.method).toBe('GET');
  });

  it('throws a denied download as a NotAllowedError', async () => {
    const { client } = clientWith(
      json(
        {
          error: { name: 'NotAllowedError', message: 'Admins only' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client
      .getBlob('/matrix?format=csv')
      .catch((e: unknown) => e);
    expect(NotAllowedError.is(error)).toBe(true);
    expect((error as Error).message).toBe(
      'You are not allowed to do this: Admins only',
    );
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

  it('throws a denial as a NotAllowedError saying why, with no server stack', async () => {
    const { client } = clientWith(
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'Only the requester or an admin can cancel this request',
            stack:
              'NotAllowedError: Only the requester...\n    at router.ts:340:15',
          },
          request: { method: 'POST', url: '/requests/r1/cancel' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client
      .post('/requests/r1/cancel', {})
      .catch((e: unknown) => e);
    expect(NotAllowedError.is(error)).toBe(true);
    expect(ResponseError.is(error)).toBe(false);
    const { message, stack, cause } = error as NotAllowedError;
    expect(message).toBe(
      'You are not allowed to do this: Only the requester or an admin can cancel this request',
    );
    expect(message).not.toMatch(/403|Forbidden/);
    expect(stack).toBeUndefined();
    expect(cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain('router.ts');
    expect(errorMessageOf(error)).toBe(message);
  });

  it('says a denial plainly when the 403 answer has no Backstage error body', async () => {
    const { client } = clientWith(
      new Response('<html>Forbidden</html>', {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'text/html' },
      }),
    );
    const error = await client.get('/summary').catch((e: unknown) => e);
    expect(NotAllowedError.is(error)).toBe(true);
    expect((error as Error).message).toBe('You are not allowed to do this.');
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
