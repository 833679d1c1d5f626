// @ts-check

/**
 * The catalog provider's last refresh, as it reports it (one row), so the operations
 * dashboard says whether the Resource entities are in step with the resources.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('infra_catalog_sync', table => {
    table.integer('id').primary();
    table.timestamp('refreshed_at', { useTz: true }).notNullable();
    table.boolean('succeeded').notNullable();
    table.integer('entities');
    table.text('error');
    table.timestamp('last_success_at', { useTz: true });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('infra_catalog_sync');
};
