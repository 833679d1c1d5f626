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

describe('AccessRequestsClient', () => {
  it('lists items from the plugin backend', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await expect(client.listItems({ limit: 10 })).resolves.toEqual({
      items: [],
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/access-requests/items?limit=10',
    );
  });

  it('posts a publish request for the item', async () => {
    const { client, fetch } = clientAnswering(202, { id: 'a b' });
    await client.requestPublish('a b');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/access-requests/items/a%20b/publish',
    );
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
  });

  it('throws the denial of a 403 with its reason', async () => {
    const { client } = clientAnswering(403, {
      error: { name: 'NotAllowedError', message: 'Missing permission' },
    });
    await expect(client.createItem({ title: 'x' })).rejects.toThrow(
      'Missing permission',
    );
  });
});
