import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();
const directory = resolvePackagePath(
  '@internal/plugin-audit-node',
  'migrations',
);

describeEach('audit migrations on %s', id => {
  it('go up, down to nothing (the rows with them), and up again', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('audit_entries')).toBe(true);
    expect(await knex.schema.hasTable('audit_anchor')).toBe(true);
    await knex('audit_entries').insert({
      id: 1,
      timestamp: new Date(),
      correlation_id: 'c',
      actor_type: 'none',
      plugin: 'p',
      event_id: 'e',
      outcome: 'succeeded',
      severity: 'low',
      meta: '{}',
      prev_hash: '0'.repeat(64),
      hash: '1'.repeat(64),
    });

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('audit_entries')).toBe(false);
    expect(await knex.schema.hasTable('audit_anchor')).toBe(false);

    await knex.migrate.latest({ directory });
    expect(Number((await knex('audit_entries').count({ n: '*' }))[0].n)).toBe(
      0,
    );
  });
});
