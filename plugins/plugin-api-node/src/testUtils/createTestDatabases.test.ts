import { createTestDatabases } from './createTestDatabases';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

// TestDatabases registers jest hooks, so each setup runs while its describe block is collected.
function withEnv(value: string | undefined) {
  const saved = process.env[PG_ENV];
  if (value === undefined) delete process.env[PG_ENV];
  else process.env[PG_ENV] = value;
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    return { ...createTestDatabases(), warnings: [...warn.mock.calls] };
  } finally {
    warn.mockRestore();
    if (saved === undefined) delete process.env[PG_ENV];
    else process.env[PG_ENV] = saved;
  }
}

describe('createTestDatabases', () => {
  describe('with the PostgreSQL connection string set', () => {
    const { ids, warnings } = withEnv('postgresql://postgres@127.0.0.1:5432');

    it('uses PostgreSQL and SQLite, quietly', () => {
      expect(ids).toEqual(['POSTGRES_15', 'SQLITE_3']);
      expect(warnings).toEqual([]);
    });
  });

  describe('without it', () => {
    const { databases, ids, warnings } = withEnv(undefined);

    it('uses SQLite only, and says why', () => {
      expect(ids).toEqual(['SQLITE_3']);
      expect(warnings).toEqual([[expect.stringContaining(PG_ENV)]]);
    });

    it('gives a working database', async () => {
      const knex = await databases.init('SQLITE_3');
      await expect(knex.raw('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    });
  });
});
