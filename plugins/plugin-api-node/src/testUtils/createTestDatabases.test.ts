import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from './createTestDatabases';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

// A stand-in for jest's describe that records which blocks run and which are skipped, and
// collects the cases each block declares.
function recordingDescribe() {
  const blocks: { title: string; skipped: boolean; cases: string[] }[] = [];
  let current: string[] = [];
  const collect = (title: string, skipped: boolean, body: () => void) => {
    current = [];
    body();
    blocks.push({ title, skipped, cases: current });
  };
  return {
    blocks,
    declareCase: (name: string) => current.push(name),
    describe: {
      each:
        (ids: TestDatabaseId[]) =>
        (title: string, fn: (id: TestDatabaseId) => void) =>
          ids.forEach(id =>
            collect(title.replace('%s', id), false, () => fn(id)),
          ),
      skip: (title: string, fn: () => void) => collect(title, true, fn),
    },
  };
}

// TestDatabases registers jest hooks, so each setup runs while its describe block is collected.
function withEnv(value: string | undefined, requirePostgres = false) {
  const saved = process.env[PG_ENV];
  if (value === undefined) delete process.env[PG_ENV];
  else process.env[PG_ENV] = value;
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const recording = recordingDescribe();
  try {
    const result = createTestDatabases({
      requirePostgres,
      describe: recording.describe,
    });
    const declare = (skip?: boolean) =>
      result.describeEach(
        'store on %s',
        id => {
          recording.declareCase(`reads on ${id}`);
          recording.declareCase(`writes on ${id}`);
        },
        { skip },
      );
    return {
      ...result,
      warnings: [...warn.mock.calls],
      blocks: recording.blocks,
      declare,
    };
  } finally {
    warn.mockRestore();
    if (saved === undefined) delete process.env[PG_ENV];
    else process.env[PG_ENV] = saved;
  }
}

describe('createTestDatabases', () => {
  describe('with the PostgreSQL connection string set', () => {
    const { ids, warnings, blocks, declare } = withEnv(
      'postgresql://postgres@127.0.0.1:5432',
    );
    declare();

    it('runs every case on PostgreSQL and SQLite, quietly', () => {
      expect(ids).toEqual(['POSTGRES_15', 'SQLITE_3']);
      expect(warnings).toEqual([]);
      expect(blocks).toEqual([
        {
          title: 'store on POSTGRES_15',
          skipped: false,
          cases: ['reads on POSTGRES_15', 'writes on POSTGRES_15'],
        },
        {
          title: 'store on SQLITE_3',
          skipped: false,
          cases: ['reads on SQLITE_3', 'writes on SQLITE_3'],
        },
      ]);
    });
  });

  describe('without it', () => {
    const { databases, ids, warnings, blocks, declare } = withEnv(undefined);
    declare();

    it('runs on SQLite, says why, and declares each PostgreSQL case skipped', () => {
      expect(ids).toEqual(['SQLITE_3']);
      expect(warnings).toEqual([[expect.stringContaining(PG_ENV)]]);
      expect(blocks).toEqual([
        {
          title: 'store on SQLITE_3',
          skipped: false,
          cases: ['reads on SQLITE_3', 'writes on SQLITE_3'],
        },
        {
          title: 'store on POSTGRES_15',
          skipped: true,
          cases: ['reads on POSTGRES_15', 'writes on POSTGRES_15'],
        },
      ]);
    });

    it('gives a working database', async () => {
      const knex = await databases.init('SQLITE_3');
      await expect(knex.raw('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    });
  });

  describe('with skip (a precondition such as a Terraform binary is missing)', () => {
    const { blocks, declare } = withEnv('postgresql://postgres@127.0.0.1:5432');
    declare(true);

    it('declares every block skipped', () => {
      expect(blocks.map(b => [b.title, b.skipped, b.cases.length])).toEqual([
        ['store on POSTGRES_15', true, 2],
        ['store on SQLITE_3', true, 2],
      ]);
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
