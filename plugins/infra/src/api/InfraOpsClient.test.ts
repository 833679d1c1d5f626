import { InfraOpsClient } from './InfraOpsClient';

function clientWith(response: Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const client = new InfraOpsClient({
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

describe('InfraOpsClient', () => {
  it('asks for the stats of a number of days', async () => {
    const { client, fetch } = clientWith(json({ days: 30 }));
    expect(await client.getOpsStats({ days: 30 })).toEqual({ days: 30 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/infra/ops/stats?days=30',
    );
  });

  it('throws the backend error of a forbidden read', async () => {
    const { client } = clientWith(
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: infra.ops.read',
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    await expect(client.getOpsHealth()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('Not allowed: infra.ops.read'),
    });
  });
});
