import { createTestDatabases } from './createTestDatabases';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

// TestDatabases registers jest hooks, so each setup runs while its describe block is collected.
function withEnv(value: string | undefined, requirePostgres = false) {
  const saved = process.env[PG_ENV];
  if (value === undefined) delete process.env[PG_ENV];
  else process.env[PG_ENV] = value;
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const skip = jest.fn();
  try {
    return {
      ...createTestDatabases({ requirePostgres, skip }),
      warnings: [...warn.mock.calls],
      skipped: skip.mock.calls.map(([name]) => name),
    };
  } finally {
    warn.mockRestore();
    if (saved === undefined) delete process.env[PG_ENV];
    else process.env[PG_ENV] = saved;
  }
}

describe('createTestDatabases', () => {
  describe('with the PostgreSQL connection string set', () => {
    const { ids, warnings, skipped } = withEnv(
      'postgresql://postgres@127.0.0.1:5432',
    );

    it('uses PostgreSQL and SQLite, quietly', () => {
      expect(ids).toEqual(['POSTGRES_15', 'SQLITE_3']);
      expect(warnings).toEqual([]);
      expect(skipped).toEqual([]);
    });
  });

  describe('without it', () => {
    const { databases, ids, warnings, skipped } = withEnv(undefined);

    it('uses SQLite only, says why, and counts the PostgreSQL cases as skipped', () => {
      expect(ids).toEqual(['SQLITE_3']);
      expect(warnings).toEqual([[expect.stringContaining(PG_ENV)]]);
      expect(skipped).toEqual([expect.stringContaining(PG_ENV)]);
    });

    it('gives a working database', async () => {
      const knex = await databases.init('SQLITE_3');
      await expect(knex.raw('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    });
  });

  describe('without it, where PostgreSQL is required', () => {
    it('fails rather than proving races on SQLite alone', () => {
      expect(() => withEnv(undefined, true)).toThrow(
        /PostgreSQL is required here/,
      );
    });
  });
});
