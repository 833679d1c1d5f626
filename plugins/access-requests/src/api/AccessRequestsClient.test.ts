import { ResponseError } from '@backstage/errors';
import { AccessRequestsClient } from './AccessRequestsClient';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new AccessRequestsClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

const bodyOf = (init?: RequestInit) => JSON.parse(String(init?.body));

describe('AccessRequestsClient', () => {
  it('reads the targets that may be asked for', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await expect(client.listTargets()).resolves.toEqual({ items: [] });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/access-requests/targets',
    );
  });

  it('posts a new request with its target, duration and reason', async () => {
    const { client, fetch } = clientAnswering(201, { id: 'r1' });
    await expect(
      client.createRequest({
        targetId: 'admin',
        duration: '4h',
        reason: 'Rotating the signing keys',
      }),
    ).resolves.toEqual({ id: 'r1' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/access-requests/requests');
    expect(init?.method).toBe('POST');
    expect(bodyOf(init)).toEqual({
      targetId: 'admin',
      duration: '4h',
      reason: 'Rotating the signing keys',
    });
  });

  it('lists requests by scope, status and cursor', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listRequests({
      scope: 'all',
      status: 'active',
      limit: 50,
      cursor: 'c/1',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/access-requests/requests?scope=all&status=active&limit=50&cursor=c%2F1',
    );
    await client.listRequests({ scope: 'mine' });
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/access-requests/requests?scope=mine',
    );
  });

  it('reads one request by its escaped id', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'a b' });
    await client.getRequest('a b');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/access-requests/requests/a%20b',
    );
  });

  it('cancels a request', async () => {
    const { client, fetch } = clientAnswering(200, { status: 'cancelled' });
    await expect(client.cancelRequest('r1')).resolves.toEqual({
      status: 'cancelled',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/access-requests/requests/r1/cancel');
    expect(init?.method).toBe('POST');
  });

  it('revokes a grant with a reason', async () => {
    const { client, fetch } = clientAnswering(200, { status: 'revoked' });
    await client.revokeGrant('r1', { reason: 'Left the on-call rota' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/access-requests/requests/r1/revoke');
    expect(init?.method).toBe('POST');
    expect(bodyOf(init)).toEqual({ reason: 'Left the on-call rota' });
  });

  it('throws the conflict of a second request with the server reason', async () => {
    const { client } = clientAnswering(409, {
      error: {
        name: 'ConflictError',
        message: 'You already have a pending request for admin',
      },
      response: { statusCode: 409 },
    });
    const error = await client
      .createRequest({
        targetId: 'admin',
        duration: '1h',
        reason: 'x'.repeat(10),
      })
      .catch((e: unknown) => e);
    expect(ResponseError.is(error)).toBe(true);
    expect((error as ResponseError).cause.message).toBe(
      'You already have a pending request for admin',
    );
  });

  it('throws the denial of a 403 with its reason', async () => {
    const { client } = clientAnswering(403, {
      error: { name: 'NotAllowedError', message: 'Admins only' },
    });
    await expect(client.revokeGrant('r1', { reason: 'x' })).rejects.toThrow(
      'Admins only',
    );
  });
});
