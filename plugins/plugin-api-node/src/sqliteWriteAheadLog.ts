import { Knex } from 'knex';

/**
 * On SQLite (the embedded default), switches a plugin's database to write-ahead logging with
 * `synchronous = NORMAL`. The journal mode is stored in the file, and better-sqlite3's SQLite
 * defaults to NORMAL in that mode, so connections the pool opens later get both. Otherwise
 * every commit waits for the disk, and better-sqlite3 waits on the event loop: a store that
 * writes on the request path (the audit trail records every catalog read) held up every other
 * request. A commit still survives the process crashing; only a power loss can take the last
 * commits with it, which is the embedded default's trade, not production's (PostgreSQL).
 * Does nothing on other databases or in memory.
 */
export async function useSqliteWriteAheadLog(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'better-sqlite3') {
    return;
  }
  const connection = await knex.client.acquireConnection();
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
