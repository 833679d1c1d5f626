// @ts-check

/**
 * The central audit trail: one hash-chained, append-only table for every plugin, and the
 * anchor that keeps the chain verifiable after retention deletes its oldest entries.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_entries', table => {
    table.comment(
      'Append-only audit events of every plugin, hash-chained by id',
    );
    table
      .bigIncrements('id')
      .primary()
      .comment(
        'The sequence number in the chain, assigned under the append lock',
      );
    table.timestamp('timestamp', { useTz: true }).notNullable();
    table.string('correlation_id', 64).notNullable();
    table.string('actor_ref', 255);
    table.string('actor_type', 16).notNullable();
    table.string('ip', 64);
    table.text('user_agent');
    table.string('plugin', 64).notNullable();
    table.string('event_id', 128).notNullable();
    table.string('action', 128);
    table.text('target');
    table.string('outcome', 16).notNullable();
    table.text('error');
    table.string('severity', 16).notNullable();
    table.text('meta').notNullable().comment('Redacted, canonical JSON');
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    // Every search reads newest first by id, so each filter leads an index ending in id.
    table.index(['actor_ref', 'id'], 'audit_entries_actor_idx');
    table.index(['target', 'id'], 'audit_entries_target_idx');
    table.index(['plugin', 'timestamp', 'id'], 'audit_entries_plugin_time_idx');
    table.index(['event_id', 'id'], 'audit_entries_event_idx');
    table.index(['outcome', 'id'], 'audit_entries_outcome_idx');
    table.index(['severity', 'id'], 'audit_entries_severity_idx');
    table.index(['correlation_id'], 'audit_entries_correlation_idx');
    table.index(['timestamp'], 'audit_entries_timestamp_idx');
  });

  await knex.schema.createTable('audit_anchor', table => {
    table.comment(
      'One row: the id and hash of the last entry retention deleted',
    );
    table.integer('id').primary().comment('Always 1');
    table.bigInteger('seq').notNullable();
    table.string('hash', 64).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_anchor');
  await knex.schema.dropTable('audit_entries');
};
