import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
const ALL_IDS: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];

/** Jest's `describe` and `describe.skip`, replaceable by a test of this helper. */
type Describe = {
  each: (
    ids: TestDatabaseId[],
  ) => (title: string, fn: (databaseId: TestDatabaseId) => void) => void;
  skip: (title: string, fn: () => void) => void;
};

/**
 * SQLite always, and PostgreSQL 15 when the connection-string variable is set
 * (scripts/postgres-for-tests.sh sets it when 127.0.0.1:5432 answers).
 *
 * Without PostgreSQL, races and SQL conditions would be proven on SQLite alone, whose one
 * connection serializes everything. So where PostgreSQL is required (by default when
 * `CI=true`) a missing one fails the test file. Elsewhere `describeEach` still declares the
 * PostgreSQL block, skipped, so that every one of its cases counts as skipped in the summary
 * line.
 */
export function createTestDatabases(
  options: {
    requirePostgres?: boolean;
    describe?: Describe;
  } = {},
): {
  databases: TestDatabases;
  /** The databases this run has. */
  ids: TestDatabaseId[];
  /**
   * `describe.each` over both databases; `%s` in the title is the database id. With
   * `skip`, or for PostgreSQL where there is none, the block is declared skipped.
   */
  describeEach: (
    title: string,
    fn: (databaseId: TestDatabaseId) => void,
    describeOptions?: { skip?: boolean },
  ) => void;
} {
  const jestDescribe = options.describe ?? (describe as unknown as Describe);
  const requirePostgres = options.requirePostgres ?? process.env.CI === 'true';
  let ids = ALL_IDS;
  if (!process.env[PG_ENV]) {
    const why = `${PG_ENV} is not set (no PostgreSQL at 127.0.0.1:5432)`;
    if (requirePostgres) {
      throw new Error(
        `PostgreSQL is required here (CI=true): ${why}. Start it, or source scripts/postgres-for-tests.sh`,
      );
    }
    // eslint-disable-next-line no-console
    console.warn(`PostgreSQL tests skipped: ${why}`);
    ids = ['SQLITE_3'];
  }
  const databases = TestDatabases.create({ ids });
  return {
    databases,
    ids,
    describeEach(title, fn, describeOptions = {}) {
      const run = describeOptions.skip ? [] : ids;
      if (run.length) jestDescribe.each(run)(title, fn);
      for (const id of ALL_IDS.filter(all => !run.includes(all))) {
        jestDescribe.skip(title.replace('%s', id), () => fn(id));
      }
    },
  };
}
