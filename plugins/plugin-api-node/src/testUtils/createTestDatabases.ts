import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always, and PostgreSQL 15 when the connection-string variable is set
 * (scripts/postgres-for-tests.sh sets it when 127.0.0.1:5432 answers).
 * Says so when PostgreSQL is skipped, rather than skipping silently.
 */
export function createTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const ids: TestDatabaseId[] = process.env[PG_ENV]
    ? ['POSTGRES_15', 'SQLITE_3']
    : ['SQLITE_3'];
  if (!process.env[PG_ENV]) {
    // eslint-disable-next-line no-console
    console.warn(
      `PostgreSQL tests skipped: ${PG_ENV} is not set (no PostgreSQL at 127.0.0.1:5432)`,
    );
  }
  return { databases: TestDatabases.create({ ids }), ids };
}
