// @ts-check

/**
 * A search with a time range reads newest first by time (then id), so that the time range
 * leads the index: ordered by id, PostgreSQL walked every newer entry to reach a window in
 * the past. (plugin, timestamp, id) serves it with a plugin; this one without.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_entries', table => {
    table.dropIndex(['timestamp'], 'audit_entries_timestamp_idx');
    table.index(['timestamp', 'id'], 'audit_entries_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_entries', table => {
    table.dropIndex(['timestamp', 'id'], 'audit_entries_time_idx');
    table.index(['timestamp'], 'audit_entries_timestamp_idx');
  });
};
