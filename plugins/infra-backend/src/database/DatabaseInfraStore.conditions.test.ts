import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { Knex } from 'knex';
import { DatabaseInfraStore } from './DatabaseInfraStore';
import { InfraRequestConditions } from './InfraStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const DEV = 'user:default/dev';
const LINUS = 'user:default/linus';
const PAYMENTS = 'group:default/team-payments';
const SEARCH = 'group:default/team-search';

describe.each(ids)(
  'DatabaseInfraStore permission conditions on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseInfraStore;
    const byName: Record<string, string> = {};

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseInfraStore.create({
        database: mockServices.database({ knex }),
      });
      await knex('infra_logs').delete();
      await knex('infra_requests').delete();
      await knex('infra_resources').delete();
      const rows: Array<[string, string, string]> = [
        ['dev-payments', DEV, PAYMENTS],
        ['dev-search', DEV, SEARCH],
        ['linus-payments', LINUS, PAYMENTS],
        ['linus-search', LINUS, SEARCH],
      ];
      for (const [name, requesterRef, ownerRef] of rows) {
        const request = await store.createRequest(
          {
            operation: 'create',
            kind: 's3-bucket',
            resourceName: name,
            environment: 'dev',
            requesterRef,
            ownerRef,
            justification: 'Condition test fixture',
            parameters: { versioning: true },
          },
          new Date(),
        );
        byName[name] = request.id;
      }
    });

    async function visible(conditions: InfraRequestConditions) {
      const page = await store.listRequests({ conditions, limit: 100 });
      return page.items.map(r => r.resourceName).sort();
    }

    it('filters lists in SQL by requester, owner, and their combinations', async () => {
      expect(await visible({ field: 'requester', refs: [DEV] })).toEqual([
        'dev-payments',
        'dev-search',
      ]);
      expect(await visible({ field: 'owner', refs: [SEARCH] })).toEqual([
        'dev-search',
        'linus-search',
      ]);
      expect(
        await visible({
          anyOf: [
            { field: 'requester', refs: [DEV] },
            { field: 'owner', refs: [SEARCH] },
          ],
        }),
      ).toEqual(['dev-payments', 'dev-search', 'linus-search']);
      expect(
        await visible({
          allOf: [
            { field: 'requester', refs: [LINUS] },
            { not: { field: 'owner', refs: [SEARCH] } },
          ],
        }),
      ).toEqual(['linus-payments']);
      expect(await visible({ anyOf: [] } as never)).toEqual([]);
    });

    it('answers a single read only when the conditions match', async () => {
      const id = byName['linus-search'];
      expect(
        await store.getRequest(id, {
          conditions: { field: 'requester', refs: [DEV] },
        }),
      ).toBeUndefined();
      expect(
        (
          await store.getRequest(id, {
            conditions: { field: 'owner', refs: [SEARCH, DEV] },
          })
        )?.resourceName,
      ).toBe('linus-search');
    });

    it('loads requests by id for the permission framework', async () => {
      const found = await store.getRequests([
        byName['dev-payments'],
        byName['linus-search'],
        '00000000-0000-4000-8000-000000000000',
      ]);
      expect(found.map(r => r.resourceName).sort()).toEqual([
        'dev-payments',
        'linus-search',
      ]);
      expect(await store.getRequests([])).toEqual([]);
    });
  },
);
