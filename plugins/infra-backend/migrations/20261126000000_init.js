// @ts-check

/**
 * Provisioning requests, the resources they create or destroy, and their Terraform logs.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('infra_resources', table => {
    table.comment('Resources Gantry provisions; one Terraform workspace each');
    table.string('id', 36).primary();
    table.string('kind', 32).notNullable();
    table.string('name', 63).notNullable();
    table.string('environment', 8).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('system_ref', 255);
    table
      .string('status', 16)
      .notNullable()
      .comment('pending | active | destroyed');
    table.text('outputs').notNullable().comment('JSON, never sensitive values');
    table.string('last_request_id', 36).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['owner_ref', 'created_at'], 'infra_resources_owner_idx');
  });
  // One live resource per name (catalog entity names must be unique); destroyed ones free it.
  await knex.raw(
    "CREATE UNIQUE INDEX infra_resources_live_name_idx ON infra_resources (name) WHERE status <> 'destroyed'",
  );

  await knex.schema.createTable('infra_requests', table => {
    table.comment('Provisioning requests: plan, approval, apply');
    table.string('id', 36).primary();
    table.string('operation', 8).notNullable().comment('create | destroy');
    table.string('kind', 32).notNullable();
    table
      .string('resource_id', 36)
      .notNullable()
      .references('id')
      .inTable('infra_resources');
    table.string('resource_name', 63).notNullable();
    table.string('environment', 8).notNullable();
    table.string('requester_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('system_ref', 255);
    table.text('justification').notNullable();
    table.text('parameters').notNullable().comment('JSON');
    table.string('status', 20).notNullable();
    table.string('approval_id', 36).unique();
    table.string('plan_hash', 64);
    table.text('plan_summary').comment('JSON PlanSummaryDocument');
    table.binary('plan_file').comment('The saved plan, applied byte for byte');
    table.text('outputs').comment('JSON, never sensitive values');
    table.text('error');
    table.string('superseded_by', 36);
    table.string('claimed_by', 64).comment('Replica running the apply');
    table.timestamp('heartbeat_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('apply_started_at', { useTz: true });
    table.timestamp('applied_at', { useTz: true });
    table.index(
      ['requester_ref', 'created_at'],
      'infra_requests_requester_idx',
    );
    table.index(['status', 'updated_at'], 'infra_requests_status_idx');
    table.index(['resource_id'], 'infra_requests_resource_idx');
  });

  await knex.schema.createTable('infra_logs', table => {
    table.comment('Terraform output per request, redacted, in order');
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('infra_requests')
      .onDelete('CASCADE');
    table.integer('seq').notNullable();
    table.string('stream', 8).notNullable();
    table.text('line').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['request_id', 'seq'], {
      indexName: 'infra_logs_request_seq_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('infra_logs');
  await knex.schema.dropTable('infra_requests');
  await knex.schema.dropTable('infra_resources');
};
