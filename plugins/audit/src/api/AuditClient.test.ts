import { AuditClient } from './AuditClient';

function clientWith(response: Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response.clone(),
  );
  const getBaseUrl = jest.fn(
    async (_pluginId: string) => 'http://backend/api/audit',
  );
  const client = new AuditClient({
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

describe('AuditClient', () => {
  it('asks the audit plugin for a page of events with every filter set', async () => {
    const { client, fetch, getBaseUrl } = clientWith(json({ items: [] }));
    expect(
      await client.getEvents({
        actor: 'user:default/dev',
        plugin: 'infra',
        eventId: 'infra-apply',
        action: 'apply',
        target: 'req-1',
        outcome: 'failed',
        severity: 'high',
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-01-02T00:00:00.000Z',
        text: 'bucket',
        cursor: 'abc',
        limit: 50,
      }),
    ).toEqual({ items: [] });
    expect(getBaseUrl).toHaveBeenCalledWith('audit');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/audit/events?actor=user%3Adefault%2Fdev&plugin=infra&eventId=infra-apply&action=apply&target=req-1&outcome=failed&severity=high&from=2025-01-01T00%3A00%3A00.000Z&to=2025-01-02T00%3A00%3A00.000Z&text=bucket&cursor=abc&limit=50',
    );
  });

  it('leaves out the filters that are not set or empty', async () => {
    const { client, fetch } = clientWith(json({ items: [] }));
    await client.getEvents({ actor: '', plugin: undefined, limit: 25 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/audit/events?limit=25',
    );
  });

  it('downloads an export in the format asked, with the filters', async () => {
    const { client, fetch } = clientWith(
      new Response('{"id":"1"}\n', {
        status: 200,
        headers: { 'Content-Type': 'application/x-ndjson' },
      }),
    );
    const blob = await client.exportEvents(
      { outcome: 'failed', plugin: 'rbac' },
      'ndjson',
    );
    expect(blob.size).toBeGreaterThan(0);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/audit/events/export?plugin=rbac&outcome=failed&format=ndjson',
    );
    expect(init?.method).toBe('GET');
  });

  it('verifies the chain', async () => {
    const { client, fetch } = clientWith(json({ ok: true, checked: 3 }));
    expect(await client.verify()).toEqual({ ok: true, checked: 3 });
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/audit/verify');
  });

  it('throws a 403 for a non-admin as a NotAllowedError', async () => {
    const { client } = clientWith(
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'Reading the audit trail needs audit.event.read',
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client.verify().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'You are not allowed to do this: Reading the audit trail needs audit.event.read',
    });
  });
});
