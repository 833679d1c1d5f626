import { DatabaseAuditStore } from '@internal/plugin-audit-node';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import {
  asPlugin,
  asPluginFor,
  asUser,
  startApprovalsBackend,
} from '../__testUtils__/startApprovalsBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

/** A token of the search plugin, the one caller of the route. */
const asSearch = () =>
  `Bearer ${mockCredentials.service.token({
    onBehalfOf: mockCredentials.service('plugin:search'),
    targetPluginId: 'approvals',
  })}`;

describeEach('GET /search/requests on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startApprovalsBackend>>;

  beforeAll(async () => {
    backend = await startApprovalsBackend(await databases.init(databaseId), {
      auditStore: await DatabaseAuditStore.create({
        knex: await databases.init(databaseId),
      }),
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function open(title: string, requester: string) {
    const res = await request(backend.server)
      .post('/api/approvals/requests')
      .set('Authorization', asPluginFor(requester))
      .send({
        kind: 'demo',
        title,
        approvers: { groups: ['group:default/approvers'] },
        payload: { title },
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const list = (auth: string, query: Record<string, string> = {}) =>
    request(backend.server)
      .get('/api/approvals/search/requests')
      .query(query)
      .set('Authorization', auth);

  it('gives a plugin every request, whoever asked, a page at a time', async () => {
    const opened = [
      await open('Bucket for dev', 'dev'),
      await open('Queue for linus', 'linus'),
      await open('Topic for grace', 'grace'),
    ];

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(asSearch(), {
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((item: { id: string }) => item.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(expect.arrayContaining(opened));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses people, plugins acting for a person, and any plugin but search', async () => {
    expect((await list(asUser('ada'))).status).toBe(403);
    const fromInfra = await list(asPlugin());
    expect(fromInfra.status).toBe(403);
    expect(fromInfra.body.error.message).toBe(
      'Only the search plugin may list every approval request',
    );
    expect((await list(asPluginFor('ada'))).status).toBe(403);
    expect([401, 403]).toContain(
      (await request(backend.server).get('/api/approvals/search/requests'))
        .status,
    );
  });

  it('rejects a bad page size or cursor', async () => {
    expect((await list(asSearch(), { limit: '0' })).status).toBe(400);
    expect((await list(asSearch(), { limit: '501' })).status).toBe(400);
    expect((await list(asSearch(), { cursor: 'not-a-cursor' })).status).toBe(
      400,
    );
    expect((await list(asSearch(), { other: 'x' })).status).toBe(400);
  });
});
