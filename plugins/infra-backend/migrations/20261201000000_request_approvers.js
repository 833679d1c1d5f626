// @ts-check

/**
 * The approvers (users and groups) each request's approval was opened with, one row each, so
 * the IS_APPROVER permission rule filters request lists in SQL. Requests linked before this
 * migration have no rows: their approvers live in the approvals plugin's database.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('infra_request_approvers', table => {
    // No quotes in the comment: knex does not escape them for PostgreSQL.
    table.comment(
      'One row per approver user or group of the approval of a request, for SQL filtering',
    );
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('infra_requests')
      .onDelete('CASCADE');
    table.string('approver_ref', 255).notNullable();
    table.primary(['request_id', 'approver_ref']);
    table.index(
      ['approver_ref', 'request_id'],
      'infra_request_approvers_ref_idx',
    );
  });
  // The IS_OWNER rule filters request lists by owner, newest first.
  await knex.schema.alterTable('infra_requests', table => {
    table.index(['owner_ref', 'created_at'], 'infra_requests_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('infra_requests', table => {
    table.dropIndex(['owner_ref', 'created_at'], 'infra_requests_owner_idx');
  });
  await knex.schema.dropTable('infra_request_approvers');
};
