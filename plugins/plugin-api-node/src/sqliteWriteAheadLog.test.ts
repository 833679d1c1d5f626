import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { useSqliteWriteAheadLog } from './sqliteWriteAheadLog';
import { createTestDatabases } from './testUtils/createTestDatabases';

const { databases, ids } = createTestDatabases();

async function pragma(knex: Knex, name: string) {
  const rows = await knex.raw(`PRAGMA ${name}`);
  return Object.values(rows[0])[0];
}

describe('useSqliteWriteAheadLog', () => {
  let dir: string;
  let knex: Knex;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-wal-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'plugin.sqlite') },
      useNullAsDefault: true,
      pool: { min: 0, max: 1, idleTimeoutMillis: 50, reapIntervalMillis: 20 },
    });
  });

  afterEach(async () => {
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('switches a SQLite file to the write-ahead log without a sync on each commit', async () => {
    expect(await pragma(knex, 'journal_mode')).toBe('delete');
    await useSqliteWriteAheadLog(knex);
    expect(await pragma(knex, 'journal_mode')).toBe('wal');
    // 1 is NORMAL; SQLite's default is 2, FULL.
    expect(await pragma(knex, 'synchronous')).toBe(1);
  });

  it('configures the connections the pool opens later too', async () => {
    await useSqliteWriteAheadLog(knex);
    // The idle connection is reaped, so the next query runs on a new one.
    await new Promise(r => setTimeout(r, 300));
    expect(knex.client.pool.numFree() + knex.client.pool.numUsed()).toBe(0);
    expect(await pragma(knex, 'synchronous')).toBe(1);
  });

  it.each(ids.filter(id => id !== 'SQLITE_3'))(
    'leaves %s alone',
    async databaseId => {
      const pg = await databases.init(databaseId);
      await expect(useSqliteWriteAheadLog(pg)).resolves.toBeUndefined();
      await expect(pg.raw('select 1')).resolves.toBeDefined();
    },
  );
});
