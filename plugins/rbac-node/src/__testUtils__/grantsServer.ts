import { DiscoveryService } from '@backstage/backend-plugin-api';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A stand-in for the access-requests backend answering every request with `answer`. */
export async function grantsServer() {
  const seen: Array<{ url?: string; authorization?: string }> = [];
  let answer = { status: 200, body: { items: [] } as unknown };
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const discovery: DiscoveryService = {
    getBaseUrl: async pluginId => `http://127.0.0.1:${port}/api/${pluginId}`,
    getExternalBaseUrl: async pluginId =>
      `http://127.0.0.1:${port}/api/${pluginId}`,
  };
  return {
    discovery,
    seen,
    answer(status: number, body: unknown) {
      answer = { status, body };
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
