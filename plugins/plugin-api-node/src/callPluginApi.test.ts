import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { callPluginApi } from './callPluginApi';

type Seen = {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
};

describe('callPluginApi', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen[];
  let answer: { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        });
        if (answer.status === 204) {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    answer = { status: 200, body: { ok: true } };
  });

  const deps = () => ({
    auth: mockServices.auth({ pluginId: 'infra' }),
    discovery: {
      getBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `${baseUrl}/api/${pluginId}`,
    },
  });

  it('sends JSON with a token for the target plugin, and returns the JSON answer', async () => {
    answer = { status: 201, body: { id: 'r1' } };
    const result = await callPluginApi<{ id: string }>(deps(), {
      pluginId: 'approvals',
      path: '/requests',
      method: 'POST',
      body: { title: 'x' },
      onBehalfOf: mockCredentials.user('user:default/jane'),
    });
    expect(result).toEqual({ id: 'r1' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/approvals/requests',
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.user('user:default/jane'),
          targetPluginId: 'approvals',
        })}`,
        contentType: 'application/json',
        body: '{"title":"x"}',
      },
    ]);
  });

  it("calls as the plugin itself by default, and sends no body when there's none", async () => {
    await callPluginApi(deps(), {
      pluginId: 'approvals',
      path: '/requests/1',
      method: 'GET',
    });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      authorization: `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:infra'),
        targetPluginId: 'approvals',
      })}`,
      contentType: undefined,
      body: '',
    });
  });

  it('returns undefined for 204 No Content', async () => {
    answer = { status: 204, body: undefined };
    await expect(
      callPluginApi(deps(), {
        pluginId: 'infra',
        path: '/ops/catalog-sync',
        method: 'POST',
        body: { succeeded: true },
      }),
    ).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it('throws a ResponseError carrying the answer of a failed call', async () => {
    answer = {
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No request 1' },
        request: { method: 'GET', url: '/api/approvals/requests/1' },
        response: { statusCode: 404 },
      },
    };
    await expect(
      callPluginApi(deps(), {
        pluginId: 'approvals',
        path: '/requests/1',
        method: 'GET',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError', message: 'No request 1' } },
      cause: { name: 'NotFoundError', message: 'No request 1' },
    });
  });
});
