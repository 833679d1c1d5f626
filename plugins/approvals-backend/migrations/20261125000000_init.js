// @ts-check

/**
 * Approval requests, their approver sets, votes and history.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('approval_requests', table => {
    table.comment('Approval requests opened by plugins on behalf of users');
    table.string('id', 36).primary();
    table.string('kind', 63).notNullable();
    table.string('title', 200).notNullable();
    table.text('summary');
    table.string('status', 16).notNullable();
    table.string('requester_ref', 255).notNullable();
    table.string('on_behalf_of_ref', 255);
    table.string('created_by', 255).notNullable();
    table
      .text('approver_users')
      .notNullable()
      .comment('JSON array of user refs');
    table
      .text('approver_groups')
      .notNullable()
      .comment('JSON array of group refs');
    table.integer('quorum').notNullable();
    table.integer('approvals').notNullable().defaultTo(0);
    table.text('payload').notNullable().comment('Canonical JSON');
    table.string('payload_hash', 64).notNullable();
    table.text('details').comment('JSON object for the UI');
    table.text('links').notNullable().comment('JSON array');
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(
      ['status', 'created_at'],
      'approval_requests_status_created_idx',
    );
    table.index(
      ['requester_ref', 'created_at'],
      'approval_requests_requester_idx',
    );
    table.index(['status', 'expires_at'], 'approval_requests_expiry_idx');
  });

  await knex.schema.createTable('approval_request_approvers', table => {
    table.comment(
      'One row per approver user or group of a request, for SQL filtering',
    );
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('approval_requests')
      .onDelete('CASCADE');
    table.string('approver_ref', 255).notNullable();
    table.primary(['request_id', 'approver_ref']);
    table.index(['approver_ref', 'request_id'], 'approval_approvers_ref_idx');
  });

  await knex.schema.createTable('approval_votes', table => {
    table.comment('One vote per person per request');
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('approval_requests')
      .onDelete('CASCADE');
    table.string('actor_ref', 255).notNullable();
    table.string('decision', 8).notNullable();
    table.text('comment');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['request_id', 'actor_ref']);
  });

  await knex.schema.createTable('approval_history', table => {
    table.comment('Append-only history of each request');
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('approval_requests')
      .onDelete('CASCADE');
    table.string('type', 16).notNullable();
    table.string('actor_ref', 255);
    table.text('comment');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['request_id'], 'approval_history_request_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('approval_history');
  await knex.schema.dropTable('approval_votes');
  await knex.schema.dropTable('approval_request_approvers');
  await knex.schema.dropTable('approval_requests');
};
