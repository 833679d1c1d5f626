// @ts-check

/**
 * Items, and the approval that publishes each.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('items', table => {
    table.comment('Items of this plugin; one row per item');
    table.string('id', 36).primary();
    table.string('title', 200).notNullable();
    table.text('description');
    table.string('status', 32).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('approval_id', 36).unique();
    // Keyset pagination reads newest first.
    table.index(['created_at', 'id'], 'items_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('items');
};
