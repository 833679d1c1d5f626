import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * The test file's one database, emptied of access requests before each test: a database per
 * test would hold a connection pool each until the end, more than a shared PostgreSQL allows.
 * Call it inside a `describeEach` block; the getter answers once the block's `beforeAll` ran.
 */
export function useEmptiedDatabase(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): () => Knex {
  let knex: Knex | undefined;
  beforeAll(async () => {
    knex = await databases.init(databaseId);
  });
  beforeEach(async () => {
    if (await knex!.schema.hasTable('access_requests')) {
      await knex!('access_requests').delete();
    }
  });
  return () => {
    if (!knex) {
      throw new Error('The test database is only there once beforeAll has run');
    }
    return knex;
  };
}
