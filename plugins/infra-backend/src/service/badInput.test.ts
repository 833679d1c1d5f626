import { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  invalidCursors,
} from '@internal/plugin-api-node/testUtils';
import {
  InfraTestBackend,
  asUser,
  startInfraBackendOn,
} from '../__testUtils__/startInfraBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const UUID = '00000000-0000-4000-8000-000000000000';

describeEach('infra router bad input on %s', databaseId => {
  let knex: Knex;
  let backend: InfraTestBackend;

  beforeAll(async () => {
    ({ knex, backend } = await startInfraBackendOn(databases, databaseId));
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const post = (path: string, body: object) =>
    request(backend.server)
      .post(`/api/infra${path}`)
      .set('Authorization', asUser('dev'))
      .send(body);
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/infra${path}`)
      .set('Authorization', asUser('dev'));

  const s3Body = (overrides: Record<string, unknown> = {}) => ({
    kind: 's3-bucket',
    name: `bad-input-${databaseId.toLowerCase().replace(/_/g, '-')}`,
    environment: 'dev',
    ownerRef: 'group:default/team-payments',
    justification: 'Receipts for the payments service',
    parameters: { versioning: true },
    ...overrides,
  });

  it.each([
    ['a NUL character', '%00x'],
    ['a word', 'nope'],
    ['a UUID with a NUL character', `${UUID.slice(0, -1)}%00`],
    ['a very long id', 'x'.repeat(2000)],
  ])('answers 404 for an id that is %s', async (_, id) => {
    const calls = [
      get(`/requests/${id}`),
      get(`/requests/${id}/logs`),
      post(`/requests/${id}/apply`, {}),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/^No infra request /);
      expect(res.body.error.message).not.toContain('\u0000');
    }
    const resources = [
      get(`/resources/${id}`),
      post(`/resources/${id}/destroy`, {
        justification: 'Not needed any more',
      }),
    ];
    for (const res of await Promise.all(resources)) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/^No resource /);
      expect(res.body.error.message).not.toContain('\u0000');
    }
  });

  it('refuses a NUL character in the justification of a new request', async () => {
    const res = await post(
      '/requests',
      s3Body({ justification: 'Receipts for\u0000 the payments service' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /justification: must not contain a NUL character/,
    );
    const parameter = await post(
      '/requests',
      s3Body({ parameters: { versioning: true, 'tag\u0000': 'x' } }),
    );
    expect(parameter.status).toBe(400);
    expect(parameter.body.error.message).toMatch(/parameters\..*NUL/);
    expect(parameter.body.error.message).not.toContain('\u0000');
    const written = await knex('infra_requests').where(
      'resource_name',
      s3Body().name,
    );
    expect(written).toEqual([]);
  });

  it('refuses a NUL character in the justification of a destroy', async () => {
    const planned = await post(
      '/requests',
      s3Body({ name: `${s3Body().name}-destroy` }),
    );
    expect(planned.body.resourceId).toEqual(expect.any(String));
    for (const id of [planned.body.resourceId, UUID]) {
      const res = await post(`/resources/${id}/destroy`, {
        justification: 'Not needed\u0000 any more',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /justification: must not contain a NUL character/,
      );
    }
  });

  it('refuses a NUL character in a list query', async () => {
    for (const path of ['/requests', '/resources']) {
      const res = await get(`${path}?status=%00`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/status: .*NUL/);
    }
  });

  describe.each(['/requests', '/resources'])('GET %s', path => {
    it.each(invalidCursors)(
      'answers 400 to a cursor with %s',
      async (_, cursor) => {
        const res = await get(`${path}?cursor=${encodeURIComponent(cursor)}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/Invalid cursor/);
      },
    );
  });
});
