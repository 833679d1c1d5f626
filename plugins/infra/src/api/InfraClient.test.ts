import { ResponseError } from '@backstage/errors';
import { InfraClient } from './InfraClient';

function clientWith(response: Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const client = new InfraClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/infra' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('InfraClient', () => {
  it('lists my requests with the filters in the query', async () => {
    const { client, fetch } = clientWith(json({ items: [] }));
    await client.listRequests({
      mine: true,
      kind: 'vpc',
      status: ['applying', 'applied'],
      limit: 50,
      cursor: 'abc',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/infra/requests?mine=true&kind=vpc&status=applying%2Capplied&limit=50&cursor=abc',
    );
  });

  it('asks for the log lines after a sequence number', async () => {
    const { client, fetch } = clientWith(json({ items: [] }));
    await client.getRequestLogs('req 1', { after: 42 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/infra/requests/req%201/logs?after=42',
    );
  });

  it('posts the justification of a destroy', async () => {
    const { client, fetch } = clientWith(json({ id: 'req-2' }));
    const result = await client.destroyResource('res-1', {
      justification: 'Not used any more',
    });
    expect(result).toEqual({ id: 'req-2' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/infra/resources/res-1/destroy');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      justification: 'Not used any more',
    });
  });

  it('throws the backend error', async () => {
    const { client } = clientWith(
      json(
        {
          error: { name: 'NotFoundError', message: 'No resource res-1' },
          request: { method: 'GET', url: '/resources/res-1' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await client.getResource('res-1').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No resource res-1');
  });
});
