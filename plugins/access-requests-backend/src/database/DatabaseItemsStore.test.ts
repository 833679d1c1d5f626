import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { DatabaseItemsStore } from './DatabaseItemsStore';

const { databases, describeEach } = createTestDatabases();

describeEach('DatabaseItemsStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseItemsStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it('pages through items newest first without gaps or repeats', async () => {
    const { store } = await createStore();
    for (let i = 0; i < 5; i++) {
      await store.create({ title: `Item ${i}`, createdBy: 'user:default/jane' });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 2, cursor });
      seen.push(...page.items.map(i => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await store.list({ limit: 10 });
    expect(all.nextCursor).toBeUndefined();
    expect(seen).toEqual(all.items.map(i => i.id));
    expect(new Set(seen).size).toBe(5);
  });

  it('lets only one caller claim a draft for approval', async () => {
    const { store } = await createStore();
    const item = await store.create({ title: 'Once', createdBy: 'user:default/jane' });
    const claims = await Promise.all([
      store.claimForApproval(item.id),
      store.claimForApproval(item.id),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('moves an item only for the approval that covers it', async () => {
    const { store } = await createStore();
    const item = await store.create({ title: 'Gated', createdBy: 'user:default/jane' });
    await store.claimForApproval(item.id);
    await store.linkApproval(item.id, 'approval-1');

    expect(await store.publish('approval-2')).toBeUndefined();
    expect(await store.publish('approval-1')).toMatchObject({
      status: 'published',
    });
    // Already published: a late rejection does not bring it back.
    expect(await store.backToDraft('approval-1')).toBeUndefined();
  });

  it('migrates down and up again', async () => {
    const { knex } = await createStore();
    const directory = `${__dirname}/../../migrations`;
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('items')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('items')).toBe(true);
  });
});
