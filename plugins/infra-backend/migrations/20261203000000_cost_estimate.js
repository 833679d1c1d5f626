// @ts-check

/**
 * The estimated monthly cost of each request's plan (JSON), stored with the plan so the
 * approver sees the estimate of the plan they approve.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.text('cost_estimate');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.dropColumn('cost_estimate');
  });
};
