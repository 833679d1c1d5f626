// @ts-check

/**
 * Plans become jobs like applies: a request in `planning` is claimed by one worker, which
 * heartbeats; a plan whose worker stops reporting is claimed again, up to a limit.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('How many times a worker claimed this request');
    table.index(['status', 'heartbeat_at'], 'infra_requests_jobs_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.dropIndex(['status', 'heartbeat_at'], 'infra_requests_jobs_idx');
    table.dropColumn('attempts');
  });
};
