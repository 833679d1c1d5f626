// @ts-check

/**
 * How each request's approval was decided (JSON: status, actor, comment, time), so the
 * requester's page says who rejected it and why without asking the approvals backend.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.text('decision');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.dropColumn('decision');
  });
};
