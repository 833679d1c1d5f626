import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always, and PostgreSQL 15 when the connection-string variable is set
 * (scripts/postgres-for-tests.sh sets it when 127.0.0.1:5432 answers).
 *
 * Without PostgreSQL, races and SQL conditions would be proven on SQLite alone, whose one
 * connection serializes everything. So where PostgreSQL is required (by default when
 * `CI=true`) a missing one fails the test file; elsewhere the file reports a skipped test
 * that names why, so the summary line shows it.
 */
export function createTestDatabases(
  options: {
    requirePostgres?: boolean;
    /** Registers the skipped test; jest's `it.skip` unless a test of this helper passes its own. */
    skip?: (name: string, fn: () => void) => void;
  } = {},
): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const requirePostgres = options.requirePostgres ?? process.env.CI === 'true';
  if (process.env[PG_ENV]) {
    const ids: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];
    return { databases: TestDatabases.create({ ids }), ids };
  }
  const why = `${PG_ENV} is not set (no PostgreSQL at 127.0.0.1:5432)`;
  if (requirePostgres) {
    throw new Error(
      `PostgreSQL is required here (CI=true): ${why}. Start it, or source scripts/postgres-for-tests.sh`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(`PostgreSQL tests skipped: ${why}`);
  (options.skip ?? it.skip)(`on PostgreSQL 15: skipped, ${why}`, () => {});
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  return { databases: TestDatabases.create({ ids }), ids };
}
