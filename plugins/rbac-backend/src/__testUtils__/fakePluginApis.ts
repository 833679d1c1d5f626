import { mockServices } from '@backstage/backend-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request a fake plugin received. */
export type ReceivedRequest = {
  pluginId: string;
  path: string;
  method: string;
  body: unknown;
};

/** What a fake plugin answers: JSON, or text with a content type. */
export type FakeAnswer =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType: string };

/**
 * Plugins' HTTP APIs on one local server, `/api/<pluginId>/<path>`, answered by `answer`,
 * with a discovery service that points there. For code that calls other plugins.
 */
export async function startFakePluginApis(
  answer: (request: ReceivedRequest) => FakeAnswer,
) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/api\/([^/]+)(\/.*)$/.exec(req.url ?? '');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        pluginId: match?.[1] ?? '',
        path: match?.[2] ?? '',
        method: req.method ?? 'GET',
        body: text ? JSON.parse(text) : undefined,
      };
      received.push(request);
      const reply = answer(request);
      if ('json' in reply) {
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(reply.json));
      } else {
        res.writeHead(reply.status, { 'Content-Type': reply.contentType });
        res.end(reply.text);
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    discovery: mockServices.discovery.mock({
      getBaseUrl: async (pluginId: string) =>
        `http://127.0.0.1:${port}/api/${pluginId}`,
    }),
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}
