// @ts-check

/**
 * Access requests: one row per request, and its grant once approved.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_requests', table => {
    table.comment(
      'Requests for temporary access to a role or group, and their grants',
    );
    table.string('id', 36).primary();
    table.string('requester_ref', 255).notNullable();
    table.string('target_id', 255).notNullable();
    table.string('target_kind', 16).notNullable().comment('role or group');
    table
      .string('target_name', 255)
      .notNullable()
      .comment('The role name or the group entity ref');
    table.string('duration', 16).notNullable().comment('As chosen, e.g. 4h');
    table.integer('duration_seconds').notNullable();
    table.text('reason').notNullable();
    table.string('status', 16).notNullable();
    // requester and target while the request is pending or active, null after: the unique
    // index lets a user hold one open request per target, whichever replica takes it.
    table
      .string('open_key', 520)
      .unique({ indexName: 'access_requests_open_key' });
    table.string('approval_id', 36).unique({
      indexName: 'access_requests_approval_id',
    });
    table.string('decided_by', 255);
    table.timestamp('decided_at', { useTz: true });
    table.text('decision_comment');
    table.timestamp('granted_at', { useTz: true });
    table.timestamp('expires_at', { useTz: true });
    table.string('revoked_by', 255);
    table.timestamp('revoked_at', { useTz: true });
    table.text('revoke_reason');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    // Keyset pagination reads newest first, over all requests or one requester's.
    table.index(['created_at', 'id'], 'access_requests_created_idx');
    table.index(
      ['requester_ref', 'created_at', 'id'],
      'access_requests_requester_idx',
    );
    // The expiry task and the active-grants list read active rows by expiry; the approval
    // sweep reads pending ones.
    table.index(['status', 'expires_at'], 'access_requests_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('access_requests');
};
