// @ts-check

/**
 * The guardrails' results on each request's plan (JSON), stored with the plan so the
 * approver sees the same results the request was checked with.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.text('guardrails');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.dropColumn('guardrails');
  });
};
