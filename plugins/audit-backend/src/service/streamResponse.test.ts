import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { streamResponse } from './streamResponse';

async function* count(to: number) {
  for (let i = 1; i <= to; i += 1) yield i;
}

describe('streamResponse', () => {
  it('writes the header and every row, then ends', async () => {
    const app = express();
    let result: unknown;
    app.get('/', async (_req, res) => {
      result = await streamResponse(res, count(250), n => `${n}\n`, 'n\n');
    });
    const res = await request(app).get('/');
    expect(res.text.split('\n')).toEqual([
      'n',
      ...Array.from({ length: 250 }, (_, i) => String(i + 1)),
      '',
    ]);
    expect(result).toEqual({ rows: 250, disconnected: false });
  });

  it('stops reading and writing when the client goes away', async () => {
    let finished: (value: unknown) => void = () => {};
    const outcome = new Promise(resolve => {
      finished = resolve;
    });
    let sourceClosed = false;
    let produced = 0;
    async function* endless() {
      try {
        for (;;) {
          produced += 1;
          yield 'x'.repeat(1000);
          // Let the socket's close event through, as a database round trip would.
          await new Promise(resolve => setImmediate(resolve));
        }
      } finally {
        sourceClosed = true;
      }
    }
    const app = express();
    app.get('/', async (_req, res) => {
      finished(await streamResponse(res, endless(), row => `${row}\n`));
    });
    const server = http.createServer(app);
    await new Promise<void>(resolve => server.listen(0, resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`http://127.0.0.1:${port}/`, res => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', error => {
          if ((error as { code?: string }).code !== 'ECONNRESET') reject(error);
        });
      });
      expect(await outcome).toEqual({
        rows: expect.any(Number),
        disconnected: true,
      });
      expect(sourceClosed).toBe(true);
      const producedAtClose = produced;
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(produced).toBe(producedAtClose);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });
});
